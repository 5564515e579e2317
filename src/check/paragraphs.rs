//! An article's text as paragraphs: Markdown read into headings, paragraphs,
//! list items and quotations (`text::blocks`); and plain text pasted from a
//! page (one paragraph a line) turned into Markdown first.

use crate::text::BlockKind;

/// The paragraphs, headings, list items and quotations of a Markdown body,
/// each marked as the article reader expects: `## heading`, `- item`,
/// `> quotation`, `---`.
pub(super) fn paragraphs(body: &str) -> Vec<String> {
    crate::text::blocks(body)
        .into_iter()
        .map(|b| match b.kind {
            BlockKind::Heading(level) => format!("{} {}", "#".repeat(level), b.text),
            BlockKind::Item => format!("- {}", b.text),
            BlockKind::Quote => format!("> {}", b.text),
            BlockKind::Rule | BlockKind::Paragraph => b.text,
        })
        .collect()
}

/// A plain-text article (one paragraph a line, no Markdown marks, as pasted
/// from a web page) as Markdown: the first line is the headline, a second line
/// that is a sentence is the deck, and short lines without a closing stop are
/// subheads.
pub(super) fn plain_to_markdown(body: &str) -> Option<String> {
    let lines: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let markdown = body.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with('#') || t.starts_with("**") || t.starts_with("- ")
    });
    let blank_separated = body.contains("\n\n") || body.contains("\r\n\r\n");
    if markdown || blank_separated || lines.len() < 3 {
        return None;
    }
    let mut out = format!("# {}\n\n", lines[0]);
    for (i, line) in lines.iter().enumerate().skip(1) {
        let words = line.split_whitespace().count();
        let closed = line.ends_with(['.', '!', '?', '"', '”', '’', '\'', ')', ':']);
        if i == 1 && words > 6 {
            out.push_str(&format!("*{line}*\n\n"));
        } else if words <= 12 && !closed {
            out.push_str(&format!("## {line}\n\n"));
        } else {
            out.push_str(&format!("{line}\n\n"));
        }
    }
    Some(out)
}
