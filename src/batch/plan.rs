//! Knowing the cost before spending it: the estimate of one story (for
//! `--max-cost`) and the plan of a whole batch (`--dry-run`), both from the
//! requests the pipeline would send, rendered without a call.

use super::manifest::{Item, Manifest};
use super::{load_sources, voice_for};
use crate::cli::BatchArgs;
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
    let options = session.options(&voice.persona, item.model.as_deref(), false)?;
    session.plan(&voice, sources, &options).await
}

/// Estimated usage and cost of a story, if the models have prices.
pub(super) async fn estimate(
    session: &Session,
    item: &Item,
    sources: Vec<Source>,
) -> Result<(Usage, Option<f64>)> {
    Ok(estimated(
        &planned(session, item, sources).await?,
        session.client.prices(),
    ))
}

/// `--dry-run`: the plan and its estimated cost, without a call.
pub(super) async fn plan(
    session: &Session,
    args: &BatchArgs,
    total: usize,
    manifest: Manifest,
) -> Result<()> {
    let mut stories = 0;
    let mut calls = 0;
    let mut usage = Usage::default();
    let mut cost = Some(0.0);
    let mut problems = Vec::new();
    for item in manifest {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                problems.push(format!("line {}: {}", e.line, e.reason));
                continue;
            }
        };
        match async { planned(session, &item, load_sources(session, &item).await?).await }.await {
            Ok(calls_of) => {
                stories += 1;
                calls += calls_of.len();
                let (u, c) = estimated(&calls_of, session.client.prices());
                usage += u;
                cost = cost.zip(c).map(|(a, b)| a + b);
            }
            Err(e) => problems.push(format!("line {} ({}): {e}", item.line, item.id)),
        }
    }
    let cost_text = crate::cmd::draft::cost_text(cost);
    let mut out = format!(
        "plan for {}: {stories} of {total} stories, {calls} calls (before any revision round)\n\
         estimated tokens: {} in, {} out, {} total\nestimated cost: {cost_text}\nprovider {}, nothing was sent\n",
        args.list,
        usage.prompt_tokens,
        usage.completion_tokens,
        usage.total(),
        session.client.provider_name(),
    );
    if let Some(cap) = args.max_cost {
        out.push_str(&format!("cost cap: ${cap:.2}\n"));
    }
    for p in &problems {
        out.push_str(&format!("problem: {p}\n"));
    }
    if args.json {
        let v = serde_json::json!({
            "stories": stories, "total": total, "calls": calls, "usage": usage, "cost_usd": cost, "problems": problems,
        });
        return crate::cmd::write_stdout(&format!("{v}\n"));
    }
    crate::cmd::write_stdout(&out)
}
