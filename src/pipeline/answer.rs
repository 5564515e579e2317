//! Stage answerers: the strategies the pipeline asks for each stage's typed
//! answer. The model strategy renders the stage's prompt, calls the client,
//! parses, validates and repairs once; the extractive strategy builds the answer
//! from the passages with no request at all; the dry-run strategy records the
//! request a model would get and answers extractively, so later rounds can be
//! shown too.

use std::future::Future;
use std::sync::Mutex;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::call::{Reply, call};
use super::extractive::{self, Extractor};
use super::plan::Plan;
use super::salvage;
use crate::article::CallRecord;
use crate::error::Error;
use crate::llm::{ChatRequest, LlmClient, LlmError, Usage};
use crate::persona::Perspective;
use crate::stage::Stage;
use crate::stage::{Brief, Finish, Front, Opening, PerspectiveDraft, Rules};

/// What a stage is asked, beyond the persona and passages every stage sees.
pub(crate) struct Ask<'a, T> {
    pub(crate) stage: Stage,
    pub(crate) brief: Option<&'a Brief>,
    pub(crate) perspective: Option<&'a Perspective>,
    /// The section under revision, as drafted.
    pub(crate) current: Option<&'a T>,
    /// The checks' findings on it, for a revision.
    pub(crate) findings: &'a [String],
}

impl<'a, T> Ask<'a, T> {
    pub(crate) fn new(stage: Stage) -> Self {
        Self {
            stage,
            brief: None,
            perspective: None,
            current: None,
            findings: &[],
        }
    }

    /// The extra template context of this ask, as JSON.
    pub(crate) fn context(&self) -> Result<Vec<(&'static str, Value)>, Error>
    where
        T: Serialize,
    {
        let mut extra = Vec::new();
        if let Some(b) = self.brief {
            extra.push(("brief", to_json(b)?));
        }
        if let Some(c) = self.current {
            extra.push(("current", to_json(c)?));
            extra.push(("findings", json!(self.findings)));
            extra.push(("perspective", json!(self.perspective)));
        } else if let Some(p) = self.perspective {
            extra.push(("perspective", json!(p)));
        }
        Ok(extra)
    }
}

/// A stage's typed answer: how it is checked, how an invalid one is salvaged,
/// and how it is built from passages.
pub(crate) trait Answer: Serialize + DeserializeOwned + Clone + Send + Sync {
    fn validate(&self, rules: &Rules<'_>) -> Result<(), String>;
    /// The answer built from the passages alone.
    fn extract(ex: &Extractor<'_>, ask: &Ask<'_, Self>) -> Self;
    /// Fix what can be fixed without the model (drop optional parts and unknown
    /// citations); returns what was changed.
    fn salvage(&mut self, plan: &Plan<'_>, ask: &Ask<'_, Self>) -> Vec<String>;
    /// What to build from the sources when the answer cannot be used.
    fn fallback(ex: &Extractor<'_>, ask: &Ask<'_, Self>) -> Self {
        Self::extract(ex, ask)
    }
}

impl Answer for Brief {
    fn validate(&self, rules: &Rules<'_>) -> Result<(), String> {
        rules.brief(self)
    }
    fn salvage(&mut self, plan: &Plan<'_>, _: &Ask<'_, Self>) -> Vec<String> {
        salvage::brief(self, plan.passage_set(), plan.perspective_ids())
    }
    fn extract(ex: &Extractor<'_>, _: &Ask<'_, Self>) -> Self {
        ex.brief()
    }
}

impl Answer for Opening {
    fn validate(&self, rules: &Rules<'_>) -> Result<(), String> {
        rules.opening(self)
    }
    fn salvage(&mut self, plan: &Plan<'_>, ask: &Ask<'_, Self>) -> Vec<String> {
        let quote_ok = self.pull_quote.trim().is_empty() || plan.quotes(&self.pull_quote);
        let had = !self.sections.is_empty();
        let mut notes = salvage::opening(self, plan.passage_set(), plan.labels(), quote_ok);
        notes.extend(context(self, had, plan, ask.brief));
        notes
    }
    fn extract(ex: &Extractor<'_>, ask: &Ask<'_, Self>) -> Self {
        match (ask.current, ask.brief) {
            (Some(c), _) => c.clone(),
            (None, Some(b)) => ex.opening(b),
            (None, None) => ex.opening(&ex.brief()),
        }
    }
}

impl Answer for Front {
    fn validate(&self, rules: &Rules<'_>) -> Result<(), String> {
        rules.front(self)
    }
    fn salvage(&mut self, plan: &Plan<'_>, ask: &Ask<'_, Self>) -> Vec<String> {
        let (mut opening, mut finish) = self.clone().split();
        let quote_ok = opening.pull_quote.trim().is_empty() || plan.quotes(&opening.pull_quote);
        let had = !opening.sections.is_empty();
        let mut notes = salvage::opening(&mut opening, plan.passage_set(), plan.labels(), quote_ok);
        notes.extend(context(&mut opening, had, plan, ask.brief));
        notes.extend(salvage::finish(&mut finish, plan.passage_set()));
        notes.extend(reword(&mut finish, plan, ask.brief));
        *self = Front::new(opening, finish);
        notes
    }
    fn extract(ex: &Extractor<'_>, ask: &Ask<'_, Self>) -> Self {
        if let Some(c) = ask.current {
            return c.clone();
        }
        let brief = ask.brief.cloned().unwrap_or_else(|| ex.brief());
        Front::new(ex.opening(&brief), ex.finish(&brief))
    }
}

impl Answer for PerspectiveDraft {
    fn validate(&self, rules: &Rules<'_>) -> Result<(), String> {
        rules.perspective(self)
    }
    fn salvage(&mut self, plan: &Plan<'_>, ask: &Ask<'_, Self>) -> Vec<String> {
        let label = ask.perspective.map_or("", |p| p.label.as_str());
        salvage::perspective(self, plan.passage_set(), plan.labels(), label)
    }
    fn fallback(ex: &Extractor<'_>, ask: &Ask<'_, Self>) -> Self {
        // Built from the side's own statements, whatever the model's brief said.
        match ask.perspective {
            Some(p) => ex.perspective(&ex.brief(), p),
            None => PerspectiveDraft::default(),
        }
    }
    fn extract(ex: &Extractor<'_>, ask: &Ask<'_, Self>) -> Self {
        if let Some(c) = ask.current {
            return c.clone();
        }
        let brief = ask.brief.cloned().unwrap_or_else(|| ex.brief());
        match ask.perspective {
            Some(p) => ex.perspective(&brief, p),
            None => PerspectiveDraft::default(),
        }
    }
}

impl Answer for Finish {
    fn validate(&self, rules: &Rules<'_>) -> Result<(), String> {
        rules.finish(self)
    }
    fn salvage(&mut self, plan: &Plan<'_>, ask: &Ask<'_, Self>) -> Vec<String> {
        let mut notes = salvage::finish(self, plan.passage_set());
        notes.extend(reword(self, plan, ask.brief));
        notes
    }
    fn extract(ex: &Extractor<'_>, ask: &Ask<'_, Self>) -> Self {
        match (ask.current, ask.brief) {
            (Some(c), _) => c.clone(),
            (None, Some(b)) => ex.finish(b),
            (None, None) => ex.finish(&ex.brief()),
        }
    }
}

/// Context sections the answer had, all of whose paragraphs salvage dropped
/// (they cited no passage): the sources' own context instead, less what the
/// lede already says, so the article keeps its body.
fn context(o: &mut Opening, had: bool, plan: &Plan<'_>, brief: Option<&Brief>) -> Option<String> {
    if !had || !o.sections.is_empty() {
        return None;
    }
    let ex = plan.extractor();
    let built = match brief {
        Some(b) => ex.opening(b),
        None => ex.opening(&ex.brief()),
    };
    let lede = o.lede.text.trim();
    o.sections = built
        .sections
        .into_iter()
        .map(|mut s| {
            s.paragraphs.retain(|p| p.text.trim() != lede);
            s
        })
        .filter(|s| !s.paragraphs.is_empty())
        .collect();
    (!o.sections.is_empty())
        .then(|| "sections: none left that cites a passage; the context built from the sources".into())
}

/// A headline or deck in words no passage uses (noise) is replaced by the one
/// the sources give, so the rest of its answer (the lede, with the headline in
/// one call) is kept.
fn reword(f: &mut Finish, plan: &Plan<'_>, brief: Option<&Brief>) -> Vec<String> {
    let rules = plan.rules();
    let noisy = |what: &str, text: &str| rules.wording(what, text).is_err();
    let (headline, deck) = (noisy("headline", &f.headline), noisy("deck", &f.deck));
    if !headline && !deck {
        return Vec::new();
    }
    let ex = plan.extractor();
    let built = ex.finish(&brief.cloned().unwrap_or_else(|| ex.brief()));
    let mut notes = Vec::new();
    if headline {
        f.headline = built.headline;
        notes.push("headline: its words appear in no passage; the sources' headline instead".to_string());
    }
    if deck {
        f.deck = built.deck;
        notes.push("deck: its words appear in no passage; the sources' deck instead".to_string());
    }
    notes
}

/// The fewest prompt tokens worth sending again after a context-length error.
const MIN_REFIT: usize = 1_024;

/// A strategy that answers each stage.
pub(crate) trait Answerer: Sync {
    fn answer<T: Answer>(
        &self,
        plan: &Plan<'_>,
        ask: Ask<'_, T>,
    ) -> impl Future<Output = Result<(T, CallRecord), Error>> + Send;
}

/// Answers from a language model.
pub(crate) struct ModelAnswerer<'c, C>(pub &'c C);

impl<C: LlmClient> Answerer for ModelAnswerer<'_, C> {
    async fn answer<T: Answer>(&self, plan: &Plan<'_>, ask: Ask<'_, T>) -> Result<(T, CallRecord), Error> {
        let context = ask.context()?;
        let req = plan.request(&ask.stage, &context)?;
        let rules = plan.rules();
        let sent = req.prompt_tokens();
        let max_tokens = req.max_tokens as usize;
        let (reply, mut record) = match call::<_, T>(self.0, req, ask.stage.clone(), |t| t.validate(&rules))
            .await
        {
            // Too long for the server after all: fit the prompt to what it reports
            // (or to half), once.
            Err(LlmError::ContextLength {
                limit,
                message,
                url,
                tokens,
                ..
            }) => {
                // A window learnt only now keeps room for what this stage
                // answers, not for `--max-tokens`.
                let answer = limit.map_or(max_tokens, |_| {
                    (plan.sized_answer(&ask.stage) as usize).min(max_tokens)
                });
                let budget = limit
                    .map_or(sent / 2, |l| l.saturating_sub(answer + 256))
                    .min(sent / 4 * 3);
                // Too small a window for the instructions and the answer: say so.
                if budget < MIN_REFIT {
                    return Err(LlmError::ContextLength {
                        url,
                        stage: crate::llm::Label::stage(&ask.stage),
                        tokens,
                        message: format!("{message}; that leaves no room for the sources beside an answer of up to {answer} tokens (lower --max-tokens)"),
                        limit,
                    }
                    .into());
                }
                tracing::warn!(stage = %ask.stage, "the server's context is smaller than the prompt ({message}); sending it again within {budget} tokens (set [provider] context to skip this)");
                let mut req = plan.request_within(&ask.stage, &context, budget)?;
                req.max_tokens = req.max_tokens.min(answer as u32);
                call::<_, T>(self.0, req, ask.stage.clone(), |t| t.validate(&rules)).await?
            }
            other => other?,
        };
        let (answer, notes) = match reply {
            Reply::Valid(t) => (t, Vec::new()),
            Reply::Invalid { parsed, detail } => degrade(plan, &ask, parsed, &detail),
        };
        record.degraded = notes;
        Ok((answer, record))
    }
}

/// The answer to use when the model's is still invalid after its repair: a
/// revision is discarded (the draft stays); anything else is salvaged if it can
/// be, else built from the sources. Returns it with what was changed.
fn degrade<T: Answer>(
    plan: &Plan<'_>,
    ask: &Ask<'_, T>,
    parsed: Option<T>,
    detail: &str,
) -> (T, Vec<String>) {
    let stage = &ask.stage;
    if let (Stage::Revise(_), Some(current)) = (stage, ask.current) {
        let note = format!("{stage}: revision discarded, the draft stays ({detail})");
        return (current.clone(), vec![note]);
    }
    if let Some(mut t) = parsed {
        let mut notes = t.salvage(plan, ask);
        let lenient = Rules {
            lenient: true,
            ..plan.rules()
        };
        if t.validate(&lenient).is_ok() {
            notes.iter_mut().for_each(|n| *n = format!("{stage}: {n}"));
            return (t, notes);
        }
    }
    let t = T::fallback(plan.extractor(), ask);
    let note = format!("{stage}: quoted from the sources; the model's answer could not be used ({detail})");
    (t, vec![note])
}

/// Answers from the passages, with no model. It still renders each stage's
/// prompt (and throws it away), so a broken template is reported offline, before
/// a model is ever configured, exactly as it would be with one.
pub(crate) struct ExtractiveAnswerer;

impl Answerer for ExtractiveAnswerer {
    async fn answer<T: Answer>(&self, plan: &Plan<'_>, ask: Ask<'_, T>) -> Result<(T, CallRecord), Error> {
        plan.request(&ask.stage, &ask.context()?)?;
        let answer = T::extract(plan.extractor(), &ask);
        Ok((answer, extractive_record(ask.stage)))
    }
}

/// The record of a call answered without a model.
pub(crate) fn extractive_record(stage: Stage) -> CallRecord {
    CallRecord {
        round: stage.round(),
        stage,
        model: crate::llm::Model::reported(extractive::MODEL),
        usage: Usage::default(),
        cost_usd: Some(0.0),
        cached: false,
        attempts: 1,
        requests: Vec::new(),
        elapsed_ms: 0,
        degraded: Vec::new(),
    }
}

/// Records the request a model would get for each stage and answers it
/// extractively, so every round can be shown without sending anything.
#[derive(Default)]
pub(crate) struct DryRun {
    calls: Mutex<Vec<(Stage, ChatRequest, String)>>,
}

impl Answerer for DryRun {
    async fn answer<T: Answer>(&self, plan: &Plan<'_>, ask: Ask<'_, T>) -> Result<(T, CallRecord), Error> {
        let req = plan.request(&ask.stage, &ask.context()?)?;
        let answer = T::extract(plan.extractor(), &ask);
        let text = serde_json::to_string(&answer).map_err(Error::internal)?;
        if let Ok(mut calls) = self.calls.lock() {
            calls.push((ask.stage.clone(), req, text));
        }
        Ok((answer, extractive_record(ask.stage)))
    }
}

impl DryRun {
    /// The requests recorded so far, in order.
    pub(crate) fn planned(self) -> Vec<super::PlannedCall> {
        let calls = self.calls.into_inner().unwrap_or_else(|e| e.into_inner());
        calls
            .into_iter()
            .map(|(stage, request, answer)| super::PlannedCall {
                round: stage.round(),
                stage,
                request,
                answer,
            })
            .collect()
    }
}

pub(crate) fn to_json<T: Serialize>(v: &T) -> Result<Value, Error> {
    serde_json::to_value(v).map_err(Error::internal)
}
