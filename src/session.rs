//! The drafter: what every article of one run shares. Resolved settings, the
//! model client (with its limits, retries and cache) or none for offline
//! drafting, the page fetcher, and personas with their templates loaded once.
//! `draft` makes one article with it; `batch` makes thousands. Writing files is
//! `publish`'s job.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::article::Article;
use crate::config::{self, Flags, ProcessEnv, Settings};
use crate::error::{Error, Result};
use crate::fetch::Fetcher;
use crate::ident::{ProviderKind, STAGE_KINDS};
use crate::llm::{Cache, Client, HttpClient, LlmClient, PriceTable, ProviderRecord};
use crate::persona::{self, Persona};
use crate::pipeline::{self, DraftOptions, ExtractiveAnswerer, Job, ModelAnswerer, PlannedCall, extractive};
use crate::prompt::Prompts;
use crate::render::Html;
use crate::source::{self, Source};

/// A persona with the templates it uses (prompts and the HTML page), loaded once.
pub struct Voice {
    pub persona: Persona,
    pub prompts: Prompts,
    pub html: Html,
}

impl Voice {
    /// Load the templates of `persona`: its own folder first, then `prompt_dirs`.
    pub fn load(persona: Persona, prompt_dirs: &[PathBuf]) -> Result<Voice> {
        let dirs = [persona.template_dirs.clone(), prompt_dirs.to_vec()].concat();
        let prompts = Prompts::load(&dirs)?;
        let html = Html::load(&dirs)?;
        Ok(Voice {
            persona,
            prompts,
            html,
        })
    }

    /// One article's job: this persona and templates on `sources`.
    pub fn job<'a>(&'a self, sources: &'a [Source], options: &'a DraftOptions) -> Job<'a> {
        Job {
            persona: &self.persona,
            sources,
            prompts: &self.prompts,
            options,
        }
    }
}

/// An article and its provenance record.
pub struct Drafted {
    pub article: Article,
    pub provenance: serde_json::Value,
}

pub struct Session {
    pub settings: Settings,
    /// The model client; `None` drafts offline from the passages.
    pub client: Option<Client>,
    pub prices: PriceTable,
    /// Fetches URL sources; its own HTTP client, never the API client.
    pub fetcher: Fetcher,
    pub date: String,
    strict: bool,
    revise: bool,
    /// `--lang`: the editions each story is written in (empty: the persona's language).
    languages: Vec<String>,
    voices: Mutex<HashMap<String, Arc<Voice>>>,
    /// The model's context length as its server states it (`learn_context`).
    learned_context: Option<usize>,
}

impl Session {
    /// Resolve `flags` with the environment and the config found from `cwd`.
    pub fn new(flags: &Flags, persona: Option<&str>, config: Option<&Path>, cwd: &Path) -> Result<Session> {
        for (i, l) in flags.languages.iter().enumerate() {
            if flags.languages[..i].contains(l) {
                return Err(Error::Usage(format!(
                    "--lang names `{l}` twice; name each language once"
                )));
            }
        }
        let settings = config::resolve(flags, persona, config, &ProcessEnv, cwd)?;
        let local = settings
            .http
            .as_ref()
            .is_none_or(|cfg| crate::fetch::guard::nearby(&cfg.base_url));
        let prices = PriceTable::new(&settings.prices, local);
        let client = match &settings.http {
            None => None,
            Some(cfg) => Some(Client::new(
                HttpClient::new(cfg.clone())?,
                settings.cache_dir.as_ref().map(Cache::new),
                settings.refresh,
                prices.clone(),
            )),
        };
        let date = match &flags.date {
            Some(d) if crate::clock::is_date(d) => d.clone(),
            Some(d) => {
                return Err(Error::Usage(format!(
                    "--date `{d}` is not a calendar date like 2026-01-31"
                )));
            }
            None => crate::clock::today(),
        };
        let fetcher = Fetcher::new(
            settings.fetch.clone(),
            settings.page_cache.clone(),
            settings.refresh,
        );
        Ok(Session {
            settings,
            client,
            prices,
            fetcher,
            date,
            strict: flags.strict,
            revise: !flags.no_revise,
            languages: flags.languages.clone(),
            voices: Mutex::new(HashMap::new()),
            learned_context: None,
        })
    }

    /// When the configuration states no context length, ask the model's server
    /// for it (briefly; a server that does not say changes nothing). Kept with
    /// the server's facts, so the next run asks nothing (`--refresh` asks again).
    pub async fn learn_context(&mut self) {
        let (Some(client), None) = (&self.client, self.settings.context) else {
            return;
        };
        let Some(model) = self.settings.models.for_stage(STAGE_KINDS[0], None) else {
            return;
        };
        let (http, endpoint) = (client.http(), client.http().endpoint());
        let known = http
            .facts()
            .context(&endpoint, &model)
            .filter(|_| !self.settings.refresh);
        let learned = match known {
            Some(n) => n,
            None => {
                let ask = crate::llm::probe::context_length(http, &model);
                let found = tokio::time::timeout(std::time::Duration::from_secs(3), ask).await;
                let n = found.ok().flatten().map(|(n, _)| n);
                http.facts().set_context(&endpoint, &model, n);
                n
            }
        };
        if let Some(n) = learned {
            tracing::debug!("{model}: the server states a context of {n} tokens");
        }
        self.learned_context = learned.and_then(|n| usize::try_from(n).ok());
    }

    /// The languages of the editions asked for (empty: the persona's own).
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    pub fn kind(&self) -> ProviderKind {
        match self.client {
            None => ProviderKind::Extractive,
            Some(_) => ProviderKind::Model,
        }
    }

    /// The provider's name for metadata and logs.
    pub fn provider_name(&self) -> &str {
        match &self.client {
            None => extractive::MODEL,
            Some(c) => c.provider_name(),
        }
    }

    /// What provenance records of the provider: never the key.
    pub fn describe(&self) -> ProviderRecord {
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

    /// A persona (by id or path) and its templates, loaded once per run.
    pub fn voice(&self, spec: Option<&str>) -> Result<Arc<Voice>> {
        let spec = spec.unwrap_or(&self.settings.persona);
        if let Some(v) = self.voices.lock().ok().and_then(|m| m.get(spec).cloned()) {
            return Ok(v);
        }
        let persona = persona::load(spec, &self.settings.persona_dirs)?;
        let voice = Arc::new(Voice::load(persona, &self.settings.prompt_dirs)?);
        if let Ok(mut m) = self.voices.lock() {
            m.insert(spec.to_string(), voice.clone());
        }
        Ok(voice)
    }

    /// The draft options for a persona, with `model` overriding every stage.
    pub fn options(&self, persona: &Persona, model: Option<&str>, progress: bool) -> Result<DraftOptions> {
        let mut models = BTreeMap::new();
        for stage in STAGE_KINDS {
            let m = match self.client {
                None => Some(extractive::MODEL.to_string()),
                Some(_) => model.map(str::to_string).or_else(|| {
                    self.settings
                        .models
                        .for_stage(stage, persona.spec.model.as_deref())
                }),
            };
            let m = m.ok_or_else(|| {
                Error::Usage(format!(
                    "provider `{}` has no default model: pass --model or set provider.model in parallax.toml",
                    self.provider_name()
                ))
            })?;
            models.insert(stage.to_string(), m);
        }
        Ok(DraftOptions {
            provider: self.provider_name().into(),
            kind: self.kind(),
            models,
            temperature: self.settings.temperature.with_persona(persona.spec.temperature),
            max_tokens: self.settings.max_tokens,
            date: self.date.clone(),
            revise: self.revise,
            progress,
            fence_key: self.settings.fence_key.clone(),
            prompt_tokens: self.prompt_budget(),
        })
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

    /// Draft one article from loaded sources; under `--strict`, findings that
    /// survive revision are an error.
    pub async fn draft(
        &self,
        voice: &Voice,
        sources: Vec<Source>,
        options: &DraftOptions,
    ) -> Result<Drafted> {
        let mut editions = self.editions(voice, sources, options, &[]).await?;
        editions
            .pop()
            .ok_or_else(|| Error::internal("no article was drafted"))
    }

    /// One article per language (`--lang`; the persona's own when empty), from
    /// one brief, with this session's client or offline.
    pub async fn editions(
        &self,
        voice: &Voice,
        mut sources: Vec<Source>,
        options: &DraftOptions,
        languages: &[String],
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

    /// Draft with a model client of the caller's (a batch engine's, say).
    pub async fn draft_with<C: LlmClient>(
        &self,
        voice: &Voice,
        sources: Vec<Source>,
        options: &DraftOptions,
        client: &C,
    ) -> Result<Drafted> {
        let mut editions = self.editions_with(voice, sources, options, &[], client).await?;
        editions
            .pop()
            .ok_or_else(|| Error::internal("no article was drafted"))
    }

    /// [`Session::editions`] with a model client of the caller's.
    pub async fn editions_with<C: LlmClient>(
        &self,
        voice: &Voice,
        mut sources: Vec<Source>,
        options: &DraftOptions,
        languages: &[String],
        client: &C,
    ) -> Result<Vec<Drafted>> {
        source::tag_perspectives(&mut sources, &voice.persona)?;
        let job = voice.job(&sources, options);
        let articles = pipeline::editions(&ModelAnswerer(client), &job, languages).await?;
        self.finish(voice, &job, articles)
    }

    /// The integrity verdict under `--strict`, and the provenance records.
    fn finish(&self, voice: &Voice, job: &Job<'_>, articles: Vec<Article>) -> Result<Vec<Drafted>> {
        if self.strict {
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
            let record = crate::provenance::build(job, &article, self.describe(), &voice.html);
            let provenance = serde_json::to_value(&record).map_err(Error::internal)?;
            out.push(Drafted { article, provenance });
        }
        Ok(out)
    }

    /// Every request a draft of `sources` would make, without making any.
    pub async fn plan(
        &self,
        voice: &Voice,
        mut sources: Vec<Source>,
        options: &DraftOptions,
        languages: &[String],
    ) -> Result<Vec<PlannedCall>> {
        source::tag_perspectives(&mut sources, &voice.persona)?;
        pipeline::dry_run(&voice.job(&sources, options), languages).await
    }
}
