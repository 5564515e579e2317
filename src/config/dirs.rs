//! Where parallax looks: the environment (a seam tests replace), the user's
//! config and cache folders (XDG), and the project's `parallax.toml` found from
//! the working folder upward.

use std::path::{Path, PathBuf};

/// Reads the environment; a seam so tests can pass their own.
pub(crate) trait Env {
    fn var(&self, name: &str) -> Option<String>;
}

/// The process environment.
pub(crate) struct ProcessEnv;

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
pub(crate) fn user_config_dir(env: &dyn Env) -> Option<PathBuf> {
    xdg(env, "XDG_CONFIG_HOME", ".config")
}

/// The cache folder: `PARALLAX_CACHE_DIR`, else `$XDG_CACHE_HOME/parallax`.
pub(crate) fn user_cache_dir(env: &dyn Env) -> Option<PathBuf> {
    env.var("PARALLAX_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| xdg(env, "XDG_CACHE_HOME", ".cache"))
}

/// The first `parallax.toml` from `start` upward.
pub(crate) fn find_project_config(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join("parallax.toml"))
        .find(|p| p.is_file())
}
