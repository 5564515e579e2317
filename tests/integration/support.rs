//! Shared helpers: a `parallax` command with a clean environment, and paths.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(name: &str) -> String {
    root().join("examples/sources").join(name).display().to_string()
}

pub fn fixture(name: &str) -> String {
    root().join("tests/fixtures").join(name).display().to_string()
}

/// The two PRISM example sources.
pub fn prism_sources() -> Vec<String> {
    vec![
        example("kim-putin-new-year.md"),
        example("north-korea-russia-reactions.md"),
    ]
}

/// `parallax` run in `dir` with no provider variables and no user config.
pub fn parallax(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("parallax").expect("binary builds");
    cmd.current_dir(dir)
        .env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .env_remove("PARALLAX_CONFIG")
        .env_remove("PARALLAX_MODEL")
        .env_remove("RUST_LOG")
        .env_remove("ANTHROPIC_API_KEY")
        .env_remove("ANTHROPIC_BASE_URL")
        .env_remove("PARALLAX_CACHE_DIR")
        .env("XDG_CONFIG_HOME", dir.join(".config"))
        .env("XDG_CACHE_HOME", dir.join(".cache"))
        .env("NO_COLOR", "1");
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Write a `parallax.toml` into `dir` with short timeouts and backoff, so tests of
/// failure handling stay fast. `extra` is appended under `[provider]`.
pub fn fast_config(dir: &Path, max_retries: u32, extra: &str) {
    let text = format!(
        "[provider]\nbackoff_base = \"5ms\"\nbackoff_max = \"40ms\"\nmax_retries = {max_retries}\n\
         first_token_timeout = \"1s\"\nidle_timeout = \"300ms\"\n{extra}\n"
    );
    std::fs::write(dir.join("parallax.toml"), text).expect("config written");
}

/// How many `done` events a `--json` batch printed.
pub fn done_events(stdout: &str) -> usize {
    stdout
        .lines()
        .filter(|l| l.contains("\"event\":\"done\""))
        .count()
}
