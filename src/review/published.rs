//! Where each story went: `published.jsonl` read back for the desk, with each
//! target's folder, time, and whether the article changed since.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::publish::{Published, story_hash};

/// A story as last published to one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct PublishedTo {
    pub(crate) target: String,
    /// Where it went (the page bundle's folder).
    pub(crate) path: String,
    pub(crate) at: crate::clock::Instant,
    /// The article changed after it was published.
    pub(crate) stale: bool,
}

/// Where story `id` was published, and whether it changed since.
pub(super) fn to(dir: &Path, id: &str, sent: &HashMap<(String, String), Published>) -> Vec<PublishedTo> {
    let mine: Vec<&Published> = sent.values().filter(|p| p.id == id).collect();
    if mine.is_empty() {
        return Vec::new();
    }
    let now = story_hash(dir, id);
    let mut out: Vec<PublishedTo> = mine
        .into_iter()
        .map(|p| PublishedTo {
            target: p.target.clone(),
            path: p.path.clone(),
            at: p.at,
            stale: p.story != now,
        })
        .collect();
    out.sort_by(|a, b| a.target.cmp(&b.target));
    out
}
