//! Batch jobs: the draft pipeline over many stories, with bounded concurrency,
//! a journal that makes reruns resume where they stopped, per-story failure
//! isolation, a cost cap, progress on stderr and a report at the end.

mod finish;
pub mod journal;
pub mod manifest;
mod plan;
mod progress;
mod report;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use futures::StreamExt;

use crate::cli::BatchArgs;
use crate::error::{Error, Result};
use crate::llm::Usage;
use crate::related::{self, Index};
use crate::render::Format;
use crate::session::{Session, Voice, write_file};
use crate::source::{self, Source};
use journal::{Event, Journal, State, Status};
use manifest::{Item, LineError, Manifest, SourceSpec};
use progress::Progress;
use report::Outcome;
pub use report::{Failure, Report};

/// Shared state of a running batch.
struct Run<'a> {
    session: &'a Session,
    journal: Journal,
    past: HashMap<String, Status>,
    out: PathBuf,
    retry_failed: bool,
    max_cost: Option<f64>,
    stop: AtomicBool,
    stopped: Mutex<Option<String>>,
    /// Spent so far and the estimates of stories in flight.
    budget: Mutex<(f64, f64)>,
    progress: Progress,
    /// Formats written per story (JSON always: related articles are filled from it).
    formats: Vec<Format>,
    index: Mutex<Index>,
    /// Stories finished in this run, for the related-articles pass.
    finished: Mutex<Vec<String>>,
}

impl Run<'_> {
    fn halt(&self, reason: String) {
        if !self.stop.swap(true, Ordering::SeqCst) {
            tracing::warn!("stopping: {reason}; stories in flight will finish");
            if let Ok(mut s) = self.stopped.lock() {
                *s = Some(reason);
            }
        }
    }

    fn record(
        &self,
        item: &Item,
        state: State,
        attempt: u32,
        reason: Option<String>,
        usage: Usage,
        cost: Option<f64>,
    ) {
        let event = Event {
            id: item.id.clone(),
            state,
            attempt,
            line: item.line,
            at: journal::now(),
            reason,
            tokens: usage.total(),
            cost_usd: cost,
        };
        if let Err(e) = self.journal.record(&event) {
            self.halt(format!(
                "cannot write the journal {}: {e}",
                self.journal.path().display()
            ));
        }
    }

    /// The file whose presence means the story's outputs were written.
    fn output(&self, id: &str) -> PathBuf {
        self.out.join(format!("{id}.json"))
    }
}

/// Load a story's sources (fetching URLs); passages are numbered across them.
pub(super) async fn load_sources(session: &Session, item: &Item) -> Result<Vec<Source>> {
    let mut out = Vec::with_capacity(item.sources.len());
    let mut next = 1;
    for (i, spec) in item.sources.iter().enumerate() {
        let s = match spec {
            SourceSpec::Path(p) => {
                source::load_any(&p.display().to_string(), i + 1, next, &session.fetcher).await?
            }
            SourceSpec::Url(url) => source::load_any(url, i + 1, next, &session.fetcher).await?,
            SourceSpec::Inline { title, text } => {
                let mut s = source::parse(Path::new(&format!("{}#text", item.id)), text, i + 1, next)?;
                if s.meta.title.is_none() {
                    s.meta.title = title.clone();
                }
                s
            }
        };
        next += s.passages.len();
        out.push(s);
    }
    Ok(out)
}

/// The persona of a story, with its language override.
pub(super) fn voice_for(session: &Session, item: &Item) -> Result<std::sync::Arc<Voice>> {
    let voice = session.voice(item.persona.as_deref())?;
    match &item.language {
        Some(lang) if *lang != voice.persona.spec.language => {
            let mut persona = voice.persona.clone();
            persona.spec.language = lang.clone();
            let prompts = crate::prompt::Prompts::load(
                &[
                    persona.template_dirs.clone(),
                    session.settings.prompt_dirs.clone(),
                ]
                .concat(),
            )?;
            Ok(std::sync::Arc::new(Voice { persona, prompts }))
        }
        _ => Ok(voice),
    }
}

async fn story(run: &Run<'_>, item: Item) -> (Item, Outcome) {
    let past = run.past.get(&item.id);
    match past {
        Some(s) if s.state == State::Done && run.output(&item.id).is_file() => {
            return (item, Outcome::AlreadyDone);
        }
        Some(s) if s.state == State::Failed && !run.retry_failed => {
            let reason = s.reason.clone().unwrap_or_default();
            return (item, Outcome::SkippedFailed(reason));
        }
        _ => {}
    }
    if run.stop.load(Ordering::SeqCst) {
        return (item, Outcome::NotStarted);
    }
    let attempt = past.map_or(0, |s| s.attempts) + 1;
    // Loaded once: the estimate and the draft share them (a URL is fetched once).
    let sources = match load_sources(run.session, &item).await {
        Ok(s) => s,
        Err(e) => return (item.clone(), fail(run, &item, attempt, e.to_string())),
    };
    let mut reserved = 0.0;
    if let Some(cap) = run.max_cost {
        let est = match plan::estimate(run.session, &item, sources.clone()).await {
            Ok((_, Some(c))) => c,
            Ok((_, None)) => {
                run.halt("--max-cost needs a price for every model: add [prices] to parallax.toml".into());
                return (item, Outcome::NotStarted);
            }
            Err(e) => return (item.clone(), fail(run, &item, attempt, e.to_string())),
        };
        let Ok(mut b) = run.budget.lock() else {
            return (item, Outcome::NotStarted);
        };
        if b.0 + b.1 + est > cap {
            drop(b);
            run.halt(format!(
                "the cost cap of ${cap:.2} would be passed by the next story"
            ));
            return (item, Outcome::NotStarted);
        }
        b.1 += est;
        reserved = est;
    }
    run.record(&item, State::Started, attempt, None, Usage::default(), None);
    run.progress.started();
    let result = draft_one(run, &item, sources).await;
    run.progress.finished();
    if let Ok(mut b) = run.budget.lock() {
        b.1 -= reserved;
        if let Ok((_, Some(c), _)) = &result {
            b.0 += c;
        }
    }
    let outcome = match result {
        Ok((usage, cost, calls)) => {
            run.record(&item, State::Done, attempt, None, usage, cost);
            Outcome::Done { usage, cost, calls }
        }
        Err(Error::Llm(e)) if e.stops_the_run() => {
            // Not the story's fault: leave it unfinished so the next run picks it up.
            run.halt(e.to_string());
            Outcome::NotStarted
        }
        Err(e) => fail(run, &item, attempt, e.to_string()),
    };
    (item, outcome)
}

fn fail(run: &Run<'_>, item: &Item, attempt: u32, reason: String) -> Outcome {
    run.record(
        item,
        State::Failed,
        attempt,
        Some(reason.clone()),
        Usage::default(),
        None,
    );
    Outcome::Failed(reason)
}

/// Draft one story and write its files; the journal's `done` comes after them.
async fn draft_one(run: &Run<'_>, item: &Item, sources: Vec<Source>) -> Result<(Usage, Option<f64>, usize)> {
    let voice = voice_for(run.session, item)?;
    let options = run
        .session
        .options(&voice.persona, item.model.as_deref(), false)?;
    let mut drafted = run.session.draft(&voice, sources, &options).await?;
    run.session
        .write(&voice, &mut drafted, &run.out.join(&item.id), &run.formats, false)?;
    let entry = related::entry(&item.id, &drafted.article);
    if let Ok(mut index) = run.index.lock() {
        index
            .add(entry)
            .map_err(|e| Error::io("updating the related-articles index", e))?;
    }
    if let Ok(mut f) = run.finished.lock() {
        f.push(item.id.clone());
    }
    let m = &drafted.article.meta;
    let calls = m.calls.iter().filter(|c| !c.cached).count();
    Ok((m.usage, m.cost_usd, calls))
}

/// Run `parallax batch`.
pub async fn run(args: &BatchArgs, config: Option<&Path>) -> Result<()> {
    let session = Session::new(&args.run, args.persona.as_deref(), config)?;
    let feed = finish::feed_items(&session, &args.list).await?;
    let open = || match &feed {
        Some(items) => Ok(Manifest::from_items(items.clone())),
        None => Manifest::open(&args.list),
    };
    let total = open()?.count();
    if args.dry_run {
        return plan::plan(&session, args, total, open()?).await;
    }
    if session.client.is_extractive() {
        tracing::warn!("no language model used: drafting every story with the extractive provider");
    }
    let (journal, past) = Journal::open(&args.out)
        .map_err(|e| Error::io(format!("opening the journal in {}", args.out.display()), e))?;
    let run = Run {
        session: &session,
        journal,
        past,
        out: args.out.clone(),
        retry_failed: args.retry_failed,
        max_cost: args.max_cost,
        stop: AtomicBool::new(false),
        stopped: Mutex::new(None),
        budget: Mutex::new((0.0, 0.0)),
        progress: Progress::new(total, args.json),
        formats: finish::formats(&args.run.format),
        index: Mutex::new(Index::open(&args.out)),
        finished: Mutex::new(Vec::new()),
    };
    let started = Instant::now();
    let mut report = Report {
        manifest: args.list.clone(),
        cost_usd: Some(0.0),
        ..Report::default()
    };
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_ok() {
            run.halt("interrupted (Ctrl-C); press it again to quit at once".into());
            let _ = tokio::signal::ctrl_c().await;
            std::process::exit(130);
        }
    };
    let items = open()?;
    let work = futures::stream::iter(items)
        .map(|item: std::result::Result<Item, LineError>| {
            let run = &run;
            async move {
                match item {
                    Ok(item) => Ok(story(run, item).await),
                    Err(e) => Err(e),
                }
            }
        })
        .buffer_unordered(args.jobs.max(1))
        .for_each(|result| {
            match result {
                Ok((item, outcome)) => report::tally(&mut report, &run.progress, &item, outcome),
                Err(e) => {
                    report.stories += 1;
                    report.malformed += 1;
                    run.progress
                        .event("malformed", None, Some(e.line), Some(&e.reason), None);
                    report.failures.push(Failure {
                        id: None,
                        line: e.line,
                        reason: e.reason,
                    });
                }
            }
            futures::future::ready(())
        });
    tokio::select! {
        () = work => {}
        () = interrupt => {}
    }
    run.progress.finish();
    let finished = run.finished.lock().map(|f| f.clone()).unwrap_or_default();
    let index = run.index.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Err(e) = finish::fill_related(&session, &index, &args.out, &finished, &run.formats) {
        tracing::warn!("related articles not filled in: {e}");
    }
    report.wall_seconds = started.elapsed().as_secs_f64();
    let finished = report.done as f64;
    report.stories_per_minute = if report.wall_seconds > 0.0 {
        finished * 60.0 / report.wall_seconds
    } else {
        0.0
    };
    report.stopped = run.stopped.lock().ok().and_then(|s| s.clone());
    report.failures.sort_by_key(|f| f.line);
    let json =
        serde_json::to_vec_pretty(&report).map_err(|e| Error::Usage(format!("internal error: {e}")))?;
    write_file(&args.out.join("report.json"), &json)?;
    progress::summary(&report, &args.out, args.json);
    if report.all_done() {
        Ok(())
    } else {
        Err(Error::Batch(format!(
            "{} of {} stories not done (see {})",
            report.stories - report.done - report.already_done,
            report.stories,
            args.out.join("report.json").display()
        )))
    }
}
