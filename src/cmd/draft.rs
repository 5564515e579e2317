//! The `draft` command: load, plan, call, render, write.

use std::collections::BTreeMap;
use std::path::Path;

use super::write_stdout;
use crate::cli::DraftArgs;
use crate::config::{self, ProcessEnv, STAGES, Settings};
use crate::error::{Error, Result};
use crate::llm::{Cache, Client, HttpClient, PriceTable, extractive};
use crate::persona::Persona;
use crate::pipeline::{self, DraftOptions, Job};
use crate::prompt::Prompts;
use crate::render::{Markdown, Render};
use crate::{fsutil, persona, provenance, source};

pub async fn run(args: &DraftArgs, config_path: Option<&Path>) -> Result<()> {
    let cwd = std::env::current_dir().map_err(|e| Error::io("reading the working folder", e))?;
    let settings = config::resolve(args, config_path, &ProcessEnv, &cwd)?;
    if args.sources.iter().filter(|s| *s == "-").count() > 1 {
        return Err(Error::Usage(
            "standard input (`-`) can be given as a source only once".into(),
        ));
    }
    let persona = persona::load(&settings.persona, &settings.persona_dirs)?;
    let mut sources = Vec::with_capacity(args.sources.len());
    let mut next_id = 1;
    for (i, spec) in args.sources.iter().enumerate() {
        let s = source::load(spec, i + 1, next_id)?;
        next_id += s.passages.len();
        sources.push(s);
    }
    source::tag_perspectives(&mut sources, &persona)?;
    let prompts = Prompts::load(&[persona.template_dirs.clone(), settings.prompt_dirs.clone()].concat())?;
    let client = client(&settings)?;
    let options = DraftOptions {
        provider: client.provider_name().into(),
        models: models(&settings, &persona, &client)?,
        temperature: settings.temperature.or(persona.spec.temperature),
        max_tokens: settings.max_tokens,
        date: match &args.date {
            Some(d) => valid_date(d)?,
            None => today(),
        },
        revise: !args.no_revise,
        progress: !args.dry_run,
    };
    let job = Job {
        persona: &persona,
        sources: &sources,
        prompts: &prompts,
        options: &options,
    };

    if args.dry_run {
        return dry_run(&job).await;
    }
    if client.is_extractive() {
        tracing::warn!(
            "no language model used: drafting with the extractive provider from source passages \
             (set OPENAI_API_KEY, OPENAI_BASE_URL or ANTHROPIC_API_KEY, or pass --provider, to draft with a model)"
        );
    }
    let article = pipeline::draft(&client, &job).await?;
    let report = article.meta.integrity.clone().unwrap_or_default();
    for f in &report.findings {
        tracing::warn!("integrity: {f}");
    }
    if args.strict && !report.passed() {
        let summary = report
            .findings
            .iter()
            .take(3)
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(Error::Integrity {
            count: report.findings.len(),
            summary,
        });
    }
    let text = Markdown.render(&article);
    match &args.output {
        Some(path) => write_file(path, text.as_bytes())?,
        None => write_stdout(&text)?,
    }
    let sidecar = args
        .provenance
        .clone()
        .or_else(|| args.output.as_deref().map(provenance::sidecar_path));
    if let Some(path) = sidecar {
        let record = provenance::build(&job, &article, client.describe());
        let json =
            serde_json::to_vec_pretty(&record).map_err(|e| Error::Usage(format!("internal error: {e}")))?;
        write_file(&path, &json)?;
    }
    let m = &article.meta;
    let cached = m.calls.iter().filter(|c| c.cached).count();
    let checks = match report.findings.len() {
        0 => "checks passed".to_string(),
        n => format!("{n} finding(s)"),
    };
    tracing::info!(
        "{}: {} words, {} perspectives, {checks}, {} calls ({cached} from cache), {} tokens ({} in, {} out), {}, {:.1} s, provider {}, model {}",
        args.output
            .as_ref()
            .map_or("article".into(), |p| p.display().to_string()),
        article.word_count(),
        article.perspectives.len(),
        m.calls.len(),
        m.usage.total(),
        m.usage.prompt_tokens,
        m.usage.completion_tokens,
        cost_text(m.cost_usd),
        m.elapsed_ms as f64 / 1000.0,
        m.provider,
        m.model,
    );
    Ok(())
}

/// `$0.0123`, or a note that the model has no price.
pub fn cost_text(cost: Option<f64>) -> String {
    match cost {
        Some(c) => format!("${c:.4}"),
        None => "cost unknown (no price for the model; add [prices] to parallax.toml)".into(),
    }
}

async fn dry_run(job: &Job<'_>) -> Result<()> {
    let calls = pipeline::dry_run(job).await?;
    let mut out = String::new();
    for c in &calls {
        out.push_str(&format!(
            "=== round {} · {} · model {} ===\n",
            c.round, c.request.stage, c.request.model
        ));
        if c.round > 1 {
            out.push_str("(depends on earlier answers; shown with extractive answers in their place)\n");
        }
        for m in &c.request.messages {
            out.push_str(&format!("--- {} ---\n{}\n", m.role.as_str(), m.content));
        }
    }
    write_stdout(&out)?;
    tracing::info!("dry run: {} calls in 3 rounds; nothing was sent", calls.len());
    Ok(())
}

fn client(s: &Settings) -> Result<Client> {
    let Some(cfg) = &s.http else {
        return Ok(Client::extractive());
    };
    let local = is_local(&cfg.base_url);
    let http = HttpClient::new(cfg.clone())?;
    let cache = s.cache_dir.as_ref().map(Cache::new);
    Ok(Client::http(
        http,
        cache,
        s.refresh,
        PriceTable::new(&s.prices, local),
    ))
}

/// Whether a base URL points at this machine (its tokens cost nothing).
fn is_local(url: &str) -> bool {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    matches!(host, "localhost" | "127.0.0.1" | "[") || host.starts_with("127.")
}

fn models(s: &Settings, persona: &Persona, client: &Client) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for stage in STAGES {
        let model = if client.is_extractive() {
            extractive::MODEL.to_string()
        } else {
            s.models.for_stage(stage, persona.spec.model.as_deref()).ok_or_else(|| {
                Error::Usage(format!(
                    "provider `{}` has no default model: pass --model or set provider.model in parallax.toml",
                    client.provider_name()
                ))
            })?
        };
        out.insert(stage.to_string(), model);
    }
    Ok(out)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    fsutil::write_atomic(path, bytes).map_err(|e| Error::io(format!("writing {}", path.display()), e))
}

fn today() -> String {
    humantime::format_rfc3339(std::time::SystemTime::now()).to_string()[..10].to_string()
}

fn valid_date(d: &str) -> Result<String> {
    let ok = d.len() == 10
        && d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if ok {
        Ok(d.to_string())
    } else {
        Err(Error::Usage(format!(
            "--date `{d}` is not a date like 2026-01-31"
        )))
    }
}
