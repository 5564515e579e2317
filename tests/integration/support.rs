//! Shared helpers: a `parallax` command with a clean environment, the fake
//! server, paths, and reading what a run wrote.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Stdio;

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

/// Each example persona with the example sources written for it.
pub const EXAMPLES: [(&str, &[&str]); 4] = [
    ("prism", &["kim-putin-new-year.md", "north-korea-russia-reactions.md"]),
    ("nuri", &["kim-putin-new-year.md", "north-korea-russia-reactions.md"]),
    ("ledger", &["eu-trade-defence.md"]),
    ("circuit", &["chip-export-controls.md"]),
];

/// The KCNA example source: one report, in which none of PRISM's sides speaks.
pub fn kcna() -> String {
    example("kim-putin-new-year.md")
}

/// An address on 127.0.0.1 where nothing listens.
pub fn refused_url() -> String {
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    format!("http://127.0.0.1:{port}/v1")
}

/// The two PRISM example sources.
pub fn prism_sources() -> Vec<String> {
    vec![kcna(), example("north-korea-russia-reactions.md")]
}

/// `parallax` in `dir` with no provider variables and no user config: the one
/// environment every run gets, in the foreground or the background.
fn command(dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("parallax"));
    cmd.current_dir(dir);
    for var in [
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "PARALLAX_CONFIG",
        "PARALLAX_MODEL",
        "RUST_LOG",
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_BASE_URL",
        "PARALLAX_CACHE_DIR",
    ] {
        cmd.env_remove(var);
    }
    for (var, sub) in
        [("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"), ("XDG_DATA_HOME", ".local/share")]
    {
        cmd.env(var, dir.join(sub));
    }
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A scratch folder, removed when dropped; it stands for its path.
pub struct Scratch(tempfile::TempDir);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

pub fn scratch() -> Scratch {
    Scratch(tempfile::tempdir().expect("a temporary folder"))
}

/// The files under `dir` matching `pattern` (`*.md`, `**/*`), sorted.
pub fn files(dir: impl AsRef<Path>, pattern: &str) -> Vec<PathBuf> {
    let full = format!("{}/{pattern}", glob::Pattern::escape(&dir.as_ref().to_string_lossy()));
    let mut out: Vec<PathBuf> =
        glob::glob(&full).expect("a glob").flatten().filter(|p| p.is_file()).collect();
    out.sort();
    out
}

/// Write a file a test needs.
pub fn write(path: impl AsRef<Path>, text: impl AsRef<[u8]>) {
    let path = path.as_ref();
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Write `dir/stories.jsonl`: `n` stories `story-0000`… with inline text.
pub fn write_stories(dir: &Path, n: usize, text: impl Fn(usize) -> String) -> PathBuf {
    let path = dir.join("stories.jsonl");
    write_jsonl(&path, (0..n).map(|i| serde_json::json!({ "id": format!("story-{i:04}"), "text": text(i) })));
    path
}

/// Write a JSON-lines file (a manifest): one line per value.
pub fn write_jsonl(path: impl AsRef<Path>, lines: impl IntoIterator<Item = serde_json::Value>) {
    write(path, lines.into_iter().map(|l| format!("{l}\n")).collect::<String>());
}

/// Run a command to its end.
pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("command runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The integrity findings of an article's JSON.
pub fn findings(article: &serde_json::Value) -> Vec<serde_json::Value> {
    article["meta"]["integrity"]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no findings: {article}"))
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

    /// The `parallax: error:` line of standard error.
    pub fn error_line(&self) -> &str {
        let line = self.stderr.lines().find(|l| l.starts_with("parallax: error:"));
        line.unwrap_or_else(|| panic!("no error line:\n{}", self.stderr))
    }

    /// Standard output as JSON lines, one value each.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        let line = |l: &str| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
        self.stdout.lines().map(line).collect()
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

/// Write a `parallax.toml` into `dir` with short timeouts and backoff, so tests of
/// failure handling stay fast. `extra` is appended under `[provider]`.
pub fn fast_config(dir: &Path, max_retries: u32, extra: &str) {
    let text = format!(
        "[provider]\nbackoff_base = \"5ms\"\nbackoff_max = \"40ms\"\nmax_retries = {max_retries}\n\
         first_token_timeout = \"1s\"\nidle_timeout = \"300ms\"\n{extra}\n"
    );
    write(dir.join("parallax.toml"), text);
}

/// About 200 pages: the two example sources among 800 paragraphs of filler.
pub fn long_report(dir: &Path) -> String {
    let body = |name: &str| {
        let text = read(example(name));
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
    write(dir.join("report.md"), out);
    "report.md".into()
}

/// How many `done` events a `--json` batch printed.
pub fn done_events(stdout: &str) -> usize {
    stdout.lines().filter(|l| l.contains("\"event\":\"done\"")).count()
}

/// A run of the binary, built fluently:
/// `Parallax::new(&dir).fake(&srv).draft_prism().args(["-o", "a.md"]).succeeds()`.
pub struct Parallax {
    cmd: std::process::Command,
    stdin: Option<Vec<u8>>,
    _dir: Option<Scratch>,
}

impl Parallax {
    /// `parallax` in `dir`, with a clean environment.
    pub fn new(dir: &Path) -> Self {
        Self { cmd: command(dir), stdin: None, _dir: None }
    }

    /// `parallax` in a scratch folder of its own, for a run whose files no
    /// one reads.
    pub fn scratch() -> Self {
        let dir = scratch();
        let run = Self::new(&dir);
        Self { _dir: Some(dir), ..run }
    }

    /// `draft ARGS…`.
    pub fn draft<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(self, args: I) -> Self {
        self.arg("draft").args(args)
    }

    /// `draft` of the two PRISM example sources.
    pub fn draft_prism(self) -> Self {
        self.draft(prism_sources())
    }

    /// `batch ARGS…`.
    pub fn batch<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(self, args: I) -> Self {
        self.arg("batch").args(args)
    }

    /// `review ARGS…`.
    pub fn review<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(self, args: I) -> Self {
        self.arg("review").args(args)
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

    /// `--provider NAME --base-url URL`.
    pub fn provider(self, name: &str, url: &str) -> Self {
        self.args(["--provider", name, "--base-url", url])
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
        self.stdin = Some(input.into());
        self
    }

    pub fn run(self) -> Run {
        let mut cmd = Command::from_std(self.cmd);
        if let Some(input) = self.stdin {
            cmd.write_stdin(input);
        }
        run(&mut cmd)
    }

    /// Start in the background, its output discarded.
    pub fn spawn(mut self) -> std::process::Child {
        assert!(self._dir.is_none(), "a background run needs a folder that outlives it: Parallax::new");
        self.cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("binary starts")
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
