//! The files written for a story, hashed: what an approval covers, and what
//! changed since one.

use std::collections::BTreeMap;
use std::path::Path;

use super::Decision;
use crate::error::{Error, Result};

/// The files written for story `id`, by name, with their SHA-256: its
/// article in every format and its provenance, and those of its editions
/// (`ID.ko.md`).
pub(super) fn story_files(dir: &Path, id: &str) -> Result<BTreeMap<String, String>> {
    const KINDS: [&str; 4] = ["json", "md", "html", "provenance.json"];
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
    let mut out = BTreeMap::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(rest) = name.strip_prefix(id).and_then(|r| r.strip_prefix('.')) else {
            continue;
        };
        let edition = |r: &str| {
            r.split_once('.').is_some_and(|(lang, kind)| {
                KINDS.contains(&kind)
                    && lang.len() <= 8
                    && lang.chars().take(2).all(|c| c.is_ascii_alphabetic())
                    && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
        };
        if !(KINDS.contains(&rest) || edition(rest)) || !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
        out.insert(name.to_string(), crate::fsutil::sha256_hex(&bytes));
    }
    Ok(out)
}

/// The files of an approved story that changed, appeared or went since the
/// approval `d`; for an approval that recorded no files, its JSON (`sha`).
pub(super) fn changed_since(dir: &Path, d: &Decision, sha: &str) -> Result<Vec<String>> {
    if d.files.is_empty() {
        return Ok(if d.sha256 == sha {
            Vec::new()
        } else {
            vec![format!("{}.json", d.id)]
        });
    }
    let now = story_files(dir, &d.id)?;
    let mut names: Vec<&String> = now.keys().chain(d.files.keys()).collect();
    names.sort();
    names.dedup();
    Ok(names
        .into_iter()
        .filter(|n| now.get(*n) != d.files.get(*n))
        .cloned()
        .collect())
}
