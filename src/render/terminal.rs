//! The article formatted for reading in a terminal (when stdout is one): bold
//! headings, wrapped paragraphs, dim citations. Model text is stripped of control
//! characters so it cannot move the cursor, retitle the window or smuggle links.

use crate::article::{Article, Paragraph};
use crate::lang::labels;

/// Whether to colour: not when `NO_COLOR` is set.
pub(crate) fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none()
}

/// Remove escape sequences and control characters (keeping newlines).
pub(crate) fn sanitize(s: &str) -> String {
    s.chars()
        .filter(|c| *c == '\n' || !(c.is_control() || ('\u{80}'..='\u{9f}').contains(c)))
        .collect()
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    for word in text.split_whitespace() {
        if line.chars().count() + word.chars().count() + 1 > width && !line.trim().is_empty() {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
        }
        line.push_str(word);
        line.push(' ');
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn para(st: &Style, p: &Paragraph, width: usize, indent: &str) -> String {
    let cites = if p.cites.is_empty() {
        String::new()
    } else {
        format!(" [{}]", p.cites.join(", "))
    };
    let text = wrap(&format!("{}{}", sanitize(&p.text), cites), width, indent);
    match text.rfind(" [") {
        Some(i) if !cites.is_empty() => format!("{}{}\n", &text[..i], st.paint("2", text[i..].trim_end())),
        _ => text,
    }
}

/// The article for a terminal `width` columns wide.
pub(crate) fn render(a: &Article, width: usize, colour: bool) -> String {
    let st = Style { on: colour };
    let l = labels::for_language(&a.meta.language);
    let width = width.clamp(40, 100);
    let mut out = String::new();
    out.push_str(&st.paint("1", wrap(&sanitize(&a.headline), width, "").trim_end()));
    out.push('\n');
    out.push_str(&st.paint("3", wrap(&sanitize(&a.deck), width, "").trim_end()));
    out.push_str("\n\n");
    if let Some(q) = &a.pull_quote {
        out.push_str(&wrap(&format!("“{}”", sanitize(q)), width, "  │ "));
        out.push('\n');
    }
    out.push_str(&para(&st, &a.lede, width, ""));
    for s in &a.sections {
        out.push('\n');
        out.push_str(&st.paint("1", &sanitize(&s.subhead)));
        out.push('\n');
        for p in &s.paragraphs {
            out.push_str(&para(&st, p, width, ""));
        }
    }
    out.push('\n');
    out.push_str(&st.paint("1;4", l.sides_heading));
    out.push('\n');
    for p in &a.perspectives {
        out.push('\n');
        out.push_str(&st.paint("1", &sanitize(&p.label)));
        if p.subhead != p.label {
            out.push_str(&format!(" — {}", sanitize(&p.subhead)));
        }
        out.push('\n');
        for (name, part) in [
            (l.stated_position, &p.position),
            (l.reasons, &p.reasons),
            (l.implications, &p.implications),
        ] {
            if part.text.trim().is_empty() {
                continue;
            }
            out.push_str(&st.paint("2", &format!("  {name}")));
            out.push('\n');
            out.push_str(&para(&st, part, width, "  "));
        }
    }
    if let Some(c) = &a.closing {
        out.push('\n');
        out.push_str(&st.paint("1", l.what_to_watch));
        out.push('\n');
        out.push_str(&para(&st, c, width, ""));
    }
    out.push('\n');
    out.push_str(&st.paint(
        "2",
        &wrap(
            &format!("{} · {}", sanitize(&a.byline.name), sanitize(&a.byline.bio)),
            width,
            "",
        ),
    ));
    out
}

#[cfg(test)]
mod tests;
