//! Settings, resolved once from flags, environment and `parallax.toml`.
//! Precedence, highest first: flag, environment, persona (`model`, `temperature`),
//! config file, provider preset, default. The config file is the first
//! `parallax.toml` found from the working folder upward, else
//! `$XDG_CONFIG_HOME/parallax/parallax.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::cli::DraftArgs;
use crate::error::{Error, InputError};
use crate::fsutil::line_of_key;
use crate::llm::http::{HttpConfig, Limits, Timeouts};
use crate::llm::presets;
use crate::llm::retry::RetryPolicy;
use crate::llm::{ApiKey, Price};

/// Stages a model can be chosen for.
pub const STAGES: &[&str] = &["brief", "lede", "perspective", "finish"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Default persona id.
    pub persona: Option<String>,
    #[serde(default)]
    pub provider: ProviderConfig,
    /// Model per stage.
    #[serde(default)]
    pub models: BTreeMap<String, String>,
    /// US dollars per million tokens, by model.
    #[serde(default)]
    pub prices: BTreeMap<String, Price>,
    #[serde(default)]
    pub cache: CacheConfig,
    #[serde(default)]
    pub paths: PathsConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// A preset name, or `extractive`.
    pub name: Option<String>,
    pub base_url: Option<String>,
    pub model: Option<String>,
    /// Environment variable holding the key (default: the preset's).
    pub api_key_env: Option<String>,
    /// File holding the key.
    pub api_key_file: Option<PathBuf>,
    /// Command (program and arguments, no shell) that prints the key.
    pub api_key_cmd: Option<Vec<String>>,
    pub stream: Option<bool>,
    pub temperature: Option<f32>,
    pub max_tokens: Option<u32>,
    pub connect_timeout: Option<String>,
    pub first_token_timeout: Option<String>,
    pub idle_timeout: Option<String>,
    pub timeout: Option<String>,
    pub max_retries: Option<u32>,
    pub backoff_base: Option<String>,
    pub backoff_max: Option<String>,
    pub concurrency: Option<usize>,
    pub rpm: Option<u32>,
    pub tpm: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheConfig {
    pub enabled: Option<bool>,
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathsConfig {
    pub personas: Option<PathBuf>,
    pub prompts: Option<PathBuf>,
}

/// Which model each stage uses, before the persona has a say.
#[derive(Debug, Clone, Default)]
pub struct ModelChoice {
    /// `--model`: every stage.
    pub forced: Option<String>,
    /// `--stage-model` and `[models]`.
    pub per_stage: BTreeMap<String, String>,
    /// `PARALLAX_MODEL`.
    pub env: Option<String>,
    /// `provider.model` in the config.
    pub configured: Option<String>,
    /// The preset's default.
    pub preset: Option<String>,
}

impl ModelChoice {
    /// The model for `stage` (`brief`, `lede`, `perspective`, `finish`).
    pub fn for_stage(&self, stage: &str, persona: Option<&str>) -> Option<String> {
        self.forced
            .clone()
            .or_else(|| self.per_stage.get(stage).cloned())
            .or_else(|| self.env.clone())
            .or_else(|| persona.map(str::to_string))
            .or_else(|| self.configured.clone())
            .or_else(|| self.preset.clone())
    }
}

/// Everything `draft` needs, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub persona: String,
    /// `None` means extractive.
    pub http: Option<HttpConfig>,
    pub models: ModelChoice,
    pub temperature: Option<f32>,
    pub max_tokens: u32,
    /// Where cached answers live; `None` when caching is off.
    pub cache_dir: Option<PathBuf>,
    pub refresh: bool,
    pub prices: BTreeMap<String, Price>,
    pub persona_dirs: Vec<PathBuf>,
    pub prompt_dirs: Vec<PathBuf>,
    pub config_file: Option<PathBuf>,
}

/// Reads the environment; a seam so tests can pass their own.
pub trait Env {
    fn var(&self, name: &str) -> Option<String>;
}

/// The process environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

fn xdg(env: &dyn Env, var: &str, fallback: &str) -> Option<PathBuf> {
    let base = env
        .var(var)
        .map(PathBuf::from)
        .or_else(|| env.var("HOME").map(|h| Path::new(&h).join(fallback)))?;
    Some(base.join("parallax"))
}

/// The user's config folder: `$XDG_CONFIG_HOME/parallax` or `~/.config/parallax`.
pub fn user_config_dir(env: &dyn Env) -> Option<PathBuf> {
    xdg(env, "XDG_CONFIG_HOME", ".config")
}

/// The cache folder: `PARALLAX_CACHE_DIR`, else `$XDG_CACHE_HOME/parallax`.
pub fn user_cache_dir(env: &dyn Env) -> Option<PathBuf> {
    env.var("PARALLAX_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| xdg(env, "XDG_CACHE_HOME", ".cache"))
}

/// The first `parallax.toml` from `start` upward.
pub fn find_project_config(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join("parallax.toml"))
        .find(|p| p.is_file())
}

/// A loaded config file and its text (for pointing errors at lines).
struct Loaded {
    path: PathBuf,
    text: String,
    file: FileConfig,
}

impl Loaded {
    fn err(&self, key: &str, message: String) -> InputError {
        let field = key.rsplit('.').next().unwrap_or(key);
        InputError::new(
            &self.path,
            line_of_key(&self.text, field),
            format!("field `{key}`: {message}"),
        )
    }

    fn duration(&self, key: &str, value: &Option<String>, default: Duration) -> Result<Duration, InputError> {
        match value {
            None => Ok(default),
            Some(v) => humantime::parse_duration(v).map_err(|e| {
                self.err(key, format!("`{v}` is not a duration ({e})"))
                    .hint("write it like \"30s\", \"500ms\" or \"2m\"")
            }),
        }
    }
}

fn load_file(path: &Path) -> Result<Loaded, InputError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| InputError::new(path, None, format!("cannot read config: {e}")))?;
    let file = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| crate::fsutil::line_at(&text, s.start));
        InputError::new(path, line, format!("invalid config: {}", e.message().trim()))
    })?;
    Ok(Loaded {
        path: path.to_path_buf(),
        text,
        file,
    })
}

/// Resolve the settings of `draft`.
pub fn resolve(
    args: &DraftArgs,
    config: Option<&Path>,
    env: &dyn Env,
    cwd: &Path,
) -> Result<Settings, Error> {
    let user_dir = user_config_dir(env);
    let config_file = match config {
        Some(p) => Some(p.to_path_buf()),
        None => find_project_config(cwd).or_else(|| {
            user_dir
                .as_ref()
                .map(|d| d.join("parallax.toml"))
                .filter(|p| p.is_file())
        }),
    };
    let loaded = match &config_file {
        Some(p) => load_file(p)?,
        None => Loaded {
            path: PathBuf::from("parallax.toml"),
            text: String::new(),
            file: FileConfig::default(),
        },
    };
    let project_root = config_file
        .as_ref()
        .and_then(|p| p.parent())
        .filter(|d| Some(*d) != user_dir.as_deref())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| cwd.to_path_buf());
    let rel = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            project_root.join(p)
        }
    };
    let f = &loaded.file;

    let mut persona_dirs: Vec<PathBuf> = args.personas.iter().cloned().collect();
    persona_dirs.push(rel(f.paths.personas.as_deref().unwrap_or(Path::new("personas"))));
    persona_dirs.extend(user_dir.iter().map(|d| d.join("personas")));
    let mut prompt_dirs: Vec<PathBuf> = args.prompts.iter().cloned().collect();
    prompt_dirs.push(rel(f.paths.prompts.as_deref().unwrap_or(Path::new("prompts"))));
    prompt_dirs.extend(user_dir.iter().map(|d| d.join("prompts")));

    let http = provider(args, &loaded, env, &project_root)?;
    let mut per_stage = BTreeMap::new();
    for (stage, model) in &f.models {
        if !STAGES.contains(&stage.as_str()) {
            return Err(loaded
                .err(&format!("models.{stage}"), "not a stage".into())
                .hint(format!("stages: {}", STAGES.join(", ")))
                .into());
        }
        per_stage.insert(stage.clone(), model.clone());
    }
    for pair in &args.stage_model {
        match pair.split_once('=') {
            Some((stage, model)) if STAGES.contains(&stage) && !model.is_empty() => {
                per_stage.insert(stage.to_string(), model.to_string());
            }
            _ => {
                return Err(Error::Usage(format!(
                    "--stage-model `{pair}` is not STAGE=MODEL with STAGE one of {}",
                    STAGES.join(", ")
                )));
            }
        }
    }
    let cache_enabled = !args.no_cache && f.cache.enabled.unwrap_or(true) && http.is_some();
    let cache_dir = match &f.cache.dir {
        Some(d) => Some(rel(d)),
        None => user_cache_dir(env).map(|d| d.join("responses")),
    };
    let p = &f.provider;
    Ok(Settings {
        persona: args
            .persona
            .clone()
            .or(f.persona.clone())
            .unwrap_or_else(|| "prism".into()),
        models: ModelChoice {
            forced: args.model.clone(),
            per_stage,
            env: env.var("PARALLAX_MODEL"),
            configured: p.model.clone(),
            preset: http
                .as_ref()
                .and_then(|h| h.preset.default_model)
                .map(str::to_string),
        },
        http,
        temperature: args.temperature.or(p.temperature),
        max_tokens: args.max_tokens.or(p.max_tokens).unwrap_or(2048),
        cache_dir: cache_dir.filter(|_| cache_enabled),
        refresh: args.refresh,
        prices: f.prices.clone(),
        persona_dirs,
        prompt_dirs,
        config_file,
    })
}

/// The provider name: flag, config, else guessed from which keys are set.
fn provider_name(args: &DraftArgs, p: &ProviderConfig, env: &dyn Env) -> String {
    if let Some(n) = args.provider.clone().or_else(|| p.name.clone()) {
        return n;
    }
    let set = |v: &str| env.var(v).is_some();
    if set("OPENAI_API_KEY") || set("OPENAI_BASE_URL") {
        "openai".into()
    } else if set("ANTHROPIC_API_KEY") || set("ANTHROPIC_BASE_URL") {
        "anthropic".into()
    } else {
        "extractive".into()
    }
}

fn provider(
    args: &DraftArgs,
    loaded: &Loaded,
    env: &dyn Env,
    root: &Path,
) -> Result<Option<HttpConfig>, Error> {
    let p = &loaded.file.provider;
    let name = provider_name(args, p, env);
    if name == "extractive" {
        return Ok(None);
    }
    let Some(preset) = presets::find(&name) else {
        let known = format!("extractive, {}", presets::names().join(", "));
        return Err(Error::Usage(format!(
            "unknown provider `{name}` (known providers: {known})"
        )));
    };
    let base_url = args
        .base_url
        .clone()
        .or_else(|| preset.base_url_env.and_then(|v| env.var(v)))
        .or_else(|| p.base_url.clone())
        .unwrap_or_else(|| preset.base_url.to_string());
    if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
        return Err(Error::Usage(format!(
            "base URL `{base_url}` must start with http:// or https://"
        )));
    }
    let key_env = p
        .api_key_env
        .clone()
        .unwrap_or_else(|| preset.key_env.to_string());
    let key = api_key(p, &key_env, env, root, loaded)?;
    if key.is_none() && preset.key_required && base_url == preset.base_url {
        return Err(Error::Usage(format!(
            "provider `{name}` needs an API key: set {key_env} (or api_key_file / api_key_cmd in parallax.toml)"
        )));
    }
    let d = Timeouts::default();
    let r = RetryPolicy::default();
    Ok(Some(HttpConfig {
        preset: *preset,
        base_url,
        key,
        key_env,
        stream: !args.no_stream && p.stream.unwrap_or(true),
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
    }))
}

/// The API key: from the environment variable `key_env`, else the config's key
/// file, else its key command. Never from a flag.
fn api_key(
    p: &ProviderConfig,
    key_env: &str,
    env: &dyn Env,
    root: &Path,
    cfg: &Loaded,
) -> Result<Option<ApiKey>, Error> {
    if let Some(k) = env.var(key_env).and_then(ApiKey::new) {
        return Ok(Some(k));
    }
    if let Some(file) = &p.api_key_file {
        let path = if file.is_absolute() {
            file.clone()
        } else {
            root.join(file)
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| InputError::new(&path, None, format!("cannot read the API key file: {e}")))?;
        return Ok(ApiKey::new(text));
    }
    if let Some(cmd) = &p.api_key_cmd {
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use std::collections::HashMap;

    struct MapEnv(HashMap<&'static str, &'static str>);
    impl Env for MapEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.0.get(name).map(|s| s.to_string())
        }
    }

    fn args(extra: &[&str]) -> DraftArgs {
        let mut v = vec!["parallax", "draft", "s.md"];
        v.extend_from_slice(extra);
        match crate::cli::Cli::parse_from(v).command {
            crate::cli::Command::Draft(d) => d,
        }
    }

    #[test]
    fn no_provider_configured_means_extractive() {
        let dir = tempfile::tempdir().unwrap();
        let env = MapEnv([("XDG_CONFIG_HOME", "/nonexistent")].into());
        let s = resolve(&args(&[]), None, &env, dir.path()).unwrap();
        assert!(s.http.is_none());
        assert!(s.cache_dir.is_none(), "nothing to cache without a model");
        assert_eq!(s.persona, "prism");
    }

    #[test]
    fn base_url_env_selects_openai_and_flags_win() {
        let dir = tempfile::tempdir().unwrap();
        let env = MapEnv(
            [
                ("OPENAI_BASE_URL", "http://127.0.0.1:9/v1"),
                ("OPENAI_API_KEY", "k"),
            ]
            .into(),
        );
        let s = resolve(&args(&[]), None, &env, dir.path()).unwrap();
        let http = s.http.unwrap();
        assert_eq!(http.base_url, "http://127.0.0.1:9/v1");
        assert_eq!(http.preset.name, "openai");
        assert!(http.key.is_some());
        let s = resolve(
            &args(&["--base-url", "http://127.0.0.1:1/v1", "--no-stream"]),
            None,
            &env,
            dir.path(),
        )
        .unwrap();
        assert_eq!(s.http.as_ref().unwrap().base_url, "http://127.0.0.1:1/v1");
        assert!(!s.http.unwrap().stream);
    }

    #[test]
    fn presets_and_keys() {
        let dir = tempfile::tempdir().unwrap();
        let env = MapEnv([("ANTHROPIC_API_KEY", "a-key")].into());
        let s = resolve(&args(&[]), None, &env, dir.path()).unwrap();
        assert_eq!(s.http.as_ref().unwrap().preset.name, "anthropic");
        let s = resolve(&args(&["--provider", "ollama"]), None, &env, dir.path()).unwrap();
        let h = s.http.as_ref().unwrap();
        assert_eq!(h.base_url, "http://127.0.0.1:11434/v1");
        assert!(h.key.is_none());
        assert_eq!(s.models.for_stage("brief", None).as_deref(), Some("llama3.1"));
        let e = resolve(&args(&["--provider", "groq"]), None, &env, dir.path()).unwrap_err();
        assert!(e.to_string().contains("GROQ_API_KEY"), "{e}");
        let e = resolve(&args(&["--provider", "nope"]), None, &env, dir.path()).unwrap_err();
        assert!(
            e.to_string().contains("known providers: extractive, openai"),
            "{e}"
        );
    }

    #[test]
    fn stage_models_layer() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("parallax.toml"),
            "[provider]\nname = \"openai\"\nbase_url = \"http://127.0.0.1:1/v1\"\nmodel = \"big\"\n[models]\nbrief = \"small\"\n",
        )
        .unwrap();
        let env = MapEnv(HashMap::new());
        let s = resolve(&args(&["--stage-model", "finish=tiny"]), None, &env, dir.path()).unwrap();
        assert_eq!(
            s.models.for_stage("brief", Some("persona-model")).as_deref(),
            Some("small")
        );
        assert_eq!(s.models.for_stage("finish", None).as_deref(), Some("tiny"));
        assert_eq!(
            s.models.for_stage("lede", Some("persona-model")).as_deref(),
            Some("persona-model")
        );
        assert_eq!(s.models.for_stage("lede", None).as_deref(), Some("big"));
        let s = resolve(&args(&["--model", "all"]), None, &env, dir.path()).unwrap();
        assert_eq!(s.models.for_stage("brief", None).as_deref(), Some("all"));
    }

    #[test]
    fn key_file_and_command() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("key.txt"), "sk-from-file\n").unwrap();
        std::fs::write(
            dir.path().join("parallax.toml"),
            "[provider]\nname = \"openai\"\napi_key_file = \"key.txt\"\n",
        )
        .unwrap();
        let env = MapEnv(HashMap::new());
        let s = resolve(&args(&[]), None, &env, dir.path()).unwrap();
        assert_eq!(s.http.unwrap().key, ApiKey::new("sk-from-file"));
        std::fs::write(
            dir.path().join("parallax.toml"),
            "[provider]\nname = \"openai\"\napi_key_cmd = [\"echo\", \"sk-from-cmd\"]\n",
        )
        .unwrap();
        let s = resolve(&args(&[]), None, &env, dir.path()).unwrap();
        assert_eq!(s.http.unwrap().key, ApiKey::new("sk-from-cmd"));
    }

    #[test]
    fn project_config_is_found_upward_and_strict() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            dir.path().join("parallax.toml"),
            "persona = \"x\"\n[provider]\nname = \"ollama\"\nmodel = \"m\"\nidle_timeout = \"2s\"\n",
        )
        .unwrap();
        let env = MapEnv(HashMap::new());
        let s = resolve(&args(&[]), None, &env, &sub).unwrap();
        assert_eq!(s.persona, "x");
        assert_eq!(s.models.for_stage("brief", None).as_deref(), Some("m"));
        assert_eq!(s.http.unwrap().timeouts.idle, Duration::from_secs(2));
        assert_eq!(s.persona_dirs[0], dir.path().join("personas"));
        std::fs::write(dir.path().join("parallax.toml"), "[provider]\nmodle = \"m\"\n").unwrap();
        let e = resolve(&args(&[]), None, &env, &sub).unwrap_err();
        assert!(e.to_string().contains(":2:"), "{e}");
        std::fs::write(
            dir.path().join("parallax.toml"),
            "[provider]\nname = \"ollama\"\nidle_timeout = \"soon\"\n",
        )
        .unwrap();
        let e = resolve(&args(&[]), None, &env, &sub).unwrap_err();
        assert!(
            e.to_string().contains(":3:") && e.to_string().contains("idle_timeout"),
            "{e}"
        );
    }
}
