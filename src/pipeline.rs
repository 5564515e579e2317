//! The pipeline: plans one article's model calls in three rounds (brief; lede and
//! every perspective at once; headline and closing), validates each answer, and
//! assembles the typed [`Article`]. Generic over the client, so the extractive
//! provider, the HTTP providers and dry runs share one path.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::time::Instant;

use futures::future::try_join_all;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::article::{
    Article, Byline, CallRecord, Metadata, Paragraph, PerspectiveSection, Section, SourceRef,
};
use crate::error::Error;
use crate::llm::{
    ChatRequest, ChatResponse, ExtractiveClient, LlmClient, LlmError, Message, OutputSchema, Role, Usage,
};
use crate::persona::{Persona, Perspective};
use crate::prompt::{Prompts, base_context, defuse, defuse_value};
use crate::source::Source;
use crate::stage::{Brief, Claim, Finish, Opening, PerspectiveDraft, Rules, Stage, fold};

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
}

struct Plan<'a> {
    job: &'a Job<'a>,
    base: Value,
    passage_ids: Vec<String>,
    passage_set: BTreeSet<String>,
    perspective_ids: Vec<String>,
    corpus: String,
}

impl DraftOptions {
    /// The model for a stage; `perspective:ID` stages share `perspective`.
    pub fn model_for(&self, stage: &str) -> String {
        let kind = stage.split(':').next().unwrap_or(stage);
        self.models.get(kind).cloned().unwrap_or_default()
    }
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

/// Draft one article.
pub async fn draft<C: LlmClient>(client: &C, job: &Job<'_>) -> Result<Article, Error> {
    let started = Instant::now();
    let plan = Plan::new(job);
    let rules = plan.rules();
    let persona = job.persona;

    tracing::info!("round 1/3: brief");
    let req = plan.request(&Stage::Brief, &[])?;
    let (brief, rec) = call::<_, Brief>(client, req, 1, |b| rules.brief(b)).await?;
    let mut calls = vec![rec];

    let stated: Vec<&Perspective> = persona
        .spec
        .perspectives
        .iter()
        .filter(|p| brief.perspectives.get(&p.id).is_some_and(|x| x.stated))
        .collect();
    tracing::info!(
        "round 2/3: lede and {} perspective sections in parallel",
        stated.len()
    );
    let brief_json = serde_json::to_value(&brief).map_err(|e| internal(&e))?;
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
    let mut drafted = drafted.into_iter();
    let mut sections = Vec::new();
    for p in &persona.spec.perspectives {
        if stated.iter().any(|s| s.id == p.id) {
            let (d, rec) = drafted
                .next()
                .ok_or_else(|| internal(&"missing perspective draft"))?;
            calls.push(rec);
            sections.push(perspective_section(p, d));
        } else {
            sections.push(unstated_section(p));
        }
    }

    tracing::info!("round 3/3: headline, deck and closing");
    let draft_view = draft_view(&opening, &sections);
    let req = plan.request(&Stage::Finish, &[("brief", brief_json), ("draft", draft_view)])?;
    let (finish, rec) = call::<_, Finish>(client, req, 3, |f| rules.finish(f)).await?;
    calls.push(rec);

    Ok(assemble(job, opening, sections, finish, calls, started))
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
        .map(|request| PlannedCall {
            round: stage_round(&request.stage),
            request,
        })
        .collect())
}

fn stage_round(stage: &str) -> usize {
    match stage.split(':').next() {
        Some("brief") => 1,
        Some("finish") => 3,
        _ => 2,
    }
}

/// Records each request and answers it extractively.
#[derive(Default)]
struct Recorder {
    calls: Mutex<Vec<ChatRequest>>,
}

impl LlmClient for Recorder {
    async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        if let Ok(mut calls) = self.calls.lock() {
            calls.push(req.clone());
        }
        ExtractiveClient.complete(req).await
    }
}

fn internal(e: &dyn std::fmt::Display) -> Error {
    Error::Usage(format!("internal error: {e}"))
}

/// Send one structured request; an answer that is not valid JSON for the stage
/// gets one repair round carrying the validation error.
async fn call<C: LlmClient, T: DeserializeOwned>(
    client: &C,
    mut req: ChatRequest,
    round: usize,
    validate: impl Fn(&T) -> Result<(), String>,
) -> Result<(T, CallRecord), LlmError> {
    let started = Instant::now();
    let mut usage = Usage::default();
    let mut cost = Some(0.0);
    let mut cached = true;
    let mut model = req.model.clone();
    let mut attempt = 1u32;
    loop {
        let resp = client.complete(&req).await?;
        usage += resp.usage;
        cost = cost.zip(resp.cost_usd).map(|(a, b)| a + b);
        cached &= resp.cached;
        if !resp.model.is_empty() {
            model = resp.model.clone();
        }
        let parsed = parse_json::<T>(&resp.content).and_then(|t| validate(&t).map(|()| t));
        match parsed {
            Ok(t) => {
                let record = CallRecord {
                    stage: req.stage.clone(),
                    round,
                    model,
                    usage,
                    cost_usd: cost,
                    cached,
                    attempts: attempt,
                    elapsed_ms: started.elapsed().as_millis() as u64,
                };
                return Ok((t, record));
            }
            Err(detail) if attempt == 1 => {
                attempt += 1;
                tracing::warn!(stage = %req.stage, "answer rejected, asking for a repair: {detail}");
                req.messages.push(Message::new(Role::Assistant, resp.content));
                req.messages.push(Message::new(
                    Role::User,
                    format!("Your answer is not valid: {detail}. Answer again with JSON only, matching the schema."),
                ));
            }
            Err(detail) => {
                return Err(LlmError::InvalidAnswer {
                    stage: req.stage.clone(),
                    detail,
                    excerpt: crate::llm::excerpt(&resp.content, 160),
                });
            }
        }
    }
}

/// Parse a JSON answer, tolerating a Markdown code fence around it.
fn parse_json<T: DeserializeOwned>(content: &str) -> Result<T, String> {
    let t = content.trim();
    let t = t
        .strip_prefix("```json")
        .or_else(|| t.strip_prefix("```"))
        .and_then(|r| r.trim_end().strip_suffix("```"))
        .unwrap_or(t);
    serde_json::from_str(t).map_err(|e| format!("not valid JSON for this stage ({e})"))
}

fn para(c: Claim) -> Paragraph {
    Paragraph {
        text: c.text.trim().to_string(),
        cites: c.cites,
    }
}

fn perspective_section(p: &Perspective, d: PerspectiveDraft) -> PerspectiveSection {
    PerspectiveSection {
        id: p.id.clone(),
        label: p.label.clone(),
        subhead: d.subhead.trim().to_string(),
        stated: true,
        position: para(d.position),
        reasons: para(d.reasons),
        implications: para(d.implications),
    }
}

/// A side the sources give no position: shown as such, never invented.
fn unstated_section(p: &Perspective) -> PerspectiveSection {
    let none = |text: String| Paragraph { text, cites: vec![] };
    PerspectiveSection {
        id: p.id.clone(),
        label: p.label.clone(),
        subhead: p.label.clone(),
        stated: false,
        position: none(format!("No stated position from {} in the sources.", p.label)),
        reasons: none("The sources give no reasons.".into()),
        implications: none("The sources do not spell out what this position means.".into()),
    }
}

fn draft_view(o: &Opening, perspectives: &[PerspectiveSection]) -> Value {
    let join = |ps: &[&Paragraph]| ps.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
    json!({
        "lede": o.lede.text,
        "sections": o.sections.iter().map(|s| json!({
            "subhead": s.subhead,
            "text": s.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" "),
        })).collect::<Vec<_>>(),
        "perspectives": perspectives.iter().map(|p| json!({
            "label": p.label,
            "text": join(&[&p.position, &p.reasons, &p.implications]),
        })).collect::<Vec<_>>(),
    })
}

/// The models that answered, in call order, without repeats: `a, b`.
fn distinct_models(calls: &[CallRecord]) -> Option<String> {
    let mut seen: Vec<&str> = Vec::new();
    for c in calls {
        if !seen.contains(&c.model.as_str()) {
            seen.push(&c.model);
        }
    }
    (!seen.is_empty()).then(|| seen.join(", "))
}

fn assemble(
    job: &Job<'_>,
    opening: Opening,
    perspectives: Vec<PerspectiveSection>,
    finish: Finish,
    calls: Vec<CallRecord>,
    started: Instant,
) -> Article {
    let persona = &job.persona.spec;
    let o = job.options;
    let mut usage = Usage::default();
    let mut cost = Some(0.0);
    for c in &calls {
        usage += c.usage;
        cost = cost.zip(c.cost_usd).map(|(a, b)| a + b);
    }
    let extractive = o.provider == "extractive";
    let mut notes = Vec::new();
    if extractive {
        notes.push(
            "No language model was used: every paragraph is a source passage (extractive provider).".into(),
        );
    }
    let closing = Some(para(finish.closing)).filter(|c| !c.text.is_empty());
    let pull_quote = Some(opening.pull_quote.trim().to_string()).filter(|q| !q.is_empty());
    Article {
        headline: finish.headline.trim().to_string(),
        deck: finish.deck.trim().to_string(),
        lede: para(opening.lede),
        pull_quote,
        sections: opening
            .sections
            .into_iter()
            .map(|s| Section {
                subhead: s.subhead.trim().to_string(),
                paragraphs: s.paragraphs.into_iter().map(para).collect(),
            })
            .collect(),
        perspectives,
        closing,
        byline: Byline {
            persona: persona.id.clone(),
            name: persona.name.clone(),
            beat: persona.beat.clone(),
            bio: persona.bio.clone(),
        },
        sources: job
            .sources
            .iter()
            .map(|s| SourceRef {
                index: s.index,
                title: s
                    .meta
                    .title
                    .clone()
                    .unwrap_or_else(|| format!("Source {}", s.index)),
                publisher: s.meta.publisher.clone(),
                published: s.meta.published.clone(),
                url: s.meta.url.clone(),
                origin: s.origin.clone(),
                passages: s.passages.iter().map(|p| p.id.clone()).collect(),
            })
            .collect(),
        meta: Metadata {
            persona: persona.id.clone(),
            provider: o.provider.clone(),
            model: distinct_models(&calls).unwrap_or_else(|| o.model_for("lede")),
            extractive,
            date: o.date.clone(),
            language: persona.language.clone(),
            generator: concat!("parallax ", env!("CARGO_PKG_VERSION")).into(),
            usage,
            cost_usd: cost,
            calls,
            elapsed_ms: started.elapsed().as_millis() as u64,
            notes,
        },
    }
}
