//! One article's inputs: the persona, the sources, the prompts and the
//! options that shape its calls; and a request the pipeline would send, as a
//! dry run shows it.

use super::{budget, extractive};
use crate::config::{Model, ProviderKind, StageModels};
use crate::llm::ChatRequest;
use crate::persona::Persona;
use crate::prompt::Prompts;
use crate::source::Source;
use crate::stage::Stage;

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
    pub(crate) date: crate::clock::Date,
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
            date: crate::clock::Date::ymd(2026, 1, 1),
            revise: true,
            progress: false,
            fence_key: String::new(),
            prompt_tokens: budget::DEFAULT_PROMPT_TOKENS,
            window: None,
        }
    }

    /// The model for a stage; every perspective shares `perspective`, and a
    /// revision uses the model of the stage it revises.
    pub(crate) fn model_for(&self, stage: &Stage) -> Model {
        self.models.get(&stage.kind()).cloned().unwrap_or_default()
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

impl Job<'_> {
    /// A line on stderr about the round under way, unless the options ask for
    /// quiet (dry runs, template checks).
    pub(crate) fn progress(&self, message: &str) {
        if self.options.progress {
            tracing::info!("{message}");
        }
    }
}
