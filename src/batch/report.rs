//! What a batch run did: each story's outcome, tallied into the report that is
//! printed and written to `DIR/report.json`.

use crate::ids::SideId;
use serde::Serialize;

use super::manifest::Item;
use super::progress::Progress;
use crate::article::integrity::SideTally;
use crate::llm::Usage;

/// How one story ended in this run.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Outcome {
    Done {
        usage: Usage,
        cost: Option<f64>,
        calls: usize,
        /// Parts of the article dropped, salvaged or built from the sources.
        degraded: usize,
        /// Each side of each article written (one per edition).
        sides: Vec<SideOutcome>,
    },
    AlreadyDone,
    Failed(String),
    /// Failed in an earlier run and not retried (`--retry-failed` retries).
    SkippedFailed(String),
    /// Not started: the run stopped first (budget, a run-stopping error, Ctrl-C).
    NotStarted,
}

/// A story that failed, for the report.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Failure {
    pub(crate) id: Option<String>,
    pub(crate) line: usize,
    pub(crate) reason: String,
}

/// The end-of-run summary, also written to `DIR/report.json`.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Report {
    pub(crate) manifest: String,
    pub(crate) stories: usize,
    pub(crate) done: usize,
    /// Of the stories done, those with parts dropped, salvaged or built from
    /// the sources (listed in each article's integrity report).
    pub(crate) degraded: usize,
    pub(crate) already_done: usize,
    pub(crate) failed: usize,
    pub(crate) skipped_failed: usize,
    pub(crate) not_started: usize,
    pub(crate) malformed: usize,
    /// Model calls made by the stories done in this run (retries not counted).
    pub(crate) calls: usize,
    pub(crate) usage: Usage,
    pub(crate) cost_usd: Option<f64>,
    pub(crate) wall_seconds: f64,
    pub(crate) stories_per_minute: f64,
    pub(crate) stopped: Option<String>,
    /// Stopped by a second Ctrl-C, abandoning the stories in flight.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) interrupted: bool,
    pub(crate) failures: Vec<Failure>,
    /// Each side over the articles written in this run: in how many it states
    /// a position and its mean share of the words where it does (the review
    /// desk's fairness panel, for this run).
    pub(crate) sides: Vec<SideTally>,
}

/// One side of one written article.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SideOutcome {
    pub(crate) id: SideId,
    pub(crate) label: String,
    pub(crate) stated: bool,
    pub(crate) share: f64,
}

impl SideOutcome {
    /// The sides of an article, with their share of the words.
    pub(crate) fn of(a: &crate::article::Article) -> Vec<SideOutcome> {
        let balance = a
            .meta
            .integrity
            .as_ref()
            .map(|r| r.balance.as_slice())
            .unwrap_or_default();
        a.perspectives
            .iter()
            .map(|p| SideOutcome {
                id: p.id.clone(),
                label: p.label.clone(),
                stated: p.stated,
                share: balance
                    .iter()
                    .find(|b| b.perspective == p.id)
                    .map_or(0.0, |b| b.share),
            })
            .collect()
    }
}

impl Report {
    /// Every story of the manifest is done (in this run or an earlier one).
    pub(crate) fn all_done(&self) -> bool {
        self.done + self.already_done == self.stories && self.stories > 0
    }
}

/// A manifest line that is not a story.
pub(super) fn malformed(report: &mut Report, progress: &Progress, e: super::manifest::LineError) {
    report.stories += 1;
    report.malformed += 1;
    progress.event("malformed", None, Some(e.line), Some(&e.reason), None);
    report.failures.push(Failure {
        id: None,
        line: e.line,
        reason: e.reason,
    });
}

pub(super) fn tally(report: &mut Report, progress: &Progress, item: &Item, outcome: Outcome) {
    report.stories += 1;
    let out = Some(item.id.as_str());
    match outcome {
        Outcome::Done {
            usage,
            cost,
            calls,
            degraded,
            sides,
        } => {
            report.done += 1;
            for x in sides {
                SideTally::add(&mut report.sides, &x.id, &x.label, x.stated, x.share);
            }
            if degraded > 0 {
                report.degraded += 1;
            }
            report.calls += calls;
            report.usage += usage;
            report.cost_usd = report.cost_usd.zip(cost).map(|(a, b)| a + b);
            progress.done(usage, cost);
            progress.event("done", out, Some(item.line), None, Some((usage, cost)));
        }
        Outcome::AlreadyDone => {
            report.already_done += 1;
            progress.skipped();
            progress.event("already-done", out, Some(item.line), None, None);
        }
        Outcome::Failed(reason) => {
            report.failed += 1;
            progress.failed();
            progress.event("failed", out, Some(item.line), Some(&reason), None);
            report.failures.push(Failure {
                id: Some(item.id.clone()),
                line: item.line,
                reason,
            });
        }
        Outcome::SkippedFailed(reason) => {
            report.skipped_failed += 1;
            progress.skipped();
            progress.event("skipped-failed", out, Some(item.line), Some(&reason), None);
            report.failures.push(Failure {
                id: Some(item.id.clone()),
                line: item.line,
                reason: format!("failed in an earlier run (--retry-failed retries it): {reason}"),
            });
        }
        Outcome::NotStarted => {
            report.not_started += 1;
            progress.skipped();
            progress.event("not-started", out, Some(item.line), None, None);
        }
    }
}
