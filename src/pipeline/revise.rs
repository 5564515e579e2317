//! The revision round: each section the checks flag (for its claims or disputed
//! terms) goes back to the model once, with the findings, and answers in its own
//! shape. Sections run in parallel; nothing else is touched.

use futures::future::try_join_all;
use serde_json::{Value, json};

use super::assemble::Drafts;
use super::{Plan, call, revisable, to_json};
use crate::article::CallRecord;
use crate::check::Report;
use crate::error::Error;
use crate::llm::LlmClient;
use crate::stage::{Finish, Opening, PerspectiveDraft, Stage};

enum Revised {
    Opening(Opening),
    Perspective(String, PerspectiveDraft),
    Finish(Finish),
}

/// Revise every flagged section once; returns the section keys revised.
pub(super) async fn round<C: LlmClient>(
    client: &C,
    plan: &Plan<'_>,
    drafts: &mut Drafts,
    report: &Report,
    calls: &mut Vec<CallRecord>,
) -> Result<Vec<String>, Error> {
    let mut keys: Vec<String> = revisable(report).map(|f| f.section.clone()).collect();
    keys.sort();
    keys.dedup();
    keys.retain(|k| match k.strip_prefix("perspective:") {
        Some(id) => drafts.perspectives.contains_key(id),
        None => k == "lede" || k == "finish",
    });
    if keys.is_empty() {
        return Ok(keys);
    }
    let what = format!(
        "round 4: revising {} with findings: {}",
        plural(keys.len()),
        keys.join(", ")
    );
    super::progress(plan.job, &what);
    let rules = plan.rules();
    let brief = to_json(&drafts.brief)?;
    let mut futures = Vec::new();
    for key in &keys {
        let findings: Vec<String> = revisable(report)
            .filter(|f| &f.section == key)
            .map(|f| f.to_string())
            .collect();
        let (current, perspective) = match key.strip_prefix("perspective:") {
            Some(id) => {
                let p = plan.job.persona.spec.perspectives.iter().find(|p| p.id == id);
                (to_json(&drafts.perspectives.get(id))?, json!(p))
            }
            None if key == "lede" => (to_json(&drafts.opening)?, Value::Null),
            None => (to_json(&drafts.finish)?, Value::Null),
        };
        let extra = [
            ("brief", brief.clone()),
            ("current", current),
            ("findings", json!(findings)),
            ("perspective", perspective),
        ];
        let req = plan.request(&Stage::Revise(key.clone()), &extra)?;
        let rules = &rules;
        futures.push(async move {
            Ok::<_, Error>(match Stage::of_section(key) {
                Some(Stage::Perspective(id)) => {
                    let (d, rec) =
                        call::<_, PerspectiveDraft>(client, req, 4, |p| rules.perspective(p)).await?;
                    (Revised::Perspective(id, d), rec)
                }
                Some(Stage::Opening) => {
                    let (o, rec) = call::<_, Opening>(client, req, 4, |o| rules.opening(o)).await?;
                    (Revised::Opening(o), rec)
                }
                _ => {
                    let (f, rec) = call::<_, Finish>(client, req, 4, |f| rules.finish(f)).await?;
                    (Revised::Finish(f), rec)
                }
            })
        });
    }
    for (revised, rec) in try_join_all(futures).await? {
        calls.push(rec);
        match revised {
            Revised::Opening(o) => drafts.opening = o,
            Revised::Perspective(id, d) => {
                drafts.perspectives.insert(id, d);
            }
            Revised::Finish(f) => drafts.finish = f,
        }
    }
    Ok(keys)
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 section".into()
    } else {
        format!("{n} sections")
    }
}
