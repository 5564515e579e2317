//! The settings of `draft`: which provider and model per stage, with its key,
//! timeouts, retries, limits, cache and prices.

use crate::ids::Lang;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Flags;
use super::models::{Model, ModelChoice, Temperature, stage_models};
use super::{Env, Loaded, Project, ProviderConfig};
use crate::config::ProviderKind;
use crate::error::{Error, InputError};
use crate::fetch::FetchPolicy;
use crate::llm::presets;
use crate::llm::retry::RetryPolicy;
use crate::llm::{ApiKey, Price};
use crate::llm::{HttpConfig, Limits, Timeouts};

/// Everything `draft` needs, resolved.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) persona: String,
    /// `None` means extractive.
    pub(crate) http: Option<HttpConfig>,
    pub(crate) models: ModelChoice,
    pub(crate) temperature: Temperature,
    pub(crate) max_tokens: u32,
    /// The model's context length in tokens, when configured.
    pub(crate) context: Option<usize>,
    /// Where cached answers live; `None` when caching is off.
    pub(crate) cache_dir: Option<PathBuf>,
    /// Where fetched pages are cached; `None` when caching is off.
    pub(crate) page_cache: Option<PathBuf>,
    pub(crate) fetch: FetchPolicy,
    pub(crate) refresh: bool,
    pub(crate) prices: BTreeMap<String, Price>,
    pub(crate) persona_dirs: Vec<PathBuf>,
    pub(crate) prompt_dirs: Vec<PathBuf>,
    /// This installation's secret for the prompt fence.
    pub(crate) fence_key: String,
    pub(crate) batch: super::BatchSettings,
    /// The project folder (the config file's, else the working folder): paths
    /// in provenance are written relative to it.
    pub(crate) root: PathBuf,
    /// The date articles carry, `YYYY-MM-DD` (`--date`, else today).
    pub(crate) date: crate::clock::Date,
    /// `--lang`: one edition per language, each once (empty: the persona's).
    pub(crate) languages: Vec<Lang>,
    /// `--strict`: anything flagged or degraded is an error.
    pub(crate) strict: bool,
    /// Send flagged sections back for one revision (not `--no-revise`).
    pub(crate) revise: bool,
}

/// Resolve the settings of `draft`.
pub(crate) fn resolve(
    flags: &Flags,
    persona: Option<&str>,
    config: Option<&Path>,
    env: &dyn Env,
    cwd: &Path,
) -> Result<Settings, Error> {
    let project = Project::discover(
        config,
        flags.personas.as_deref(),
        flags.prompts.as_deref(),
        env,
        cwd,
    )?;
    let loaded = &project.loaded;
    let f = &loaded.file;
    let cache_enabled = !flags.no_cache && f.cache.enabled.unwrap_or(true);
    let cache_root = project.cache_root(env);
    // What a server supports is remembered even with caching off: it is not an answer.
    let facts_file = cache_root.as_ref().map(|d| d.join("servers.json"));
    let http = provider(flags, loaded, env, &project.root, facts_file)?;
    let (per_stage, configured_per_stage) = stage_models(flags, loaded)?;
    let cache_dir = cache_root
        .as_ref()
        .map(|d| d.join("responses"))
        .filter(|_| http.is_some());
    let page_cache = cache_root
        .as_ref()
        .map(|d| d.join("pages"))
        .filter(|_| cache_enabled);
    let fetch = project.fetch_policy(flags.allow_private)?;
    if let Some(t) = flags.temperature.filter(|t| !(0.0..=2.0).contains(t)) {
        return Err(Error::Usage(format!("--temperature {t} is outside 0.0–2.0")));
    }
    if let Some(t) = f.provider.temperature.filter(|t| !(0.0..=2.0).contains(t)) {
        return Err(loaded
            .err("provider.temperature", format!("{t} is outside 0.0–2.0"))
            .into());
    }
    let p = &f.provider;
    Ok(Settings {
        persona: persona
            .map(str::to_string)
            .unwrap_or_else(|| project.default_persona.clone()),
        models: ModelChoice {
            forced: flags.model.clone(),
            per_stage,
            configured_per_stage,
            env: env.var("PARALLAX_MODEL").and_then(Model::new),
            configured: p.model.clone(),
            preset: http
                .as_ref()
                .and_then(|h| h.preset.default_model)
                .and_then(Model::new),
        },
        http,
        temperature: Temperature {
            flag: flags.temperature,
            configured: p.temperature,
        },
        max_tokens: flags.max_tokens.or(p.max_tokens).unwrap_or(2048),
        context: p.context,
        cache_dir: cache_dir.filter(|_| cache_enabled),
        page_cache,
        fetch,
        refresh: flags.refresh,
        prices: f.prices.clone(),
        root: project.root.clone(),
        persona_dirs: project.persona_dirs,
        prompt_dirs: project.prompt_dirs,
        fence_key: super::trust::fence_key(env),
        batch: super::batch::resolve(loaded, env)?,
        date: flags.checked_date()?,
        languages: flags.checked_languages()?,
        strict: flags.strict,
        revise: !flags.no_revise,
    })
}

/// The provider name: flag, config, else guessed from which keys are set.
fn provider_name(flags: &Flags, p: &ProviderConfig, env: &dyn Env) -> String {
    if let Some(n) = flags.provider.clone().or_else(|| p.name.clone()) {
        return n;
    }
    let set = |v: &str| env.var(v).is_some();
    if set("OPENAI_API_KEY") || set("OPENAI_BASE_URL") {
        "openai".into()
    } else if set("ANTHROPIC_API_KEY") || set("ANTHROPIC_BASE_URL") {
        "anthropic".into()
    } else {
        ProviderKind::EXTRACTIVE.into()
    }
}

fn provider(
    flags: &Flags,
    loaded: &Loaded,
    env: &dyn Env,
    root: &Path,
    facts_file: Option<PathBuf>,
) -> Result<Option<HttpConfig>, Error> {
    let p = &loaded.file.provider;
    let name = provider_name(flags, p, env);
    if ProviderKind::of(&name) == ProviderKind::Extractive {
        return Ok(None);
    }
    let Some(preset) = presets::find(&name) else {
        let known = format!("extractive, {}", presets::names().join(", "));
        return Err(Error::Usage(format!(
            "unknown provider `{name}` (known providers: {known})"
        )));
    };
    let base_url = flags
        .base_url
        .clone()
        .or_else(|| preset.base_url_env.and_then(|v| env.var(v)))
        .or_else(|| p.base_url.clone())
        .unwrap_or_else(|| preset.base_url.to_string());
    if !crate::text::is_web_url(&base_url) {
        return Err(Error::Usage(format!(
            "base URL `{base_url}` must start with http:// or https://"
        )));
    }
    let (base_url, url_credentials) = crate::llm::split_credentials(&base_url);
    let (key_env, key) = key_for(flags, loaded, env, root, preset, &base_url)?;
    if key.is_none() && preset.key_required && base_url == preset.base_url {
        return Err(Error::Usage(format!(
            "provider `{name}` needs an API key: set {key_env} (or api_key_file / api_key_cmd in parallax.toml)"
        )));
    }
    let d = Timeouts::default();
    let r = RetryPolicy::default();
    Ok(Some(HttpConfig {
        url_credentials,
        preset: *preset,
        base_url,
        key,
        key_env,
        stream: !flags.no_stream && p.stream.unwrap_or(true),
        timeouts: Timeouts {
            connect: loaded.duration("provider.connect_timeout", &p.connect_timeout, d.connect)?,
            first_token: loaded.duration(
                "provider.first_token_timeout",
                &p.first_token_timeout,
                d.first_token,
            )?,
            idle: loaded.duration("provider.idle_timeout", &p.idle_timeout, d.idle)?,
            total: loaded.duration("provider.timeout", &p.timeout, d.total)?,
        },
        retry: RetryPolicy {
            max_retries: p.max_retries.unwrap_or(r.max_retries),
            base: loaded.duration("provider.backoff_base", &p.backoff_base, r.base)?,
            max: loaded.duration("provider.backoff_max", &p.backoff_max, r.max)?,
        },
        limits: Limits {
            concurrency: p.concurrency.unwrap_or(8),
            rpm: p.rpm.unwrap_or(0),
            tpm: p.tpm.unwrap_or(0),
        },
        facts_file,
    }))
}

impl Settings {
    /// Stories in flight when `-j` is not given: four for each request the
    /// provider takes at once (`concurrency`), since a story's requests come in
    /// a chain (brief, sections, repairs, revision) and leave its slot idle in
    /// between; eight offline, where no request waits.
    pub(crate) fn default_jobs(&self) -> usize {
        match &self.http {
            Some(h) => 4 * h.limits.concurrency.clamp(1, 64),
            None => 8,
        }
    }
}

/// The key's variable and the key, with what an untrusted config may not do
/// reported (its key sources) or refused (sending the user's key to its host).
fn key_for(
    flags: &Flags,
    loaded: &Loaded,
    env: &dyn Env,
    root: &Path,
    preset: &presets::Preset,
    base_url: &str,
) -> Result<(String, Option<ApiKey>), Error> {
    let p = &loaded.file.provider;
    let untrusted = untrusted_settings(p, loaded);
    if !untrusted.is_empty() {
        tracing::warn!(
            "{} sets {} but is not trusted, so they are ignored; if you wrote it, run `parallax trust {}`",
            loaded.path.display(),
            untrusted.join(", "),
            loaded.path.display()
        );
    }
    let key_env = p
        .api_key_env
        .clone()
        .filter(|_| loaded.trusted)
        .unwrap_or_else(|| preset.key_env.to_string());
    let key = api_key(p, &key_env, env, root, loaded, flags.dry_run)?;
    if !loaded.trusted && key.is_some() && Some(base_url) == p.base_url.as_deref() {
        let e = loaded.err(
            "provider.base_url",
            format!("would send your key from {key_env} to {base_url}, and this file is not trusted"),
        );
        let hint = format!(
            "if you wrote it, run `parallax trust {}`, or pass --base-url",
            loaded.path.display()
        );
        return Err(e.hint(hint).into());
    }
    Ok((key_env, key))
}

/// What an untrusted project config sets that only a trusted one may.
fn untrusted_settings(p: &ProviderConfig, loaded: &Loaded) -> Vec<&'static str> {
    if loaded.trusted {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (set, name) in [
        (p.api_key_cmd.is_some(), "provider.api_key_cmd"),
        (p.api_key_file.is_some(), "provider.api_key_file"),
        (p.api_key_env.is_some(), "provider.api_key_env"),
    ] {
        if set {
            out.push(name);
        }
    }
    out
}

/// The API key: from the environment variable `key_env`, else the config's key
/// file, else its key command (neither from an untrusted config, and no command
/// under `--dry-run`). Never from a flag.
fn api_key(
    p: &ProviderConfig,
    key_env: &str,
    env: &dyn Env,
    root: &Path,
    cfg: &Loaded,
    dry_run: bool,
) -> Result<Option<ApiKey>, Error> {
    if let Some(k) = env.var(key_env).and_then(ApiKey::new) {
        return Ok(Some(k));
    }
    if !cfg.trusted || dry_run && p.api_key_file.is_none() {
        return Ok(None);
    }
    if let Some(file) = &p.api_key_file {
        let path = if file.is_absolute() {
            file.clone()
        } else {
            root.join(file)
        };
        let text = crate::fsutil::read_text(&path, 64 * 1024)
            .map_err(|e| InputError::new(&path, None, format!("cannot read the API key file: {e}")))?;
        return Ok(ApiKey::new(text));
    }
    if let Some(cmd) = p.api_key_cmd.as_ref().filter(|_| !dry_run) {
        let Some((program, rest)) = cmd.split_first() else {
            return Err(cfg.err("provider.api_key_cmd", "is empty".into()).into());
        };
        let out = std::process::Command::new(program)
            .args(rest)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .map_err(|e| cfg.err("provider.api_key_cmd", format!("cannot run `{program}`: {e}")))?;
        if !out.status.success() {
            return Err(cfg
                .err(
                    "provider.api_key_cmd",
                    format!("`{program}` failed ({})", out.status),
                )
                .into());
        }
        return Ok(ApiKey::new(String::from_utf8_lossy(&out.stdout)));
    }
    Ok(None)
}
