//! Shared helpers: a `parallax` command with a clean environment, the fake
//! server, paths, and reading what a run wrote.

use std::ffi::OsStr;
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
    vec![example("kim-putin-new-year.md"), example("north-korea-russia-reactions.md")]
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
        .env("XDG_DATA_HOME", dir.join(".local/share"))
        .env("NO_COLOR", "1");
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output as one JSON value (stderr shown if it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}; stderr:\n{}", self.stderr))
    }
}

/// The fake LLM server, started on 127.0.0.1.
pub fn serve(config: fake_llm::Config) -> fake_llm::FakeServer {
    fake_llm::FakeServer::start(config).expect("fake server starts")
}

/// The fake server answering every request with `reply`.
pub fn answering(reply: fake_llm::Reply) -> fake_llm::FakeServer {
    serve(fake_llm::Config { fallback: reply, ..fake_llm::Config::default() })
}

/// A file a run wrote, as text.
pub fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A JSON file a run wrote.
pub fn read_json(path: impl AsRef<Path>) -> serde_json::Value {
    let path = path.as_ref();
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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

/// About 200 pages: the two example sources among 800 paragraphs of filler.
pub fn long_report(dir: &Path) -> String {
    let body = |name: &str| {
        let text = std::fs::read_to_string(example(name)).unwrap();
        text.split_once("\n---\n").map(|(_, b)| b.to_string()).unwrap_or(text)
    };
    let mut out = String::from(
        "---\ntitle: A long report on North Korea and Russia\npublisher: Test Institute\n---\n\n",
    );
    out.push_str(&body("kim-putin-new-year.md"));
    for i in 0..800 {
        out.push_str(&format!(
            "\nSection {i}: the committee reviewed harbour logistics item {i}, with shipments of {} tonnes through rail station {} and no change to the regional schedule.\n",
            1000 + i,
            i % 40
        ));
        if i == 400 {
            out.push('\n');
            out.push_str(&body("north-korea-russia-reactions.md"));
        }
    }
    std::fs::write(dir.join("report.md"), out).unwrap();
    "report.md".into()
}

/// How many `done` events a `--json` batch printed.
pub fn done_events(stdout: &str) -> usize {
    stdout.lines().filter(|l| l.contains("\"event\":\"done\"")).count()
}

/// A run of the binary, built fluently:
/// `Parallax::new(dir).fake(&srv).draft(prism_sources()).args(["-o", "a.md"]).succeeds()`.
pub struct Parallax {
    cmd: Command,
}

impl Parallax {
    /// `parallax` in `dir`, with a clean environment.
    pub fn new(dir: &Path) -> Self {
        Self { cmd: parallax(dir) }
    }

    /// `draft ARGS…`.
    pub fn draft<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(self, args: I) -> Self {
        self.arg("draft").args(args)
    }

    /// `batch ARGS…`.
    pub fn batch<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(self, args: I) -> Self {
        self.arg("batch").args(args)
    }

    pub fn arg<S: AsRef<OsStr>>(mut self, arg: S) -> Self {
        self.cmd.arg(arg);
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Self {
        self.cmd.args(args);
        self
    }

    /// Point the OpenAI-compatible provider at a fake server.
    pub fn fake(self, server: &fake_llm::FakeServer) -> Self {
        self.env("OPENAI_BASE_URL", server.base_url())
    }

    /// Point the Anthropic provider at a fake server, with a key.
    pub fn fake_anthropic(self, server: &fake_llm::FakeServer) -> Self {
        self.env("ANTHROPIC_BASE_URL", server.anthropic_url()).env("ANTHROPIC_API_KEY", "ak-test")
    }

    pub fn env<K: AsRef<OsStr>, V: AsRef<OsStr>>(mut self, key: K, value: V) -> Self {
        self.cmd.env(key, value);
        self
    }

    pub fn current_dir<P: AsRef<Path>>(mut self, dir: P) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    pub fn write_stdin<B: Into<Vec<u8>>>(mut self, input: B) -> Self {
        self.cmd.write_stdin(input);
        self
    }

    pub fn run(mut self) -> Run {
        run(&mut self.cmd)
    }

    /// Run, and insist on exit 0 (printing stderr if not).
    pub fn succeeds(self) -> Run {
        self.fails_with(0)
    }

    /// Run, and insist on this exit code (printing stderr if not), never a panic.
    pub fn fails_with(self, code: i32) -> Run {
        let r = self.run();
        assert_eq!(r.code, code, "expected exit {code}; stderr:\n{}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        r
    }

    /// Run, and insist on this exit code and a single error line containing
    /// every needle.
    pub fn expect_failure(self, code: i32, needles: &[&str]) -> Run {
        let r = self.fails_with(code);
        let errors: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("parallax: error:")).collect();
        assert_eq!(errors.len(), 1, "one error line:\n{}", r.stderr);
        for n in needles {
            assert!(errors[0].contains(n), "`{n}` missing from: {}", errors[0]);
        }
        r
    }
}
