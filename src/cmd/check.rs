//! The `check` command: any Markdown article against its sources.

use std::path::Path;

use super::write_stdout;
use crate::cli::CheckArgs;
use parallax::check::{self, Corpus, Report, markdown};
use parallax::config::{ProcessEnv, Project};
use parallax::error::{Error, InputError, Result};
use parallax::{persona, source};

pub async fn run(args: &CheckArgs, config: Option<&Path>) -> Result<()> {
    let cwd = super::cwd()?;
    let project = Project::discover(config, args.personas.as_deref(), None, &ProcessEnv, &cwd)?;
    let text = parallax::fsutil::read_text(&args.article, 5 * 1024 * 1024)
        .map_err(|e| InputError::new(&args.article, None, format!("cannot read article: {e}")))?;
    let persona_id = args
        .persona
        .clone()
        .or_else(|| front_matter_persona(&text))
        .unwrap_or_else(|| project.default_persona.clone());
    let persona = persona::load(&persona_id, &project.persona_dirs)?;
    let mut sources = source::load_all(&args.sources, &project.fetcher(&ProcessEnv)?).await?;
    source::tag_perspectives(&mut sources, &persona)?;
    let doc = markdown::parse(&text, &persona);
    if doc.blocks.is_empty() {
        return Err(InputError::new(&args.article, None, "the article has no text to check").into());
    }
    let report = check::run(&doc, &Corpus::new(&sources, &persona), &persona);
    if args.json {
        let json = serde_json::to_string_pretty(&report).map_err(Error::internal)?;
        write_stdout(&format!("{json}\n"))?;
    } else {
        write_stdout(&human(&report, &args.article, doc.has_cites()))?;
    }
    if report.passed() {
        Ok(())
    } else {
        Err(Error::Integrity {
            count: report.findings.len(),
            summary: format!("see the report for {}", args.article.display()),
        })
    }
}

/// The `persona:` field of a YAML front matter, if the article has one.
fn front_matter_persona(text: &str) -> Option<String> {
    let header = text.strip_prefix("---\n")?.split("\n---").next()?;
    header
        .lines()
        .find_map(|l| l.strip_prefix("persona:"))
        .map(|v| v.trim().trim_matches('"').to_string())
        .filter(|v| !v.is_empty())
}

fn human(report: &Report, article: &Path, cited: bool) -> String {
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&format!("{}: {f}\n", article.display()));
    }
    let shares: Vec<String> = report
        .balance
        .iter()
        .map(|s| {
            let note = if s.stated { "" } else { ", no stated position" };
            format!(
                "{} {:.0}% ({} words{note})",
                s.perspective,
                s.share * 100.0,
                s.words
            )
        })
        .collect();
    if !shares.is_empty() {
        out.push_str(&format!("balance: {}\n", shares.join(", ")));
    }
    for t in &report.glossary {
        let state = if t.ok { "ok" } else { "violated" };
        out.push_str(&format!(
            "glossary: {} {} ({} mention(s))\n",
            t.term, state, t.mentions
        ));
    }
    if !cited {
        out.push_str(
            "note: the article carries no passage ids; every claim was checked against all sources\n",
        );
    }
    out.push_str(&match report.findings.len() {
        0 => "no findings\n".to_string(),
        n => format!("{n} finding(s)\n"),
    });
    out
}
