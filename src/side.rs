//! A side's id (`china`, `south-korea`): the perspective of a persona that a
//! passage, a statement, an article's section or a channel speaks for. Typed,
//! so that no other string (a language, a label) takes its place; written as a
//! plain string in every file and record, as before.

use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(transparent)]
#[schemars(inline)]
pub(crate) struct SideId(String);

impl SideId {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SideId {
    fn from(id: &str) -> SideId {
        SideId(id.to_string())
    }
}

impl From<String> for SideId {
    fn from(id: String) -> SideId {
        SideId(id)
    }
}

impl From<&String> for SideId {
    fn from(id: &String) -> SideId {
        SideId(id.clone())
    }
}

impl std::ops::Deref for SideId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SideId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SideId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SideId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for SideId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for SideId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for SideId {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<SideId> for str {
    fn eq(&self, other: &SideId) -> bool {
        self == other.0
    }
}

impl PartialEq<SideId> for &str {
    fn eq(&self, other: &SideId) -> bool {
        *self == other.0
    }
}

impl PartialEq<SideId> for String {
    fn eq(&self, other: &SideId) -> bool {
        *self == other.0
    }
}
