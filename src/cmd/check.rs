//! The `check` command: any Markdown article against its sources.

use std::path::Path;

use super::out::write_stdout;
use crate::check::{self, Corpus, Report, markdown};
use crate::cli::CheckArgs;
use crate::config::ProcessEnv;
use crate::error::{Error, InputError, Result};
use crate::{persona, source};

pub(crate) async fn run(args: &CheckArgs, config: Option<&Path>) -> Result<()> {
    let project = super::open::discover(config, args.personas.as_deref(), None)?;
    let article = args
        .article
        .as_deref()
        .or(args.edition.as_deref())
        .ok_or_else(|| {
            InputError::new("check", None, "no article given").hint("name the article to check")
        })?;
    let text = read_article(article)?;
    let persona_id = args
        .persona
        .clone()
        .or_else(|| front_matter_persona(&text))
        .unwrap_or_else(|| project.default_persona.clone());
    let persona = persona::load(&persona_id, &project.persona_dirs)?;
    if let Some(other) = &args.against {
        return parity(args, (article, &text), (other, &read_article(other)?), &persona);
    }
    let args_article = article;
    let mut sources = source::load_all(&args.sources, &project.fetcher(&ProcessEnv)?).await?;
    source::tag_perspectives(&mut sources, &persona)?;
    let doc = markdown::parse(&text, &persona);
    if doc.blocks.is_empty() {
        return Err(InputError::new(args_article, None, "the article has no text to check").into());
    }
    let report = check::run(&doc, &Corpus::new(&sources, &persona), &persona);
    if args.json {
        let json = serde_json::to_string_pretty(&report).map_err(Error::internal)?;
        write_stdout(&format!("{json}\n"))?;
    } else {
        write_stdout(&human(&report, args_article, doc.has_cites()))?;
    }
    if report.passed() {
        Ok(())
    } else {
        Err(Error::Integrity {
            count: report.findings.len(),
            summary: format!("see the report for {}", args_article.display()),
        })
    }
}

/// The `persona` field of the article's front matter (YAML or TOML), if it has
/// one; a header that does not parse names no persona.
fn front_matter_persona(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Header {
        persona: Option<String>,
    }
    let path = std::path::Path::new("article");
    let split = crate::frontmatter::split(path, text).ok()?;
    split.header?;
    let header: Header = crate::frontmatter::parse(path, &split).ok()?;
    header.persona.filter(|p| !p.trim().is_empty())
}

fn human(report: &Report, article: &Path, cited: bool) -> String {
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&format!("{}: {f}\n", article.display()));
    }
    for n in &report.unverified {
        out.push_str(&format!("{}: note: {n}\n", article.display()));
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
        0 => "no findings".to_string(),
        n => format!("{n} finding(s)"),
    });
    out.push_str(&match report.unverified.len() {
        0 => "\n".to_string(),
        n => format!(", {n} unverified claim(s) to read\n"),
    });
    out
}

fn read_article(path: &Path) -> Result<String> {
    Ok(crate::fsutil::read_text(path, 5 * 1024 * 1024)
        .map_err(|e| InputError::new(path, None, format!("cannot read article: {e}")))?)
}

/// `check --edition A --against B`: fact parity between two editions.
fn parity(args: &CheckArgs, a: (&Path, &str), b: (&Path, &str), persona: &persona::Persona) -> Result<()> {
    let (doc_a, doc_b) = (markdown::parse(a.1, persona), markdown::parse(b.1, persona));
    for (path, doc) in [(a.0, &doc_a), (b.0, &doc_b)] {
        if doc.blocks.is_empty() {
            return Err(InputError::new(path, None, "the article has no text to check").into());
        }
    }
    let differences = check::parity::compare(&doc_a, &doc_b, persona);
    if args.json {
        let json = serde_json::to_string_pretty(&serde_json::json!({ "differences": differences }))
            .map_err(Error::internal)?;
        write_stdout(&format!("{json}\n"))?;
    } else {
        let mut out = String::new();
        for d in &differences {
            let kind = serde_json::to_value(d.kind).map_err(Error::internal)?;
            out.push_str(&format!(
                "{kind}: {}\n  {}: {}: {}\n  {}: {}: {}\n",
                d.claim,
                a.0.display(),
                d.edition.location,
                d.edition.text,
                b.0.display(),
                d.against.location,
                d.against.text
            ));
        }
        out.push_str(&match differences.len() {
            0 => "the editions agree\n".to_string(),
            n => format!("{n} difference(s)\n"),
        });
        write_stdout(&out)?;
    }
    if differences.is_empty() {
        Ok(())
    } else {
        Err(Error::Integrity {
            count: differences.len(),
            summary: format!("{} and {} differ", a.0.display(), b.0.display()),
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_front_matter_names_the_persona() {
        let named = super::front_matter_persona;
        assert_eq!(
            named("---\npersona: nuri\ntitle: x\n---\nBody"),
            Some("nuri".into())
        );
        assert_eq!(named("+++\npersona = \"prism\"\n+++\nBody"), Some("prism".into()));
        assert_eq!(named("---\ntitle: x\n---\nBody"), None);
        assert_eq!(named("Body only"), None);
    }
}
