//! The files written for a story, hashed: what an approval covers, and what
//! changed since one. The output folder is listed once for all its stories.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Decision;
use crate::error::{Error, Result};

/// What a story writes: its article in every format and its provenance.
const KINDS: [&str; 4] = ["json", "md", "html", "provenance.json"];

/// The file names of an output folder, read once.
pub(super) struct Listing {
    dir: PathBuf,
    names: Vec<String>,
}

impl Listing {
    pub(super) fn read(dir: &Path) -> Result<Self> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
        let names = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect();
        Ok(Self {
            dir: dir.to_path_buf(),
            names,
        })
    }

    /// The files written for story `id`, by name, with their SHA-256, those of
    /// its editions (`ID.ko.md`) included.
    pub(super) fn story_files(&self, id: &str) -> Result<BTreeMap<String, String>> {
        let edition = |r: &str| {
            r.split_once('.').is_some_and(|(lang, kind)| {
                KINDS.contains(&kind)
                    && lang.len() <= 8
                    && lang.chars().take(2).all(|c| c.is_ascii_alphabetic())
                    && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
        };
        let mut out = BTreeMap::new();
        for name in &self.names {
            let Some(rest) = name.strip_prefix(id).and_then(|r| r.strip_prefix('.')) else {
                continue;
            };
            if !(KINDS.contains(&rest) || edition(rest)) {
                continue;
            }
            let path = self.dir.join(name);
            let bytes =
                std::fs::read(&path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
            out.insert(name.clone(), crate::fsutil::sha256_hex(&bytes));
        }
        Ok(out)
    }

    /// The files of an approved story that changed, appeared or went since the
    /// approval `d`; for an approval that recorded no files, its JSON (`sha`).
    pub(super) fn changed_since(&self, d: &Decision, sha: &str) -> Result<Vec<String>> {
        if d.files.is_empty() {
            return Ok(if d.sha256 == sha {
                Vec::new()
            } else {
                vec![format!("{}.json", d.id)]
            });
        }
        let now = self.story_files(&d.id)?;
        let mut names: Vec<&String> = now.keys().chain(d.files.keys()).collect();
        names.sort();
        names.dedup();
        Ok(names
            .into_iter()
            .filter(|n| now.get(*n) != d.files.get(*n))
            .cloned()
            .collect())
    }
}
