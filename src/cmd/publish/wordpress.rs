//! A WordPress site as a publishing target: the preflight (the REST API
//! answers, the user is known by the application password), then each story
//! created once as a post and updated in place when it changed. A post deleted
//! or trashed at the site is reported, never recreated. `--dry-run` prints the
//! requests it would send, the password never among them.

use super::{Outcome, Story};
use crate::article::Article;
use crate::cli::PublishArgs;
use crate::clock::Date;
use crate::config::WordPressTarget;
use crate::error::{Error, Result};
use crate::publish::wordpress::{Post, Site};
use crate::publish::{self, Published, RemotePost, blocks};

/// A site opened for one run: checked, its categories and tags resolved.
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
        s.who = s
            .site
            .check()
            .await
            .map_err(|e| Error::Usage(format!("{}: {e}", args.to)))?;
        // A preflight creates nothing.
        let create = t.create_terms && !args.check;
        s.categories = s
            .site
            .terms("categories", &t.categories, create)
            .await
            .map_err(|e| Error::Usage(format!("{}: {e}", args.to)))?;
        s.tags = s
            .site
            .terms("tags", &t.tags, create)
            .await
            .map_err(|e| Error::Usage(format!("{}: {e}", args.to)))?;
        Ok(s)
    }

    /// The preflight's line when every check passed.
    pub(super) fn preflight_line(&self, name: &str) -> String {
        format!(
            "{name}: ok: {} answers its REST API and knows {} by the application password; categories and tags resolved; nothing was written\n",
            self.url, self.who
        )
    }

    /// Publish one story: create its post, update it when the story changed,
    /// or leave it.
    pub(super) async fn one(
        &mut self,
        args: &PublishArgs,
        story: &Story,
        draft: bool,
        last: Option<&Published>,
    ) -> Result<Outcome> {
        let status = if draft { "draft" } else { args.status.as_str() };
        let sent = story.sent(status == "draft");
        let fail = |e: String| Error::Batch(format!("{}: {e}", story.id));
        let remote = last.and_then(|l| l.remote.clone());
        let outcome = |result, path: String| Outcome {
            id: story.id.clone(),
            result,
            path,
            draft: status == "draft",
        };
        if let (Some(last), Some(r)) = (last, &remote) {
            if args.dry_run {
                let result = if last.sha256 == sent {
                    "unchanged"
                } else {
                    "updated"
                };
                if result == "updated" {
                    eprintln!(
                        "POST {} (post {}, Authorization: Basic <redacted>)",
                        self.site.endpoint(&format!("/wp/v2/posts/{}", r.id), ""),
                        r.id
                    );
                }
                return Ok(outcome(result, last.path.clone()));
            }
            let Some(now) = self.site.post(r.id).await.map_err(fail)? else {
                return Ok(outcome("missing", last.path.clone()));
            };
            if last.sha256 == sent {
                return Ok(outcome("unchanged", now.link));
            }
        }
        if args.dry_run {
            eprintln!(
                "POST {} (a {status} titled {:?}, Authorization: Basic <redacted>)",
                self.site.endpoint("/wp/v2/posts", ""),
                story.article.headline
            );
            return Ok(outcome("would publish", self.url.clone()));
        }
        // What the reader is told changed since the last edition sent here.
        let kept = args
            .dir
            .join("published")
            .join(&args.to)
            .join(format!("{}.json", story.id));
        let before: Option<Article> = crate::fsutil::read_text(&kept, 64 << 20)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
        let note = before.and_then(|b| publish::updated(&b, &story.article, Date::today()));
        let content = blocks::content(&story.article, note.as_deref());
        let post = Post {
            title: &story.article.headline,
            content: &content,
            excerpt: &story.article.deck,
            slug: &story.story,
            status,
            categories: &self.categories,
            tags: &self.tags,
        };
        let done = match &remote {
            Some(r) => self.site.update(r.id, &post).await,
            None => self.site.create(&post).await,
        }
        .map_err(fail)?;
        publish::write_file(&kept, story.json.as_bytes())?;
        let mut record = story.record(&args.to, done.link.clone(), sent, status == "draft");
        record.remote = Some(RemotePost {
            id: done.id,
            modified: done.modified_gmt.clone(),
        });
        publish::record(&args.dir, &record)
            .map_err(|e| Error::io(format!("recording in {}", args.dir.display()), e))?;
        Ok(outcome(
            if remote.is_some() { "updated" } else { "published" },
            done.link,
        ))
    }
}
