//! Providers and the resilient client: Anthropic and OpenAI modes, injected
//! faults, timeouts, the response cache and key hygiene, against the fake server.

use std::path::Path;
use std::time::Duration;

use fake_llm::{Config, FakeServer, Fault, FaultPlan, Protocol, Reply};

use crate::support::{Parallax, example, fast_config, files, kcna, read, scratch, serve, write};

#[test]
fn anthropic_mode_streams_and_answers_whole() {
    let srv = serve(Config::default());
    let draft = |extra: &[&str]| Parallax::scratch().fake_anthropic(&srv).draft_prism().args(extra);
    let r = draft(&[]).succeeds();
    for label in ["South Korea", "United States", "Japan", "China"] {
        assert!(r.stdout.contains(&format!("\n### {label}")), "{label}");
    }
    assert!(r.stdout.contains("provider: anthropic"));
    let reqs = srv.handle.requests();
    assert_eq!(reqs.len(), 6);
    for q in &reqs {
        assert_eq!(q.protocol, Protocol::Anthropic);
        assert_eq!(q.credential().as_deref(), Some("ak-test"));
        assert_eq!(q.headers.get("anthropic-version").unwrap(), "2023-06-01");
        assert_eq!(q.body["stream"], true);
        assert_eq!(q.body["tool_choice"]["type"], "tool");
        assert!(q.body["max_tokens"].as_u64().unwrap() > 0);
        assert_eq!(q.body["messages"][0]["content"][0]["cache_control"]["type"], "ephemeral");
    }
    let cached: u64 = front_matter_number(&r.stdout, "cached_prompt_tokens");
    assert!(cached > 0, "the shared source block is served from the prompt cache after the first call");

    draft(&["--no-stream", "--no-cache"]).succeeds();
    let reqs = srv.handle.requests();
    assert_eq!(reqs.len(), 12);
    assert!(reqs[6..].iter().all(|q| q.body.get("stream").is_none()));
}

fn front_matter_number(article: &str, key: &str) -> u64 {
    let prefix = format!("{key}: ");
    article
        .lines()
        .find_map(|l| l.trim().strip_prefix(&prefix))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {key} in front matter"))
}

#[test]
fn presets_send_the_budget_field_each_server_reads() {
    let srv = serve(Config::default());
    let dir = scratch();
    Parallax::new(&dir).draft([&kcna()]).provider("llamacpp", &srv.base_url()).succeeds();
    let reqs = srv.handle.requests();
    assert!(
        reqs.iter()
            .all(|q| q.body.get("max_tokens").is_some() && q.body.get("max_completion_tokens").is_none())
    );
    assert!(reqs.iter().all(|q| q.body["model"] == "local"), "the preset's default model");
    Parallax::new(&dir).fake(&srv).draft(["--no-cache", &kcna()]).succeeds();
    let openai = &srv.handle.requests()[reqs.len()..];
    assert!(openai.iter().all(|q| q.body.get("max_completion_tokens").is_some()));
}

/// Twenty different stories: the example source with a distinct closing passage.
fn stories(dir: &Path, n: usize) -> Vec<String> {
    let kcna = read(kcna());
    let reactions = read(example("north-korea-russia-reactions.md"));
    let reactions = reactions.split("\n---\n").nth(1).unwrap_or(&reactions);
    let base = format!("{kcna}\n{reactions}");
    (0..n)
        .map(|i| {
            let path = dir.join(format!("story-{i}.md"));
            write(&path, format!("{base}\nThis is story number {i} of the series.\n"));
            path.display().to_string()
        })
        .collect()
}

#[test]
fn twenty_drafts_survive_thirty_percent_mixed_faults() {
    let srv = serve(Config {
        faults: FaultPlan { rate: 0.56, kinds: Fault::all(), seed: 7, per_conversation: 1 },
        ..Config::default()
    });
    let dir = scratch();
    fast_config(&dir, 6, "");
    for (i, story) in stories(&dir, 20).iter().enumerate() {
        // Draft `i` exits 0 (its stderr is shown if not).
        Parallax::new(&dir)
            .fake(&srv)
            .draft(["--persona", "prism", story, "-o", &format!("out-{i}.md")])
            .succeeds();
    }
    let log = srv.handle.requests();
    let faulty = log.iter().filter(|q| q.outcome != "ok").count();
    let share = faulty as f64 / log.len() as f64;
    eprintln!("mixed faults: {faulty} of {} requests ({:.0}%)", log.len(), share * 100.0);
    assert!(share >= 0.29, "faults on {faulty} of {} requests", log.len());
    for kind in Fault::all() {
        assert!(log.iter().any(|q| q.outcome == kind.label()), "fault {} never injected", kind.label());
    }
    assert!(!log.iter().any(|q| q.outcome == "400" || q.outcome == "401"));
    // Each retry of a call arrives no sooner than the server asked (429: 100 ms)
    // or the backoff allows (at least half the 5 ms base). An answer cut at
    // the token limit is no failure: it is asked again at once with more room.
    for (i, q) in log.iter().enumerate() {
        let Some(next) = log[i + 1..].iter().find(|n| n.conversation == q.conversation) else {
            continue;
        };
        let gap = next.arrived_at.duration_since(q.arrived_at);
        let least = if q.outcome == "429" { Duration::from_millis(100) } else { Duration::from_millis(2) };
        if q.outcome != "ok" && q.outcome != "length-cut" {
            assert!(gap >= least, "retry after {} came {gap:?} later", q.outcome);
        }
    }
}

#[test]
fn one_429_pauses_every_worker() {
    let srv = serve(Config {
        latency: Duration::from_millis(50),
        script: vec![Reply::Normal, Reply::Fault(Fault::RateLimited { retry_after_ms: 400 })],
        ..Config::default()
    });
    let dir = scratch();
    fast_config(&dir, 3, "concurrency = 2");
    Parallax::new(&dir).fake(&srv).draft_prism().succeeds();
    let log = srv.handle.requests();
    let limited = log.iter().find(|q| q.outcome == "429").expect("the scripted 429");
    let after: Vec<_> = log.iter().filter(|q| q.started > limited.finished).collect();
    assert!(after.len() >= 2, "{after:?}");
    // The other worker may already be past the gate when the 429 reaches the
    // client (its own answer came back at the same moment): one request may go.
    // Every later one waits out the pause.
    let early: Vec<_> = after
        .iter()
        .filter(|q| q.arrived_at.duration_since(limited.arrived_at) < Duration::from_millis(400))
        .map(|q| q.index)
        .collect();
    assert!(early.len() <= 1, "requests {early:?} did not wait for the 429's pause");
}

#[test]
fn bad_requests_are_never_retried() {
    let srv = serve(Config { script: vec![Reply::Fault(Fault::Status(400))], ..Config::default() });
    let dir = scratch();
    fast_config(&dir, 6, "");
    let r = Parallax::new(&dir).fake(&srv).draft([&kcna()]).fails_with(1);
    assert!(r.stderr.contains("HTTP 400"), "{}", r.stderr);
    assert_eq!(srv.handle.requests().len(), 1);
}

#[test]
fn a_stream_that_goes_quiet_is_abandoned_and_retried() {
    let srv = serve(Config { script: vec![Reply::Fault(Fault::HangAfterFirstChunk)], ..Config::default() });
    let dir = scratch();
    fast_config(&dir, 3, "");
    let r = Parallax::new(&dir).fake(&srv).draft([&kcna()]).succeeds();
    assert!(r.stderr.contains("idle stream"), "{}", r.stderr);
    let log = srv.handle.requests();
    assert_eq!(log[0].outcome, "hang-after-first-chunk");
    assert_eq!(log[1].conversation, log[0].conversation, "the same call, retried");
}

#[test]
fn a_stream_without_its_terminator_is_never_accepted() {
    for (protocol, env, url_of) in [
        ("openai", "OPENAI_BASE_URL", FakeServer::base_url as fn(&FakeServer) -> String),
        ("anthropic", "ANTHROPIC_BASE_URL", FakeServer::anthropic_url),
    ] {
        let srv = serve(Config { fallback: Reply::Fault(Fault::TruncatedStream), ..Config::default() });
        let dir = scratch();
        fast_config(&dir, 2, "");
        let r =
            Parallax::new(&dir).env(env, url_of(&srv)).env("ANTHROPIC_API_KEY", "k").draft([&kcna()]).run();
        assert_eq!(r.code, 1, "{protocol}: {}", r.stderr);
        assert!(r.stderr.contains("without its terminator"), "{protocol}: {}", r.stderr);
        assert_eq!(srv.handle.requests().len(), 3, "{protocol}: first try and two retries");
    }
}

#[test]
fn a_second_run_is_served_from_the_cache() {
    let dir = scratch();
    let srv = serve(Config::default());
    let draft = |extra: &[&str]| Parallax::new(&dir).fake(&srv).draft_prism().args(extra);
    let first = draft(&[]).succeeds();
    assert_eq!(srv.handle.requests().len(), 6);
    let second = draft(&[]).succeeds();
    assert_eq!(srv.handle.requests().len(), 6, "no request on the second run");
    assert!(second.stderr.contains("6 from cache"), "{}", second.stderr);
    let body = |s: &str| s.split("\n---\n").nth(1).map(str::to_string);
    assert_eq!(body(&first.stdout), body(&second.stdout), "the same article");
    draft(&["--no-cache"]).succeeds();
    assert_eq!(srv.handle.requests().len(), 12, "--no-cache asks again");
    draft(&["--refresh"]).succeeds();
    assert_eq!(srv.handle.requests().len(), 18, "--refresh asks again");
}

#[test]
fn a_planted_key_appears_in_no_file_and_no_output() {
    const KEY: &str = "sk-planted-7f3a9c-DO-NOT-LEAK";
    let srv = serve(Config {
        script: vec![
            Reply::Fault(Fault::Status(503)),
            Reply::Status {
                code: 401,
                body: format!(r#"{{"error":{{"message":"Incorrect API key provided: {KEY}"}}}}"#),
            },
        ],
        ..Config::default()
    });
    let dir = scratch();
    fast_config(&dir, 3, "");
    let mut outputs = Vec::new();
    for args in [&["-vv", "-o", "a.md"][..], &["-vv", "-o", "b.md"], &["-vv", "--dry-run"]] {
        let r = Parallax::new(&dir)
            .fake(&srv)
            .env("OPENAI_API_KEY", KEY)
            .env("RUST_LOG", "trace")
            .draft_prism()
            .args(args)
            .run();
        outputs.push(r);
    }
    assert_eq!(outputs[0].code, 1, "the scripted 401 fails the first run");
    assert_eq!(outputs[1].code, 0, "{}", outputs[1].stderr);
    assert!(outputs[1].stderr.contains("TRACE") || outputs[1].stderr.contains("DEBUG"), "logs are verbose");
    for r in &outputs {
        assert!(!r.stdout.contains(KEY) && !r.stderr.contains(KEY), "the key leaked into output");
    }
    let written = files(&dir, "**/*");
    assert!(written.iter().any(|p| p.to_string_lossy().contains(".cache")), "the cache was written");
    for path in written {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        assert!(!text.contains(KEY), "the key leaked into {}", path.display());
    }
    let sent = srv.handle.requests();
    assert!(sent.iter().all(|q| q.credential().as_deref() == Some(&format!("Bearer {KEY}")[..])));
}

#[test]
fn a_json_mode_only_server_is_negotiated_once_and_remembered() {
    let dir = scratch();
    let srv = serve(Config { json_object_only: true, ..Config::default() });
    let draft = |out: &str, flag: &str| Parallax::new(&dir).fake(&srv).draft_prism().args(["-o", out, flag]);
    let r = draft("a.md", "--refresh").succeeds();
    assert!(r.stderr.contains("refused json_schema"), "{}", r.stderr);
    let log = srv.handle.requests();
    let types: Vec<String> = log
        .iter()
        .map(|q| {
            q.body.pointer("/response_format/type").and_then(|t| t.as_str()).unwrap_or("none").to_string()
        })
        .collect();
    let refused = types.iter().filter(|t| *t == "json_schema").count();
    assert_eq!(refused, 1, "one extra request for the negotiation: {types:?}");
    assert!(types.iter().skip(1).all(|t| t == "json_object"), "{types:?}");
    let first_run = log.len();
    // What a server supports is not a cached answer: --no-cache keeps it.
    draft("b.md", "--no-cache").succeeds();
    let log = srv.handle.requests();
    assert!(
        log[first_run..]
            .iter()
            .all(|q| q.body.pointer("/response_format/type").and_then(|t| t.as_str()) == Some("json_object")),
        "the second run starts in the mode that worked"
    );
}

#[test]
fn doctor_tells_what_a_server_can_do() {
    let dir = scratch();
    let full = serve(Config::default());
    let r = Parallax::new(&dir).fake(&full).arg("doctor").succeeds();
    for line in [
        "answer                ok",
        "stream                ok",
        "json_schema (strict)  ok",
        "32768 tokens (from the model list)",
    ] {
        assert!(r.stdout.contains(line), "{line}: {}", r.stdout);
    }
    assert!(r.stdout.contains("parallax asks in json_schema (strict)"), "{}", r.stdout);
    // A JSON-mode-only server, as llama-cpp-python's.
    let json_only = serve(Config { json_object_only: true, ..Config::default() });
    let r = Parallax::new(&dir).fake(&json_only).args(["doctor", "--json"]).succeeds();
    let v: serde_json::Value = r.json();
    let ok = |check: &str| {
        v["probes"].as_array().unwrap().iter().find(|p| p["check"] == check).map(|p| p["ok"].as_bool())
    };
    assert_eq!(ok("json_schema (strict)"), Some(Some(false)), "{v}");
    assert_eq!(ok("json_object"), Some(Some(true)), "{v}");
    // Nothing listening: exit 1, said in the table and one line.
    let r = Parallax::new(&dir).arg("doctor").provider("openai", "http://127.0.0.1:9/v1").fails_with(1);
    assert!(r.stdout.contains("Connection refused") || r.stdout.contains("refused"), "{}", r.stdout);
}

#[test]
fn a_tools_only_server_is_negotiated_once_streamed_or_whole() {
    let srv = serve(Config { tools_only: true, ..Config::default() });
    let dir = scratch();
    let draft = |out: &str, extra: &[&str]| {
        Parallax::new(&dir).fake(&srv).draft_prism().args(["-o", out, "--refresh"]).args(extra)
    };
    let r = draft("a.md", &[]).succeeds();
    let log = srv.handle.requests();
    let refused = log.iter().filter(|q| q.outcome == "response-format-refused").count();
    assert_eq!(refused, 1, "one extra request for the negotiation");
    let tools = |q: &fake_llm::Logged| q.body.pointer("/tool_choice/function/name").is_some();
    assert!(log.iter().skip(1).all(tools), "every later request forces a tool call");
    assert!(r.stderr.contains("forced tool call"), "{}", r.stderr);
    let first_run = log.len();
    draft("b.md", &["--no-stream"]).succeeds();
    let log = srv.handle.requests();
    assert!(log[first_run..].iter().all(tools), "the second run starts in the mode that worked");
    let article = read(dir.join("b.md"));
    // Every answer came through the forced tool call: nothing was degraded.
    // (Whether the fake's answers pass the framing checks is not this test's point.)
    assert!(article.contains("integrity:") && !article.contains("degraded"), "{article}");
    let r = Parallax::new(&dir).fake(&srv).arg("doctor").run();
    assert!(r.stdout.contains("parallax asks in forced tool call"), "{}", r.stdout);
}
