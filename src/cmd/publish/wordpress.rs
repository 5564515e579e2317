//! A WordPress site as a publishing target: opened with its preflight (the
//! REST API answers, the user is known by the application password, the
//! categories and tags resolve), then each story sent by the generic flow of
//! `remote`.

use serde_json::Value;

use super::remote::{Cms, Sent};
use crate::article::Article;
use crate::cli::PublishArgs;
use crate::config::WordPressTarget;
use crate::error::{Error, Result};
use crate::publish::blocks::Flavor;
use crate::publish::wordpress::{Post, Site};

/// A site opened for one run.
pub(super) struct Session {
    site: Site,
    url: String,
    /// The user's display name, as the site knows them.
    who: String,
    categories: Vec<u64>,
    tags: Vec<u64>,
}

impl Session {
    /// Open the site: the password from the environment, then (unless this
    /// is a dry run) the preflight and the terms. Any failure is one line,
    /// exit 2, before anything is published.
    pub(super) async fn open(t: &WordPressTarget, args: &PublishArgs) -> Result<Session> {
        let password = std::env::var(&t.password_env).unwrap_or_default();
        if password.trim().is_empty() && !args.dry_run {
            return Err(Error::Usage(format!(
                "{}: no application password; set {} to the one WordPress gave `{}` (Users → Profile → Application Passwords)",
                args.to, t.password_env, t.user
            )));
        }
        let site = Site::new(&t.url, &t.user, password.trim()).map_err(Error::Usage)?;
        let mut s = Session {
            site,
            url: t.url.clone(),
            who: t.user.clone(),
            categories: Vec::new(),
            tags: Vec::new(),
        };
        if args.dry_run {
            return Ok(s);
        }
        let usage = |e: String| Error::Usage(format!("{}: {e}", args.to));
        s.who = s.site.check().await.map_err(usage)?;
        // A preflight creates nothing: terms the run may create are not
        // looked up, the others must exist.
        if !(args.check && t.create_terms) {
            let create = t.create_terms;
            s.categories = s
                .site
                .terms("categories", &t.categories, create)
                .await
                .map_err(usage)?;
            s.tags = s.site.terms("tags", &t.tags, create).await.map_err(usage)?;
        }
        Ok(s)
    }

    /// The preflight's line when every check passed.
    pub(super) fn preflight_line(&self, name: &str) -> String {
        format!(
            "{name}: ok: {} answers its REST API and knows {} by the application password; categories and tags resolved; nothing was written\n",
            self.url, self.who
        )
    }
}

impl Cms for Session {
    const FLAVOR: Flavor = Flavor::Blocks;

    fn request(&self, id: Option<&Value>) -> String {
        let route = match id {
            Some(id) => format!("/wp/v2/posts/{id}"),
            None => "/wp/v2/posts".to_string(),
        };
        format!(
            "POST {} (Authorization: Basic <redacted>)",
            self.site.endpoint(&route, "")
        )
    }

    async fn exists(&self, id: &Value) -> std::result::Result<Option<String>, String> {
        Ok(self.site.post(post_id(id)?).await?.map(|p| p.link))
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
            content: body,
            excerpt: &article.deck,
            slug,
            status,
            categories: &self.categories,
            tags: &self.tags,
        };
        let done = match id {
            Some(id) => self.site.update(post_id(id)?, &post).await?,
            None => self.site.create(&post).await?,
        };
        Ok(Some(Sent {
            id: Value::from(done.id),
            link: done.link,
            modified: done.modified_gmt,
        }))
    }
}

/// A WordPress post's id, as `published.jsonl` keeps it (a number).
fn post_id(id: &Value) -> std::result::Result<u64, String> {
    id.as_u64()
        .ok_or_else(|| format!("{id} is not a WordPress post id"))
}
