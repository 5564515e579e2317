//! `parallax publish DIR --to NAME`: the approved stories of a batch folder
//! (their approval current) to a static site or a WordPress site, each once and
//! then updated in place; `--all` takes every written story, the unapproved as
//! drafts.

use std::path::Path;

use super::out::write_stdout;
use crate::article::Article;
use crate::cli::PublishArgs;
use crate::config::PublishTarget;
use crate::error::{Error, Result};
use crate::publish::{self, Published};
use crate::review::{self, Row, Standing};

mod ghost;
mod remote;
mod site;
mod wordpress;

/// What became of one story.
#[derive(Debug, serde::Serialize)]
struct Outcome {
    id: String,
    /// `published`, `updated`, `unchanged`, `missing` (deleted at the target,
    /// not recreated) or `would publish` in a dry run.
    result: &'static str,
    /// Where it went: a bundle's folder, or a post's address.
    path: String,
    draft: bool,
}

/// One story of the batch folder, read once: its record, its Markdown and the
/// files written beside them.
struct Story {
    /// The row's id (`ID`, or `ID.LANG` for an edition).
    id: String,
    /// The story's id, an edition's language taken off.
    story: String,
    edition: Option<crate::ids::Lang>,
    article: Article,
    json: String,
    /// The Markdown without its front matter.
    body: String,
    html: Option<String>,
    provenance: Option<String>,
    /// [`publish::story_hash_of`] the files as they are.
    sha: String,
}

impl Story {
    fn read(dir: &Path, row: &Row) -> Result<Story> {
        let read =
            |ext: &str| crate::fsutil::read_text(&dir.join(format!("{}.{ext}", row.id)), 64 << 20).ok();
        let json = read("json")
            .ok_or_else(|| Error::Usage(format!("{}: no {}.json in {}", row.id, row.id, dir.display())))?;
        let article: Article = serde_json::from_str(&json).map_err(Error::internal)?;
        let markdown = read("md").unwrap_or_default();
        let body = crate::frontmatter::split(Path::new(&row.id), &markdown)
            .map(|s| s.body.to_string())
            .unwrap_or_else(|_| markdown.clone());
        let suffix = row.language.as_ref().map(|l| format!(".{l}")).unwrap_or_default();
        let (story, edition) = match row.id.strip_suffix(&suffix).filter(|_| !suffix.is_empty()) {
            Some(story) => (story.to_string(), row.language.clone()),
            None => (row.id.clone(), None),
        };
        Ok(Story {
            id: row.id.clone(),
            story,
            edition,
            sha: publish::story_hash_of(&json, &markdown),
            article,
            json,
            body,
            html: read("html"),
            provenance: read("provenance.json"),
        })
    }

    /// What is sent for it: the story's files and whether it goes as a draft.
    fn sent(&self, draft: bool) -> String {
        crate::fsutil::sha256_hex(format!("{} draft={draft}", self.sha).as_bytes())
    }

    fn record(&self, to: &str, path: String, sent: String, draft: bool) -> Published {
        Published {
            at: crate::clock::now(),
            target: to.to_string(),
            id: self.id.clone(),
            path,
            sha256: sent,
            draft,
            story: self.sha.clone(),
            remote: None,
        }
    }
}

pub(crate) async fn run(args: &PublishArgs, config: Option<&Path>) -> Result<()> {
    let project = super::open::discover(config, None, None)?;
    let target = project.publish_target(&args.to)?;
    // A CMS is opened (and checked) before any story is read.
    let cms = match &target {
        PublishTarget::WordPress(t) => Cms::WordPress(wordpress::Session::open(t, args).await?),
        PublishTarget::Ghost(t) => Cms::Ghost(ghost::Session::open(t, args).await?),
        PublishTarget::Site { .. } => Cms::None,
    };
    if args.check {
        return match (&target, &cms) {
            (PublishTarget::Site { kind, dir }, _) => site::preflight(&args.to, *kind, dir),
            (_, Cms::WordPress(wp)) => write_stdout(&wp.preflight_line(&args.to)),
            (_, Cms::Ghost(g)) => write_stdout(&g.preflight_line(&args.to)),
            _ => Ok(()),
        };
    }
    let rows = review::rows(&args.dir)?;
    let records = publish::records(&args.dir);
    let mut out = Vec::new();
    for row in &rows {
        let approved = matches!(row.decision, Some(Standing::Approve));
        if row.file.is_none() || !(approved || args.all) {
            continue;
        }
        let story = Story::read(&args.dir, row)?;
        let last = records.get(&(args.to.clone(), row.id.clone()));
        let outcome = match (&target, &cms) {
            (PublishTarget::Site { kind, dir }, _) => site::one(args, *kind, dir, &story, !approved, last)?,
            (_, Cms::WordPress(wp)) => remote::one(wp, args, &story, !approved, last).await?,
            (_, Cms::Ghost(g)) => remote::one(g, args, &story, !approved, last).await?,
            (_, Cms::None) => continue,
        };
        if outcome.result == "missing" {
            tracing::warn!(
                "{}: published before to {}, and deleted there since; not recreated (remove its lines from published.jsonl to publish it again)",
                outcome.id,
                outcome.path
            );
        } else {
            tracing::info!("{}: {} ({})", outcome.id, outcome.result, outcome.path);
        }
        out.push(outcome);
    }
    summary(args, &out)
}

/// The CMS a run sends to, opened.
enum Cms {
    WordPress(wordpress::Session),
    Ghost(ghost::Session),
    None,
}

/// The run's closing line, or one JSON line per story with `--json`.
fn summary(args: &PublishArgs, out: &[Outcome]) -> Result<()> {
    let text = if args.json {
        let lines = out
            .iter()
            .map(|o| serde_json::to_string(o).map_err(Error::internal))
            .collect::<Result<Vec<_>>>()?;
        if lines.is_empty() {
            return Ok(());
        }
        lines.join("\n")
    } else {
        let count = |r: &str| out.iter().filter(|o| o.result == r).count();
        format!(
            "{}: {} published, {} updated, {} unchanged, {} missing at the target{}",
            args.to,
            count("published") + count("would publish"),
            count("updated"),
            count("unchanged"),
            count("missing"),
            if args.dry_run {
                " (dry run: nothing written)"
            } else {
                ""
            }
        )
    };
    write_stdout(&format!("{text}\n"))
}
