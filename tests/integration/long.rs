//! Sources of any length: a 200-page report (built from the examples) drafted
//! within a 16k-token prompt budget, each side's own words reaching its section.

use std::collections::{BTreeMap, BTreeSet};

use fake_llm::Config;
use serde_json::Value;

use crate::support::{Parallax, long_report as report, read_json, scratch, serve};

#[test]
fn a_two_hundred_page_report_fits_the_budget_and_every_side_is_heard() {
    let srv = serve(Config::default());
    let dir = scratch();
    let file = report(&dir);
    let with_server = |args: &[&str]| Parallax::new(&dir).fake(&srv).args(args).succeeds();
    // Which passages hold each side's statements.
    let st = Parallax::new(&dir).args(["statements", &file, "--json", "--persona", "prism"]).succeeds();
    let mut by_side: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for v in st.json_lines() {
        if let Some(side) = v["side"].as_str() {
            by_side.entry(side.into()).or_default().insert(v["passage"].as_str().unwrap().into());
        }
    }
    assert!(by_side.len() >= 3, "{by_side:?}");
    let dry = with_server(&["draft", &file, "--dry-run"]);
    let prompts: Vec<&str> = dry.stdout.split("=== round ").skip(1).collect();
    assert_eq!(prompts.len(), 6);
    for p in &prompts {
        let head = p.lines().next().unwrap();
        let used: usize =
            head.split('~').nth(1).and_then(|r| r.split(' ').next()).and_then(|n| n.parse().ok()).unwrap();
        assert!(used <= 16_384, "{head}");
        // The prompt as sent, in bytes, agrees: well under 16k tokens at 4 a byte... or 1 a character.
        assert!(p.len() / 4 <= 16_384, "{head}: {} bytes", p.len());
        if let Some(side) = head.split("perspective:").nth(1).and_then(|r| r.split(' ').next()) {
            for id in by_side.get(side).into_iter().flatten() {
                assert!(p.contains(&format!("[{id}]")), "{side}'s statement {id} is missing from its prompt");
            }
        }
    }
    // Drafted for real: every citation names a passage of the report.
    with_server(&["draft", &file, "-o", "a.json"]);
    let article: Value = read_json(dir.join("a.json"));
    let max = article["sources"][0]["passages"].as_array().map_or(0, |a| a.len());
    let mut cites = 0;
    let text = article.to_string();
    for piece in text.split("\"S").skip(1) {
        let n: String = piece.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = n.parse::<usize>() {
            cites += 1;
            assert!((1..=max).contains(&n), "S{n} of {max}");
        }
    }
    assert!(cites > 0);
    let prompt_tokens = article["meta"]["usage"]["prompt_tokens"].as_u64().unwrap_or(0);
    eprintln!("200-page report: {prompt_tokens} prompt tokens for the article");
}

/// What llama.cpp's server answers when a prompt is longer than its context.
const LLAMA_SERVER_TOO_LONG: &str = r#"{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":14100,"n_ctx":12000}}"#;

#[test]
fn a_context_length_error_shrinks_the_prompt_to_what_the_server_reports_once() {
    let srv = serve(Config {
        script: vec![fake_llm::Reply::Status { code: 400, body: LLAMA_SERVER_TOO_LONG.into() }],
        ..Config::default()
    });
    let dir = scratch();
    let file = report(&dir);
    let r = Parallax::new(&dir).fake(&srv).draft([&file, "--max-tokens", "1024", "-o", "a.md"]).succeeds();
    assert!(r.stderr.contains("sending it again within"), "{}", r.stderr);
    let log = srv.handle.requests();
    assert_eq!((log[0].schema_name(), log[1].schema_name()), (Some("brief"), Some("brief")));
    let (first, second) = (log[0].body.to_string().len(), log[1].body.to_string().len());
    assert!(second * 10 <= first * 8, "the retry is not smaller: {first} then {second} bytes");
    // Once: every later request fits from the start.
    assert_eq!(log.iter().filter(|q| q.outcome == "400").count(), 1);
}

#[test]
fn a_small_window_learnt_from_an_error_keeps_room_for_the_stages_answer_only() {
    // The server states no window beforehand; its error gives 3,000 tokens. An
    // answer of `--max-tokens` (2,048 by default) would leave no room for the
    // sources; a brief answers a few hundred.
    let body = LLAMA_SERVER_TOO_LONG.replace("12000", "3000");
    let srv =
        serve(Config { script: vec![fake_llm::Reply::Status { code: 400, body }], ..Config::default() });
    let dir = scratch();
    let file = report(&dir);
    let r = Parallax::new(&dir).fake(&srv).draft([&file, "-o", "a.md"]).succeeds();
    assert!(r.stderr.contains("sending it again within"), "{}", r.stderr);
    let log = srv.handle.requests();
    assert_eq!((log[0].schema_name(), log[1].schema_name()), (Some("brief"), Some("brief")));
    let field = |q: &fake_llm::Logged| {
        let b = &q.body;
        b["max_completion_tokens"].as_u64().or(b["max_tokens"].as_u64()).unwrap_or(u64::MAX)
    };
    let room = field(&log[1]);
    assert!(field(&log[0]) >= 2048, "the first request keeps room for --max-tokens");
    assert!(room < 2048, "the retry keeps room for {room} tokens");
}
