//! The revision round: each section the checks flag (for its claims or disputed
//! terms) goes back to the answerer once, with the findings, and answers in its
//! own shape. Sections run in parallel; nothing else is touched.

use crate::ids::SideId;
use futures::future::try_join_all;

use super::assemble::Drafts;
use super::{Answerer, Ask, Plan};
use crate::article::CallRecord;
use crate::check;
use crate::check::Report;
use crate::error::Error;
use crate::stage::{Finish, Opening, PerspectiveDraft};
use crate::stage::{Section, Stage};

enum Revised {
    Opening(Opening),
    Perspective(SideId, PerspectiveDraft),
    Finish(Finish),
}

/// Revise every flagged section once; returns the sections revised.
pub(super) async fn round<A: Answerer>(
    answerer: &A,
    plan: &Plan<'_>,
    drafts: &mut Drafts,
    report: &Report,
    calls: &mut Vec<CallRecord>,
) -> Result<Vec<Section>, Error> {
    let mut sections: Vec<Section> = revisable(report).map(|f| f.section.clone()).collect();
    sections.sort();
    sections.dedup();
    sections.retain(|s| match s {
        Section::Perspective(id) => drafts.perspectives.contains_key(id),
        Section::Lede | Section::Finish => true,
    });
    if sections.is_empty() {
        return Ok(sections);
    }
    let names: Vec<String> = sections.iter().map(Section::to_string).collect();
    let what = format!(
        "round 3: revising {} with findings: {}",
        plural(sections.len()),
        names.join(", ")
    );
    plan.job.progress(&what);
    let findings: Vec<Vec<String>> = sections
        .iter()
        .map(|s| {
            revisable(report)
                .filter(|f| &f.section == s)
                .map(|f| f.to_string())
                .collect()
        })
        .collect();
    let d: &Drafts = drafts;
    let futures = sections
        .iter()
        .zip(&findings)
        .map(|(section, findings)| revise_one(answerer, plan, d, section, findings));
    let answers = try_join_all(futures).await?;
    for (revised, rec) in answers {
        calls.push(rec);
        match revised {
            Revised::Opening(o) => drafts.opening = o,
            Revised::Perspective(id, d) => {
                drafts.perspectives.insert(id, d);
            }
            Revised::Finish(f) => drafts.finish = f,
        }
    }
    Ok(sections)
}

/// Ask for one section's revision, with its findings.
async fn revise_one<A: Answerer>(
    answerer: &A,
    plan: &Plan<'_>,
    d: &Drafts,
    section: &Section,
    findings: &[String],
) -> Result<(Revised, CallRecord), Error> {
    let stage = Stage::Revise(section.clone());
    let brief = Some(&d.brief);
    Ok(match section {
        Section::Perspective(id) => {
            let ask = Ask {
                brief,
                perspective: plan.job.persona.spec.perspectives.iter().find(|p| &p.id == id),
                current: d.perspectives.get(id),
                findings,
                ..Ask::new(stage)
            };
            let (p, rec) = answerer.answer::<PerspectiveDraft>(plan, ask).await?;
            (Revised::Perspective(id.clone(), p), rec)
        }
        Section::Lede => {
            let ask = Ask {
                brief,
                current: Some(&d.opening),
                findings,
                ..Ask::new(stage)
            };
            let (o, rec) = answerer.answer::<Opening>(plan, ask).await?;
            (Revised::Opening(o), rec)
        }
        Section::Finish => {
            let ask = Ask {
                brief,
                current: Some(&d.finish),
                findings,
                ..Ask::new(stage)
            };
            let (f, rec) = answerer.answer::<Finish>(plan, ask).await?;
            (Revised::Finish(f), rec)
        }
    })
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 section".into()
    } else {
        format!("{n} sections")
    }
}

/// Keep a revision only where it did not make its section worse (more findings);
/// a worse one is discarded, the draft stays, and the discard is recorded.
/// A revision already discarded (its answer was unusable, so the section is
/// the draft) is neither kept nor recorded again. Returns the sections whose
/// revisions were kept.
pub(super) fn keep_improvements(
    drafts: &mut Drafts,
    before: &Drafts,
    old: &Report,
    new: &Report,
    revised: &[Section],
    calls: &mut [CallRecord],
) -> Vec<Section> {
    let count = |r: &Report, s: &Section| r.findings.iter().filter(|f| &f.section == s).count();
    let mut kept = Vec::new();
    for s in revised {
        let unchanged = match s {
            Section::Lede => drafts.opening == before.opening,
            Section::Finish => drafts.finish == before.finish,
            Section::Perspective(id) => drafts.perspectives.get(id) == before.perspectives.get(id),
        };
        if unchanged {
            continue;
        }
        let (was, is) = (count(old, s), count(new, s));
        if is <= was {
            kept.push(s.clone());
            continue;
        }
        match s {
            Section::Lede => drafts.opening = before.opening.clone(),
            Section::Finish => drafts.finish = before.finish.clone(),
            Section::Perspective(id) => {
                if let Some(d) = before.perspectives.get(id) {
                    drafts.perspectives.insert(id.clone(), d.clone());
                }
            }
        }
        let stage = Stage::Revise(s.clone());
        if let Some(c) = calls.iter_mut().rev().find(|c| c.stage == stage) {
            c.degraded.push(format!(
                "{stage}: revision discarded, it had {is} finding(s) against the draft's {was}"
            ));
        }
    }
    kept
}

/// The findings a revision round can act on: claims, attributions and disputed
/// terms.
pub(crate) fn revisable(report: &Report) -> impl Iterator<Item = &check::Finding> {
    report.findings.iter().filter(|f| {
        matches!(
            f.check,
            check::Check::Grounding
                | check::Check::Glossary
                | check::Check::Attribution
                | check::Check::Parity
        )
    })
}
