//! Fact sheets: a JSON or YAML list of facts, each one passage, each with an
//! optional source URL and the side it speaks for.

use std::path::Path;

use serde::Deserialize;

use crate::ids::SideId;

use super::parse::clean;
use super::{Passage, Source, SourceMeta};
use crate::error::InputError;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sheet {
    title: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    published: Option<crate::clock::Published>,
    perspective: Option<SideId>,
    facts: Vec<Fact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fact {
    text: String,
    url: Option<String>,
    perspective: Option<SideId>,
}

/// Parse a fact sheet (`ext` is `json`, `yaml` or `yml`).
pub(crate) fn parse(
    path: &Path,
    text: &str,
    ext: &str,
    index: usize,
    first_id: usize,
) -> Result<Source, InputError> {
    let sheet: Sheet = if ext == "json" {
        serde_json::from_str(text).map_err(|e| {
            InputError::new(path, Some(e.line()), format!("not a valid fact sheet: {e}"))
                .column(Some(e.column()))
                .hint("a fact sheet is {\"title\": …, \"facts\": [{\"text\": …, \"url\": …, \"perspective\": …}]}")
        })?
    } else {
        serde_saphyr::from_str(text).map_err(|e| {
            let line = e.location().map(|l| l.line() as usize);
            let message = e.to_string().lines().next().unwrap_or("").to_string();
            InputError::new(path, line, format!("not a valid fact sheet: {message}"))
                .hint("a fact sheet has `title` and a list of `facts`, each with `text`")
        })?
    };
    let passages: Vec<Passage> = sheet
        .facts
        .into_iter()
        .map(|f| (clean(&f.text), f))
        .filter(|(text, _)| !text.is_empty())
        .enumerate()
        .map(|(i, (text, f))| Passage {
            id: super::PassageId::numbered(first_id + i),
            source: index,
            text,
            perspectives: Vec::new(),
            statements: Vec::new(),
            url: f.url,
            fixed: f.perspective,
        })
        .collect();
    if passages.is_empty() {
        return Err(
            InputError::new(path, None, "the fact sheet has no facts").hint("add `facts: [{text: …}]`")
        );
    }
    Ok(Source {
        index,
        origin: path.display().to_string(),
        meta: SourceMeta {
            title: sheet.title,
            url: sheet.url,
            publisher: sheet.publisher,
            published: sheet.published,
            perspective: sheet.perspective,
            ..SourceMeta::default()
        },
        passages,
        raw: text.to_string(),
        perspective_line: None,
    })
}

#[cfg(test)]
mod tests;
