//! The rounds of one article: the brief; then, at once, the opening (lede,
//! context, headline, deck and closing) and one section per side that has
//! stated a position; then the checks, one revision of what they flag, and the
//! parts that still carry a hard finding held back or rebuilt from the sources.

use crate::ids::SideId;
use std::collections::BTreeMap;
use std::time::Instant;

use futures::future::try_join_all;

use super::assemble::{Drafts, assemble};
use super::degrade;
use super::revise;
use super::{Answerer, Ask, Plan};
use crate::article::Article;
use crate::article::integrity::Severity;
use crate::check::{self, Corpus, Doc, Report};
use crate::error::Error;
use crate::persona::Perspective;
use crate::stage::{Brief, Finish, Front, Opening, PerspectiveDraft, Section, Stage};

/// Round 1: the brief every later round (and every edition) works from.
pub(super) async fn brief<A: Answerer>(
    answerer: &A,
    plan: &Plan<'_>,
) -> Result<(Brief, crate::article::CallRecord), Error> {
    plan.job.progress("round 1/2: brief");
    answerer.answer::<Brief>(plan, Ask::new(Stage::Brief)).await
}

/// An article's answers before the checks, and the calls that gave them.
pub(super) struct Composed {
    pub(super) drafts: Drafts,
    pub(super) calls: Vec<crate::article::CallRecord>,
}

/// Round 2 from `brief`, in the plan's persona's language: the lede, every
/// stated side's section, and the headline, deck and closing, all at once.
/// `calls` holds the calls made so far.
pub(super) async fn compose<A: Answerer>(
    answerer: &A,
    plan: &Plan<'_>,
    brief: &Brief,
    mut calls: Vec<crate::article::CallRecord>,
) -> Result<Composed, Error> {
    let (opening, perspectives, finish) = round_two(answerer, plan, brief, &mut calls).await?;
    let drafts = Drafts {
        brief: brief.clone(),
        opening,
        perspectives,
        finish,
    };
    Ok(Composed { drafts, calls })
}

/// Check a composed article and revise once what the checks (and `also`,
/// findings from elsewhere such as edition parity) flag.
pub(super) async fn complete<A: Answerer>(
    answerer: &A,
    plan: &Plan<'_>,
    composed: Composed,
    also: Vec<check::Finding>,
    started: Instant,
) -> Result<Article, Error> {
    let (job, persona) = (plan.job, plan.job.persona);
    let Composed {
        mut drafts,
        mut calls,
    } = composed;
    let corpus = Corpus::new(job.sources, persona);
    let checked = |d: &Drafts, calls: &[crate::article::CallRecord]| {
        let article = assemble(job, d, calls, started.elapsed().as_millis() as u64);
        let report = check::run(&Doc::from_article(&article), &corpus, persona);
        (article, report)
    };
    let (mut article, mut report) = checked(&drafts, &calls);
    if job.options.revise {
        let before = drafts.clone();
        let mut asked = report.clone();
        asked.findings.extend(also);
        let revised = revise::round(answerer, plan, &mut drafts, &asked, &mut calls).await?;
        if !revised.is_empty() {
            let (_, after) = checked(&drafts, &calls);
            let kept = revise::keep_improvements(&mut drafts, &before, &report, &after, &revised, &mut calls);
            (article, report) = checked(&drafts, &calls);
            report.revised = kept;
        }
    }
    let replaced = hold_back(plan, &mut article, &mut report, &corpus);
    let doc = Doc::from_article(&article);
    report.findings.extend(degraded(&calls));
    report.findings.extend(replaced);
    article.quotations = check::quotations(&doc, &corpus);
    article.meta.integrity = Some(report);
    Ok(article)
}

/// Replace every part that still carries a hard finding, in ever stronger
/// cuts, until none does; the report is the article's as it now stands. Returns
/// a degraded finding per replacement.
fn hold_back(
    plan: &Plan<'_>,
    article: &mut Article,
    report: &mut Report,
    corpus: &Corpus<'_>,
) -> Vec<check::Finding> {
    use super::degrade::{Cut, Fallbacks};
    if !report.findings.iter().any(degrade::is_hard) {
        return Vec::new();
    }
    let persona = plan.job.persona;
    let extractor = plan.extractor();
    let brief = extractor.brief();
    let fallbacks = Fallbacks {
        opening: extractor.opening(&brief),
        finish: extractor.finish(&brief),
        sides: article
            .perspectives
            .iter()
            .map(|s| {
                let p = persona.spec.perspectives.iter().find(|p| p.id == s.id);
                p.map(|p| extractor.perspective(&brief, p)).unwrap_or_default()
            })
            .collect(),
    };
    let labels = crate::lang::labels::for_language(&persona.spec.language);
    let mut replaced = Vec::new();
    for cut in [Cut::Sentences, Cut::Rebuild, Cut::Remove] {
        if !report.findings.iter().any(degrade::is_hard) {
            break;
        }
        replaced.extend(degrade::replace(article, report, &fallbacks, labels, cut));
        let revised = std::mem::take(&mut report.revised);
        *report = check::run(&Doc::from_article(article), corpus, persona);
        report.revised = revised;
    }
    replaced
}

/// A finding for each part of the model's answers that could not be used.
fn degraded(calls: &[crate::article::CallRecord]) -> Vec<check::Finding> {
    calls
        .iter()
        .flat_map(|c| c.degraded.iter().map(move |note| (c, note)))
        .map(|(c, note)| check::Finding {
            check: check::Check::Answer,
            kind: crate::article::integrity::FindingKind::Degraded,
            severity: Severity::of(
                check::Check::Answer,
                crate::article::integrity::FindingKind::Degraded,
            ),
            section: c.stage.section().unwrap_or(Section::Lede),
            location: c.stage.to_string(),
            at: None,
            claim: note.clone(),
            expected:
                "an answer the checks accept; this part was dropped, salvaged or built from the sources"
                    .into(),
            attribution: None,
        })
        .collect()
}

/// Round 2: the opening with the headline, deck and closing (which the brief
/// gives all they need) in one call, and every stated side's section, at once.
async fn round_two<A: Answerer>(
    answerer: &A,
    plan: &Plan<'_>,
    brief: &Brief,
    calls: &mut Vec<crate::article::CallRecord>,
) -> Result<(Opening, BTreeMap<SideId, PerspectiveDraft>, Finish), Error> {
    let stated: Vec<&Perspective> = plan
        .job
        .persona
        .spec
        .perspectives
        .iter()
        .filter(|p| brief.perspectives.get(&p.id).is_some_and(|x| x.stated))
        .collect();
    plan.job.progress(&format!(
        "round 2/2: lede, headline, deck and closing, and {} perspective sections in parallel",
        stated.len()
    ));
    let front_fut = answerer.answer::<Front>(
        plan,
        Ask {
            brief: Some(brief),
            ..Ask::new(Stage::Opening)
        },
    );
    let perspectives_fut = try_join_all(stated.iter().map(|p| {
        let ask = Ask {
            brief: Some(brief),
            perspective: Some(*p),
            ..Ask::new(Stage::Perspective(p.id.clone()))
        };
        answerer.answer::<PerspectiveDraft>(plan, ask)
    }));
    let ((front, rec), drafted) = futures::try_join!(front_fut, perspectives_fut)?;
    calls.push(rec);
    let (opening, finish) = front.split();
    let mut perspectives = BTreeMap::new();
    for (p, (d, rec)) in stated.iter().zip(drafted) {
        calls.push(rec);
        perspectives.insert(p.id.clone(), d);
    }
    Ok((opening, perspectives, finish))
}
