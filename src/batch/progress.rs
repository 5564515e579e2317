//! Batch progress on stderr: a bar on a terminal (done, failed, running, tokens,
//! cost, ETA), a plain line every few seconds otherwise, or one JSON event per
//! story on stdout with `--json`.

use std::io::{IsTerminal, Write};

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::llm::Usage;

/// How often a plain progress line is printed when stderr is not a terminal.
const PLAIN_EVERY: Duration = Duration::from_secs(5);

pub(crate) struct Progress {
    total: usize,
    json: bool,
    bar: Option<ProgressBar>,
    done: AtomicUsize,
    failed: AtomicUsize,
    skipped: AtomicUsize,
    running: AtomicUsize,
    tokens: AtomicU64,
    /// Cost in micro-dollars.
    cost: AtomicU64,
    started: Instant,
    last_line: Mutex<Instant>,
}

impl Progress {
    pub(crate) fn new(total: usize, json: bool) -> Self {
        let bar = (std::io::stderr().is_terminal() && !json).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Self {
            total,
            json,
            bar,
            done: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            skipped: AtomicUsize::new(0),
            running: AtomicUsize::new(0),
            tokens: AtomicU64::new(0),
            cost: AtomicU64::new(0),
            started: Instant::now(),
            last_line: Mutex::new(Instant::now()),
        }
    }

    pub(crate) fn started(&self) {
        self.running.fetch_add(1, Ordering::SeqCst);
        self.tick(false);
    }

    pub(crate) fn finished(&self) {
        self.running.fetch_sub(1, Ordering::SeqCst);
    }

    pub(crate) fn done(&self, usage: Usage, cost: Option<f64>) {
        self.done.fetch_add(1, Ordering::SeqCst);
        self.tokens.fetch_add(usage.total(), Ordering::SeqCst);
        self.cost
            .fetch_add((cost.unwrap_or(0.0) * 1e6) as u64, Ordering::SeqCst);
        self.tick(true);
    }

    pub(crate) fn failed(&self) {
        self.failed.fetch_add(1, Ordering::SeqCst);
        self.tick(true);
    }

    pub(crate) fn skipped(&self) {
        self.skipped.fetch_add(1, Ordering::SeqCst);
        self.tick(true);
    }

    fn line(&self) -> String {
        format!(
            "done {} · failed {} · skipped {} · running {} · {} tokens · ${:.4}",
            self.done.load(Ordering::SeqCst),
            self.failed.load(Ordering::SeqCst),
            self.skipped.load(Ordering::SeqCst),
            self.running.load(Ordering::SeqCst),
            self.tokens.load(Ordering::SeqCst),
            self.cost.load(Ordering::SeqCst) as f64 / 1e6,
        )
    }

    fn tick(&self, advanced: bool) {
        if let Some(bar) = &self.bar {
            if advanced {
                bar.inc(1);
            }
            bar.set_message(self.line());
            return;
        }
        if self.json {
            return;
        }
        let Ok(mut last) = self.last_line.lock() else {
            return;
        };
        if last.elapsed() >= PLAIN_EVERY {
            *last = Instant::now();
            let finished = self.done.load(Ordering::SeqCst)
                + self.failed.load(Ordering::SeqCst)
                + self.skipped.load(Ordering::SeqCst);
            eprintln!(
                "batch: {finished}/{} · {} · {:.0} s",
                self.total,
                self.line(),
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    /// One story's outcome as a JSON line on stdout (with `--json`).
    pub(crate) fn event(
        &self,
        kind: &str,
        id: Option<&str>,
        line: Option<usize>,
        reason: Option<&str>,
        spent: Option<(Usage, Option<f64>)>,
    ) {
        if !self.json {
            return;
        }
        let mut v = serde_json::json!({ "event": kind, "id": id, "line": line });
        if let Some(r) = reason {
            v["reason"] = r.into();
        }
        if let Some((usage, cost)) = spent {
            v["usage"] = serde_json::to_value(usage).unwrap_or_default();
            v["cost_usd"] = serde_json::to_value(cost).unwrap_or_default();
        }
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{v}");
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
