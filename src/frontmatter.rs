//! Front matter: the `---` YAML or `+++` TOML header of persona and source files
//! (as Hugo accepts both). Parsing keeps file line numbers so errors point at the field.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::InputError;
use crate::fsutil::line_of_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Yaml,
    Toml,
}

/// A file split into its header and body.
#[derive(Debug, Clone)]
pub(crate) struct Split<'a> {
    /// `None` when the file has no front matter.
    pub(crate) header: Option<(Format, &'a str)>,
    /// 1-based line in the file where the header text starts.
    pub(crate) header_line: usize,
    pub(crate) body: &'a str,
}

/// Split `text` into front matter and body. A file that opens a fence and never
/// closes it is an error, not a body.
pub(crate) fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("").trim_end();
    let (format, fence) = match first {
        "---" => (Format::Yaml, "---"),
        "+++" => (Format::Toml, "+++"),
        _ => {
            return Ok(Split {
                header: None,
                header_line: 1,
                body: text,
            });
        }
    };
    let start = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let header = &text[start..offset];
            let body = &text[offset + line.len()..];
            return Ok(Split {
                header: Some((format, header)),
                header_line: 2,
                body,
            });
        }
        offset += line.len();
    }
    Err(InputError::new(
        path,
        Some(1),
        format!("front matter opened with `{fence}` is never closed"),
    )
    .hint(format!("add a line with only `{fence}` after the last field")))
}

/// Deserialize a front-matter header into `T`, turning parser errors into an
/// [`InputError`] with the file's own line and column, the field named, and a
/// suggestion for a misspelt field.
pub(crate) fn parse<T: DeserializeOwned>(path: &Path, split: &Split<'_>) -> Result<T, InputError> {
    let Some((format, header)) = split.header else {
        return Err(InputError::new(path, Some(1), "no front matter found")
            .hint("start the file with a `---` (YAML) or `+++` (TOML) block"));
    };
    let base = split.header_line - 1;
    let (line, column, message, kind) = match format {
        Format::Yaml => match serde_saphyr::from_str::<T>(header) {
            Ok(v) => return Ok(v),
            Err(e) => {
                let message = first_line(&e.to_string());
                let loc = e.location();
                let line = loc
                    .map(|l| l.line() as usize)
                    .or_else(|| field_line(header, &message));
                (line, loc.map(|l| l.column() as usize), message, "YAML")
            }
        },
        Format::Toml => match toml::from_str::<T>(header) {
            Ok(v) => return Ok(v),
            Err(e) => {
                let start = e.span().map(|s| s.start);
                let line = start.map(|s| crate::fsutil::line_at(header, s));
                let column = start.map(|s| s - header[..s].rfind('\n').map_or(0, |n| n + 1) + 1);
                (line, column, first_line(e.message()), "TOML")
            }
        },
    };
    let err = InputError::new(
        path,
        line.map(|l| l + base),
        format!("invalid {kind} front matter: {message}"),
    )
    .column(column);
    Err(match suggestion(&message) {
        Some(s) => err.hint(format!("did you mean `{s}`?")),
        None => err,
    })
}

/// For "unknown field `x`, expected one of `a`, `b`": the known field closest
/// to `x`, when it is close enough to be a typo.
pub(crate) fn suggestion(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (field, expected) = rest.split_once('`')?;
    let list = expected
        .split("expected one of ")
        .nth(1)
        .or_else(|| expected.split("expected ").nth(1))?;
    let candidates = list.split(", ").map(|c| c.trim().trim_matches('`'));
    let (best, distance) = candidates
        .map(|c| (c, edit_distance(field, c)))
        .min_by_key(|(_, d)| *d)?;
    (distance <= 2.max(field.len() / 3)).then(|| best.to_string())
}

/// Levenshtein distance between two short strings.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The line of the field an error message names in backticks, if any.
fn field_line(header: &str, message: &str) -> Option<usize> {
    let name = message.split('`').nth(1)?;
    line_of_key(header, name)
}

/// The first line of a parser's message, without the location it repeats
/// (`error: line 2 column 1: …`), which we report in the file's own terms.
fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    let stripped = line
        .strip_prefix("error: line ")
        .and_then(|r| r.split_once(": ").map(|(_, m)| m));
    stripped.unwrap_or(line).trim().to_string()
}

#[cfg(test)]
mod tests;
