//! The pipeline: plans one article's model calls in three rounds (brief; lede and
//! every perspective at once; headline and closing), validates each answer,
//! assembles the typed [`Article`], checks it, and sends sections with findings
//! back once for revision. Generic over the client, so the extractive provider,
//! the HTTP providers and dry runs share one path.

mod assemble;
mod call;
mod revise;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::time::Instant;

use futures::future::try_join_all;
use serde_json::{Value, json};

use crate::article::Article;
use crate::check::{self, Corpus, Doc, Report};
use crate::error::Error;
use crate::llm::{ChatRequest, ChatResponse, ExtractiveClient, LlmClient, LlmError, OutputSchema};
use crate::persona::{Persona, Perspective};
use crate::prompt::{Prompts, base_context, defuse, defuse_value};
use crate::source::Source;
use crate::stage::{Brief, Finish, Opening, PerspectiveDraft, Rules, Stage, fold};
use assemble::{Drafts, assemble, draft_view, perspective_sections};
use call::call;

/// Settings that shape the calls of one article.
#[derive(Debug, Clone)]
pub struct DraftOptions {
    pub provider: String,
    /// Model per stage kind (`brief`, `lede`, `perspective`, `finish`).
    pub models: BTreeMap<String, String>,
    pub temperature: Option<f32>,
    pub max_tokens: u32,
    /// The article's date, `YYYY-MM-DD`.
    pub date: String,
    /// Send sections with grounding or glossary findings back for one revision.
    pub revise: bool,
    /// Log each round on stderr (off for dry runs and template checks).
    pub progress: bool,
}

impl DraftOptions {
    /// Options for rendering prompts without drafting (`personas check`,
    /// `prompts render`): extractive, a fixed date, no progress lines.
    pub fn preview(models: BTreeMap<String, String>) -> Self {
        Self {
            provider: "extractive".into(),
            models,
            temperature: None,
            max_tokens: 2048,
            date: "2026-01-01".into(),
            revise: true,
            progress: false,
        }
    }

    /// The model for a stage; `perspective:ID` stages share `perspective`, and a
    /// revision uses the model of the stage it revises.
    pub fn model_for(&self, stage: &str) -> String {
        let stage = stage.strip_prefix("revise:").unwrap_or(stage);
        let kind = stage.split(':').next().unwrap_or(stage);
        self.models.get(kind).cloned().unwrap_or_default()
    }
}

/// One article's inputs.
pub struct Job<'a> {
    pub persona: &'a Persona,
    pub sources: &'a [Source],
    pub prompts: &'a Prompts,
    pub options: &'a DraftOptions,
}

/// A request the pipeline would send, for `--dry-run`.
#[derive(Debug, Clone)]
pub struct PlannedCall {
    pub round: usize,
    pub request: ChatRequest,
    /// The extractive stand-in answer: its length estimates the model's.
    pub answer: String,
}

impl PlannedCall {
    /// Estimated (prompt, completion) tokens, at four characters a token.
    pub fn estimated_tokens(&self) -> (u64, u64) {
        let prompt: usize = self.request.messages.iter().map(|m| m.content.len()).sum();
        ((prompt / 4) as u64, (self.answer.len() / 4) as u64)
    }
}

struct Plan<'a> {
    job: &'a Job<'a>,
    base: Value,
    passage_ids: Vec<String>,
    passage_set: BTreeSet<String>,
    perspective_ids: Vec<String>,
    corpus: String,
}

impl<'a> Plan<'a> {
    fn new(job: &'a Job<'a>) -> Self {
        let passages = job.sources.iter().flat_map(|s| &s.passages);
        let passage_ids: Vec<String> = passages.clone().map(|p| p.id.clone()).collect();
        // Quotations are checked against the text exactly as the prompts showed it.
        let corpus = fold(&defuse(
            &passages.map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n"),
        ));
        Self {
            base: base_context(job.persona, job.sources, job.persona.spec.length),
            passage_set: passage_ids.iter().cloned().collect(),
            passage_ids,
            perspective_ids: job
                .persona
                .spec
                .perspectives
                .iter()
                .map(|p| p.id.clone())
                .collect(),
            corpus,
            job,
        }
    }

    fn rules(&self) -> Rules<'_> {
        Rules {
            passage_ids: &self.passage_set,
            perspective_ids: &self.perspective_ids,
            corpus: &self.corpus,
        }
    }

    /// Render the stage's messages with `extra` context keys on top of the base.
    fn request(&self, stage: &Stage, extra: &[(&str, Value)]) -> Result<ChatRequest, Error> {
        let mut ctx = self.base.clone();
        for (k, v) in extra {
            ctx[*k] = defuse_value(v);
        }
        let o = self.job.options;
        let messages = self.job.prompts.messages(stage.template(), &ctx)?;
        // The fenced sources open every task message; providers may cache them.
        let sources = self.job.prompts.render("_sources.j2", &ctx)?;
        let shared_prefix = match messages.get(1) {
            Some(m) if m.content.starts_with(sources.trim_end()) => sources.trim_end().len(),
            _ => 0,
        };
        Ok(ChatRequest {
            stage: stage.name(),
            model: o.model_for(&stage.name()),
            messages,
            shared_prefix,
            schema: Some(OutputSchema {
                name: stage.name().replace([':', '-'], "_"),
                schema: stage.schema(&self.passage_ids, &self.perspective_ids),
            }),
            temperature: o.temperature,
            max_tokens: o.max_tokens,
            context: ctx,
        })
    }
}

fn progress(job: &Job<'_>, message: &str) {
    if job.options.progress {
        tracing::info!("{message}");
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<Value, Error> {
    serde_json::to_value(v).map_err(|e| Error::Usage(format!("internal error: {e}")))
}

/// Draft one article, check it, and revise what the checks flag.
pub async fn draft<C: LlmClient>(client: &C, job: &Job<'_>) -> Result<Article, Error> {
    let started = Instant::now();
    let plan = Plan::new(job);
    let rules = plan.rules();
    let persona = job.persona;

    progress(job, "round 1/3: brief");
    let req = plan.request(&Stage::Brief, &[])?;
    let (brief, rec) = call::<_, Brief>(client, req, 1, |b| rules.brief(b)).await?;
    let mut calls = vec![rec];

    let stated: Vec<&Perspective> = persona
        .spec
        .perspectives
        .iter()
        .filter(|p| brief.perspectives.get(&p.id).is_some_and(|x| x.stated))
        .collect();
    progress(
        job,
        &format!(
            "round 2/3: lede and {} perspective sections in parallel",
            stated.len()
        ),
    );
    let brief_json = to_json(&brief)?;
    let opening_req = plan.request(&Stage::Opening, &[("brief", brief_json.clone())])?;
    let perspective_reqs = stated
        .iter()
        .map(|p| {
            let extra = [("brief", brief_json.clone()), ("perspective", json!(p))];
            plan.request(&Stage::Perspective(p.id.clone()), &extra)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let opening_fut = call::<_, Opening>(client, opening_req, 2, |o| rules.opening(o));
    let perspectives_fut = try_join_all(
        perspective_reqs
            .into_iter()
            .map(|r| call::<_, PerspectiveDraft>(client, r, 2, |p| rules.perspective(p))),
    );
    let ((opening, rec), drafted) = futures::try_join!(opening_fut, perspectives_fut)?;
    calls.push(rec);
    let mut perspectives = BTreeMap::new();
    for (p, (d, rec)) in stated.iter().zip(drafted) {
        calls.push(rec);
        perspectives.insert(p.id.clone(), d);
    }

    progress(job, "round 3/3: headline, deck and closing");
    let labels = crate::labels::for_language(&persona.spec.language);
    let sections = perspective_sections(&persona.spec.perspectives, &perspectives, labels);
    let extra = [("brief", brief_json), ("draft", draft_view(&opening, &sections))];
    let req = plan.request(&Stage::Finish, &extra)?;
    let (finish, rec) = call::<_, Finish>(client, req, 3, |f| rules.finish(f)).await?;
    calls.push(rec);

    let mut drafts = Drafts {
        brief,
        opening,
        perspectives,
        finish,
    };
    let corpus = Corpus::new(job.sources, persona);
    let checked = |d: &Drafts, calls: &[crate::article::CallRecord]| {
        let article = assemble(job, d, calls, started.elapsed().as_millis() as u64);
        let report = check::run(&Doc::from_article(&article), &corpus, persona);
        (article, report)
    };
    let (mut article, mut report) = checked(&drafts, &calls);
    if job.options.revise {
        let revised = revise::round(client, &plan, &mut drafts, &report, &mut calls).await?;
        if !revised.is_empty() {
            (article, report) = checked(&drafts, &calls);
            report.revised = revised;
        }
    }
    article.meta.integrity = Some(report);
    Ok(article)
}

/// The exact requests every round would send, without sending any. Rounds 2 and
/// 3 depend on earlier answers; they are shown with the extractive answers in
/// their place.
pub async fn dry_run(job: &Job<'_>) -> Result<Vec<PlannedCall>, Error> {
    let recorder = Recorder::default();
    draft(&recorder, job).await?;
    let calls = recorder.calls.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(calls
        .into_iter()
        .map(|(request, answer)| PlannedCall {
            round: stage_round(&request.stage),
            request,
            answer,
        })
        .collect())
}

/// Every request a draft can make, the revision round included (for a sample
/// finding on the opening): how `personas check` exercises every template and
/// `prompts render` shows any stage.
pub async fn every_request(job: &Job<'_>) -> Result<Vec<PlannedCall>, Error> {
    let mut calls = dry_run(job).await?;
    let plan = Plan::new(job);
    let brief = json!({ "key_facts": [], "perspectives": {} });
    let extra = [
        ("brief", brief),
        (
            "current",
            json!({ "lede": { "text": "…", "cites": [] }, "pull_quote": "", "sections": [] }),
        ),
        (
            "findings",
            json!(["lede: number `1`: no such number in any source"]),
        ),
        ("perspective", Value::Null),
    ];
    let request = plan.request(&Stage::Revise("lede".into()), &extra)?;
    calls.push(PlannedCall {
        round: 4,
        request,
        answer: String::new(),
    });
    Ok(calls)
}

fn stage_round(stage: &str) -> usize {
    match stage.split(':').next() {
        Some("brief") => 1,
        Some("finish") => 3,
        Some("revise") => 4,
        _ => 2,
    }
}

/// Records each request and answers it extractively.
#[derive(Default)]
struct Recorder {
    calls: Mutex<Vec<(ChatRequest, String)>>,
}

impl LlmClient for Recorder {
    async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        let answer = ExtractiveClient.complete(req).await?;
        if let Ok(mut calls) = self.calls.lock() {
            calls.push((req.clone(), answer.content.clone()));
        }
        Ok(answer)
    }
}

/// The findings a revision round can act on: claims and disputed terms.
pub fn revisable(report: &Report) -> impl Iterator<Item = &check::Finding> {
    report
        .findings
        .iter()
        .filter(|f| matches!(f.check, check::Check::Grounding | check::Check::Glossary))
}
