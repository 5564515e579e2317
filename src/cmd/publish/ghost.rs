//! A Ghost site as a publishing target: opened with its preflight (the key in
//! Ghost's form, the Admin API answering and taking it), then each story sent
//! by the generic flow of `remote`.

use serde_json::Value;

use super::remote::{Cms, Sent};
use crate::article::Article;
use crate::cli::PublishArgs;
use crate::config::GhostTarget;
use crate::error::{Error, Result};
use crate::publish::blocks::Flavor;
use crate::publish::ghost::{Post, Site};

/// A site opened for one run.
pub(super) struct Session {
    site: Site,
    url: String,
    tags: Vec<String>,
}

impl Session {
    /// Open the site: the key from the environment and checked for its form,
    /// then (unless this is a dry run) the Admin API asked once.
    pub(super) async fn open(t: &GhostTarget, args: &PublishArgs) -> Result<Session> {
        let key = std::env::var(&t.key_env).unwrap_or_default();
        let usage = |e: String| Error::Usage(format!("{}: {e}", args.to));
        if key.trim().is_empty() && !args.dry_run {
            return Err(usage(format!(
                "no Admin API key; set {} to the key of a custom integration (Settings → Integrations)",
                t.key_env
            )));
        }
        // A dry run needs no key, only a well-formed one to sign nothing with.
        let key = if key.trim().is_empty() {
            "dry:00"
        } else {
            key.trim()
        };
        let site = Site::new(&t.url, key).map_err(usage)?;
        if !args.dry_run {
            site.check().await.map_err(usage)?;
        }
        Ok(Session {
            site,
            url: t.url.clone(),
            tags: t.tags.clone(),
        })
    }

    pub(super) fn preflight_line(&self, name: &str) -> String {
        format!(
            "{name}: ok: {} answers its Admin API and takes the key; nothing was written\n",
            self.url
        )
    }
}

impl Cms for Session {
    const FLAVOR: Flavor = Flavor::Html;

    fn request(&self, id: Option<&Value>) -> String {
        match id.and_then(Value::as_str) {
            Some(id) => format!(
                "PUT {} (Authorization: Ghost <redacted>)",
                self.site.endpoint(&format!("posts/{id}/?source=html"))
            ),
            None => format!(
                "POST {} (Authorization: Ghost <redacted>)",
                self.site.endpoint("posts/?source=html")
            ),
        }
    }

    async fn exists(&self, id: &Value) -> std::result::Result<Option<String>, String> {
        Ok(self.site.post(post_id(id)?).await?.map(|p| p.url))
    }

    async fn send(
        &self,
        id: Option<&Value>,
        article: &Article,
        slug: &str,
        body: &str,
        status: &str,
    ) -> std::result::Result<Option<Sent>, String> {
        let post = Post {
            title: &article.headline,
            html: body,
            excerpt: &article.deck,
            slug,
            status,
            tags: &self.tags,
        };
        let done = match id {
            Some(id) => self.site.update(post_id(id)?, &post).await?,
            None => Some(self.site.create(&post).await?),
        };
        Ok(done.map(|d| Sent {
            id: Value::from(d.id),
            link: d.url,
            modified: d.updated_at,
        }))
    }
}

/// A Ghost post's id, as `published.jsonl` keeps it (a string).
fn post_id(id: &Value) -> std::result::Result<&str, String> {
    id.as_str().ok_or_else(|| format!("{id} is not a Ghost post id"))
}
