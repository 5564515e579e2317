//! File-system helpers shared by every writer: output files appear whole or not at all.

use std::io::Write;
use std::path::Path;

/// Write `contents` to `path` atomically: a temporary file in the same folder is
/// written, flushed to disk, then renamed over the target. A crash leaves either the
/// old file or the new one, never half of one.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(dir) {
        // Make the rename itself durable; not every platform allows syncing a folder.
        let _ = d.sync_all();
    }
    Ok(())
}

/// 1-based line of the first line in `text` that defines `key` (YAML `key:` or TOML
/// `key =`), searching from byte offset 0. Used to point errors at the field.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let t = line.trim_start().trim_start_matches("- ");
            t.strip_prefix(key)
                .map(|rest| {
                    let rest = rest.trim_start();
                    rest.starts_with(':') || rest.starts_with('=')
                })
                .unwrap_or(false)
        })
        .map(|i| i + 1)
}

/// 1-based line number of a byte offset in `text`.
pub fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
#[path = "fsutil_tests.rs"]
mod tests;

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
