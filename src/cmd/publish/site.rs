//! A static site's page bundles: written, rewritten when the story changed,
//! left alone when it did not; and the preflight of its content folder.

use std::path::Path;

use super::{Outcome, Story};
use crate::article::Article;
use crate::cli::PublishArgs;
use crate::clock::Date;
use crate::cmd::out::write_stdout;
use crate::config::SiteKind;
use crate::error::{Error, Result};
use crate::publish::{self, Page, Published};

/// Publish one story (an edition's row is its own page in the story's bundle).
pub(super) fn one(
    args: &PublishArgs,
    kind: SiteKind,
    dir: &Path,
    story: &Story,
    draft: bool,
    last: Option<&Published>,
) -> Result<Outcome> {
    let bundle = dir.join(&story.story);
    // The article as last published here, kept in its bundle.
    let suffix = story
        .edition
        .as_deref()
        .map(|l| format!(".{l}"))
        .unwrap_or_default();
    let before: Option<Article> =
        crate::fsutil::read_text(&bundle.join(format!("article{suffix}.json")), 64 << 20)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
    let page = Page {
        article: &story.article,
        body: &story.body,
        html: story.html.as_deref(),
        provenance: story.provenance.as_deref(),
        record: &story.json,
        before: before.as_ref(),
        edition: story.edition.as_deref(),
        draft,
    };
    let files = publish::bundle(kind, &page, Date::today());
    let sha = story.sent(draft);
    let outcome = |result| Outcome {
        id: story.id.clone(),
        result,
        path: bundle.display().to_string(),
        draft,
    };
    if let Some(last) = last {
        if !bundle.join(&files[0].0).exists() {
            return Ok(outcome("missing"));
        }
        if last.sha256 == sha {
            return Ok(outcome("unchanged"));
        }
    }
    if args.dry_run {
        return Ok(outcome(if last.is_some() {
            "updated"
        } else {
            "would publish"
        }));
    }
    for (name, text) in &files {
        publish::write_file(&bundle.join(name), text.as_bytes())?;
    }
    let record = story.record(&args.to, bundle.display().to_string(), sha, draft);
    publish::record(&args.dir, &record)
        .map_err(|e| Error::io(format!("recording in {}", args.dir.display()), e))?;
    Ok(outcome(if last.is_some() { "updated" } else { "published" }))
}

/// `--check`: the target's folder and the site around it, without writing.
pub(super) fn preflight(name: &str, kind: SiteKind, dir: &Path) -> Result<()> {
    let existing = dir.ancestors().find(|a| a.exists());
    let writable = existing
        .and_then(|a| std::fs::metadata(a).ok())
        .is_some_and(|m| m.is_dir() && !m.permissions().readonly());
    if !writable {
        return Err(Error::Usage(format!(
            "{name}: {} cannot be written (its nearest existing folder is not a writable folder); point `dir` at a site's content folder you can write",
            dir.display()
        )));
    }
    let configs: &[&str] = match kind {
        SiteKind::Hugo => &[
            "hugo.toml",
            "hugo.yaml",
            "hugo.json",
            "config.toml",
            "config.yaml",
            "config.json",
        ],
        SiteKind::Zola => &["config.toml", "zola.toml"],
    };
    let site = dir
        .ancestors()
        .find(|a| configs.iter().any(|c| a.join(c).is_file()));
    let Some(site) = site else {
        return Err(Error::Usage(format!(
            "{name}: {} is in no {:?} site (no {} in it or above); set `dir` to the content folder of the site, e.g. site/content/news",
            dir.display(),
            kind,
            configs.join(" or ")
        )));
    };
    let created = if dir.exists() {
        ""
    } else {
        " (created on the first publish)"
    };
    write_stdout(&format!(
        "{name}: ok: {}{created}, in the {:?} site at {}; nothing was written\n",
        dir.display(),
        kind,
        site.display()
    ))
}
