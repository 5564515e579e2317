//! `published.jsonl` in a batch folder: one line for each story published to a
//! target, appended and synced, so that a crash mid-run loses nothing and a
//! second run updates in place or does nothing. The last line for a story and
//! target is where it stands.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// One story published to one target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Published {
    pub(crate) at: crate::clock::Instant,
    pub(crate) target: String,
    pub(crate) id: String,
    /// Where it went: the bundle's folder.
    pub(crate) path: String,
    /// SHA-256 of what was sent.
    pub(crate) sha256: String,
    pub(crate) draft: bool,
    /// The story's own files when it was sent ([`story_hash`]), so the desk
    /// can tell an article changed since.
    #[serde(default)]
    pub(crate) story: String,
    /// The post at a remote site (WordPress): its id and when the site last
    /// changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) remote: Option<RemotePost>,
}

/// A post at a remote site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RemotePost {
    /// The site's id of the post (a number in WordPress, a string in Ghost).
    pub(crate) id: serde_json::Value,
    /// When the site last changed it, in the site's own words.
    pub(crate) modified: Revision,
}

/// A site's mark of a post's last change (WordPress `modified_gmt`, Ghost
/// `updated_at`): opaque, kept and sent back exactly as the site wrote it, so
/// that the site recognises it; never read as a date here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct Revision(String);

impl std::fmt::Display for Revision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// SHA-256 of a story's JSON record and Markdown in `dir`, as they are now.
pub(crate) fn story_hash(dir: &Path, id: &str) -> String {
    let read =
        |ext: &str| crate::fsutil::read_text(&dir.join(format!("{id}.{ext}")), 64 << 20).unwrap_or_default();
    story_hash_of(&read("json"), &read("md"))
}

/// [`story_hash`] of a story's JSON record and Markdown already read.
pub(crate) fn story_hash_of(json: &str, markdown: &str) -> String {
    crate::fsutil::sha256_hex(format!("{json}\n{markdown}").as_bytes())
}

const FILE: &str = "published.jsonl";

/// The last record of each (target, story) in `dir`; lines that do not parse
/// (a line cut short by a crash) are passed over.
pub(crate) fn latest(dir: &Path) -> HashMap<(String, String), Published> {
    let text = crate::fsutil::read_text(&dir.join(FILE), 64 << 20).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<Published>(l).ok())
        .map(|p| ((p.target.clone(), p.id.clone()), p))
        .collect()
}

/// Append `p` to `dir/published.jsonl` and sync it to disk.
pub(crate) fn append(dir: &Path, p: &Published) -> std::io::Result<()> {
    let mut line = serde_json::to_string(p).map_err(std::io::Error::other)?;
    line.push('\n');
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(FILE))?;
    f.write_all(line.as_bytes())?;
    f.sync_all()
}
