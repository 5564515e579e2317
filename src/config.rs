//! Settings, resolved once from flags, environment and `parallax.toml`.
//! Precedence, highest first: flag, environment, persona (`model`, `temperature`),
//! config file, default. The config file is the first `parallax.toml` found from the
//! working folder upward, else `$XDG_CONFIG_HOME/parallax/parallax.toml`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::cli::{DraftArgs, ProviderKind};
use crate::error::{Error, InputError};
use crate::llm::{ApiKey, openai::DEFAULT_BASE_URL};

/// Model used when nothing names one.
pub const DEFAULT_MODEL: &str = "gpt-4o-mini";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Default persona id.
    pub persona: Option<String>,
    #[serde(default)]
    pub provider: ProviderConfig,
    #[serde(default)]
    pub paths: PathsConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// `openai` or `extractive`.
    pub name: Option<String>,
    pub base_url: Option<String>,
    pub model: Option<String>,
    /// Environment variable holding the key (default `OPENAI_API_KEY`).
    pub api_key_env: Option<String>,
    /// File holding the key, as an alternative to the environment.
    pub api_key_file: Option<PathBuf>,
    pub stream: Option<bool>,
    pub temperature: Option<f32>,
    pub max_tokens: Option<u32>,
    pub timeout_secs: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathsConfig {
    pub personas: Option<PathBuf>,
    pub prompts: Option<PathBuf>,
}

/// Where the HTTP provider lives and how to reach it.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub base_url: String,
    pub key: Option<ApiKey>,
    pub stream: bool,
    pub timeout: Duration,
}

/// Everything `draft` needs, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub persona: String,
    /// `None` means extractive.
    pub http: Option<HttpSettings>,
    /// Model named by flag or config; the persona's `model` fills in when `None`.
    pub model: Option<String>,
    pub temperature: Option<f32>,
    pub max_tokens: u32,
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

/// The user's config folder: `$XDG_CONFIG_HOME/parallax` or `~/.config/parallax`.
pub fn user_config_dir(env: &dyn Env) -> Option<PathBuf> {
    let base = env
        .var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| env.var("HOME").map(|h| Path::new(&h).join(".config")))?;
    Some(base.join("parallax"))
}

/// The first `parallax.toml` from `start` upward.
fn find_project_config(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join("parallax.toml"))
        .find(|p| p.is_file())
}

fn load_file(path: &Path) -> Result<FileConfig, InputError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| InputError::new(path, None, format!("cannot read config: {e}")))?;
    toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| crate::fsutil::line_at(&text, s.start));
        InputError::new(path, line, format!("invalid config: {}", e.message()))
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
    let file = match &config_file {
        Some(p) => load_file(p)?,
        None => FileConfig::default(),
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

    let mut persona_dirs: Vec<PathBuf> = args.personas.iter().cloned().collect();
    persona_dirs.push(rel(file
        .paths
        .personas
        .as_deref()
        .unwrap_or(Path::new("personas"))));
    persona_dirs.extend(user_dir.iter().map(|d| d.join("personas")));
    let mut prompt_dirs: Vec<PathBuf> = args.prompts.iter().cloned().collect();
    prompt_dirs.push(rel(file.paths.prompts.as_deref().unwrap_or(Path::new("prompts"))));
    prompt_dirs.extend(user_dir.iter().map(|d| d.join("prompts")));

    let p = &file.provider;
    let cfg_path = config_file
        .clone()
        .unwrap_or_else(|| PathBuf::from("parallax.toml"));
    let kind = match (args.provider, p.name.as_deref()) {
        (Some(k), _) => k,
        (None, Some("openai")) => ProviderKind::Openai,
        (None, Some("extractive")) => ProviderKind::Extractive,
        (None, Some(other)) => {
            return Err(InputError::new(
                &cfg_path,
                None,
                format!("field `provider.name`: unknown provider `{other}`"),
            )
            .hint("use `openai` or `extractive`")
            .into());
        }
        (None, None) if env.var("OPENAI_API_KEY").is_some() || env.var("OPENAI_BASE_URL").is_some() => {
            ProviderKind::Openai
        }
        (None, None) => ProviderKind::Extractive,
    };
    let http = match kind {
        ProviderKind::Extractive => None,
        ProviderKind::Openai => {
            let base_url = args
                .base_url
                .clone()
                .or_else(|| env.var("OPENAI_BASE_URL"))
                .or_else(|| p.base_url.clone())
                .unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
            if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
                return Err(Error::Usage(format!(
                    "base URL `{base_url}` must start with http:// or https://"
                )));
            }
            Some(HttpSettings {
                base_url,
                key: api_key(p, env, &project_root)?,
                stream: !args.no_stream && p.stream.unwrap_or(true),
                timeout: Duration::from_secs(p.timeout_secs.unwrap_or(300)),
            })
        }
    };
    Ok(Settings {
        persona: args
            .persona
            .clone()
            .or(file.persona)
            .unwrap_or_else(|| "prism".into()),
        http,
        model: args
            .model
            .clone()
            .or_else(|| env.var("PARALLAX_MODEL"))
            .or_else(|| p.model.clone()),
        temperature: args.temperature.or(p.temperature),
        max_tokens: args.max_tokens.or(p.max_tokens).unwrap_or(2048),
        persona_dirs,
        prompt_dirs,
        config_file,
    })
}

/// The API key: from the environment variable the config names (default
/// `OPENAI_API_KEY`), else from the config's key file. Never from a flag.
fn api_key(p: &ProviderConfig, env: &dyn Env, root: &Path) -> Result<Option<ApiKey>, Error> {
    let var = p.api_key_env.as_deref().unwrap_or("OPENAI_API_KEY");
    if let Some(k) = env.var(var).and_then(ApiKey::new) {
        return Ok(Some(k));
    }
    let Some(file) = &p.api_key_file else {
        return Ok(None);
    };
    let path = if file.is_absolute() {
        file.clone()
    } else {
        root.join(file)
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| InputError::new(&path, None, format!("cannot read the API key file: {e}")))?;
    Ok(ApiKey::new(text))
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
    fn project_config_is_found_upward_and_strict() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            dir.path().join("parallax.toml"),
            "persona = \"x\"\n[provider]\nname = \"openai\"\nmodel = \"m\"\n",
        )
        .unwrap();
        let env = MapEnv(HashMap::new());
        let s = resolve(&args(&[]), None, &env, &sub).unwrap();
        assert_eq!(s.persona, "x");
        assert_eq!(s.model.as_deref(), Some("m"));
        assert_eq!(s.persona_dirs[0], dir.path().join("personas"));
        std::fs::write(dir.path().join("parallax.toml"), "[provider]\nmodle = \"m\"\n").unwrap();
        let e = resolve(&args(&[]), None, &env, &sub).unwrap_err();
        assert!(e.to_string().contains(":2:"), "{e}");
    }
}
