//! An article as a CMS post's body: headings, paragraphs, the pull quote as a
//! quote, the perspectives as columns, then the byline, the sources with their
//! licence lines and the integrity line. For WordPress each element is a block
//! (its `<!-- wp:… -->` comments around it); for Ghost it is plain HTML. Every
//! word a source or a model wrote is escaped: `<script>`, a block comment
//! (`<!-- wp:html -->`) and a shortcode (`[embed]`) reach the page as the text
//! they are.

use crate::article::{Article, Paragraph};
use crate::lang::labels::for_language;

/// Text made inert for WordPress: HTML's special characters as entities, and
/// the brackets that open a shortcode.
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '[' => out.push_str("&#91;"),
            ']' => out.push_str("&#93;"),
            c => out.push(c),
        }
    }
    out
}

/// How the body is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// WordPress blocks.
    Blocks,
    /// Plain HTML (Ghost's HTML card).
    Html,
}

/// `html` inside the block `name`'s comments, or as it is.
fn block(flavor: Flavor, name: &str, html: &str) -> String {
    match flavor {
        Flavor::Blocks => format!("<!-- wp:{name} -->\n{html}\n<!-- /wp:{name} -->\n\n"),
        Flavor::Html => format!("{html}\n"),
    }
}

fn paragraph(flavor: Flavor, s: &str) -> String {
    block(flavor, "paragraph", &format!("<p>{}</p>", text(s)))
}

fn heading(flavor: Flavor, level: u8, s: &str) -> String {
    let html = format!("<h{level} class=\"wp-block-heading\">{}</h{level}>", text(s));
    match flavor {
        Flavor::Blocks if level != 2 => {
            format!("<!-- wp:heading {{\"level\":{level}}} -->\n{html}\n<!-- /wp:heading -->\n\n")
        }
        _ => block(flavor, "heading", &html),
    }
}

fn some(p: &Paragraph) -> Option<&str> {
    let t = p.text.trim();
    (!t.is_empty()).then_some(t)
}

/// The post's content: the article (without its headline, which is the post's
/// title, and its deck, which is the excerpt), an update's note first.
pub(crate) fn content(a: &Article, updated: Option<&str>, flavor: Flavor) -> String {
    let l = for_language(&a.meta.language);
    let f = flavor;
    let mut out = String::new();
    if let Some(note) = updated {
        out.push_str(&paragraph(f, note.trim().trim_matches('*')));
    }
    out.push_str(&paragraph(f, &a.lede.text));
    if let Some(q) = a.pull_quote.as_deref().filter(|q| !q.trim().is_empty()) {
        let inner = paragraph(f, q);
        out.push_str(&block(
            f,
            "quote",
            &format!(
                "<blockquote class=\"wp-block-quote\">{}</blockquote>",
                inner.trim_end()
            ),
        ));
    }
    for s in &a.sections {
        out.push_str(&heading(f, 2, &s.subhead));
        for p in &s.paragraphs {
            out.push_str(&paragraph(f, &p.text));
        }
    }
    out.push_str(&heading(f, 2, l.sides_heading));
    let mut columns = String::new();
    for p in &a.perspectives {
        let mut column = heading(f, 3, &p.subhead);
        for (label, part) in [
            (l.stated_position, &p.position),
            (l.reasons, &p.reasons),
            (l.implications, &p.implications),
        ] {
            if let Some(t) = some(part) {
                column.push_str(&paragraph(f, &format!("{label}: {t}")));
            }
        }
        columns.push_str(&block(
            f,
            "column",
            &format!("<div class=\"wp-block-column\">{column}</div>"),
        ));
    }
    out.push_str(&block(
        f,
        "columns",
        &format!("<div class=\"wp-block-columns\">{columns}</div>"),
    ));
    if let Some(t) = a.closing.as_ref().and_then(some) {
        out.push_str(&heading(f, 2, l.what_to_watch));
        out.push_str(&paragraph(f, t));
    }
    out.push_str(&paragraph(f, &format!("{} — {}", a.byline.name, a.byline.bio)));
    out.push_str(&heading(f, 2, l.sources));
    out.push_str(&sources(f, a));
    let line = super::site::integrity(a);
    if !line.is_empty() {
        out.push_str(&paragraph(f, line.trim_matches('*')));
    }
    out
}

/// The sources as a list, each with its publisher, date, licence line and
/// provenance, linked when its address is a web address.
fn sources(f: Flavor, a: &Article) -> String {
    let mut items = String::new();
    for s in &a.sources {
        let mut line = s.title.clone();
        if let Some(p) = &s.publisher {
            line.push_str(&format!(", {p}"));
        }
        if let Some(d) = &s.published {
            line.push_str(&format!(" ({d})"));
        }
        let notes = s.notes();
        if !notes.is_empty() {
            line.push_str(&format!(". {notes}"));
        }
        let item = match s.url.as_deref().filter(|u| crate::text::is_web_url(u)) {
            Some(url) => format!("<a href=\"{}\">{}</a>", text(url), text(&line)),
            None => text(&line),
        };
        items.push_str(&block(f, "list-item", &format!("<li>{item}</li>")));
    }
    block(f, "list", &format!("<ul>{items}</ul>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_source_wrote_stays_text() {
        let hostile =
            "<script>alert(1)</script> <!-- wp:html --><b>x</b><!-- /wp:html --> [embed]https://x[/embed]";
        let t = text(hostile);
        for live in ["<script", "<!--", "[embed]", "<b>"] {
            assert!(!t.contains(live), "{live} in {t}");
        }
        assert!(t.contains("&lt;script&gt;") && t.contains("&#91;embed&#93;"));
    }
}
