//! `parallax batch`: hundreds of stories against the fake server with faults and a
//! rate limit, crashes and reruns, bad manifests, the cost cap and the dry run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fake_llm::{Config, Fault, FaultPlan};
use serde_json::Value;

use crate::support::{
    Parallax, done_events, fast_config, files, read, read_json, scratch, serve, write, write_stories,
};

/// The marker that ties a request to its story: `S-0042`.
fn marker(i: usize) -> String {
    format!("S-{i:04}")
}

/// A JSONL manifest of `n` distinct stories with inline text.
fn manifest(dir: &Path, n: usize) -> PathBuf {
    write_stories(dir, n, |i| {
        format!(
            "# Council vote {i}\n\nThe city council of district {i} approved a budget of ${}.5 million on March 3. This is story {} of the series.\n\nSeoul said the plan was sound.\n\nWashington said it was watching district {i}.",
            i + 10,
            marker(i)
        )
    })
}

fn report(dir: &Path) -> Value {
    read_json(dir.join("out/report.json"))
}

/// How many times the journal records each story done (a line cut by a kill is no record).
fn journal_done(dir: &Path) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(dir.join("out/journal.jsonl")).unwrap_or_default();
    let mut done = BTreeMap::new();
    for e in
        text.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()).filter(|e| e["state"] == "done")
    {
        *done.entry(e["id"].as_str().unwrap().to_string()).or_insert(0) += 1;
    }
    done
}

/// The story a logged request belongs to, by its marker.
fn story_of(body: &Value) -> Option<usize> {
    let text = body.to_string();
    let at = text.find("S-")?;
    text.get(at + 2..at + 6)?.parse().ok()
}

#[test]
fn five_hundred_stories_through_faults_and_a_rate_limit() {
    let srv = serve(Config {
        faults: FaultPlan { rate: 0.3, kinds: Fault::all(), seed: 11, per_conversation: 1 },
        // 26 requests per 100 ms: the opening burst of 32 stories always trips it,
        // while the sustained rate stays mostly under it.
        rpm: 26,
        rate_window: Duration::from_millis(100),
        ..Config::default()
    });
    let dir = scratch();
    // A call may meet a fault and several 429s in a row: allow enough retries.
    fast_config(&dir, 16, "concurrency = 32");
    let list = manifest(&dir, 500);
    Parallax::new(&dir)
        .fake(&srv)
        .batch([list.to_str().unwrap(), "--out", "out", "-j", "32", "--no-revise"])
        .succeeds();
    let rep = report(&dir);
    assert_eq!(
        (rep["done"].as_u64(), rep["failed"].as_u64(), rep["stories"].as_u64()),
        (Some(500), Some(0), Some(500))
    );
    let done = journal_done(&dir);
    assert_eq!(done.len(), 500);
    assert!(done.values().all(|n| *n == 1), "each story done once");
    let log = srv.handle.requests();
    let faults = log.iter().filter(|q| q.outcome != "ok" && q.outcome != "rpm-429").count();
    let limited = log.iter().filter(|q| q.outcome == "rpm-429").count();
    eprintln!("500 stories: {} requests, {limited} rate-limited, {faults} faults among the rest", log.len());
    assert!(faults as f64 >= 0.15 * log.len() as f64, "{faults} faults in {}", log.len());
    assert!(limited > 0, "the rate limit was reached");
    // No call answered twice: each conversation has at most one good answer.
    let mut answered: BTreeMap<u64, usize> = BTreeMap::new();
    for q in log.iter().filter(|q| q.outcome == "ok") {
        *answered.entry(q.conversation).or_insert(0) += 1;
    }
    assert!(answered.values().all(|n| *n == 1), "a call was answered twice");
    let briefs: BTreeSet<usize> = log
        .iter()
        .filter(|q| q.outcome == "ok" && q.schema_name() == Some("brief"))
        .filter_map(|q| story_of(&q.body))
        .collect();
    assert_eq!(briefs.len(), 500, "every story's brief exactly once");
    assert_eq!(rep["usage"]["prompt_tokens"].as_u64().map(|n| n > 0), Some(true));

    // A rerun of the finished batch makes no call at all.
    let before = log.len();
    Parallax::new(&dir).fake(&srv).batch([list.to_str().unwrap(), "--out", "out", "-j", "32"]).succeeds();
    assert_eq!(srv.handle.requests().len(), before);
    assert_eq!(report(&dir)["already_done"], 500);
}

fn complete_article(text: &str) -> bool {
    text.starts_with("---\n") && text.contains("\n## Sources\n") && text.ends_with('\n')
}

#[test]
fn killed_three_times_it_finishes_every_story_exactly_once() {
    let srv = serve(Config { latency: Duration::from_millis(40), ..Config::default() });
    let dir = scratch();
    let list = manifest(&dir, 60);
    let run = || {
        let args = [list.to_str().unwrap(), "--out", "out", "-j", "6", "--no-cache", "--no-revise"];
        Parallax::new(&dir).fake(&srv).batch(args)
    };
    // Kill points spread over the run: after a few more stories are done each
    // time (however loaded the machine), never at a fixed time.
    let mut boundaries = Vec::new();
    let mut done_after = Vec::new();
    for target in [8usize, 20, 32] {
        let mut child = run().spawn();
        let deadline = Instant::now() + Duration::from_secs(60);
        while journal_done(&dir).len() < target && Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().ok(); // SIGKILL
        child.wait().unwrap();
        boundaries.push(srv.handle.requests().len());
        done_after.push(journal_done(&dir));
        for p in files(dir.join("out"), "*.md") {
            assert!(complete_article(&read(&p)), "truncated {}", p.display());
        }
    }
    run().succeeds();
    let done = journal_done(&dir);
    assert_eq!(done.len(), 60);
    assert!(done.values().all(|n| *n == 1), "each story done exactly once: {done:?}");
    let counts: Vec<usize> = done_after.iter().map(|d| d.len()).collect();
    eprintln!("stories done after each kill: {counts:?}");
    assert!(counts.iter().any(|n| *n > 0) && counts[2] < 60, "kills landed mid-run: {counts:?}");
    let log = srv.handle.requests();
    for (k, finished) in done_after.iter().enumerate() {
        for q in &log[boundaries[k]..] {
            if let Some(i) = story_of(&q.body) {
                assert!(
                    !finished.contains_key(&format!("story-{i:04}")),
                    "story {i} was called again after it finished"
                );
            }
        }
    }
    for i in 0..60 {
        let text = read(dir.join(format!("out/story-{i:04}.md")));
        assert!(complete_article(&text));
    }
}

#[test]
fn malformed_lines_and_missing_sources_are_reported_and_the_rest_run() {
    let dir = scratch();
    write(dir.join("a.md"), "The council met on March 3.\n\nSeoul said so.");
    let lines = [
        r#"{"id": "one", "source": "a.md"}"#,
        r#"{"id": "two", "text": "Tokyo said the plan was sound."}"#,
        r#"{"id": "three" "source": "a.md"}"#,
        r#"{"id": "four", "source": "missing-1.md"}"#,
        r#"{"id": "five", "source": "a.md", "colour": "red"}"#,
        r#"{"id": "six", "sources": ["a.md", "missing-2.md"]}"#,
        r#"{"id": "seven", "text": "Beijing said it was watching."}"#,
        r#"{"id": "one", "text": "A duplicate id."}"#,
    ];
    write(dir.join("m.jsonl"), lines.join("\n"));
    let r = Parallax::new(&dir).batch(["m.jsonl", "--out", "out"]).fails_with(1);
    let rep = report(&dir);
    assert_eq!(rep["done"], 3);
    let failure = |f: &Value| (f["line"].as_u64().unwrap(), f["reason"].as_str().unwrap().to_string());
    let failures: Vec<(u64, String)> = rep["failures"].as_array().unwrap().iter().map(failure).collect();
    let lines_reported: Vec<u64> = failures.iter().map(|f| f.0).collect();
    assert_eq!(lines_reported, [3, 4, 5, 6, 8], "{failures:?}");
    assert!(failures[1].1.contains("missing-1.md") && failures[3].1.contains("missing-2.md"), "{failures:?}");
    assert!(failures[2].1.contains("colour") && failures[4].1.contains("duplicate id"), "{failures:?}");
    for l in [3, 4, 5, 6, 8] {
        assert!(r.stderr.contains(&format!("batch: line {l}")), "{}", r.stderr);
    }
}

fn priced(dir: &Path) {
    fast_config(dir, 3, "model = \"m\"\n[prices.m]\ninput = 1000.0\noutput = 1000.0");
}

#[test]
fn the_cost_cap_stops_within_one_story_and_the_dry_run_estimate_holds() {
    let srv = serve(Config::default());
    let dir = scratch();
    priced(&dir);
    let list = manifest(&dir, 12);
    let base = |extra: &[&str]| {
        Parallax::new(&dir).fake(&srv).batch([list.to_str().unwrap(), "--no-revise"]).args(extra)
    };
    let tokens = |u: &Value| u["prompt_tokens"].as_f64().unwrap() + u["completion_tokens"].as_f64().unwrap();
    let plan = base(&["--out", "plan", "--dry-run", "--json"]).succeeds().json();
    assert!(srv.handle.requests().is_empty(), "a dry run calls nothing");
    let estimated = tokens(&plan["usage"]);
    base(&["--out", "out", "--no-cache"]).succeeds();
    let measured = tokens(&report(&dir)["usage"]);
    let error = (estimated - measured).abs() / measured;
    eprintln!("dry-run estimate {estimated} tokens, measured {measured}: {:.1}% off", error * 100.0);
    assert!(error <= 0.25, "estimate {estimated} vs measured {measured}");

    let per_story = report(&dir)["cost_usd"].as_f64().unwrap() / 12.0;
    let cap = per_story * 4.5;
    std::fs::remove_dir_all(dir.join("out")).unwrap();
    base(&["--out", "out", "--no-cache", "-j", "2", "--max-cost", &format!("{cap}")]).fails_with(1);
    let rep = report(&dir);
    let spent = rep["cost_usd"].as_f64().unwrap();
    assert!(spent <= cap + per_story * 1.2, "spent {spent} with a cap of {cap} (story ≈ {per_story})");
    assert!(rep["not_started"].as_u64().unwrap() > 0 && rep["done"].as_u64().unwrap() >= 3, "{rep}");
    assert!(rep["stopped"].as_str().unwrap().contains("cost cap"), "{rep}");
}

#[test]
fn folders_and_globs_are_manifests_too() {
    let dir = scratch();
    std::fs::create_dir(dir.join("wire")).unwrap();
    for name in ["one", "two"] {
        write(dir.join(format!("wire/{name}.md")), format!("Story {name}: Seoul said so."));
    }
    let started = Instant::now();
    let r = Parallax::new(&dir).batch(["wire", "--out", "out", "--json"]).succeeds();
    assert_eq!(done_events(&r.stdout), 2, "{}", r.stdout);
    assert!(dir.join("out/one.md").exists() && dir.join("out/two.provenance.json").exists());
    Parallax::new(&dir).batch(["wire/t*.md", "--out", "out2"]).succeeds();
    assert!(dir.join("out2/two.md").exists() && !dir.join("out2/one.md").exists());
    assert!(started.elapsed() < Duration::from_secs(600));
}

#[test]
fn without_jobs_the_stories_in_flight_follow_the_providers_concurrency() {
    // Long enough a call that the stories overlap on a loaded machine too.
    let srv = serve(Config { latency: Duration::from_millis(250), ..Config::default() });
    let dir = scratch();
    fast_config(&dir, 2, "concurrency = 16");
    let list = manifest(&dir, 24);
    Parallax::new(&dir).fake(&srv).batch([list.to_str().unwrap(), "--out", "out", "--no-revise"]).succeeds();
    // The most briefs the server held at once (its logical clock orders
    // arrivals and completions): a story asks for one brief, first, so that is
    // the stories in flight, within `concurrency`.
    let log = srv.handle.requests();
    let briefs: Vec<_> = log.iter().filter(|q| q.schema_name() == Some("brief")).collect();
    let peak = briefs
        .iter()
        .map(|q| briefs.iter().filter(|o| o.started <= q.started && q.started < o.finished).count())
        .max()
        .unwrap_or(0);
    assert!(peak > 8, "more stories in flight than the old default of 8: peak {peak}");
    let all = log
        .iter()
        .map(|q| log.iter().filter(|o| o.started <= q.started && q.started < o.finished).count())
        .max()
        .unwrap_or(0);
    assert!(all <= 16, "never more requests than `concurrency`: peak {all}");
}
