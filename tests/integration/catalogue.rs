//! A catalogue of bad input: every case ends in exit 1 or 2 with at most four
//! lines on stderr, no panic, and nothing half-written in the folder.

use std::path::Path;

use crate::support::{Parallax, files, kcna, scratch, write};

fn setup(dir: &Path) {
    let w = |name: &str, text: &[u8]| write(dir.join(name), text);
    w("empty.md", b"");
    w("blank.md", b"   \n\n  \n");
    w("latin1.md", b"Seoul said the caf\xe9 plan was sound.\n");
    w("bad-yaml.md", b"---\ntitle: [unclosed\n---\n\nSeoul said so.\n");
    w("big.md", &vec![b'a'; 6 * 1024 * 1024]);
    w("m.txt", b"whatever\n");
    w("open-quote.csv", b"id,text\na,\"never closed\nb,x\n");
    w("bad.toml", b"[provider\nname = 1\n");
    w("unknown.toml", b"[provider]\ncolour = \"red\"\n");
    w("zero.toml", b"[batch]\nmax_requests = 0\n");
    w("stories.jsonl", b"{\"id\": \"a\", \"text\": \"Seoul said the plan was sound.\"}\n");
    w("article.md", b"# Headline\n\nSeoul said the plan was sound. [S1]\n");
    std::fs::create_dir_all(dir.join("empty-dir")).unwrap();
}

/// A command's arguments and the environment it runs with.
type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);

#[test]
fn bad_input_ends_in_one_clear_line_and_writes_nothing() {
    let dir = scratch();
    setup(&dir);
    let src = kcna();
    let src = src.as_str();
    let cases: Vec<Case> = vec![
        (vec!["draft", "missing.md"], vec![]),
        (vec!["draft", "empty.md"], vec![]),
        (vec!["draft", "blank.md"], vec![]),
        (vec!["draft", "/dev/zero"], vec![]),
        (vec!["draft", "empty-dir"], vec![]),
        (vec!["draft", "bad-yaml.md"], vec![]),
        (vec!["draft", "big.md"], vec![]),
        (vec!["draft", src, "--persona", "nobody"], vec![]),
        (vec!["draft", src, "--provider", "nowhere"], vec![]),
        (vec!["draft", src, "--provider", "openai", "--base-url", "ftp://x/v1"], vec![]),
        (vec!["draft", src, "--temperature", "9"], vec![]),
        (vec!["draft", src, "--date", "2025-02-30"], vec![]),
        (vec!["draft", src, "--date", "tomorrow"], vec![]),
        (vec!["draft", src, "--format", "pdf"], vec![]),
        (vec!["draft", src, "-o", "x.pdf"], vec![]),
        (vec!["draft", src, "-o", "/dev/null"], vec![]),
        (vec!["draft", src, "--stage-model", "nothing"], vec![]),
        (vec!["draft", src, "--max-tokens", "-3"], vec![]),
        (vec!["draft", "file:///etc/passwd"], vec![]),
        (vec!["draft", "http://127.0.0.1:9/x"], vec![]),
        (vec!["draft", src, "--provider", "openai"], vec![("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")]),
        (vec!["--config", "bad.toml", "draft", src], vec![]),
        (vec!["--config", "unknown.toml", "draft", src], vec![]),
        (vec!["batch", "missing.jsonl", "--out", "o"], vec![]),
        (vec!["batch", "m.txt", "--out", "o"], vec![]),
        (vec!["batch", "open-quote.csv", "--out", "o"], vec![]),
        (vec!["batch", "[", "--out", "o"], vec![]),
        (vec!["batch", "stories.jsonl", "--out", "o", "--engine", "import"], vec![]),
        (vec!["batch", "stories.jsonl", "--out", "o", "--results", "r.jsonl"], vec![]),
        (vec!["batch", "stories.jsonl", "--out", "o", "--engine", "provider"], vec![]),
        (
            vec!["batch", "stories.jsonl", "--out", "o", "--engine", "provider", "--provider", "openai"],
            vec![("OPENAI_BASE_URL", "http://127.0.0.1:9/v1"), ("PARALLAX_POLL_INTERVAL", "soon")],
        ),
        (
            vec!["--config", "zero.toml", "batch", "stories.jsonl", "--out", "o", "--provider", "openai"],
            vec![("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")],
        ),
        (vec!["check", "missing.md", "-s", src], vec![]),
        (vec!["check", "article.md"], vec![]),
        (vec!["check", "article.md", "-s", "empty.md"], vec![]),
        (vec!["personas", "show", "nobody"], vec![]),
        (vec!["statements", "missing.md"], vec![]),
        (vec!["frobnicate"], vec![]),
    ];
    assert!(cases.len() > 30);
    for (args, env) in cases {
        let r = env.iter().fold(Parallax::new(&dir), |cmd, (k, v)| cmd.env(k, v)).args(&args).run();
        let lines = r.stderr.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(r.code == 1 || r.code == 2, "{args:?} exited {}: {}", r.code, r.stderr);
        assert!(lines <= 4, "{args:?}: {lines} lines:\n{}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
        let leftovers = files(&dir, "**/.tmp*");
        assert!(leftovers.is_empty(), "{args:?} left {leftovers:?}");
    }
    for name in ["x.md", "x.pdf", "o/a.md"] {
        assert!(!dir.join(name).exists(), "{name} was written");
    }
}
