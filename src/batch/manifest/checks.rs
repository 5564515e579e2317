//! Story ids and the checks a manifest passes before any story is drafted: ids
//! made from file names, ids whose files would collide, and a CSV quote that is never closed (the csv reader would take
//! every later row into one field without a word).

use std::io::{BufReader, Read};
use std::path::{Component, Path, PathBuf};

use super::{Item, SourceSpec};

/// Why an id cannot be used: its files would collide with parallax's own
/// (`report.json`) or with another story's (`x.provenance.json` is `x`'s
/// provenance record), on any file system, case-insensitive ones included.
pub(super) fn reserved(id: &str) -> Option<String> {
    let lower = id.to_ascii_lowercase();
    if lower == "report" {
        return Some(format!(
            "`{id}` is a name parallax uses in the output folder (report.json); choose another id"
        ));
    }
    if lower.ends_with(".provenance") {
        return Some(format!(
            "`{id}` would collide with the provenance record of `{}`; choose an id not ending in .provenance",
            &id[..id.len() - ".provenance".len()]
        ));
    }
    None
}

/// The line of a CSV quote that is opened and never closed, if any. Quotes pair
/// up in a well-formed file (a literal quote is written `""`), so an odd count
/// means one was left open. The culprit is most likely the first quote whose
/// field ran past the end of its line; failing that, the last one to open.
pub(super) fn unclosed_quote(path: &Path) -> Option<usize> {
    let file = crate::fsutil::open_regular(path).ok()?;
    let (mut open, mut opened_at, mut line) = (false, 0, 1);
    let mut first_spanning = None;
    for byte in BufReader::new(file).bytes() {
        match byte.ok()? {
            b'"' => {
                open = !open;
                if open {
                    opened_at = line;
                }
            }
            b'\n' => {
                if open && first_spanning.is_none() {
                    first_spanning = Some(opened_at);
                }
                line += 1;
            }
            _ => {}
        }
    }
    open.then(|| first_spanning.unwrap_or(opened_at))
}

/// A file name turned into an id.
pub(super) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').chars().take(80).collect()
}

/// `item`, if every source path of it stays inside `root` (a manifest's folder,
/// resolved): a manifest from elsewhere must not publish `/etc/hostname` or
/// `../../.ssh`.
pub(super) fn confined(root: &Path, item: Item) -> Result<Item, String> {
    for spec in &item.sources {
        if let SourceSpec::Path(p) = spec
            && !resolved(p).starts_with(root)
        {
            return Err(format!(
                "source {} is outside the manifest's folder; move it there, or pass --allow-outside",
                p.display()
            ));
        }
    }
    Ok(item)
}

/// A path with symlinks resolved when it exists, else with `.` and `..` folded.
pub(super) fn resolved(p: &Path) -> PathBuf {
    let p = if p.as_os_str().is_empty() {
        Path::new(".")
    } else {
        p
    };
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let absolute = std::env::current_dir()
        .map(|d| d.join(p))
        .unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
