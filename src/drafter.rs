//! The drafter: what every article of one run shares, and the pipeline for
//! each. It holds the resolved settings and the model client (with its limits,
//! retries, cache and server facts), or none for offline drafting; it turns a
//! persona's voice and loaded sources into articles (one per edition), applies
//! `--strict`, and records provenance. `draft` makes one article with it;
//! `batch` thousands. Writing files is `publish`'s job.

use crate::ids::Lang;
use std::collections::BTreeMap;

use crate::article::Article;
use crate::config::Settings;
use crate::config::{Model, ProviderKind};
use crate::error::{Error, Result};
use crate::llm::{Client, LlmClient, PriceTable, ProviderRecord};
use crate::persona::Persona;
use crate::pipeline::{self, DraftOptions, ExtractiveAnswerer, Job, ModelAnswerer, PlannedCall, extractive};
use crate::source::{self, Source};
use crate::stage::StageKind;
use crate::voice::Voice;

/// An article and its provenance record.
pub(crate) struct Drafted {
    pub(crate) article: Article,
    pub(crate) provenance: serde_json::Value,
}

pub(crate) struct Drafter {
    settings: Settings,
    /// The model client; `None` drafts offline from the passages.
    client: Option<Client>,
    prices: PriceTable,
    /// The model's context length as its server states it (`learn_context`).
    learned_context: Option<usize>,
}

impl Drafter {
    pub(crate) fn new(settings: Settings, client: Option<Client>, prices: PriceTable) -> Self {
        Self {
            settings,
            client,
            prices,
            learned_context: None,
        }
    }

    /// The run's resolved settings.
    pub(crate) fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The model client, if drafting with a model.
    pub(crate) fn client(&self) -> Option<&Client> {
        self.client.as_ref()
    }

    /// What each model's tokens cost.
    pub(crate) fn prices(&self) -> &PriceTable {
        &self.prices
    }

    /// The date articles carry.
    pub(crate) fn date(&self) -> crate::clock::Date {
        self.settings.date
    }

    /// The languages of the editions asked for (empty: the persona's own).
    pub(crate) fn languages(&self) -> &[Lang] {
        &self.settings.languages
    }

    /// When the configuration states no context length, ask the model's server
    /// for it (briefly; a server that does not say changes nothing). Kept with
    /// the server's facts, so the next run asks nothing (`--refresh` asks again).
    pub(crate) async fn learn_context(&mut self) {
        let (Some(client), None) = (&self.client, self.settings.context) else {
            return;
        };
        let Some(model) = self.settings.models.for_stage(StageKind::Brief, None) else {
            return;
        };
        let learned = client.learn_context(&model, self.settings.refresh).await;
        if let Some(n) = learned {
            tracing::debug!("{model}: the server states a context of {n} tokens");
        }
        self.learned_context = learned.and_then(|n| usize::try_from(n).ok());
    }

    pub(crate) fn kind(&self) -> ProviderKind {
        match self.client {
            None => ProviderKind::Extractive,
            Some(_) => ProviderKind::Model,
        }
    }

    /// The provider's name for metadata and logs.
    pub(crate) fn provider_name(&self) -> &str {
        match &self.client {
            None => extractive::MODEL,
            Some(c) => c.provider_name(),
        }
    }

    /// What provenance records of the provider: never the key.
    pub(crate) fn describe(&self) -> ProviderRecord {
        match &self.client {
            Some(c) => c.describe(),
            None => ProviderRecord {
                name: extractive::MODEL.into(),
                protocol: None,
                base_url: None,
                stream: None,
            },
        }
    }

    /// The draft options for a persona, with `model` overriding every stage.
    pub(crate) fn options(
        &self,
        persona: &Persona,
        model: Option<&Model>,
        progress: bool,
    ) -> Result<DraftOptions> {
        let mut models = BTreeMap::new();
        for &stage in <StageKind as strum::VariantArray>::VARIANTS {
            let m = match self.client {
                None => Model::new(extractive::MODEL),
                Some(_) => model
                    .cloned()
                    .or_else(|| self.settings.models.for_stage(stage, persona.spec.model.as_ref())),
            };
            let m = m.ok_or_else(|| {
                Error::Usage(format!(
                    "provider `{}` has no default model: pass --model or set provider.model in parallax.toml",
                    self.provider_name()
                ))
            })?;
            models.insert(stage, m);
        }
        Ok(DraftOptions {
            provider: self.provider_name().into(),
            kind: self.kind(),
            models,
            temperature: self.settings.temperature.with_persona(persona.spec.temperature),
            max_tokens: self.settings.max_tokens,
            date: self.settings.date,
            revise: self.settings.revise,
            progress,
            fence_key: self.settings.fence_key.clone(),
            prompt_tokens: self.prompt_budget(),
            window: self.window(),
        })
    }

    /// The model's window, when the configuration gives it or the server states
    /// one smaller than the default budget with its answer (a larger one is
    /// used only when the configuration says so).
    fn window(&self) -> Option<usize> {
        let fits =
            |c: &usize| *c < pipeline::budget::DEFAULT_PROMPT_TOKENS + self.settings.max_tokens as usize;
        self.settings.context.or(self.learned_context.filter(fits))
    }

    /// Prompt tokens per stage: the configured context less the answer's room;
    /// else the default, lowered to fit a smaller context the server states (a
    /// larger one is used only when the configuration says so).
    fn prompt_budget(&self) -> usize {
        let room = |c: usize| c.saturating_sub(self.settings.max_tokens as usize).max(1_024);
        match (self.settings.context, self.learned_context) {
            (Some(c), _) => room(c),
            (None, Some(c)) => room(c).min(pipeline::budget::DEFAULT_PROMPT_TOKENS),
            (None, None) => pipeline::budget::DEFAULT_PROMPT_TOKENS,
        }
    }

    /// One article per language (`--lang`; the persona's own when empty), from
    /// one brief, with this session's client or offline.
    pub(crate) async fn editions(
        &self,
        voice: &Voice,
        mut sources: Vec<Source>,
        options: &DraftOptions,
        languages: &[Lang],
    ) -> Result<Vec<Drafted>> {
        match &self.client {
            Some(client) => {
                self.editions_with(voice, sources, options, languages, client)
                    .await
            }
            None => {
                source::tag_perspectives(&mut sources, &voice.persona)?;
                extractive::warn_language(&voice.persona, &sources, languages);
                let job = voice.job(&sources, options);
                let articles = pipeline::editions(&ExtractiveAnswerer, &job, languages).await?;
                self.finish(voice, &job, articles)
            }
        }
    }

    /// [`Drafter::editions`] with a model client of the caller's.
    pub(crate) async fn editions_with<C: LlmClient>(
        &self,
        voice: &Voice,
        mut sources: Vec<Source>,
        options: &DraftOptions,
        languages: &[Lang],
        client: &C,
    ) -> Result<Vec<Drafted>> {
        source::tag_perspectives(&mut sources, &voice.persona)?;
        let job = voice.job(&sources, options);
        let articles = pipeline::editions(&ModelAnswerer(client), &job, languages).await?;
        self.finish(voice, &job, articles)
    }

    /// The integrity verdict under `--strict`, and the provenance records.
    fn finish(&self, voice: &Voice, job: &Job<'_>, articles: Vec<Article>) -> Result<Vec<Drafted>> {
        if self.settings.strict {
            for article in &articles {
                let report = article.meta.integrity.clone().unwrap_or_default();
                if !report.passed() {
                    let summary = report
                        .findings
                        .iter()
                        .take(3)
                        .map(|f| f.to_string())
                        .collect::<Vec<_>>()
                        .join("; ");
                    return Err(Error::Integrity {
                        count: report.findings.len(),
                        summary,
                    });
                }
            }
        }
        let mut out = Vec::new();
        for article in articles {
            let record =
                crate::provenance::build(job, &article, self.describe(), &voice.html, &self.settings.root);
            let provenance = serde_json::to_value(&record).map_err(Error::internal)?;
            out.push(Drafted { article, provenance });
        }
        Ok(out)
    }

    /// Every request a draft of `sources` would make, without making any.
    pub(crate) async fn plan(
        &self,
        voice: &Voice,
        mut sources: Vec<Source>,
        options: &DraftOptions,
        languages: &[Lang],
    ) -> Result<Vec<PlannedCall>> {
        source::tag_perspectives(&mut sources, &voice.persona)?;
        pipeline::dry_run(&voice.job(&sources, options), languages).await
    }
}
