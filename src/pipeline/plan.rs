//! One article's plan: the shared template context, the passage ids a stage may
//! cite, and how each stage's request is rendered.

use crate::ids::SideId;
use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::Value;

use super::Job;
use super::budget::{self, Selector};
use super::extractive::Extractor;
use crate::error::Error;
use crate::llm::{ChatRequest, OutputSchema};
use crate::prompt::{base_context, defuse, defuse_value};
use crate::source::PassageId;
use crate::stage::Rules;
use crate::stage::{Section, Stage};
use crate::text::QuoteIndex;
use crate::text::tokens;

/// A revision reads only what it needs: the passages its part cites, and for a
/// side's section that side's passages (where its own words are). The rest of
/// the sources would cost tokens and change nothing.
fn revision_passages(ctx: &mut Value, section: &Section, extra: &[(&str, Value)]) {
    fn cited(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(o) => {
                for (k, child) in o {
                    match (k.as_str(), child) {
                        ("cites", Value::Array(ids)) => {
                            out.extend(ids.iter().filter_map(|i| i.as_str().map(str::to_string)))
                        }
                        _ => cited(child, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|c| cited(c, out)),
            _ => {}
        }
    }
    let mut keep = BTreeSet::new();
    if let Some((_, current)) = extra.iter().find(|(k, _)| *k == "current") {
        cited(current, &mut keep);
    }
    let side = match section {
        Section::Perspective(id) => Some(id.as_str()),
        _ => None,
    };
    let speaks = |p: &Value| {
        side.is_some_and(|id| {
            p["perspectives"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|x| x.as_str() == Some(id)))
        })
    };
    if let Some(list) = ctx["passages"].as_array_mut() {
        let needed: Vec<Value> = list
            .iter()
            .filter(|p| p["id"].as_str().is_some_and(|id| keep.contains(id)) || speaks(p))
            .cloned()
            .collect();
        // Nothing cited and no side: the part keeps every source.
        if !needed.is_empty() {
            *list = needed;
        }
    }
}

pub(crate) struct Plan<'a> {
    pub(crate) job: &'a Job<'a>,
    base: Value,
    /// `base` made a template value, once.
    base_value: minijinja::Value,
    passage_ids: Vec<PassageId>,
    passage_set: BTreeSet<PassageId>,
    perspective_ids: Vec<SideId>,
    corpus: QuoteIndex,
    /// The passages as the extractive strategy reads them, read once.
    extractor: Extractor<'a>,
    /// Estimated prompt tokens of every passage together.
    passage_tokens: usize,
    /// Chooses the passages of a stage when they do not all fit its budget;
    /// built the first time they do not.
    selector: OnceLock<Selector>,
    /// Each stage's answer schema, by the stage and the passages it may cite:
    /// a repair, a revision and the next story ask with the same one.
    schemas: crate::memo::Memo<SchemaKey, Value>,
}

/// A stage's name and the passages its answer may cite (none: all of them).
type SchemaKey = (String, Option<Vec<PassageId>>);

impl Plan<'_> {
    /// The answer schema of `stage` (named `name`), citing the `narrowed`
    /// passages or all of them.
    fn schema(&self, stage: &Stage, name: &str, narrowed: Option<Vec<PassageId>>) -> Value {
        self.schemas
            .get_or(&(name.to_string(), narrowed), |(_, narrowed)| {
                stage.schema(
                    narrowed.as_ref().unwrap_or(&self.passage_ids),
                    &self.perspective_ids,
                )
            })
    }
}

/// Tokens beyond the passages under which a prompt needs no narrowing:
/// instructions and earlier answers rarely pass a few thousand.
const ROOMY: usize = 6_000;

/// Room left in a prompt for the answer's estimate error and the chat framing.
const SLACK: usize = 512;

impl<'a> Plan<'a> {
    pub(crate) fn new(job: &'a Job<'a>) -> Self {
        let base = base_context(
            job.persona,
            job.sources,
            job.persona.spec.length,
            &job.options.fence_key,
        );
        let passages = job.sources.iter().flat_map(|s| &s.passages);
        let passage_ids: Vec<PassageId> = passages.clone().map(|p| p.id.clone()).collect();
        // Quotations are checked against the text exactly as the prompts showed it.
        let corpus = QuoteIndex::new(&defuse(
            &passages.map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n"),
        ));
        Self {
            base_value: minijinja::Value::from(minijinja::value::Serde(&base)),
            base,
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
            extractor: Extractor::new(job),
            passage_tokens: job
                .sources
                .iter()
                .flat_map(|s| &s.passages)
                .map(budget::cost)
                .sum(),
            selector: OnceLock::new(),
            schemas: crate::memo::Memo::default(),
            job,
        }
    }

    /// The sides a stage writes about: its own, or every side.
    fn sides(&self, stage: &Stage) -> Vec<SideId> {
        match stage {
            Stage::Perspective(id) | Stage::Revise(Section::Perspective(id)) => vec![id.clone()],
            _ => self.perspective_ids.clone(),
        }
    }

    /// What a stage is about, to rank passages by: its sides' names and
    /// keywords, and the earlier answers it builds on.
    fn query(&self, stage: &Stage, extra: &[(&str, Value)]) -> String {
        let sides = self.sides(stage);
        let mut q: Vec<String> = extra.iter().map(|(_, v)| v.to_string()).collect();
        for p in self
            .job
            .persona
            .spec
            .perspectives
            .iter()
            .filter(|p| sides.contains(&p.id))
        {
            q.push(format!(
                "{} {} {}",
                p.label,
                p.keywords.join(" "),
                p.actors.join(" ")
            ));
        }
        q.join(" ")
    }

    /// The passages of a stage, when not all of them fit its budget: the
    /// context's `passages` narrowed, and the ids it may cite.
    fn narrow(
        &self,
        stage: &Stage,
        ctx: &mut Value,
        extra: &[(&str, Value)],
        budget: usize,
    ) -> Result<Option<Vec<PassageId>>, Error> {
        let total = self.passage_tokens;
        if total + ROOMY <= budget {
            return Ok(None);
        }
        let all = ctx["passages"].take();
        ctx["passages"] = Value::Array(Vec::new());
        let overhead: usize = self
            .job
            .prompts
            .messages_and(stage.template(), ctx, &[])?
            .0
            .iter()
            .map(|m| tokens(&m.content))
            .sum();
        // The estimate's error grows with the prompt: a small window keeps less.
        let slack = (budget / 10).clamp(64, SLACK);
        let room = budget.saturating_sub(overhead + slack);
        if total <= room {
            ctx["passages"] = all;
            return Ok(None);
        }
        let selector = self
            .selector
            .get_or_init(|| Selector::new(self.job.sources.iter().flat_map(|s| &s.passages)));
        let keep = selector.select(&self.sides(stage), &self.query(stage, extra), room);
        // A stage that drafts from the sources would be answered from nothing:
        // refuse. The closing and revisions work from the earlier answers.
        let reads_sources = matches!(stage, Stage::Brief | Stage::Opening | Stage::Perspective(_));
        if keep.is_empty() && reads_sources {
            // The smallest window that holds the instructions, one passage and the answer.
            let answer = self.answer_tokens(stage) as usize;
            let smallest = overhead + slack + selector.cost.iter().min().copied().unwrap_or(0) + answer;
            let smallest = smallest.div_ceil(256) * 256;
            return Err(Error::Usage(format!(
                "stage `{stage}`: a prompt budget of {budget} tokens leaves no room for the sources (the instructions take about {overhead}, the answer {answer}); the smallest window that drafts these sources is about {smallest} tokens: set [provider] context to the model's window, give the server a larger one (llama-server -c, --n_ctx), or lower --max-tokens"
            )));
        }
        let list = all.as_array().cloned().unwrap_or_default();
        ctx["passages"] = Value::Array(keep.iter().filter_map(|i| list.get(*i).cloned()).collect());
        Ok(Some(
            keep.iter()
                .filter_map(|i| self.passage_ids.get(*i).cloned())
                .collect(),
        ))
    }

    pub(crate) fn rules(&self) -> Rules<'_> {
        Rules {
            passage_ids: &self.passage_set,
            perspective_ids: &self.perspective_ids,
            corpus: &self.corpus,
            lenient: false,
        }
    }

    /// The persona's perspective ids.
    pub(crate) fn perspective_ids(&self) -> &[SideId] {
        &self.perspective_ids
    }

    /// Whether `quote` is a quotation of the passages.
    pub(crate) fn quotes(&self, quote: &str) -> bool {
        self.corpus.contains(quote)
    }

    /// The labels of the persona's language.
    pub(crate) fn labels(&self) -> &'static crate::lang::Labels {
        crate::lang::labels::for_language(&self.job.persona.spec.language)
    }

    /// The passage ids a stage may cite.
    pub(crate) fn passage_set(&self) -> &BTreeSet<PassageId> {
        &self.passage_set
    }

    pub(crate) fn extractor(&self) -> &Extractor<'a> {
        &self.extractor
    }

    /// Render the stage's messages with `extra` context keys on top of the base:
    /// within the model's window less this stage's answer when the window is
    /// known, else within the default budget.
    pub(crate) fn request(&self, stage: &Stage, extra: &[(&str, Value)]) -> Result<ChatRequest, Error> {
        let budget = match self.job.options.window {
            Some(w) => w.saturating_sub(self.answer_tokens(stage) as usize),
            None => self.job.options.prompt_tokens,
        };
        self.request_within(stage, extra, budget)
    }

    /// Tokens this stage's answer is given (`--max-tokens` at most): sized to
    /// the stage when the window is known, else `--max-tokens`.
    fn answer_tokens(&self, stage: &Stage) -> u32 {
        let o = self.job.options;
        if o.window.is_none() {
            return o.max_tokens;
        }
        self.sized_answer(stage)
    }

    /// What this stage answers, in tokens: a brief or a side's section is a
    /// few hundred. The room a small window learnt from the server keeps for
    /// the answer.
    pub(crate) fn sized_answer(&self, stage: &Stage) -> u32 {
        let spec = &self.job.persona.spec;
        let cjk = ["ko", "ja", "zh"].iter().any(|l| spec.language.starts_with(l));
        super::budget::answer_tokens(
            stage,
            spec.length,
            spec.perspectives.len(),
            cjk,
            self.job.options.max_tokens,
        )
    }

    /// [`Plan::request`] with its prompt fitted to `budget` tokens.
    pub(crate) fn request_within(
        &self,
        stage: &Stage,
        extra: &[(&str, Value)],
        budget: usize,
    ) -> Result<ChatRequest, Error> {
        let o = self.job.options;
        let rendered = if self.passage_tokens + ROOMY <= budget && !matches!(stage, Stage::Revise(_)) {
            // Every passage fits: the request's own keys over the base, which
            // was made a template value once.
            let over: serde_json::Map<String, Value> = extra
                .iter()
                .map(|(k, v)| (k.to_string(), defuse_value(v)))
                .collect();
            let over = minijinja::Value::from(minijinja::value::Serde(&over));
            let ctx = minijinja::value::merge_maps([over, self.base_value.clone()]);
            (
                self.job
                    .prompts
                    .messages_in(stage.template(), &ctx, &["_sources.j2"])?,
                None,
            )
        } else {
            let mut ctx = self.base.clone();
            for (k, v) in extra {
                ctx[*k] = defuse_value(v);
            }
            if let Stage::Revise(section) = stage {
                revision_passages(&mut ctx, section, extra);
            }
            let narrowed = self.narrow(stage, &mut ctx, extra, budget)?;
            let made = self
                .job
                .prompts
                .messages_and(stage.template(), &ctx, &["_sources.j2"])?;
            (made, narrowed)
        };
        let ((messages, also), narrowed) = rendered;
        // The fenced sources open every task message; providers may cache them.
        let sources = also.concat();
        let shared_prefix = match messages.get(1) {
            Some(m) if m.content.starts_with(sources.trim_end()) => sources.trim_end().len(),
            _ => 0,
        };
        let name = stage.to_string();
        Ok(ChatRequest {
            model: o.model_for(stage),
            messages,
            shared_prefix,
            schema: Some(OutputSchema {
                name: name.replace([':', '-'], "_"),
                schema: self.schema(stage, &name, narrowed),
            }),
            temperature: o.temperature,
            max_tokens: self.answer_tokens(stage),
            stage: crate::llm::Label::stage(stage),
        })
    }
}
