//! What every article of one run shares: resolved settings, the client (with its
//! limits, retries and cache), and personas and templates loaded once. `draft`
//! makes one article with it; `batch` makes thousands.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::article::Article;
use crate::cli::RunArgs;
use crate::config::{self, ProcessEnv, STAGES, Settings};
use crate::error::{Error, Result};
use crate::fetch::Fetcher;
use crate::llm::{Cache, Client, HttpClient, PriceTable, extractive};
use crate::persona::{self, Persona};
use crate::pipeline::{self, DraftOptions, Job, PlannedCall};
use crate::prompt::Prompts;
use crate::related::{self, Index};
use crate::render::{Format, Html, Json, Markdown, Render};
use crate::source::{self, Source};
use crate::{fsutil, provenance};

/// A persona with the templates it uses.
pub struct Voice {
    pub persona: Persona,
    pub prompts: Prompts,
}

impl Voice {
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
    pub client: Client,
    /// Fetches URL sources; its own HTTP client, never the API client.
    pub fetcher: Fetcher,
    pub date: String,
    strict: bool,
    revise: bool,
    voices: Mutex<HashMap<String, Arc<Voice>>>,
}

impl Session {
    pub fn new(args: &RunArgs, persona: Option<&str>, config: Option<&Path>) -> Result<Session> {
        let cwd = std::env::current_dir().map_err(|e| Error::io("reading the working folder", e))?;
        let settings = config::resolve(args, persona, config, &ProcessEnv, &cwd)?;
        let client = match &settings.http {
            None => Client::extractive(),
            Some(cfg) => {
                let local = is_local(&cfg.base_url);
                let cache = settings.cache_dir.as_ref().map(Cache::new);
                Client::http(
                    HttpClient::new(cfg.clone())?,
                    cache,
                    settings.refresh,
                    PriceTable::new(&settings.prices, local),
                )
            }
        };
        let date = match &args.date {
            Some(d) => valid_date(d)?,
            None => today(),
        };
        let fetcher = Fetcher::new(
            settings.fetch.clone(),
            settings.page_cache.clone(),
            settings.refresh,
        );
        Ok(Session {
            settings,
            client,
            fetcher,
            date,
            strict: args.strict,
            revise: !args.no_revise,
            voices: Mutex::new(HashMap::new()),
        })
    }

    /// A persona (by id or path) and its templates, loaded once per run.
    pub fn voice(&self, spec: Option<&str>) -> Result<Arc<Voice>> {
        let spec = spec.unwrap_or(&self.settings.persona);
        if let Some(v) = self.voices.lock().ok().and_then(|m| m.get(spec).cloned()) {
            return Ok(v);
        }
        let persona = persona::load(spec, &self.settings.persona_dirs)?;
        let prompts =
            Prompts::load(&[persona.template_dirs.clone(), self.settings.prompt_dirs.clone()].concat())?;
        let voice = Arc::new(Voice { persona, prompts });
        if let Ok(mut m) = self.voices.lock() {
            m.insert(spec.to_string(), voice.clone());
        }
        Ok(voice)
    }

    /// The draft options for a persona, with `model` overriding every stage.
    pub fn options(&self, persona: &Persona, model: Option<&str>, progress: bool) -> Result<DraftOptions> {
        let mut models = BTreeMap::new();
        for stage in STAGES {
            let m = if self.client.is_extractive() {
                Some(extractive::MODEL.to_string())
            } else {
                model.map(str::to_string).or_else(|| {
                    self.settings
                        .models
                        .for_stage(stage, persona.spec.model.as_deref())
                })
            };
            let m = m.ok_or_else(|| {
                Error::Usage(format!(
                    "provider `{}` has no default model: pass --model or set provider.model in parallax.toml",
                    self.client.provider_name()
                ))
            })?;
            models.insert(stage.to_string(), m);
        }
        Ok(DraftOptions {
            provider: self.client.provider_name().into(),
            models,
            temperature: self.settings.temperature.or(persona.spec.temperature),
            max_tokens: self.settings.max_tokens,
            date: self.date.clone(),
            revise: self.revise,
            progress,
        })
    }

    /// Draft one article from loaded sources; under `--strict`, findings that
    /// survive revision are an error.
    pub async fn draft(
        &self,
        voice: &Voice,
        mut sources: Vec<Source>,
        options: &DraftOptions,
    ) -> Result<Drafted> {
        source::tag_perspectives(&mut sources, &voice.persona)?;
        let job = voice.job(&sources, options);
        let article = pipeline::draft(&self.client, &job).await?;
        let report = article.meta.integrity.clone().unwrap_or_default();
        if self.strict && !report.passed() {
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
        let record = provenance::build(&job, &article, self.client.describe());
        let provenance =
            serde_json::to_value(&record).map_err(|e| Error::Usage(format!("internal error: {e}")))?;
        Ok(Drafted { article, provenance })
    }

    /// Every request a draft of `sources` would make, without making any.
    pub async fn plan(
        &self,
        voice: &Voice,
        mut sources: Vec<Source>,
        options: &DraftOptions,
    ) -> Result<Vec<PlannedCall>> {
        source::tag_perspectives(&mut sources, &voice.persona)?;
        pipeline::dry_run(&voice.job(&sources, options)).await
    }
}

/// The files an article is written to: `BASE.EXT` for each format, and the
/// provenance record beside them.
impl Session {
    /// Write `drafted` as `base.md`, `base.html`, `base.json` (as `formats` asks)
    /// and `base.provenance.json`; with `related`, first list the related articles
    /// of the folder's index and add this one to it.
    pub fn write(
        &self,
        voice: &Voice,
        drafted: &mut Drafted,
        base: &Path,
        formats: &[Format],
        related: bool,
    ) -> Result<()> {
        let dir = base
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let id = base
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("article")
            .to_string();
        std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        if related {
            let mut index = Index::open(dir);
            let entry = related::entry(&id, &drafted.article);
            drafted.article.related = index.related(&id, &entry.terms, related::MAX_RELATED);
            index.add(entry).map_err(|e| {
                Error::io(
                    format!("updating the related-articles index in {}", dir.display()),
                    e,
                )
            })?;
        }
        for f in formats {
            let text = self.render(voice, &drafted.article, *f)?;
            write_file(&with_ext(base, f.extension()), text.as_bytes())?;
        }
        let json = serde_json::to_vec_pretty(&drafted.provenance)
            .map_err(|e| Error::Usage(format!("internal error: {e}")))?;
        write_file(&with_ext(base, "provenance.json"), &json)
    }

    /// One article in one format; HTML uses the persona's or project's
    /// `article.html.j2` when there is one.
    pub fn render(&self, voice: &Voice, article: &Article, format: Format) -> Result<String> {
        Ok(match format {
            Format::Md => Markdown.render(article),
            Format::Json => Json.render(article),
            Format::Html => {
                let dirs = [
                    voice.persona.template_dirs.clone(),
                    self.settings.prompt_dirs.clone(),
                ]
                .concat();
                Html::load(&dirs)?.page(article)?
            }
        })
    }
}

/// `base` + `.ext` (a base may itself contain dots).
pub fn with_ext(base: &Path, ext: &str) -> std::path::PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    s.into()
}

/// Write a file atomically, with the path in any error.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    fsutil::write_atomic(path, bytes).map_err(|e| Error::io(format!("writing {}", path.display()), e))
}

/// Whether a base URL points at this machine (its tokens cost nothing).
fn is_local(url: &str) -> bool {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    matches!(host, "localhost" | "[") || host.starts_with("127.")
}

fn today() -> String {
    humantime::format_rfc3339(std::time::SystemTime::now()).to_string()[..10].to_string()
}

fn valid_date(d: &str) -> Result<String> {
    let ok = d.len() == 10
        && d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if ok {
        Ok(d.to_string())
    } else {
        Err(Error::Usage(format!(
            "--date `{d}` is not a date like 2026-01-31"
        )))
    }
}
