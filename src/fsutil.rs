//! File-system helpers shared by every writer: output files appear whole or not at all.

use std::io::Write;
use std::path::Path;

/// Write `contents` to `path` atomically: a temporary file in the same folder is
/// written, flushed to disk, then renamed over the target. A crash leaves either the
/// old file or the new one, never half of one. A new file gets the mode the
/// user's umask gives (0644 under the usual 022), an existing one keeps its own,
/// so a published page stays readable by the web server.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    commit(vec![stage(path, contents)?])
}

/// A file written in full beside its target and not yet in its place.
pub(crate) struct Staged {
    tmp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

/// Write `contents` to a temporary file beside `path` (flushed to disk), to be
/// put in place by [`commit`]. Dropped uncommitted, it is removed.
pub(crate) fn stage(path: &Path, contents: &[u8]) -> std::io::Result<Staged> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Asked at creation, so the umask applies, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    if let Ok(m) = std::fs::metadata(path) {
        // An existing file keeps its own mode exactly.
        tmp.as_file().set_permissions(m.permissions())?;
    }
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    Ok(Staged {
        tmp,
        path: path.to_path_buf(),
    })
}

/// Put staged files in place, each by a rename: all of them were written in
/// full before the first one replaces anything.
pub(crate) fn commit(files: Vec<Staged>) -> std::io::Result<()> {
    // A rename that cannot succeed is found before the first one is made.
    if let Some(f) = files.iter().find(|f| f.path.is_dir()) {
        return Err(std::io::Error::other(format!("{} is a folder", f.path.display())));
    }
    let mut dirs = Vec::new();
    for f in files {
        f.tmp.persist(&f.path).map_err(|e| e.error)?;
        if let Some(d) = f.path.parent() {
            dirs.push(d.to_path_buf());
        }
    }
    dirs.dedup();
    for dir in dirs {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".").to_path_buf()
        } else {
            dir
        };
        if let Ok(d) = std::fs::File::open(&dir) {
            // Make the renames durable; not every platform allows syncing a folder.
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// 1-based line of the first line in `text` that defines `key` (YAML `key:` or TOML
/// `key =`), searching from byte offset 0. Used to point errors at the field.
pub(crate) fn line_of_key(text: &str, key: &str) -> Option<usize> {
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
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests;

/// Hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// Bytes as standard base64 with padding (RFC 4648), as a CSP hash source wants.
pub(crate) fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Bytes as lower-case hexadecimal: the one encoder of hashes, ids and secrets.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The largest persona, config, template or key file read.
pub(crate) const MAX_SMALL_FILE: u64 = 1024 * 1024;

/// Open `path` for reading only if it is a regular file (not `/dev/zero`, a
/// pipe or a folder), so no input can be endless.
pub(crate) fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (give a file, or `-` for standard input)",
        ));
    }
    Ok(file)
}

/// Read a regular file of at most `max` bytes, without reading more than
/// `max + 1` of it whatever its size.
pub(crate) fn read_bounded(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    open_regular(path)?.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {} KiB", max / 1024),
        ));
    }
    Ok(bytes)
}

/// [`read_bounded`] as UTF-8 text.
pub(crate) fn read_text(path: &Path, max: u64) -> std::io::Result<String> {
    String::from_utf8(read_bounded(path, max)?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not UTF-8 text: {e}")))
}
