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

/// What a target is, as its table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TargetKind {
    Hugo,
    Zola,
    Wordpress,
}

/// A `[publish.NAME]` table as written (docs/publish.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TargetTable {
    pub(crate) kind: TargetKind,
    /// A static site's content folder, relative to the project.
    #[serde(default)]
    pub(crate) dir: Option<PathBuf>,
    /// A WordPress site's address.
    #[serde(default)]
    pub(crate) url: Option<String>,
    /// The WordPress user the application password belongs to.
    #[serde(default)]
    pub(crate) user: Option<String>,
    /// The environment variable holding the application password.
    #[serde(default)]
    pub(crate) password_env: Option<String>,
    /// Category and tag names, resolved to ids at the site.
    #[serde(default)]
    pub(crate) categories: Vec<String>,
    #[serde(default)]
    pub(crate) tags: Vec<String>,
    /// Create the categories and tags the site does not have.
    #[serde(default)]
    pub(crate) create_terms: bool,
    /// Allow a plain-HTTP address (a local site).
    #[serde(default)]
    pub(crate) allow_http: bool,
}

/// The environment variable of a WordPress application password when the
/// target names none.
pub(crate) const WORDPRESS_PASSWORD: &str = "WORDPRESS_APP_PASSWORD";

/// A publishing target, resolved.
#[derive(Debug, Clone)]
pub(crate) enum PublishTarget {
    /// A static site's content folder.
    Site {
        kind: SiteKind,
        dir: PathBuf,
    },
    WordPress(WordPressTarget),
}

/// A WordPress site and who publishes to it.
#[derive(Debug, Clone)]
pub(crate) struct WordPressTarget {
    pub(crate) url: String,
    pub(crate) user: String,
    /// The environment variable the password is read from, at publishing time.
    pub(crate) password_env: String,
    pub(crate) categories: Vec<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) create_terms: bool,
}
