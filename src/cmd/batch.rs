//! The `batch` command: resolve the flags, run the batch service, print its
//! report and choose the exit code.

use std::path::Path;

use std::io::Write;

use super::open::cwd;
use super::out::write_stdout;
use crate::batch::{self, EngineKind, Estimate, Options, Report};
use crate::cli::{BatchArgs, Engine};
use crate::config::Flags;
use crate::error::{Error, Result};
use crate::llm::cost::describe as cost_text;
use crate::session::Session;

pub(crate) async fn run(args: &BatchArgs, config: Option<&Path>) -> Result<()> {
    let mut session = Session::new(
        &Flags {
            dry_run: args.dry_run,
            ..args.run.flags()
        },
        args.persona.as_deref(),
        config,
        &cwd()?,
    )?;
    if let Some(dir) = &args.cancel {
        let dir = match (dir, &args.out) {
            (Some(dir), _) | (None, Some(dir)) => dir.clone(),
            (None, None) => {
                return Err(Error::Usage(
                    "--cancel needs the output folder: --cancel DIR".into(),
                ));
            }
        };
        let n = batch::cancel(&session, &dir).await?;
        eprintln!("batch: {n} provider batch(es) cancelled in {}", dir.display());
        return Ok(());
    }
    session.drafter_mut().learn_context().await;
    let opts = Options {
        list: crate::batch::List::parse(args.list.as_deref().unwrap_or_default()),
        out: args
            .out
            .clone()
            .ok_or_else(|| Error::Usage("give the output folder with --out DIR".into()))?,
        jobs: args
            .jobs
            .unwrap_or_else(|| session.drafter().settings().default_jobs()),
        max_cost: args.max_cost,
        retry_failed: args.retry_failed,
        json: args.json,
        formats: args.run.format.clone(),
        engine: engine_kind(args.engine, args.results.as_ref())?,
        finish_live: args.finish_live,
        allow_outside: args.allow_outside,
    };
    if args.dry_run {
        let e = batch::estimate(&session, &opts).await?;
        return print_estimate(&e, args, &opts.engine, session.drafter().provider_name());
    }
    let report = batch::run(&session, &opts).await?;
    let desk = crate::review::rows(&opts.out).and_then(|rows| crate::review::page::write(&opts.out, &rows));
    match desk {
        Ok(page) => tracing::info!("review desk: {}", page.display()),
        Err(e) => tracing::warn!("the review desk (index.html) was not written: {e}"),
    }
    summary(&report, &opts.out, args.json);
    if report.interrupted {
        return Err(Error::Interrupted);
    }
    if report.all_done() {
        Ok(())
    } else {
        Err(Error::Batch(format!(
            "{} of {} stories not done (see {})",
            report.stories - report.done - report.already_done,
            report.stories,
            opts.out.join("report.json").display()
        )))
    }
}

/// The engine asked for; `--results` goes with `--engine import` and only with it.
fn engine_kind(engine: Engine, results: Option<&std::path::PathBuf>) -> Result<EngineKind> {
    Ok(match (engine, results) {
        (Engine::Import, Some(file)) => EngineKind::Import(file.clone()),
        (Engine::Import, None) => {
            return Err(Error::Usage("--engine import needs --results FILE".into()));
        }
        (_, Some(_)) => return Err(Error::Usage("--results goes with --engine import".into())),
        (Engine::Live, None) => EngineKind::Live,
        (Engine::Provider, None) => EngineKind::Provider,
        (Engine::Export, None) => EngineKind::Export,
    })
}

fn print_estimate(e: &Estimate, args: &BatchArgs, engine: &EngineKind, provider: &str) -> Result<()> {
    let batch_price = engine.price_share() < 1.0;
    let cost = e.cost_usd.map(|c| c * engine.price_share());
    if args.json {
        let v = serde_json::json!({
            "stories": e.stories, "total": e.total, "calls": e.calls, "usage": e.usage,
            "cost_usd": cost, "live_cost_usd": e.cost_usd, "batch_price": batch_price,
            "problems": e.problems,
        });
        return write_stdout(&format!("{v}\n"));
    }
    let price = if batch_price {
        format!(
            "{} at the batch price (live: {})",
            cost_text(cost),
            cost_text(e.cost_usd)
        )
    } else {
        cost_text(cost)
    };
    let mut out = format!(
        "plan for {}: {} of {} stories, {} calls (before any revision round)\n\
         estimated tokens: {} in, {} out, {} total\nestimated cost: {price}\nprovider {provider}, nothing was sent\n",
        args.list.as_deref().unwrap_or(""),
        e.stories,
        e.total,
        e.calls,
        e.usage.prompt_tokens,
        e.usage.completion_tokens,
        e.usage.total(),
    );
    if let Some(cap) = args.max_cost {
        out.push_str(&format!("cost cap: ${cap:.2}\n"));
    }
    for p in &e.problems {
        out.push_str(&format!("problem: {p}\n"));
    }
    write_stdout(&out)
}

/// The closing summary on stderr.
fn summary(r: &Report, out: &Path, json: bool) {
    if json {
        let mut stdout = std::io::stdout().lock();
        let v = serde_json::json!({ "event": "summary", "report": r });
        let _ = writeln!(stdout, "{v}");
    }
    eprintln!(
        "batch: {} stories: {} done ({} with degraded parts), {} already done, {} failed, {} skipped (failed before), {} not started, {} malformed",
        r.stories, r.done, r.degraded, r.already_done, r.failed, r.skipped_failed, r.not_started, r.malformed
    );
    eprintln!(
        "batch: {} tokens ({} in, {} out), {}, {:.1} s, {:.1} stories/min",
        r.usage.total(),
        r.usage.prompt_tokens,
        r.usage.completion_tokens,
        cost_text(r.cost_usd),
        r.wall_seconds,
        r.stories_per_minute
    );
    if let Some(why) = &r.stopped {
        eprintln!("batch: stopped early: {why}; rerun the same command to resume");
    }
    for f in r.failures.iter().take(20) {
        let id = f.id.as_deref().map(|i| format!(" ({i})")).unwrap_or_default();
        let line = format!("batch: line {}{id}: {}", f.line, f.reason);
        eprintln!("{}", crate::text::printable(&line));
    }
    if r.failures.len() > 20 {
        eprintln!(
            "batch: … and {} more in {}",
            r.failures.len() - 20,
            out.join("report.json").display()
        );
    }
}
