//! `parallax batch --engine`: rounds through both providers' batch APIs on the
//! fake server (errored and expired results, limits that force a split, kills
//! while polling), the batch price, and the export/import loop of a self-hosted
//! engine.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

use fake_llm::{BatchConfig, Config, FakeServer};
use serde_json::{Value, json};

use crate::support::{Parallax, read, read_json, scratch, serve, write, write_jsonl, write_stories};

/// A JSONL manifest of `n` distinct stories that quote two sides.
fn manifest(dir: &Path, n: usize) {
    write_stories(dir, n, |i| {
        format!(
            "# Port deal {i}\n\nThe port authority of district {i} signed a lease worth ${}.5 million on March 3.\n\nSeoul said the lease for district {i} was sound.\n\nWashington said it was watching the lease closely.",
            i + 10
        )
    });
}

fn server(batch: BatchConfig) -> FakeServer {
    serve(Config { batch, ..Config::default() })
}

/// `parallax batch` against the fake server in one protocol, polling fast.
fn batch(dir: &Path, srv: &FakeServer, anthropic: bool, extra: &[&str]) -> Parallax {
    batch_to(dir, "out", srv, anthropic, extra)
}

fn batch_to(dir: &Path, out: &str, srv: &FakeServer, anthropic: bool, extra: &[&str]) -> Parallax {
    let cmd = if anthropic { Parallax::new(dir).fake_anthropic(srv) } else { Parallax::new(dir).fake(srv) };
    cmd.env("PARALLAX_POLL_INTERVAL", "20ms")
        .batch(["stories.jsonl", "--out", out, "--date", "2026-03-04"])
        .args(extra)
}

fn report(dir: &Path, out: &str) -> Value {
    read_json(dir.join(out).join("report.json"))
}

/// An article without its front matter (which carries cost and timing).
fn body(path: &Path) -> String {
    let text = read(path);
    text.split_once("\n---\n").map(|(_, b)| b.to_string()).unwrap_or_default()
}

/// `parallax batch --engine provider` started in the background.
fn spawn_batch(dir: &Path, srv: &FakeServer) -> std::process::Child {
    batch(dir, srv, false, &["--engine", "provider"]).spawn()
}

/// Wait until the fake server has more than `n` batches.
fn wait_for_batch(srv: &FakeServer, n: usize) {
    let t = Instant::now();
    while srv.handle.batches_created() <= n && t.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(srv.handle.batches_created() > n, "no batch was submitted");
}

/// Wait until the run in `dir` has journaled `n` submitted batches.
fn wait_for_journal(dir: &Path, n: usize) {
    let journal = dir.join("out/.engine/journal.jsonl");
    let submitted =
        || std::fs::read_to_string(&journal).unwrap_or_default().matches("\"event\":\"submitted\"").count();
    let t = Instant::now();
    while submitted() < n && t.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(submitted() >= n, "the batch never reached the journal");
}

fn five_hundred_through(anthropic: bool) {
    let srv =
        server(BatchConfig { delay: Duration::from_millis(50), errored_percent: 10, expired_percent: 5 });
    let dir = scratch();
    manifest(&dir, 500);
    let model = if anthropic { "claude-3-5-haiku-latest" } else { "gpt-4o-mini" };
    let prices = format!("[prices]\n\"{model}\" = {{ input = 1.0, output = 4.0 }}\n");
    write(dir.join("parallax.toml"), prices);
    let r = batch(&dir, &srv, anthropic, &["--engine", "provider", "--model", model]).succeeds();
    let rep = report(&dir, "out");
    assert_eq!((rep["done"].as_u64(), rep["failed"].as_u64()), (Some(500), Some(0)), "{}", r.stderr);
    // Every answer at half the live price of its tokens.
    let (input, output) = (
        rep["usage"]["prompt_tokens"].as_f64().unwrap(),
        rep["usage"]["completion_tokens"].as_f64().unwrap(),
    );
    let live = (input * 1.0 + output * 4.0) / 1e6;
    let cost = rep["cost_usd"].as_f64().unwrap();
    assert!((cost - live / 2.0).abs() < 1e-6 * live, "batch {cost}, live {live}");
    let ids = srv.handle.batch_custom_ids();
    let mut times: BTreeMap<&str, usize> = BTreeMap::new();
    for id in &ids {
        *times.entry(id.as_str()).or_default() += 1;
    }
    let resubmitted = times.values().filter(|n| **n > 1).count();
    // About 15% of first submissions came back errored or expired, and went again.
    assert!(resubmitted * 100 >= times.len() * 10, "{resubmitted} of {}", times.len());
    assert!(times.values().all(|n| *n <= 3));
    for i in [0, 250, 499] {
        let md = read(dir.join(format!("out/story-{i:04}.md")));
        assert!(md.contains("\n## Sources\n") && md.contains("district"), "{md}");
    }
    eprintln!(
        "500 stories ({}): {} batches, {} requests submitted, {resubmitted} resubmitted",
        if anthropic { "anthropic" } else { "openai" },
        srv.handle.batches_created(),
        ids.len()
    );
}

#[test]
fn five_hundred_stories_through_openai_batches_lose_none_to_errors_or_expiry() {
    five_hundred_through(false);
}

#[test]
fn five_hundred_stories_through_anthropic_message_batches_lose_none() {
    five_hundred_through(true);
}

#[test]
fn one_batch_per_round_articles_as_live_and_half_the_price() {
    let srv = server(BatchConfig::default());
    let dir = scratch();
    manifest(&dir, 12);
    let prices = "[prices]\n\"gpt-4o-mini\" = { input = 0.15, output = 0.6 }\n";
    write(dir.join("parallax.toml"), prices);
    batch_to(&dir, "live", &srv, false, &["--no-stream"]).succeeds();
    assert_eq!(srv.handle.batches_created(), 0);
    let dry = batch(&dir, &srv, false, &["--engine", "provider", "--dry-run"]).run();
    assert!(dry.stdout.contains("at the batch price"), "{}", dry.stdout);
    let r = batch(&dir, &srv, false, &["--engine", "provider"]).succeeds();
    // One provider batch per round of the pipeline, whatever the number of stories.
    let rounds = r.stderr.matches("submitted batch").count();
    assert_eq!(srv.handle.batches_created(), rounds);
    assert!((2..=3).contains(&rounds), "{}", r.stderr);
    for i in 0..12 {
        let name = format!("story-{i:04}.md");
        assert_eq!(body(&dir.join("out").join(&name)), body(&dir.join("live").join(&name)));
    }
    let (l, b) = (report(&dir, "live"), report(&dir, "out"));
    assert_eq!(l["usage"], b["usage"], "the same tokens");
    let (lc, bc) = (l["cost_usd"].as_f64().unwrap(), b["cost_usd"].as_f64().unwrap());
    assert!(lc > 0.0 && (bc - lc / 2.0).abs() < 1e-9, "live {lc}, batch {bc}");
}

#[test]
fn a_small_request_limit_splits_rounds_and_anthropic_ids_are_mapped() {
    let srv = server(BatchConfig::default());
    let dir = scratch();
    // Ids Anthropic would refuse as they are.
    let text = |i| {
        format!(
            "# Vote {i}\n\nThe council of ward {i} approved a plan on March 3.\n\nSeoul said ward {i} was right."
        )
    };
    let id = |i| format!("wire.2026.03.{}.{i}", "a-very-long-slug-of-a-headline".repeat(2));
    write_jsonl(dir.join("stories.jsonl"), (0..10).map(|i| json!({ "id": id(i), "text": text(i) })));
    write(dir.join("parallax.toml"), "[batch]\nmax_requests = 7\n");
    let r = batch(&dir, &srv, true, &["--engine", "provider", "--json"]).succeeds();
    assert_eq!(report(&dir, "out")["done"], 10);
    assert!(
        r.json_lines()
            .iter()
            .filter(|e| e["event"] == "engine")
            .any(|e| e["status"] == "ended" && e["counts"]["succeeded"].as_u64() > Some(0)),
        "{}",
        r.stdout
    );
    let ids = srv.handle.batch_custom_ids();
    let batches = srv.handle.batches_created();
    assert!(batches >= ids.len().div_ceil(7) && batches > 3, "{batches} batches for {} requests", ids.len());
    assert!(r.stderr.contains("split into"), "{}", r.stderr);
    assert!(ids.iter().all(|id| id.len() <= 64 && !id.contains('.')), "{ids:?}");
    let slug = "a-very-long-slug-of-a-headline".repeat(2);
    assert!(dir.join(format!("out/wire.2026.03.{slug}.9.md")).is_file(), "the article keeps the story's id");
}

#[test]
fn killed_while_polling_each_round_no_request_is_submitted_twice() {
    let srv = server(BatchConfig { delay: Duration::from_millis(700), ..BatchConfig::default() });
    let dir = scratch();
    manifest(&dir, 20);
    // Killed while each of the pipeline's two rounds is being polled.
    for _ in 0..2 {
        let before = srv.handle.batches_created();
        let mut child = spawn_batch(&dir, &srv);
        // Kill during the new batch's polling.
        wait_for_batch(&srv, before);
        std::thread::sleep(Duration::from_millis(150));
        child.kill().unwrap();
        child.wait().unwrap();
    }
    batch(&dir, &srv, false, &["--engine", "provider"]).succeeds();
    assert_eq!(report(&dir, "out")["done"], 20);
    let ids = srv.handle.batch_custom_ids();
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "a request was submitted twice");
}

#[test]
fn the_export_import_loop_runs_to_the_end() {
    let srv = server(BatchConfig::default());
    let dir = scratch();
    manifest(&dir, 6);
    let mut rounds = 0;
    let mut r = batch(&dir, &srv, false, &["--engine", "export"]).run();
    while r.code != 0 {
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("--engine import --results"), "{}", r.stderr);
        rounds += 1;
        assert!(rounds <= 6, "{}", r.stderr);
        let file = dir.join(format!("out/requests-{rounds}.jsonl"));
        let input = std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("{}", r.stderr));
        // A line each, OpenAI's batch format, as vLLM's run-batch reads it.
        let first: Value = serde_json::from_str(input.lines().next().unwrap()).unwrap();
        assert_eq!(first["url"], "/v1/chat/completions");
        let output = srv.handle.run_batch_file(&input).unwrap();
        let results = dir.join(format!("results-{rounds}.jsonl"));
        write(&results, output);
        r = batch(&dir, &srv, false, &["--engine", "import", "--results", results.to_str().unwrap()]).run();
    }
    assert!((2..=3).contains(&rounds), "{rounds} rounds");
    assert_eq!(report(&dir, "out")["done"], 6);
    assert_eq!(srv.handle.batches_created(), 0);
}

#[test]
fn ctrl_c_twice_and_cancel_cancel_the_provider_batches() {
    let srv = server(BatchConfig { delay: Duration::from_secs(600), ..BatchConfig::default() });
    let dir = scratch();
    manifest(&dir, 3);
    let mut child = spawn_batch(&dir, &srv);
    wait_for_batch(&srv, 0);
    wait_for_journal(&dir, 1);
    for _ in 0..2 {
        std::thread::sleep(Duration::from_millis(200));
        let _ = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    }
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert_eq!(srv.handle.batches_cancelled(), 1);
    // A run killed outright leaves its batch open; --cancel cancels it.
    let mut child = spawn_batch(&dir, &srv);
    wait_for_batch(&srv, 1);
    wait_for_journal(&dir, 2);
    child.kill().unwrap();
    child.wait().unwrap();
    let r = Parallax::new(&dir).fake(&srv).batch(["--cancel", "out"]).succeeds();
    assert!(r.stderr.contains("1 provider batch(es) cancelled"), "{}", r.stderr);
    assert_eq!(srv.handle.batches_cancelled(), 2);
}

#[test]
fn an_enqueued_token_limit_sends_a_round_in_parts_one_after_another() {
    let srv = server(BatchConfig::default());
    let dir = scratch();
    manifest(&dir, 8);
    write(dir.join("parallax.toml"), "[batch]\nmax_enqueued_tokens = 12000\n");
    let r = batch(&dir, &srv, false, &["--engine", "provider"]).succeeds();
    assert_eq!(report(&dir, "out")["done"], 8);
    // Without the limit, one batch per round (two); with it, a round goes in parts.
    assert!(srv.handle.batches_created() > 2, "{}", r.stderr);
}

#[test]
fn stories_go_through_an_engine_in_windows() {
    let srv = server(BatchConfig { delay: Duration::from_millis(20), ..BatchConfig::default() });
    let dir = scratch();
    manifest(&dir, 12);
    write(dir.join("parallax.toml"), "[batch]\nwindow = 4\n");
    let r = batch(&dir, &srv, false, &["--engine", "provider"]).succeeds();
    assert_eq!(report(&dir, "out")["done"], 12);
    let ids = srv.handle.batch_custom_ids();
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "a request was submitted twice");
    // No batch holds more than a window's stories' requests of one round.
    let briefs_per_batch = r
        .stderr
        .lines()
        .filter_map(|l| l.split("with ").nth(1)?.split(' ').next()?.parse::<usize>().ok())
        .max()
        .unwrap_or(0);
    assert!(briefs_per_batch <= 4 * 6, "{}", r.stderr);
    assert!(srv.handle.batches_created() > 3, "12 stories in windows of 4 take more batches than rounds");
}
