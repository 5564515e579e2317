//! The requests a draft would send, without sending any: every round's for
//! `--dry-run`, and every stage's (the revision round's included) for
//! `personas check` and `prompts render`.

use super::{Answerer, Ask, DryRun, Job, Plan, PlannedCall, editions};
use crate::error::Error;
use crate::ids::Lang;
use crate::stage::{Brief, Opening, Section, Stage};

/// The exact requests every round would send, without sending any. Round 2
/// depends on the brief; it is shown with the extractive brief in its place.
pub(crate) async fn dry_run(job: &Job<'_>, languages: &[Lang]) -> Result<Vec<PlannedCall>, Error> {
    let recorder = DryRun::default();
    editions(&recorder, job, languages).await?;
    Ok(recorder.planned())
}

/// Every request a draft can make, the revision round included (for a sample
/// finding on the opening): how `personas check` exercises every template and
/// `prompts render` shows any stage.
pub(crate) async fn every_request(job: &Job<'_>) -> Result<Vec<PlannedCall>, Error> {
    let mut calls = dry_run(job, &[]).await?;
    let plan = Plan::new(job);
    let brief = Brief::default();
    let current = Opening {
        lede: crate::stage::Claim {
            text: "…".into(),
            cites: vec![],
        },
        ..Opening::default()
    };
    let findings = ["lede: number `1`: no such number in any source".to_string()];
    let ask = Ask {
        brief: Some(&brief),
        current: Some(&current),
        findings: &findings,
        ..Ask::new(Stage::Revise(Section::Lede))
    };
    let recorder = DryRun::default();
    recorder.answer::<Opening>(&plan, ask).await?;
    calls.extend(recorder.planned());
    Ok(calls)
}
