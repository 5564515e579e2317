//! Where `parallax publish --to NAME` sends stories: the `[publish.NAME]`
//! tables of `parallax.toml` (docs/publish.md).

use std::path::{Path, PathBuf};

use crate::error::InputError;

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
    Ghost,
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
    /// The environment variable holding a Ghost Admin API key.
    #[serde(default)]
    pub(crate) key_env: Option<String>,
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

/// The environment variable of a Ghost Admin API key when the target names none.
pub(crate) const GHOST_KEY: &str = "GHOST_ADMIN_API_KEY";

/// A publishing target, resolved.
#[derive(Debug, Clone)]
pub(crate) enum PublishTarget {
    /// A static site's content folder.
    Site {
        kind: SiteKind,
        dir: PathBuf,
    },
    WordPress(WordPressTarget),
    Ghost(GhostTarget),
}

/// A Ghost site and where its Admin API key is read from.
#[derive(Debug, Clone)]
pub(crate) struct GhostTarget {
    pub(crate) url: String,
    pub(crate) key_env: String,
    pub(crate) tags: Vec<String>,
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

impl TargetTable {
    /// The target this table describes, checked: a static site needs its
    /// folder; a CMS its address (https://, unless `allow_http`) and, for
    /// WordPress, the user.
    pub(crate) fn resolve(
        &self,
        name: &str,
        config: &str,
        relative: impl Fn(&Path) -> PathBuf,
    ) -> Result<PublishTarget, InputError> {
        let missing = |field: &str, what: &str| {
            InputError::new(config, None, format!("[publish.{name}]: no `{field}`")).hint(what.to_string())
        };
        let site = |kind| -> Result<PublishTarget, InputError> {
            let dir = self.dir.as_ref().ok_or_else(|| {
                missing(
                    "dir",
                    "give the site's content folder, e.g. dir = \"site/content/news\"",
                )
            })?;
            Ok(PublishTarget::Site {
                kind,
                dir: relative(dir),
            })
        };
        let url = || -> Result<String, InputError> {
            let url = self.url.clone().ok_or_else(|| {
                missing(
                    "url",
                    "give the site's address, e.g. url = \"https://news.example.org\"",
                )
            })?;
            if url.starts_with("https://") || (url.starts_with("http://") && self.allow_http) {
                return Ok(url);
            }
            Err(InputError::new(
                config,
                None,
                format!("[publish.{name}]: `{url}` is not an https:// address"),
            )
            .hint("credentials travel only over HTTPS; for a local site you trust, add allow_http = true"))
        };
        match self.kind {
            TargetKind::Hugo => site(SiteKind::Hugo),
            TargetKind::Zola => site(SiteKind::Zola),
            TargetKind::Ghost => Ok(PublishTarget::Ghost(GhostTarget {
                url: url()?,
                key_env: self.key_env.clone().unwrap_or_else(|| GHOST_KEY.to_string()),
                tags: self.tags.clone(),
            })),
            TargetKind::Wordpress => {
                let url = url()?;
                let user = self.user.clone().ok_or_else(|| {
                    missing(
                        "user",
                        "give the WordPress login the application password belongs to",
                    )
                })?;
                Ok(PublishTarget::WordPress(WordPressTarget {
                    url,
                    user,
                    password_env: self
                        .password_env
                        .clone()
                        .unwrap_or_else(|| WORDPRESS_PASSWORD.to_string()),
                    categories: self.categories.clone(),
                    tags: self.tags.clone(),
                    create_terms: self.create_terms,
                }))
            }
        }
    }
}
