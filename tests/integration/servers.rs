//! The local servers people run, replayed by the fake as their documentation
//! and source show them: llama.cpp's `llama-server`, llama-cpp-python's server,
//! and Ollama, native and through its OpenAI endpoint. Each has its own SSE
//! framing, usage and timings, structured-output support, error shapes and
//! context window.

use fake_llm::{Config, FakeServer, Imitate, Logged};
use serde_json::Value;

use crate::support::{Parallax, long_report, read, scratch, serve, write};

fn imitate(server: Imitate, context: Option<u64>) -> FakeServer {
    serve(Config { imitate: Some(server), context, ..Config::default() })
}

/// The fake's count of a request's prompt tokens (a quarter of its bytes).
fn prompt_tokens(q: &Logged) -> u64 {
    let messages = q.body["messages"].as_array().into_iter().flatten();
    let text: String = messages.filter_map(|m| m["content"].as_str()).collect();
    (text.len() / 4 + 1) as u64
}

fn outcomes(srv: &FakeServer) -> Vec<String> {
    srv.handle.requests().iter().map(|q| q.outcome.clone()).collect()
}

#[test]
fn llama_cpp_python_costs_one_negotiation_request_then_none_and_its_crlf_stream_reads() {
    // As run with `python -m llama_cpp.server --n_ctx 32768`.
    let srv = imitate(Imitate::LlamaCppPython, Some(32_768));
    let dir = scratch();
    let draft = |out: &str| Parallax::new(&dir).fake(&srv).draft_prism().args(["-o", out, "--refresh"]);
    draft("a.md").succeeds();
    let first = outcomes(&srv);
    assert_eq!(first.iter().filter(|o| *o == "refused-500").count(), 1, "{first:?}");
    assert!(dir.join("a.md").is_file());
    draft("b.md").succeeds();
    let second = &outcomes(&srv)[first.len()..];
    assert_eq!(second.len(), first.len() - 1, "the same calls, no negotiation on the second run: {second:?}");
    assert!(second.iter().all(|o| o == "ok"), "{second:?}");
}

#[test]
fn a_llama_server_that_cannot_build_the_grammar_is_asked_in_tool_calls_from_then_on() {
    // `llama-server --jinja` with a chat template it cannot fit a grammar to:
    // every `response_format` is refused, with no word of which field.
    let srv = serve(Config { imitate: Some(Imitate::LlamaServer), grammar_fails: true, ..Config::default() });
    let dir = scratch();
    let draft = |out: &str| {
        Parallax::new(&dir).draft_prism().provider("llamacpp", &srv.base_url()).args(["-o", out, "--refresh"])
    };
    let r = draft("a.md").succeeds();
    assert!(r.stderr.contains("asking in forced tool call"), "{}", r.stderr);
    let first = outcomes(&srv);
    assert_eq!(first.iter().filter(|o| *o == "grammar-refused").count(), 1, "{first:?}");
    assert_eq!(first.len(), 7, "six calls and one refused request: {first:?}");
    assert!(!read(dir.join("a.md")).contains("degraded"), "every answer came through the tool call");
    draft("b.md").succeeds();
    let second = &srv.handle.requests()[first.len()..];
    assert!(second.iter().all(|q| q.outcome == "ok" && q.body.get("tools").is_some()), "{second:?}");
}

#[test]
fn llama_server_states_its_window_in_props_and_every_prompt_fits_it() {
    // `llama-server -c 4096`: each stage keeps room for its own answer only.
    let srv = imitate(Imitate::LlamaServer, Some(4_096));
    let dir = scratch();
    let draft = || Parallax::new(&dir).draft_prism().provider("llamacpp", &srv.base_url());
    let r = draft().arg("--dry-run").succeeds();
    let rounds: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("=== round")).collect();
    assert!(!rounds.is_empty(), "{}", r.stdout);
    for l in rounds {
        let n = |after: &str, before: &str| -> usize {
            let s = &l[l.find(after).unwrap() + after.len()..];
            s[..s.find(before).unwrap()].trim().parse().unwrap()
        };
        let (budget, answer) = (n("of ", "prompt tokens"), n("prompt tokens,", "for the answer"));
        assert_eq!(budget + answer, 4_096, "the budget is the window less this stage's answer: {l}");
        assert!(answer < 2_048, "an answer's room is what the stage writes, not half the window: {l}");
    }
    draft().args(["-o", "a.md"]).succeeds();
    let log = srv.handle.requests();
    assert_eq!(log.len(), 6, "{:?}", outcomes(&srv));
    for q in &log {
        assert_eq!(q.outcome, "ok");
        assert!(prompt_tokens(q) <= 4_096, "{} tokens", prompt_tokens(q));
        assert_eq!(q.body["stream"], true);
    }
    let text = read(dir.join("a.md"));
    assert!(!text.contains("total_tokens: 0"), "usage from the finish chunk: {text}");
}

#[test]
fn a_two_thousand_token_window_drafts_with_every_prompt_and_answer_inside_it() {
    // llama-cpp-python refuses a prompt whose answer's room would pass the
    // window, and reads the schema in the prompt (JSON mode), which costs it
    // some 400 tokens more.
    let servers =
        [(Imitate::LlamaServer, 2_048u64), (Imitate::LlamaServer, 4_096), (Imitate::LlamaCppPython, 3_072)];
    for (server, window) in servers {
        let srv = imitate(server, Some(window));
        let dir = scratch();
        write(dir.join("parallax.toml"), format!("[provider]\ncontext = {window}\n"));
        Parallax::new(&dir)
            .draft_prism()
            .provider("llamacpp", &srv.base_url())
            .args(["-o", "a.md"])
            .succeeds();
        for q in srv.handle.requests().iter().filter(|q| q.outcome == "ok") {
            let answer =
                q.body["max_tokens"].as_u64().or(q.body["max_completion_tokens"].as_u64()).unwrap_or(0);
            assert!(
                prompt_tokens(q) + answer <= window,
                "{server:?} {window}: {} + {answer}",
                prompt_tokens(q)
            );
        }
        assert!(dir.join("a.md").is_file());
    }
}

#[test]
fn a_window_too_small_for_the_sources_is_refused_with_the_fix_named() {
    // Learned from /props: nothing is sent.
    let srv = imitate(Imitate::LlamaServer, Some(1_200));
    let dir = scratch();
    let draft =
        || Parallax::new(&dir).draft_prism().provider("llamacpp", &srv.base_url()).args(["-o", "a.md"]);
    let r = draft().fails_with(2);
    let last = r.stderr.lines().last().unwrap_or("");
    assert!(last.contains("leaves no room for the sources"), "{last}");
    assert!(last.contains("llama-server -c"), "the fix is named: {last}");
    assert!(last.contains("the smallest window that drafts these sources is about"), "{last}");
    assert!(srv.handle.requests().is_empty());
    // Told a larger window than the server has: its refusal is not retried,
    // and the window is too small to fit the prompt to.
    write(dir.join("parallax.toml"), "[provider]\ncontext = 16384\n");
    let r = draft().fails_with(1);
    let last = r.stderr.lines().last().unwrap_or("");
    assert!(last.contains("exceeds the available context size"), "{last}");
    assert!(last.contains("lower --max-tokens"), "{last}");
    assert_eq!(srv.handle.requests().len(), 1, "not retried");
    assert!(!dir.join("a.md").exists());
}

#[test]
fn ollama_gets_a_window_that_holds_each_prompt_so_nothing_is_cut() {
    let srv = imitate(Imitate::OllamaOpenAi, None);
    let dir = scratch();
    let report = long_report(&dir);
    let root = format!("http://{}", srv.addr);
    let r = Parallax::new(&dir)
        .draft([&report, "--persona", "prism", "-o", "a.md"])
        .provider("ollama", &root)
        .succeeds();
    let log = srv.handle.requests();
    assert_eq!(log.len(), 6, "{:?} {}", outcomes(&srv), r.stderr);
    let mut windows = Vec::new();
    for q in &log {
        assert_eq!(q.outcome, "ok", "no prompt is cut");
        let num_ctx = q.body.pointer("/options/num_ctx").and_then(Value::as_u64).unwrap_or(0);
        let predict = q.body.pointer("/options/num_predict").and_then(Value::as_u64).unwrap_or(0);
        assert!(num_ctx >= prompt_tokens(q) + predict, "{num_ctx} < {} + {predict}", prompt_tokens(q));
        assert!(q.body["format"].is_object(), "structured outputs in `format`");
        windows.push(num_ctx);
    }
    assert!(windows.iter().all(|w| w.is_power_of_two()), "{windows:?}");
}

#[test]
fn a_prompt_cut_by_ollamas_openai_endpoint_is_caught_and_sent_again_within_its_window() {
    // Ollama's `/v1` cannot be asked for a larger window (4096 by default).
    let srv = imitate(Imitate::OllamaOpenAi, None);
    let dir = scratch();
    let report = long_report(&dir);
    let r = Parallax::new(&dir).fake(&srv).draft([&report, "--persona", "prism", "-o", "a.md"]).succeeds();
    let log = srv.handle.requests();
    let cut = log.iter().filter(|q| q.outcome == "truncated").count();
    assert!(cut >= 1, "the fake cut the first long prompt: {:?}", outcomes(&srv));
    assert!(r.stderr.contains("cut the prompt"), "{}", r.stderr);
    // Each stage is sent at most twice, and its second prompt fits.
    for stage in ["brief", "lede"] {
        let sent: Vec<&Logged> = log.iter().filter(|q| q.schema_name() == Some(stage)).collect();
        assert!(!sent.is_empty() && sent.len() <= 2, "{stage}: {}", sent.len());
        assert_eq!(sent.last().map(|q| q.outcome.as_str()), Some("ok"), "{stage}");
    }
}

#[test]
fn doctor_reads_each_replayed_server_right() {
    let doctor = |provider: &str, base: String| {
        let v = Parallax::scratch().args(["doctor", "--json"]).provider(provider, &base).succeeds().json();
        let probes = v["probes"].as_array().cloned().unwrap_or_default();
        move |check: &str| {
            let p = probes.iter().find(|p| p["check"] == check).unwrap_or_else(|| panic!("no {check} probe"));
            (p["ok"].as_bool().unwrap_or(false), p["detail"].as_str().unwrap_or("").to_string())
        }
    };
    let lcp = imitate(Imitate::LlamaCppPython, Some(32_768));
    let p = doctor("llamacpp", lcp.base_url());
    assert!(!p("json_schema (strict)").0, "refused with HTTP 500");
    assert!(p("json_schema (strict)").1.contains("500"));
    assert!(p("json_object").0);
    assert!(p("stream").0 && p("stream").1.contains("usage not reported"), "{:?}", p("stream"));
    assert!(p("context").1.contains("not reported"), "{:?}", p("context"));

    let server = imitate(Imitate::LlamaServer, Some(8_192));
    let p = doctor("llamacpp", server.base_url());
    assert!(p("json_schema (strict)").0);
    assert!(p("context").1.starts_with("8192 tokens (from /props)"), "{:?}", p("context"));
    assert!(p("stream").1.contains("usage reported"), "{:?}", p("stream"));

    let ollama = imitate(Imitate::OllamaOpenAi, None);
    let p = doctor("ollama", format!("http://{}", ollama.addr));
    assert!(p("models").1.contains("`llama3.1` listed"), "{:?}", p("models"));
    assert!(p("context").1.starts_with("131072 tokens (from /api/show)"), "{:?}", p("context"));
    assert!(p("format: schema").0 && p("format: json").0);
    assert!(p("stream").0 && p("stream").1.contains("usage reported"), "{:?}", p("stream"));
}
