//! Sources: the fact sheets and reports an article may rest on. Each is split into
//! numbered passages (`S1`, `S2`, …) that prompts show, the model cites and the
//! checks verify against. A source is a Markdown or text file, a JSON/YAML fact
//! sheet (`factsheet`), or a URL (`remote`).

mod factsheet;
mod id;
mod parse;
mod remote;
pub(crate) mod sides;
pub(crate) mod statements;
pub(crate) mod transcript;

pub(crate) use crate::lang::Statement;
pub(crate) use id::PassageId;
pub(crate) use parse::clean;
pub use parse::parse;
pub(crate) use remote::from_page;

use crate::ids::Lang;
use crate::ids::SideId;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, InputError};
use crate::fetch::Fetcher;
use crate::persona::Persona;

/// Largest source file accepted, in bytes.
const MAX_SOURCE_BYTES: usize = 5 * 1024 * 1024;

/// Optional front matter of a source file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceMeta {
    #[serde(default)]
    pub(crate) title: Option<String>,
    #[serde(default)]
    pub(crate) url: Option<String>,
    #[serde(default)]
    pub(crate) publisher: Option<String>,
    #[serde(default)]
    /// A day (`2025-12-27`) or a moment (`2025-12-27T09:00:00+09:00`).
    pub(crate) published: Option<crate::clock::Published>,
    /// Set when the whole source speaks for one side (a perspective id).
    #[serde(default)]
    pub(crate) perspective: Option<SideId>,
    /// When a URL source was fetched (RFC 3339).
    #[serde(default)]
    pub(crate) fetched: Option<crate::clock::Instant>,
    /// For a gathered item: the channel, the office, the language, the licence,
    /// what it is (transcript, statement, release) and its provenance flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) office: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) language: Option<Lang>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) licence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) kind: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) provenance: Vec<String>,
}

/// One numbered passage: the unit the model cites.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Passage {
    /// `S1`, `S2`, … numbered across all sources of an article.
    pub(crate) id: PassageId,
    /// 1-based index of the source it belongs to.
    pub(crate) source: usize,
    pub text: String,
    /// Perspective ids this passage speaks for: the source's `perspective`, else
    /// the sides of its statements.
    pub(crate) perspectives: Vec<SideId>,
    /// Who says what in it, each speaker with its side.
    pub(crate) statements: Vec<Statement>,
    /// Where the passage's fact comes from, when a fact sheet says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<String>,
    /// The side a fact sheet assigns to this passage.
    #[serde(skip)]
    pub(crate) fixed: Option<SideId>,
}

/// A loaded source.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub(crate) index: usize,
    /// The path it was read from, or `-` for standard input.
    pub(crate) origin: String,
    #[serde(flatten)]
    pub(crate) meta: SourceMeta,
    pub passages: Vec<Passage>,
    #[serde(skip)]
    pub(crate) raw: String,
    /// Line of the `perspective` field, for errors.
    #[serde(skip)]
    pub(crate) perspective_line: Option<usize>,
}

/// Load any kind of source: a URL (fetched), a JSON/YAML fact sheet, a text file
/// or `-`; passages are numbered from `first_id`.
pub(crate) async fn load_any(
    spec: &str,
    index: usize,
    first_id: usize,
    fetcher: &Fetcher,
) -> Result<Source, Error> {
    if crate::text::is_web_url(spec) {
        let page = fetcher.fetch(spec).await?;
        return Ok(from_page(&page, index, first_id)?);
    }
    let ext = Path::new(spec)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "json" | "yaml" | "yml" => {
            let path = Path::new(spec);
            let text = read_file(path)?;
            Ok(factsheet::parse(path, &text, &ext, index, first_id)?)
        }
        "pdf" => Err(InputError::new(spec, None, "PDF sources are not supported")
            .hint("save the text of the PDF as a .md or .txt file and give that")
            .into()),
        _ => Ok(load(spec, index, first_id)?),
    }
}

/// Load several sources, numbering passages across them.
pub(crate) async fn load_all(specs: &[String], fetcher: &Fetcher) -> Result<Vec<Source>, Error> {
    let specs = folders_expanded(specs);
    let specs = specs.as_slice();
    let mut out = Vec::with_capacity(specs.len());
    let mut next = 1;
    for (i, spec) in specs.iter().enumerate() {
        let s = load_any(spec, i + 1, next, fetcher).await?;
        next += s.passages.len();
        out.push(s);
    }
    Ok(out)
}

/// Each source pack among `specs` (a folder `parallax gather` wrote, with its
/// `pack.json`) as its Markdown and text files, in name order; hidden files are
/// not sources. Any other folder stays as given, and is refused as a source.
pub(crate) fn folders_expanded(specs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for spec in specs {
        let path = Path::new(spec);
        let pack = path.join("pack.json").is_file();
        let Ok(entries) = std::fs::read_dir(path)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())))
            .map_err(|_| ())
            .and_then(|d| if pack { Ok(d) } else { Err(()) })
        else {
            out.push(spec.clone());
            continue;
        };
        let mut files: Vec<String> = entries
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md" || e == "txt"))
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .map(|p| p.display().to_string())
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// Read `spec` (a path or `-`) and split it into passages numbered from `first_id`.
pub(crate) fn load(spec: &str, index: usize, first_id: usize) -> Result<Source, InputError> {
    let path = PathBuf::from(spec);
    let text = if spec == "-" {
        let mut s = String::new();
        std::io::stdin()
            .take(MAX_SOURCE_BYTES as u64 + 1)
            .read_to_string(&mut s)
            .map_err(|e| InputError::new("<stdin>", None, format!("cannot read source: {e}")))?;
        s
    } else {
        read_file(&path)?
    };
    if text.len() > MAX_SOURCE_BYTES {
        return Err(
            InputError::new(&path, None, "source is larger than 5 MiB").hint("split it into several sources")
        );
    }
    if spec == "-"
        && let Some(ext) = stdin_factsheet(&text)
    {
        return factsheet::parse(&path, &text, ext, index, first_id);
    }
    parse(&path, &text, index, first_id)
}

/// Whether text on standard input is a JSON or YAML fact sheet rather than
/// Markdown: a JSON object, or YAML whose first key is a fact sheet's.
fn stdin_factsheet(text: &str) -> Option<&'static str> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        return Some("json");
    }
    let first = t
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let key = first.split_terminator(':').next()?.trim();
    let yaml_key = ["title", "facts", "publisher", "url", "published", "perspective"].contains(&key);
    (yaml_key && first.contains(':') && !t.starts_with("---")).then_some("yaml")
}

pub(crate) fn read_file(path: &Path) -> Result<String, InputError> {
    let bytes = crate::fsutil::read_bounded(path, MAX_SOURCE_BYTES as u64).map_err(|e| {
        let err = InputError::new(path, None, format!("cannot read source: {e}"));
        if e.kind() == std::io::ErrorKind::NotFound {
            err.hint("check the path; use `-` to read a source from standard input")
        } else {
            err
        }
    })?;
    String::from_utf8(bytes).map_err(|e| {
        InputError::new(
            path,
            None,
            format!(
                "source is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .hint("convert it to UTF-8, e.g. with `iconv -t UTF-8`")
    })
}

/// Mark each passage with the perspectives it speaks for: through statements by
/// that side only (see [`sides`]).
pub(crate) fn tag_perspectives(sources: &mut [Source], persona: &Persona) -> Result<(), InputError> {
    sides::attribute(sources, persona)
}

#[cfg(test)]
mod tests;
