//! The pipeline: plans one article's stages in three rounds (brief; lede and
//! every perspective at once; headline and closing), asks a stage answerer for
//! each typed answer, assembles the [`Article`], checks it, and sends sections
//! with findings back once for revision. The answerer is the strategy: a model
//! ([`ModelAnswerer`]), the passages alone ([`ExtractiveAnswerer`]), or a dry run
//! that records the requests ([`DryRun`]).

mod answer;
mod assemble;
pub(crate) mod budget;
mod call;
mod degrade;
mod editions;
pub(crate) mod extractive;
mod plan;
mod revise;
mod salvage;

use crate::article::integrity::Severity;
use std::collections::BTreeMap;
use std::time::Instant;

use futures::future::try_join_all;

pub(crate) use answer::{Answerer, Ask, DryRun, ExtractiveAnswerer, ModelAnswerer};
pub(crate) use editions::{editions, valid_language};
pub(crate) use plan::Plan;

use crate::article::Article;
use crate::check::{self, Corpus, Doc, Report};
use crate::config::{Model, ProviderKind, StageModels};
use crate::error::Error;
use crate::llm::ChatRequest;
use crate::persona::{Persona, Perspective};
use crate::prompt::Prompts;
use crate::source::Source;
use crate::stage::{Brief, Finish, Front, Opening, PerspectiveDraft};
use crate::stage::{Section, Stage};

use assemble::{Drafts, assemble};

/// Settings that shape the calls of one article.
#[derive(Debug, Clone)]
pub(crate) struct DraftOptions {
    /// The provider's name, for the metadata (`extractive`, `openai`, …).
    pub(crate) provider: String,
    pub(crate) kind: ProviderKind,
    /// Model per stage kind.
    pub(crate) models: StageModels,
    pub(crate) temperature: Option<f32>,
    pub(crate) max_tokens: u32,
    /// The article's date, `YYYY-MM-DD`.
    pub(crate) date: String,
    /// Send sections with grounding or glossary findings back for one revision.
    pub(crate) revise: bool,
    /// Log each round on stderr (off for dry runs and template checks).
    pub(crate) progress: bool,
    /// This installation's secret for the prompt fence's nonce (empty in
    /// previews, which need not be unguessable).
    pub(crate) fence_key: String,
    /// Estimated tokens a prompt may hold (the model's context less the answer).
    pub(crate) prompt_tokens: usize,
    /// The model's context window, when configured or stated by the server:
    /// each stage then keeps room for its own answer only, and gives the rest
    /// to the passages.
    pub(crate) window: Option<usize>,
}

impl DraftOptions {
    /// Options for rendering prompts without drafting (`personas check`,
    /// `prompts render`): extractive, a fixed date, no progress lines.
    pub(crate) fn preview(models: StageModels) -> Self {
        Self {
            provider: extractive::MODEL.into(),
            kind: ProviderKind::Extractive,
            models,
            temperature: None,
            max_tokens: 2048,
            date: "2026-01-01".into(),
            revise: true,
            progress: false,
            fence_key: String::new(),
            prompt_tokens: budget::DEFAULT_PROMPT_TOKENS,
            window: None,
        }
    }

    /// The model for a stage; every perspective shares `perspective`, and a
    /// revision uses the model of the stage it revises.
    pub(crate) fn model_for(&self, stage: &Stage) -> String {
        self.models
            .get(&stage.kind())
            .map(Model::to_string)
            .unwrap_or_default()
    }
}

/// One article's inputs.
pub(crate) struct Job<'a> {
    pub(crate) persona: &'a Persona,
    pub(crate) sources: &'a [Source],
    pub(crate) prompts: &'a Prompts,
    pub(crate) options: &'a DraftOptions,
}

/// A request the pipeline would send, for `--dry-run`.
#[derive(Debug, Clone)]
pub(crate) struct PlannedCall {
    pub(crate) stage: Stage,
    pub(crate) round: usize,
    pub(crate) request: ChatRequest,
    /// The extractive stand-in answer: its length estimates the model's.
    pub(crate) answer: String,
}

impl PlannedCall {
    /// Estimated (prompt, completion) tokens.
    pub(crate) fn estimated_tokens(&self) -> (u64, u64) {
        let answer = crate::text::tokens(&self.answer);
        (self.request.prompt_tokens() as u64, answer as u64)
    }
}

fn progress(job: &Job<'_>, message: &str) {
    if job.options.progress {
        tracing::info!("{message}");
    }
}

/// Round 1: the brief every later round (and every edition) works from.
async fn brief<A: Answerer>(
    answerer: &A,
    plan: &Plan<'_>,
) -> Result<(Brief, crate::article::CallRecord), Error> {
    progress(plan.job, "round 1/2: brief");
    answerer.answer::<Brief>(plan, Ask::new(Stage::Brief)).await
}

/// An article's answers before the checks, and the calls that gave them.
struct Composed {
    drafts: Drafts,
    calls: Vec<crate::article::CallRecord>,
}

/// Round 2 from `brief`, in the plan's persona's language: the lede, every
/// stated side's section, and the headline, deck and closing, all at once.
/// `calls` holds the calls made so far.
async fn compose<A: Answerer>(
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
async fn complete<A: Answerer>(
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
    use degrade::{Cut, Fallbacks};
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
) -> Result<(Opening, BTreeMap<String, PerspectiveDraft>, Finish), Error> {
    let stated: Vec<&Perspective> = plan
        .job
        .persona
        .spec
        .perspectives
        .iter()
        .filter(|p| brief.perspectives.get(&p.id).is_some_and(|x| x.stated))
        .collect();
    progress(
        plan.job,
        &format!(
            "round 2/2: lede, headline, deck and closing, and {} perspective sections in parallel",
            stated.len()
        ),
    );
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

/// The exact requests every round would send, without sending any. Round 2
/// depends on the brief; it is shown with the extractive brief in its place.
pub(crate) async fn dry_run(job: &Job<'_>, languages: &[String]) -> Result<Vec<PlannedCall>, Error> {
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

#[cfg(test)]
mod tests;
