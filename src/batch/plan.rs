//! Knowing the cost before spending it: the estimate of one story (for
//! `--max-cost`) and the plan of a whole batch (`--dry-run`), both from the
//! requests the pipeline would send, rendered without a call.

use super::Run;
use super::inputs::{load_sources, voice_for};
use super::journal::State;
use super::manifest::{Item, Manifest};
use super::report::Outcome;
use crate::error::Result;
use crate::llm::{PriceTable, Usage};
use crate::pipeline::PlannedCall;
use crate::session::Session;
use crate::source::Source;

/// Estimated usage of planned calls, and their cost if every model has a price.
fn estimated(calls: &[PlannedCall], prices: &PriceTable) -> (Usage, Option<f64>) {
    let mut usage = Usage::default();
    let mut cost = Some(0.0);
    for c in calls {
        let (p, o) = c.estimated_tokens();
        let u = Usage {
            prompt_tokens: p,
            completion_tokens: o,
            cached_prompt_tokens: 0,
        };
        usage += u;
        cost = cost.zip(prices.cost(&c.request.model, &u)).map(|(a, b)| a + b);
    }
    (usage, cost)
}

/// The planned calls of one story.
async fn planned(session: &Session, item: &Item, sources: Vec<Source>) -> Result<Vec<PlannedCall>> {
    let voice = voice_for(session, item)?;
    let options = session
        .drafter()
        .options(&voice.persona, item.model.as_ref(), false)?;
    session
        .drafter()
        .plan(&voice, sources, &options, session.drafter().languages())
        .await
}

/// Estimated usage and cost of a story, if the models have prices.
pub(super) async fn estimate(
    session: &Session,
    item: &Item,
    sources: Vec<Source>,
) -> Result<(Usage, Option<f64>)> {
    Ok(estimated(
        &planned(session, item, sources).await?,
        session.drafter().prices(),
    ))
}

/// What a batch would send and cost, estimated without a call.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub(crate) struct Estimate {
    /// Stories that could be planned.
    pub(crate) stories: usize,
    /// Lines in the manifest.
    pub(crate) total: usize,
    /// Calls before any revision round.
    pub(crate) calls: usize,
    pub(crate) usage: Usage,
    /// `None` when some model has no price.
    pub(crate) cost_usd: Option<f64>,
    /// Lines that could not be planned, with why.
    pub(crate) problems: Vec<String>,
}

/// `--dry-run`: the plan and its estimated cost, without a call.
pub(super) async fn plan(session: &Session, total: usize, manifest: Manifest) -> Result<Estimate> {
    let mut e = Estimate {
        total,
        cost_usd: Some(0.0),
        ..Estimate::default()
    };
    for item in manifest {
        let item = match item {
            Ok(i) => i,
            Err(err) => {
                e.problems.push(format!("line {}: {}", err.line, err.reason));
                continue;
            }
        };
        match async { planned(session, &item, load_sources(session, &item).await?).await }.await {
            Ok(calls_of) => {
                e.stories += 1;
                e.calls += calls_of.len();
                let (u, c) = estimated(&calls_of, session.drafter().prices());
                e.usage += u;
                e.cost_usd = e.cost_usd.zip(c).map(|(a, b)| a + b);
            }
            Err(err) => e
                .problems
                .push(format!("line {} ({}): {err}", item.line, item.id)),
        }
    }
    Ok(e)
}

/// Under `--max-cost`, the story's estimate is set aside from the budget (and
/// returned) if the cap allows it; else the run stops before the story.
pub(super) async fn reserve(
    run: &Run<'_>,
    item: &Item,
    sources: &[Source],
    attempt: u32,
) -> Result<f64, Outcome> {
    let Some(cap) = run.max_cost else {
        return Ok(0.0);
    };
    let est = match estimate(run.session, item, sources.to_vec()).await {
        Ok((_, Some(c))) => c * run.price_share,
        Ok((_, None)) => {
            run.halt("--max-cost needs a price for every model: add [prices] to parallax.toml".into());
            return Err(Outcome::NotStarted);
        }
        Err(e) => return Err(fail(run, item, attempt, e.to_string())),
    };
    let Ok(mut b) = run.budget.lock() else {
        return Err(Outcome::NotStarted);
    };
    if b.0 + b.1 + est > cap {
        drop(b);
        run.halt(format!(
            "the cost cap of ${cap:.2} would be passed by the next story"
        ));
        return Err(Outcome::NotStarted);
    }
    b.1 += est;
    Ok(est)
}

/// A story that failed before drafting (its sources, its persona), recorded.
pub(super) fn fail(run: &Run<'_>, item: &Item, attempt: u32, reason: String) -> Outcome {
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
