//! A source's text read into passages: its front matter (title, side, date,
//! licence and the rest), its paragraphs (Markdown read by `text::blocks`, the
//! first heading its title), each cleaned of hidden characters and numbered.

use std::path::Path;

use super::{Passage, PassageId, Source, SourceMeta};
use crate::error::InputError;
use crate::frontmatter;
use crate::fsutil::line_of_key;

/// Parse a source's text. Passages are numbered `S{first_id}`, `S{first_id+1}`, ….
pub fn parse(path: &Path, text: &str, index: usize, first_id: usize) -> Result<Source, InputError> {
    let split = frontmatter::split(path, text)?;
    let (mut meta, perspective_line) = match split.header {
        Some((_, header)) => (
            frontmatter::parse::<SourceMeta>(path, &split)?,
            line_of_key(header, "perspective").map(|l| l + 1),
        ),
        None => (SourceMeta::default(), None),
    };
    let (heading, paragraphs) = paragraphs(split.body);
    if meta.title.is_none() {
        meta.title = heading;
    }
    if paragraphs.is_empty() {
        return Err(
            InputError::new(path, None, "source is empty: it has no text to draw on")
                .hint("add the facts as paragraphs separated by blank lines"),
        );
    }
    let passages = paragraphs
        .into_iter()
        .enumerate()
        .map(|(i, text)| Passage {
            id: PassageId::numbered(first_id + i),
            source: index,
            text,
            perspectives: Vec::new(),
            statements: Vec::new(),
            url: None,
            fixed: None,
        })
        .collect();
    let origin = if path.as_os_str() == "-" {
        "-".into()
    } else {
        path.display().to_string()
    };
    Ok(Source {
        index,
        origin,
        meta,
        passages,
        raw: text.to_string(),
        perspective_line,
    })
}

/// Split a body into paragraphs (`text::blocks`): each list item and quotation
/// stands alone, and headings are structure rather than facts (the first one,
/// before any paragraph, is returned as a title).
fn paragraphs(body: &str) -> (Option<String>, Vec<String>) {
    let mut heading = None;
    let mut out = Vec::new();
    for b in crate::text::blocks(body) {
        match b.kind {
            crate::text::BlockKind::Heading(_) => {
                if heading.is_none() && out.is_empty() {
                    heading = Some(clean(&b.text));
                }
            }
            crate::text::BlockKind::Rule => {}
            _ => out.push(clean(&b.text)),
        }
    }
    out.retain(|p: &String| !p.is_empty());
    (heading, out)
}

/// Collapse whitespace and drop control and invisible formatting characters that
/// could hide instructions from a reader (bidi overrides, Unicode tag characters).
pub(crate) fn clean(s: &str) -> String {
    crate::text::strip_hidden(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
