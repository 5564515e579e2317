//! Settings, resolved once from flags, environment and `parallax.toml`.
//! Precedence, highest first: flag, environment, persona (`model`, `temperature`),
//! config file, provider preset, default. The config file is the first
//! `parallax.toml` found from the working folder upward, else
//! `$XDG_CONFIG_HOME/parallax/parallax.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::error::InputError;
use crate::fsutil::line_of_key;
use crate::llm::Price;

mod draft;
#[cfg(test)]
mod precedence_tests;
#[cfg(test)]
mod tests;

mod batch;
mod dirs;
mod flags;
mod models;
mod publish;
pub(crate) mod trust;

pub(crate) use batch::BatchSettings;
pub(crate) use dirs::{Env, ProcessEnv, find_project_config, user_cache_dir, user_config_dir};
pub(crate) use draft::{Settings, resolve};
pub(crate) use flags::Flags;
pub(crate) use models::{Model, ProviderKind, StageModels, every_stage, parse_stage_model};
pub(crate) use publish::{GhostTarget, PublishTarget, SiteKind, WordPressTarget};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileConfig {
    /// Default persona id.
    pub(crate) persona: Option<String>,
    #[serde(default)]
    pub(crate) provider: ProviderConfig,
    /// Model per stage.
    #[serde(default)]
    pub(crate) models: BTreeMap<String, String>,
    /// US dollars per million tokens, by model.
    #[serde(default)]
    pub(crate) prices: BTreeMap<String, Price>,
    #[serde(default)]
    pub(crate) cache: CacheConfig,
    #[serde(default)]
    pub(crate) fetch: FetchConfig,
    #[serde(default)]
    pub(crate) paths: PathsConfig,
    #[serde(default)]
    pub(crate) batch: batch::BatchFileConfig,
    /// Where `parallax publish --to NAME` sends approved stories, by name.
    #[serde(default)]
    pub(crate) publish: BTreeMap<String, publish::TargetTable>,
}

/// How URL sources are fetched (docs/sources.md).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FetchConfig {
    /// Allow private, loopback and link-local addresses.
    pub(crate) allow_private: Option<bool>,
    /// Hosts (`host` or `host:port`) allowed whatever their address.
    #[serde(default)]
    pub(crate) allow: Vec<String>,
    pub(crate) max_bytes: Option<usize>,
    pub(crate) timeout: Option<String>,
    pub(crate) max_redirects: Option<usize>,
    /// Who to write to about this fetcher (an address or a page), sent in
    /// its User-Agent so a site's operators can reach the newsroom.
    pub(crate) contact: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProviderConfig {
    /// A preset name, or `extractive`.
    pub(crate) name: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) model: Option<Model>,
    /// Environment variable holding the key (default: the preset's).
    pub(crate) api_key_env: Option<String>,
    /// File holding the key.
    pub(crate) api_key_file: Option<PathBuf>,
    /// Command (program and arguments, no shell) that prints the key.
    pub(crate) api_key_cmd: Option<Vec<String>>,
    pub(crate) stream: Option<bool>,
    pub(crate) temperature: Option<f32>,
    pub(crate) max_tokens: Option<u32>,
    /// The model's context length in tokens (prompts are fitted to it).
    pub(crate) context: Option<usize>,
    pub(crate) connect_timeout: Option<String>,
    pub(crate) first_token_timeout: Option<String>,
    pub(crate) idle_timeout: Option<String>,
    pub(crate) timeout: Option<String>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) backoff_base: Option<String>,
    pub(crate) backoff_max: Option<String>,
    pub(crate) concurrency: Option<usize>,
    pub(crate) rpm: Option<u32>,
    pub(crate) tpm: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CacheConfig {
    pub(crate) enabled: Option<bool>,
    pub(crate) dir: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PathsConfig {
    pub(crate) personas: Option<PathBuf>,
    pub(crate) prompts: Option<PathBuf>,
}

/// A loaded config file and its text (for pointing errors at lines).
pub(crate) struct Loaded {
    path: PathBuf,
    text: String,
    file: FileConfig,
    /// The user's own config, one named with `--config`, or one the user
    /// trusted (`parallax trust`): it may set key sources and `base_url`.
    pub(crate) trusted: bool,
}

impl Loaded {
    pub(crate) fn err(&self, key: &str, message: String) -> InputError {
        let field = key.rsplit('.').next().unwrap_or(key);
        InputError::new(
            &self.path,
            line_of_key(&self.text, field),
            format!("field `{key}`: {message}"),
        )
    }

    pub(crate) fn duration(
        &self,
        key: &str,
        value: &Option<String>,
        default: Duration,
    ) -> Result<Duration, InputError> {
        match value {
            None => Ok(default),
            Some(v) => humantime::parse_duration(v).map_err(|e| {
                self.err(key, format!("`{v}` is not a duration ({e})"))
                    .hint("write it like \"30s\", \"500ms\" or \"2m\"")
            }),
        }
    }
}

pub(crate) fn load_file(path: &Path) -> Result<Loaded, InputError> {
    let text = crate::fsutil::read_text(path, crate::fsutil::MAX_SMALL_FILE)
        .map_err(|e| InputError::new(path, None, format!("cannot read config: {e}")))?;
    let file = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| crate::fsutil::line_at(&text, s.start));
        InputError::new(path, line, format!("invalid config: {}", e.message().trim()))
    })?;
    Ok(Loaded {
        path: path.to_path_buf(),
        text,
        file,
        trusted: false,
    })
}

/// The project a command runs in: its config file (if any) and where personas and
/// prompts are looked up, in order.
pub(crate) struct Project {
    pub(crate) loaded: Loaded,
    pub(crate) root: PathBuf,
    pub(crate) persona_dirs: Vec<PathBuf>,
    pub(crate) prompt_dirs: Vec<PathBuf>,
    /// Where channel files are looked up after `--channels`: the project's
    /// `channels/`, then the user's (the built-in ones come last).
    pub(crate) channel_dirs: Vec<PathBuf>,
    /// `persona` from the config, else `prism`.
    pub(crate) default_persona: String,
}

impl Project {
    /// Find the config (`config` if given, else `parallax.toml` upward from `cwd`,
    /// else the user's) and the lookup folders, with `--personas`/`--prompts` first.
    pub(crate) fn discover(
        config: Option<&Path>,
        personas: Option<&Path>,
        prompts: Option<&Path>,
        env: &dyn Env,
        cwd: &Path,
    ) -> Result<Project, InputError> {
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
        let mut loaded = match &config_file {
            Some(p) => load_file(p)?,
            None => Loaded {
                path: PathBuf::from("parallax.toml"),
                text: String::new(),
                file: FileConfig::default(),
                trusted: true,
            },
        };
        let users = user_dir.as_ref().map(|d| d.join("parallax.toml"));
        loaded.trusted |= config.is_some()
            || users.as_deref() == config_file.as_deref()
            || trust::is_trusted(&loaded.path, &loaded.text, env);
        let root = config_file
            .as_ref()
            .and_then(|p| p.parent())
            .filter(|d| Some(*d) != user_dir.as_deref())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| cwd.to_path_buf());
        let rel = |p: &Path| {
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                root.join(p)
            }
        };
        let f = &loaded.file;
        let mut persona_dirs: Vec<PathBuf> = personas.map(Path::to_path_buf).into_iter().collect();
        persona_dirs.push(rel(f.paths.personas.as_deref().unwrap_or(Path::new("personas"))));
        persona_dirs.extend(user_dir.iter().map(|d| d.join("personas")));
        let mut prompt_dirs: Vec<PathBuf> = prompts.map(Path::to_path_buf).into_iter().collect();
        prompt_dirs.push(rel(f.paths.prompts.as_deref().unwrap_or(Path::new("prompts"))));
        prompt_dirs.extend(user_dir.iter().map(|d| d.join("prompts")));
        let mut channel_dirs = vec![root.join("channels")];
        channel_dirs.extend(user_dir.iter().map(|d| d.join("channels")));
        Ok(Project {
            default_persona: f.persona.clone().unwrap_or_else(|| "prism".into()),
            loaded,
            root,
            persona_dirs,
            prompt_dirs,
            channel_dirs,
        })
    }

    /// How URL sources are fetched: `[fetch]` of the config, with `--allow-private`.
    pub(crate) fn fetch_policy(&self, allow_private: bool) -> Result<crate::fetch::FetchPolicy, InputError> {
        let fc = &self.loaded.file.fetch;
        let d = crate::fetch::FetchPolicy::default();
        Ok(crate::fetch::FetchPolicy {
            allow_private: allow_private || fc.allow_private.unwrap_or(false),
            allow: fc.allow.clone(),
            max_bytes: fc.max_bytes.unwrap_or(d.max_bytes),
            timeout: self.loaded.duration("fetch.timeout", &fc.timeout, d.timeout)?,
            max_redirects: fc.max_redirects.unwrap_or(d.max_redirects),
            // Printable and short, so it can stand in a header.
            contact: fc
                .contact
                .as_deref()
                .map(str::trim)
                .filter(|c| {
                    !c.is_empty() && c.len() <= 200 && c.chars().all(|c| c.is_ascii_graphic() || c == ' ')
                })
                .map(str::to_string),
        })
    }

    /// The cache folder: `cache.dir` of the config, else the user's.
    pub(crate) fn cache_root(&self, env: &dyn Env) -> Option<PathBuf> {
        match &self.loaded.file.cache.dir {
            Some(d) => Some(self.path(d)),
            None => user_cache_dir(env),
        }
    }

    /// A fetcher for commands that read sources without drafting.
    pub(crate) fn fetcher(&self, env: &dyn Env) -> Result<crate::fetch::Fetcher, InputError> {
        self.fetcher_with(env, false, false)
    }

    /// A fetcher with `--allow-private`, and with `refresh` asking every server
    /// again (conditionally, with the cached validators), as `gather` does.
    pub(crate) fn fetcher_with(
        &self,
        env: &dyn Env,
        allow_private: bool,
        refresh: bool,
    ) -> Result<crate::fetch::Fetcher, InputError> {
        let cache = self
            .cache_root(env)
            .map(|d| d.join("pages"))
            .filter(|_| self.loaded.file.cache.enabled.unwrap_or(true));
        Ok(crate::fetch::Fetcher::new(
            self.fetch_policy(allow_private)?,
            cache,
            refresh,
        ))
    }

    /// The publishing target `name` of the project's config, its folder made
    /// relative to the project.
    pub(crate) fn publish_target(&self, name: &str) -> Result<PublishTarget, InputError> {
        let targets = &self.loaded.file.publish;
        let Some(t) = targets.get(name) else {
            let known: Vec<&str> = targets.keys().map(String::as_str).collect();
            let path = match self.loaded.path.as_os_str().is_empty() {
                true => "parallax.toml".to_string(),
                false => self.loaded.path.display().to_string(),
            };
            let hint = if known.is_empty() {
                "add a [publish.NAME] table with kind = \"hugo\", \"zola\" or \"wordpress\" (docs/publish.md)"
                    .to_string()
            } else {
                format!("the config names {}", known.join(", "))
            };
            return Err(InputError::new(path, None, format!("no publishing target `{name}`")).hint(hint));
        };
        t.resolve(name, &self.loaded.path.display().to_string(), |p| self.path(p))
    }

    /// `p` relative to the project's root.
    pub(crate) fn path(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.root.join(p)
        }
    }
}
