//! A story sent to a CMS over its API (WordPress, Ghost): created once as a
//! post, updated in place when the story changed, left alone when it did not;
//! a post deleted at the site is reported, never recreated. `--dry-run` prints
//! the requests it would send, credentials never among them.

use serde_json::Value;

use super::{Outcome, Story};
use crate::article::Article;
use crate::cli::PublishArgs;
use crate::clock::Date;
use crate::error::{Error, Result};
use crate::publish::blocks::{self, Flavor};
use crate::publish::{self, Published, RemotePost};

/// A post as a site answers it.
pub(super) struct Sent {
    pub(super) id: Value,
    pub(super) link: String,
    /// When the site last changed it.
    pub(super) modified: crate::publish::Revision,
}

/// What the generic flow asks of a site.
pub(super) trait Cms {
    /// How a post's body is marked up for this site.
    const FLAVOR: Flavor;

    /// The request that would create (`None`) or update a post, for a dry run.
    fn request(&self, id: Option<&Value>) -> String;

    /// The post's address, when it still exists.
    async fn exists(&self, id: &Value) -> std::result::Result<Option<String>, String>;

    /// Create the post (`id` none) or replace it; none when it is gone.
    async fn send(
        &self,
        id: Option<&Value>,
        article: &Article,
        slug: &str,
        body: &str,
        status: &str,
    ) -> std::result::Result<Option<Sent>, String>;
}

/// Publish one story to `cms`.
pub(super) async fn one<C: Cms>(
    cms: &C,
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
                eprintln!("{}", cms.request(Some(&r.id)));
            }
            return Ok(outcome(result, last.path.clone()));
        }
        let Some(link) = cms.exists(&r.id).await.map_err(fail)? else {
            return Ok(outcome("missing", last.path.clone()));
        };
        if last.sha256 == sent {
            return Ok(outcome("unchanged", link));
        }
    }
    if args.dry_run {
        eprintln!(
            "{} (a {status} titled {:?})",
            cms.request(None),
            story.article.headline
        );
        return Ok(outcome("would publish", String::new()));
    }
    let (kept, body) = body(args, story, C::FLAVOR);
    let Some(done) = cms
        .send(
            remote.as_ref().map(|r| &r.id),
            &story.article,
            &story.story,
            &body,
            status,
        )
        .await
        .map_err(fail)?
    else {
        return Ok(outcome(
            "missing",
            last.map(|l| l.path.clone()).unwrap_or_default(),
        ));
    };
    publish::write_file(&kept, story.json.as_bytes())?;
    let mut record = story.record(&args.to, done.link.clone(), sent, status == "draft");
    record.remote = Some(RemotePost {
        id: done.id,
        modified: done.modified,
    });
    publish::record(&args.dir, &record)
        .map_err(|e| Error::io(format!("recording in {}", args.dir.display()), e))?;
    Ok(outcome(
        if remote.is_some() { "updated" } else { "published" },
        done.link,
    ))
}

/// The post's body, opening on what the reader is told changed since the
/// edition last sent here, and where that edition is kept.
fn body(args: &PublishArgs, story: &Story, flavor: blocks::Flavor) -> (std::path::PathBuf, String) {
    let kept = args
        .dir
        .join("published")
        .join(&args.to)
        .join(format!("{}.json", story.id));
    let before: Option<Article> = crate::fsutil::read_text(&kept, 64 << 20)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    let note = before.and_then(|b| publish::updated(&b, &story.article, Date::today()));
    let body = blocks::content(&story.article, note.as_deref(), flavor);
    (kept, body)
}
