//! `parallax publish DIR --to NAME`: the approved stories of a batch folder
//! (their approval current) to a static site, each once and then updated in
//! place; `--all` takes every written story, the unapproved as drafts.

use std::path::{Path, PathBuf};

use super::out::write_stdout;
use crate::article::Article;
use crate::cli::PublishArgs;
use crate::clock::Date;
use crate::config::PublishTarget;
use crate::error::{Error, Result};
use crate::publish::{self, Page, Published};
use crate::review::{self, Row, Standing};

/// What became of one story.
#[derive(Debug, serde::Serialize)]
struct Outcome {
    id: String,
    /// `published`, `updated`, `unchanged`, `missing` (deleted at the target,
    /// not recreated) or `would publish` in a dry run.
    result: &'static str,
    path: String,
    draft: bool,
}

pub(crate) fn run(args: &PublishArgs, config: Option<&Path>) -> Result<()> {
    let project = super::open::discover(config, None, None)?;
    let target = project.publish_target(&args.to)?;
    if args.check {
        return preflight(&args.to, &target);
    }
    let rows = review::rows(&args.dir)?;
    let records = publish::records(&args.dir);
    let mut out = Vec::new();
    for row in &rows {
        let approved = matches!(row.decision, Some(Standing::Approve));
        if row.file.is_none() || !(approved || args.all) {
            continue;
        }
        let outcome = one(args, &target, row, !approved, &records)?;
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

/// Publish one story (an edition's row is its own page in the story's bundle).
fn one(
    args: &PublishArgs,
    target: &PublishTarget,
    row: &Row,
    draft: bool,
    records: &std::collections::HashMap<(String, String), Published>,
) -> Result<Outcome> {
    let dir = &args.dir;
    let read = |ext: &str| crate::fsutil::read_text(&dir.join(format!("{}.{ext}", row.id)), 64 << 20).ok();
    let json = read("json")
        .ok_or_else(|| Error::Usage(format!("{}: no {}.json in {}", row.id, row.id, dir.display())))?;
    let article: Article = serde_json::from_str(&json).map_err(Error::internal)?;
    let markdown = read("md").unwrap_or_default();
    let body = crate::frontmatter::split(Path::new(&row.id), &markdown)
        .map(|s| s.body.to_string())
        .unwrap_or_else(|_| markdown.clone());
    let (story, edition) = match row.id.strip_suffix(&format!(".{}", row.language)) {
        Some(story) => (story, Some(row.language.as_str())),
        None => (row.id.as_str(), None),
    };
    let (html, provenance) = (read("html"), read("provenance.json"));
    let bundle: PathBuf = target.dir.join(story);
    // The article as last published here, kept in its bundle.
    let suffix = edition.map(|l| format!(".{l}")).unwrap_or_default();
    let before: Option<Article> =
        crate::fsutil::read_text(&bundle.join(format!("article{suffix}.json")), 64 << 20)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
    let page = Page {
        article: &article,
        body: &body,
        html: html.as_deref(),
        provenance: provenance.as_deref(),
        record: &json,
        before: before.as_ref(),
        edition,
        draft,
    };
    let files = publish::bundle(target.kind, &page, Date::today());
    // Whether the story changed is told by its own files; an update's note
    // follows from them.
    let story_sha = publish::story_hash_of(&json, &markdown);
    let sha = crate::fsutil::sha256_hex(format!("{story_sha} draft={draft}").as_bytes());
    let outcome = |result| Outcome {
        id: row.id.clone(),
        result,
        path: bundle.display().to_string(),
        draft,
    };
    let last = records.get(&(args.to.clone(), row.id.clone()));
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
    let record = Published {
        at: crate::clock::now(),
        target: args.to.clone(),
        id: row.id.clone(),
        path: bundle.display().to_string(),
        sha256: sha,
        draft,
        story: story_sha,
    };
    publish::record(dir, &record).map_err(|e| Error::io(format!("recording in {}", dir.display()), e))?;
    Ok(outcome(if last.is_some() { "updated" } else { "published" }))
}

/// `--check`: the target's folder and the site around it, without writing.
fn preflight(name: &str, target: &PublishTarget) -> Result<()> {
    use crate::config::SiteKind;
    let dir = &target.dir;
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
    let configs: &[&str] = match target.kind {
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
            target.kind,
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
        target.kind,
        site.display()
    ))
}
