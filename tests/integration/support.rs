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
        .env("XDG_CONFIG_HOME", dir.join(".config"))
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
