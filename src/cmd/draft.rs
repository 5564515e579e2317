//! The `draft` command: load, plan, call, check, render, write.

use crate::ids::Lang;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::open::cwd;
use super::out::write_stdout;
use crate::article::Article;
use crate::cli::DraftArgs;
use crate::config::Flags;
use crate::drafter::Drafted;
use crate::error::{Error, Result};
use crate::llm::cost::describe as cost_text;
use crate::pipeline::PlannedCall;
use crate::publish::{self, Edition, Target, outputs, slug, target};
use crate::render::{Format, terminal};
use crate::session::Session;
use crate::source;
use crate::voice::Voice;

/// Columns of the terminal, from `COLUMNS`, else 80.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(80)
}

pub(crate) async fn run(args: &DraftArgs, config_path: Option<&Path>) -> Result<()> {
    let mut session = Session::new(
        &Flags {
            dry_run: args.dry_run,
            ..args.run.flags()
        },
        args.persona.as_deref(),
        config_path,
        &cwd()?,
    )?;
    // A bad -o is a usage error before anything is drafted.
    if let Some(p) = &args.output
        && let Target::Files(base, formats) = target(p, &args.run.format)?
    {
        refuse_inputs(&outputs(&base, &formats), &args.sources)?;
    }
    if args.sources.iter().filter(|s| *s == "-").count() > 1 {
        return Err(Error::Usage(
            "standard input (`-`) can be given as a source only once".into(),
        ));
    }
    let languages = editions(session.drafter().languages(), args)?;
    session.drafter_mut().learn_context().await;
    let voice = session.voices().get(None)?;
    let sources = source::load_all(&args.sources, session.fetcher()).await?;
    let options = session.drafter().options(&voice.persona, None, !args.dry_run)?;
    if args.dry_run {
        return dry_run(
            &session
                .drafter()
                .plan(&voice, sources, &options, &languages)
                .await?,
            options.prompt_tokens,
            options.window,
        );
    }
    if session.drafter().client().is_none() {
        tracing::warn!(
            "no language model used: drafting with the extractive provider from source passages \
             (set OPENAI_API_KEY, OPENAI_BASE_URL or ANTHROPIC_API_KEY, or pass --provider, to draft with a model)"
        );
    }
    let mut drafted = session
        .drafter()
        .editions(&voice, sources, &options, &languages)
        .await?;
    // Editions share one name, from the first edition's headline.
    let stem = drafted
        .first()
        .map(|d| slug(&d.article.headline))
        .unwrap_or_default();
    let several = drafted.len() > 1;
    for d in &mut drafted {
        let lang = several.then(|| d.article.meta.language.clone());
        let report = d.article.meta.integrity.clone().unwrap_or_default();
        for f in &report.findings {
            match &lang {
                Some(l) => tracing::warn!("integrity ({l}): {f}"),
                None => tracing::warn!("integrity: {f}"),
            }
        }
        let edition = Edition {
            lang: lang.as_ref(),
            stem: &stem,
        };
        let written = output(args, &voice, d, &edition)?;
        if let Some(p) = &args.provenance {
            publish::write_json(&edition.file(p), &d.provenance)?;
        }
        summary(
            &written,
            &d.article,
            report.findings.len(),
            report.degraded().count(),
        );
    }
    Ok(())
}

/// The languages asked for; several need files to go to.
fn editions(languages: &[Lang], args: &DraftArgs) -> Result<Vec<Lang>> {
    let to_stdout = args.output.as_deref().is_none_or(|p| p.as_os_str() == "-");
    if languages.len() > 1 && to_stdout && !args.dry_run {
        return Err(Error::Usage(format!(
            "--lang {} writes one article per language: pass -o FILE.md (written as FILE.{}.md, …) or -o DIR/",
            languages.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(","),
            languages[0]
        )));
    }
    Ok(languages.to_vec())
}

/// `--dry-run`: every request, in round order, on stdout. With a known
/// window, each stage's prompt budget is the window less its answer's room.
fn dry_run(calls: &[PlannedCall], budget: usize, window: Option<usize>) -> Result<()> {
    let mut out = String::new();
    for c in calls {
        let tokens = c.request.prompt_tokens();
        let answer = c.request.max_tokens;
        let budget = window.map_or(budget, |w| w.saturating_sub(answer as usize));
        out.push_str(&format!(
            "=== round {} · {} · model {} · ~{tokens} of {budget} prompt tokens, {answer} for the answer ===\n",
            c.round, c.stage, c.request.model
        ));
        if c.round > 1 {
            out.push_str("(depends on earlier answers; shown with extractive answers in their place)\n");
        }
        for m in &c.request.messages {
            out.push_str(&format!("--- {} ---\n{}\n", m.role.as_str(), m.content));
        }
    }
    write_stdout(&out)?;
    let rounds = calls.iter().map(|c| c.round).max().unwrap_or(0);
    tracing::info!(
        "dry run: {} calls in {rounds} rounds, {}% of their prompt tokens a prefix an earlier call sent (what providers' prompt caches serve); nothing was sent",
        calls.len(),
        cacheable_percent(calls)
    );
    Ok(())
}

/// The share of the calls' prompt tokens that repeat the start of an earlier
/// call's prompt, byte for byte: what a provider's prefix cache can serve.
fn cacheable_percent(calls: &[PlannedCall]) -> u32 {
    let texts: Vec<String> = calls
        .iter()
        .map(|c| {
            c.request
                .messages
                .iter()
                .map(|m| m.content.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    let common = |a: &str, b: &str| {
        let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        (0..=n).rev().find(|i| a.is_char_boundary(*i)).unwrap_or(0)
    };
    let mut cached = 0;
    for (i, t) in texts.iter().enumerate() {
        let longest = texts[..i].iter().map(|e| common(t, e)).max().unwrap_or(0);
        cached += crate::text::tokens(&t[..longest]);
    }
    let total: usize = texts.iter().map(|t| crate::text::tokens(t)).sum();
    (cached * 100).checked_div(total).unwrap_or(0) as u32
}

/// Write the article where `-o` says, or print it.
fn output(
    args: &DraftArgs,
    voice: &Voice,
    drafted: &mut Drafted,
    edition: &Edition<'_>,
) -> Result<Vec<PathBuf>> {
    let files = match args
        .output
        .as_deref()
        .map(|p| target(p, &args.run.format))
        .transpose()?
    {
        None | Some(Target::Stdout) => None,
        // Checked against the sources before drafting.
        Some(Target::Files(base, formats)) => Some((edition.base(&base), formats)),
        Some(Target::Folder(dir, formats)) => {
            let base = edition.base(&dir.join(edition.stem));
            refuse_inputs(&outputs(&base, &formats), &args.sources)?;
            Some((base, formats))
        }
    };
    if let Some((base, formats)) = files {
        return publish::write(voice, drafted, &base, &formats, true);
    }
    let format = match args.run.format.as_slice() {
        [] => Format::Md,
        [one] => *one,
        _ => return Err(Error::Usage("several --format values need -o FILE".into())),
    };
    let text = if format == Format::Md && !args.plain && std::io::stdout().is_terminal() {
        terminal::render(&drafted.article, terminal_width(), terminal::colour())
    } else {
        publish::render(voice, &drafted.article, format)?
    };
    write_stdout(&text)?;
    Ok(Vec::new())
}

/// Refuse to write over a source: an output path that is one of the inputs.
fn refuse_inputs(outputs: &[PathBuf], sources: &[String]) -> Result<()> {
    let inputs: Vec<PathBuf> = sources
        .iter()
        .filter_map(|s| std::fs::canonicalize(s).ok())
        .collect();
    for out in outputs {
        if let Ok(c) = std::fs::canonicalize(out)
            && inputs.contains(&c)
        {
            return Err(Error::Usage(format!(
                "-o would overwrite the source {}; name another file",
                out.display()
            )));
        }
    }
    Ok(())
}

/// The one-line summary on stderr.
fn summary(written: &[PathBuf], article: &Article, findings: usize, degraded: usize) {
    let m = &article.meta;
    let cached = m.calls.iter().filter(|c| c.cached).count();
    let checks = match (findings, degraded) {
        (0, _) => "checks passed".to_string(),
        (n, 0) => format!("{n} finding(s)"),
        (n, d) => format!("{n} finding(s), {d} degraded part(s)"),
    };
    // Tokens replayed from the response cache cost nothing: count them apart.
    let mut spent = crate::llm::Usage::default();
    let mut replayed = 0;
    for c in &m.calls {
        if c.cached {
            replayed += c.usage.total();
        } else {
            spent += c.usage;
        }
    }
    let replayed = if replayed > 0 {
        format!(", {replayed} more replayed from the cache")
    } else {
        String::new()
    };
    tracing::info!(
        "{}: {} words, {} perspectives, {checks}, {} calls ({cached} from cache), {} tokens spent ({} in, {} out){replayed}, {}, {:.1} s, provider {}, model {}",
        if written.is_empty() {
            "article".to_string()
        } else {
            written
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        },
        article.word_count(),
        article.perspectives.len(),
        m.calls.len(),
        spent.total(),
        spent.prompt_tokens,
        spent.completion_tokens,
        cost_text(m.cost_usd),
        m.elapsed_ms as f64 / 1000.0,
        m.provider,
        m.model,
    );
}
