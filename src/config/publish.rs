//! Where `parallax publish --to NAME` sends stories: the `[publish.NAME]`
//! tables of `parallax.toml` (docs/publish.md).

use std::path::PathBuf;

use serde::Deserialize;

/// The generator a content folder belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SiteKind {
    Hugo,
    Zola,
}

/// A publishing target (docs/publish.md): for now a static site's content folder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PublishTarget {
    /// `hugo` or `zola`: the generator whose page bundles are written.
    pub(crate) kind: SiteKind,
    /// The content folder the bundles go to, relative to the project.
    pub(crate) dir: PathBuf,
}
