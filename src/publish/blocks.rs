//! An article as WordPress block markup: headings, paragraphs, the pull quote as
//! a quote block, the perspectives as a group of columns, then the byline, the
//! sources with their licence lines and the integrity line. Every word a source
//! or a model wrote is escaped: `<script>`, a block comment (`<!-- wp:html -->`)
//! and a shortcode (`[embed]`) reach the page as the text they are.

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

fn paragraph(s: &str) -> String {
    format!(
        "<!-- wp:paragraph -->\n<p>{}</p>\n<!-- /wp:paragraph -->\n\n",
        text(s)
    )
}

fn heading(level: u8, s: &str) -> String {
    let attrs = if level == 2 {
        String::new()
    } else {
        format!(" {{\"level\":{level}}}")
    };
    format!(
        "<!-- wp:heading{attrs} -->\n<h{level} class=\"wp-block-heading\">{}</h{level}>\n<!-- /wp:heading -->\n\n",
        text(s)
    )
}

fn some(p: &Paragraph) -> Option<&str> {
    let t = p.text.trim();
    (!t.is_empty()).then_some(t)
}

/// The post's content: the article (without its headline, which is the post's
/// title, and its deck, which is the excerpt) in blocks, an update's note first.
pub(crate) fn content(a: &Article, updated: Option<&str>) -> String {
    let l = for_language(&a.meta.language);
    let mut out = String::new();
    if let Some(note) = updated {
        out.push_str(&paragraph(note.trim().trim_matches('*')));
    }
    out.push_str(&paragraph(&a.lede.text));
    if let Some(q) = a.pull_quote.as_deref().filter(|q| !q.trim().is_empty()) {
        out.push_str(&format!(
            "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">{}</blockquote>\n<!-- /wp:quote -->\n\n",
            paragraph(q).trim_end()
        ));
    }
    for s in &a.sections {
        out.push_str(&heading(2, &s.subhead));
        for p in &s.paragraphs {
            out.push_str(&paragraph(&p.text));
        }
    }
    out.push_str(&heading(2, l.sides_heading));
    out.push_str("<!-- wp:columns -->\n<div class=\"wp-block-columns\">");
    for p in &a.perspectives {
        out.push_str("<!-- wp:column -->\n<div class=\"wp-block-column\">");
        out.push_str(&heading(3, &p.subhead));
        for (label, part) in [
            (l.stated_position, &p.position),
            (l.reasons, &p.reasons),
            (l.implications, &p.implications),
        ] {
            if let Some(t) = some(part) {
                out.push_str(&paragraph(&format!("{label}: {t}")));
            }
        }
        out.push_str("</div>\n<!-- /wp:column -->\n\n");
    }
    out.push_str("</div>\n<!-- /wp:columns -->\n\n");
    if let Some(t) = a.closing.as_ref().and_then(some) {
        out.push_str(&heading(2, l.what_to_watch));
        out.push_str(&paragraph(t));
    }
    out.push_str(&paragraph(&format!("{} — {}", a.byline.name, a.byline.bio)));
    out.push_str(&heading(2, l.sources));
    out.push_str("<!-- wp:list -->\n<ul>");
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
        out.push_str(&format!(
            "<!-- wp:list-item -->\n<li>{item}</li>\n<!-- /wp:list-item -->\n"
        ));
    }
    out.push_str("</ul>\n<!-- /wp:list -->\n\n");
    let line = super::site::integrity(a);
    if !line.is_empty() {
        out.push_str(&paragraph(line.trim_matches('*')));
    }
    out
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
