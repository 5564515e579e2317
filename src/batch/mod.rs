//! Batch jobs: the draft pipeline over many stories, with bounded concurrency,
//! a journal that makes reruns resume where they stopped, per-story failure
//! isolation, a cost cap, progress on stderr and a report at the end.

mod draft;
pub(crate) mod engine;
mod finish;
mod inputs;
pub(crate) mod journal;
mod list;
pub(crate) mod manifest;
mod plan;
mod progress;
mod report;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use futures::StreamExt;

use crate::error::{Error, Result};
use crate::llm::Usage;
use crate::publish::write_json;
use crate::related::Index;
use crate::render::Format;
use crate::session::Session;
use draft::{Written, draft_one};
use engine::{Engine, open_engine};
pub(crate) use engine::{EngineKind, cancel};
use inputs::load_sources;
use journal::{Event, Journal, State, Status};
pub(crate) use list::List;
use manifest::{Item, LineError, Manifest};
pub(crate) use plan::Estimate;
use plan::fail;
use progress::Progress;
use report::Outcome;
pub(crate) use report::Report;

/// What a batch run was asked to do.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The manifest: a JSONL or CSV file, a folder, a glob or a feed URL.
    pub(crate) list: List,
    pub(crate) out: PathBuf,
    /// Stories drafted at once.
    pub(crate) jobs: usize,
    pub(crate) max_cost: Option<f64>,
    pub(crate) retry_failed: bool,
    /// Progress as JSON lines on stdout rather than a bar on stderr.
    pub(crate) json: bool,
    pub(crate) formats: Vec<Format>,
    /// Who answers the calls: live, or a batch engine.
    pub(crate) engine: EngineKind,
    /// Errored and expired batch requests go to live calls.
    pub(crate) finish_live: bool,
    /// Source paths in a JSONL or CSV manifest may point outside its folder.
    pub(crate) allow_outside: bool,
}

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
    finished: Mutex<Vec<(String, finish::Listed)>>,
    engine: Option<&'a Engine>,
    /// The date articles carry (a batch engine keeps its first run's).
    date: crate::clock::Date,
    /// The price share paid (a batch engine's discount).
    price_share: f64,
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
            at: crate::clock::now(),
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

    /// The file stems of a story's articles.
    fn stems(&self, id: &str) -> Vec<String> {
        crate::publish::stems(id, self.session.drafter().languages())
    }

    /// Whether the story's outputs were all written (each edition's JSON).
    fn written(&self, id: &str) -> bool {
        self.stems(id)
            .iter()
            .all(|stem| self.out.join(format!("{stem}.json")).is_file())
    }
}

impl<'a> Run<'a> {
    fn new(
        session: &'a Session,
        opts: &Options,
        total: usize,
        engine: Option<&'a Engine>,
    ) -> Result<Run<'a>> {
        let (journal, past) = Journal::open(&opts.out)
            .map_err(|e| Error::io(format!("opening the journal in {}", opts.out.display()), e))?;
        let date = match engine {
            Some(e) => e.pinned_date(session.drafter().date())?,
            None => session.drafter().date(),
        };
        Ok(Run {
            session,
            journal,
            past,
            out: opts.out.clone(),
            retry_failed: opts.retry_failed,
            max_cost: opts.max_cost,
            stop: AtomicBool::new(false),
            stopped: Mutex::new(None),
            budget: Mutex::new((0.0, 0.0)),
            progress: Progress::new(total, opts.json),
            formats: finish::formats(&opts.formats),
            index: Mutex::new(Index::open(&opts.out)),
            finished: Mutex::new(Vec::new()),
            engine,
            date,
            price_share: opts.engine.price_share(),
        })
    }
}

async fn story(run: &Run<'_>, item: Item) -> (Item, Outcome) {
    // Under a batch engine, a story counts as in flight from its first step, so
    // no round goes out while it is still loading its sources.
    let _entered = run.engine.map(|e| e.enter(&item.id));
    let past = run.past.get(&item.id);
    match past {
        Some(s) if s.state == State::Done && run.written(&item.id) => {
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
    let reserved = match plan::reserve(run, &item, &sources, attempt).await {
        Ok(r) => r,
        Err(outcome) => return (item, outcome),
    };
    run.record(&item, State::Started, attempt, None, Usage::default(), None);
    run.progress.started();
    let result = draft_one(run, &item, sources).await;
    run.progress.finished();
    if let Ok(mut b) = run.budget.lock() {
        b.1 -= reserved;
        if let Ok(Written { cost: Some(c), .. }) = &result {
            b.0 += c;
        }
    }
    let outcome = match result {
        Ok(Written {
            usage,
            cost,
            calls,
            degraded,
            sides,
        }) => {
            run.record(&item, State::Done, attempt, None, usage, cost);
            Outcome::Done {
                usage,
                cost,
                calls,
                degraded,
                sides,
            }
        }
        Err(Error::Llm(e)) if e.stops_the_run() => {
            // Not the story's fault: leave it unfinished so the next run picks it up.
            run.halt(e.to_string());
            Outcome::NotStarted
        }
        Err(e @ Error::Io { .. }) => {
            // Our own outputs could not be written (a full disk, say): the next
            // run, once that is fixed, drafts the story again.
            run.halt(format!("{e}; fix that, then rerun"));
            Outcome::NotStarted
        }
        Err(e) => fail(run, &item, attempt, e.to_string()),
    };
    (item, outcome)
}

/// The manifest's stories, from a feed or the list itself.
async fn manifest(session: &Session, opts: &Options) -> Result<impl Fn() -> Result<Manifest>> {
    let feed = finish::feed_items(session, &opts.list).await?;
    let (list, outside) = (opts.list.clone(), opts.allow_outside);
    Ok(move || match &feed {
        Some(items) => Ok(Manifest::from_items(items.clone())),
        None => Ok(Manifest::open_list(&list)?.allow_outside(outside)),
    })
}

/// `--dry-run`: what the batch would send and cost, without a call.
pub(crate) async fn estimate(session: &Session, opts: &Options) -> Result<Estimate> {
    let open = manifest(session, opts).await?;
    let total = open()?.count();
    plan::plan(session, total, open()?).await
}

/// Draft every story of the manifest not yet done, resumably; the report says
/// what happened to each. A Ctrl-C stops taking new stories; a second one
/// abandons the stories in flight (the report then says `interrupted`).
pub(crate) async fn run(session: &Session, opts: &Options) -> Result<Report> {
    let open = manifest(session, opts).await?;
    let total = open()?.count();
    if session.drafter().client().is_none() {
        tracing::warn!("no language model used: drafting every story with the extractive provider");
    }
    let _lock = journal::lock_folder(&opts.out).map_err(Error::Usage)?;
    let engine = open_engine(session, opts)?;
    // Under an engine, a window of stories is in flight (`[batch] window`), so
    // memory stays bounded at any manifest size.
    let jobs = if engine.is_some() {
        session.settings().batch.window
    } else {
        opts.jobs.max(1)
    };
    let run = Run::new(session, opts, total, engine.as_ref())?;
    let started = Instant::now();
    let mut report = Report {
        manifest: opts.list.to_string(),
        cost_usd: Some(0.0),
        ..Report::default()
    };
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_ok() {
            run.halt("interrupted (Ctrl-C); press it again to quit at once".into());
            let _ = tokio::signal::ctrl_c().await;
            if let Some(e) = run.engine {
                e.cancel_open().await;
            }
        }
    };
    let drive = async {
        match run.engine {
            Some(e) => e.drive().await,
            None => futures::future::pending().await,
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
        .buffer_unordered(jobs)
        .for_each(|result| {
            match result {
                Ok((item, outcome)) => report::tally(&mut report, &run.progress, &item, outcome),
                Err(e) => report::malformed(&mut report, &run.progress, e),
            }
            futures::future::ready(())
        });
    tokio::select! {
        () = work => {}
        () = interrupt => { report.interrupted = true; }
        () = drive => {}
    }
    run.progress.finish();
    let finished = run.finished.lock().map(|f| f.clone()).unwrap_or_default();
    let index = run.index.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Err(e) = finish::fill_related(session, &index, &opts.out, &finished, &run.formats) {
        tracing::warn!("related articles not filled in: {e}");
    }
    report.wall_seconds = started.elapsed().as_secs_f64();
    report.stories_per_minute = if report.wall_seconds > 0.0 {
        report.done as f64 * 60.0 / report.wall_seconds
    } else {
        0.0
    };
    report.stopped = run.stopped.lock().ok().and_then(|s| s.clone());
    report.failures.sort_by_key(|f| f.line);
    write_json(&opts.out.join("report.json"), &report)?;
    Ok(report)
}
