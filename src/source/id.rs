//! A passage's id (`S1`, `S2`, …): the handle a model cites and every check
//! resolves. Numbered across all sources of one article; a model's answer may
//! name one that does not exist, which the checks then report.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(transparent)]
pub(crate) struct PassageId(String);

impl PassageId {
    /// The id of the `n`th passage (1-based) across an article's sources.
    pub(crate) fn numbered(n: usize) -> Self {
        PassageId(format!("S{n}"))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for PassageId {
    /// An id as written in an answer or a file, checked later against the passages.
    fn from(s: &str) -> Self {
        PassageId(s.to_string())
    }
}

impl Borrow<str> for PassageId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for PassageId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for PassageId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for PassageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
