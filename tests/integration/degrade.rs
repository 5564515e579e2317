//! An article is never lost to one bad answer: against a server whose answers are
//! schema-valid but sloppy, drafts and batches finish with the weak parts marked;
//! `--strict` refuses them; failures that retrying cannot fix stop at once.

use fake_llm::{Config, FakeServer, Fault, FaultPlan, Reply};
use std::path::Path;

use serde_json::Value;

use crate::support::{
    Parallax, answering, fast_config, files, findings, read, read_json, refused_url, scratch, serve, write,
    write_stories,
};

fn sloppy(faults: f64) -> FakeServer {
    serve(Config {
        sloppy: true,
        faults: FaultPlan { rate: faults, kinds: Fault::all(), seed: 5, per_conversation: 1 },
        ..Config::default()
    })
}

/// The findings of a JSON article that must never reach print: a number, date,
/// amount, quotation or name its passages do not hold, another side's words, a
/// position its side did not state.
fn hard_findings(json_article: &Path) -> Vec<String> {
    let v: Value = read_json(json_article);
    let grounding = ["number", "date", "percentage", "money", "quote", "entity"];
    findings(&v)
        .iter()
        .filter(|f| {
            let (check, kind) = (f["check"].as_str().unwrap_or(""), f["kind"].as_str().unwrap_or(""));
            (check == "grounding" && grounding.contains(&kind))
                || check == "attribution"
                || kind == "invented-position"
        })
        .map(|f| format!("{}: {} `{}`", f["location"], f["kind"], f["claim"]))
        .collect()
}

/// The `degraded:` list of a Markdown article's front matter.
fn degraded_list(article: &str) -> Vec<String> {
    let Some(start) = article.find("\n    degraded:\n") else {
        return Vec::new();
    };
    article[start + "\n    degraded:\n".len()..]
        .lines()
        .take_while(|l| l.starts_with("    - "))
        .map(|l| l.trim_start_matches("    - ").to_string())
        .collect()
}

#[test]
fn a_hundred_sloppy_drafts_are_all_written_with_their_weak_parts_listed() {
    let srv = sloppy(0.0);
    let dir = scratch();
    fast_config(&dir, 2, "");
    let mut degraded = 0;
    for i in 0..100 {
        let out = format!("a{i}.md");
        let r = Parallax::new(&dir)
            .draft_prism()
            .fake(&srv)
            .args(["-o", &out, "--format", "md,json", "--no-cache", "--date", "2026-01-02"])
            .succeeds();
        let hard = hard_findings(&dir.join(format!("a{i}.json")));
        assert!(hard.is_empty(), "draft {i} printed hard findings: {hard:?}");
        let article = read(dir.join(&out));
        let listed = degraded_list(&article);
        assert!(
            r.stderr.contains("degraded part") != listed.is_empty(),
            "draft {i}: the summary counts what the front matter lists\n{}",
            r.stderr
        );
        degraded += usize::from(!listed.is_empty());
        assert!(article.contains("## "), "draft {i} has its sections");
    }
    eprintln!("100 sloppy drafts: 100 written, {degraded} with degraded parts");
    assert!(degraded >= 50, "sloppy answers degrade most drafts: {degraded}");
}

#[test]
fn strict_refuses_a_degraded_article_and_writes_nothing() {
    let srv = sloppy(0.0);
    let dir = scratch();
    fast_config(&dir, 2, "");
    Parallax::new(&dir)
        .draft_prism()
        .fake(&srv)
        .args(["-o", "s.md", "--strict", "--no-cache"])
        .expect_failure(1, &["degraded"]);
    assert!(files(&dir, "s.*").is_empty(), "nothing written under --strict");
}

#[test]
fn a_sloppy_batch_through_faults_loses_no_story() {
    let srv = sloppy(0.2);
    let dir = scratch();
    fast_config(&dir, 8, "concurrency = 16");
    write_stories(&dir, 200, |i| {
        format!(
            "# Port deal {i}\n\nThe port authority of district {i} signed a contract worth ${}.5 million on May 4.\n\n\
             Seoul said the deal was \"a step toward open trade\".\n\nWashington said it \"will watch district {i} closely\".\n\n\
             Tokyo has called for \"stable access\" to the port.",
            i + 3
        )
    });
    let r = Parallax::new(&dir).fake(&srv).batch(["stories.jsonl", "--out", "out", "-j", "16"]).succeeds();
    let report: Value = read_json(dir.join("out/report.json"));
    assert_eq!(report["done"], 200, "{report}");
    assert_eq!(report["failed"], 0, "{report}");
    let degraded = report["degraded"].as_u64().unwrap();
    eprintln!(
        "200-story sloppy batch: {} requests, done {}, failed {}, degraded {degraded}",
        srv.handle.requests().len(),
        report["done"],
        report["failed"]
    );
    assert!(degraded > 0 && degraded <= 200, "{report}");
    assert!(r.stderr.contains("with degraded parts"), "{}", r.stderr);
    for i in 0..200 {
        let hard = hard_findings(&dir.join(format!("out/story-{i:04}.json")));
        assert!(hard.is_empty(), "story {i} printed hard findings: {hard:?}");
    }
    let faults = srv.handle.requests().len();
    assert!(faults > 200 * 6, "the batch made its calls: {faults}");
}

#[test]
fn a_refused_local_server_is_tried_twice_and_named_in_one_line() {
    let url = refused_url();
    let r = Parallax::scratch()
        .draft_prism()
        .env("OPENAI_BASE_URL", &url)
        .expect_failure(1, &[&url, "is the server running"]);
    let warnings = r.stderr.lines().filter(|l| l.contains("WARN")).count();
    assert!(warnings <= 1, "at most one warning (one retry):\n{}", r.stderr);
}

#[test]
fn a_context_length_error_is_tried_once_more_smaller_then_names_the_fix() {
    let body = r#"{"error":{"message":"This model's maximum context length is 4096 tokens. However, your messages resulted in 9000 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}"#;
    let srv = answering(Reply::Status { code: 400, body: body.into() });
    let dir = scratch();
    fast_config(&dir, 4, "");
    Parallax::new(&dir)
        .draft_prism()
        .fake(&srv)
        .expect_failure(1, &["stage `brief`", "fewer or shorter sources", "tokens"]);
    // Not retried as a transient failure: sent once more, fitted to the
    // reported context, and that is all.
    let log = srv.handle.requests();
    assert_eq!(log.len(), 2, "one smaller attempt");
    assert!(log[1].body.to_string().len() < log[0].body.to_string().len());
}

#[test]
fn absurd_retry_headers_from_a_server_are_survived() {
    let limited = |headers: &[(&str, &str)]| Reply::Raw {
        code: 429,
        headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        body: r#"{"error":{"message":"slow down","type":"rate_limit"}}"#.into(),
    };
    let srv = serve(Config {
        script: vec![
            limited(&[("retry-after-ms", "inf"), ("retry-after", "1e30")]),
            limited(&[
                ("x-ratelimit-remaining-requests", "0"),
                ("x-ratelimit-reset-requests", "99999999999h"),
            ]),
        ],
        ..Config::default()
    });
    let dir = scratch();
    fast_config(&dir, 4, "");
    let r = Parallax::new(&dir).draft_prism().fake(&srv).args(["-o", "a.md"]).succeeds();
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(dir.join("a.md").exists());
}

#[test]
fn an_answer_cut_off_twice_degrades_its_part_and_the_draft_goes_on() {
    // Every answer stops at max_tokens, the raised one too: a model that loops.
    let srv = serve(Config {
        faults: FaultPlan { rate: 1.0, kinds: vec![Fault::LengthCut], seed: 1, per_conversation: 2 },
        ..Config::default()
    });
    let dir = scratch();
    fast_config(&dir, 2, "");
    let r = Parallax::new(&dir)
        .draft_prism()
        .fake(&srv)
        .args(["-o", "a.md", "--format", "md,json", "--no-revise", "--no-cache"])
        .succeeds();
    let requests = srv.handle.requests();
    let stages = 1 + 1 + 4 + 1;
    assert!(requests.len() <= stages * 2, "one raise per part at most: {} requests", requests.len());
    let json: Value = read_json(dir.join("a.json"));
    let findings = findings(&json);
    let degraded: Vec<&str> =
        findings.iter().filter(|f| f["kind"] == "degraded").filter_map(|f| f["claim"].as_str()).collect();
    assert!(degraded.iter().any(|d| d.contains("cut off")), "{degraded:?}\n{}", r.stderr);
    assert!(r.stderr.contains("degraded part"), "{}", r.stderr);
}

#[test]
fn a_streamed_answer_that_repeats_itself_is_stopped_early() {
    let looped = format!("{{\"key_facts\": [{{\"text\": \"{}", "and so on ".repeat(3_000));
    let srv = answering(Reply::Content(looped.clone()));
    let dir = scratch();
    fast_config(&dir, 2, "");
    let r = Parallax::new(&dir)
        .draft_prism()
        .fake(&srv)
        .args(["-o", "a.md", "--no-revise", "--no-cache"])
        .succeeds();
    let stopped: Vec<usize> = r
        .stderr
        .lines()
        .filter_map(|l| l.split("stopped after ").nth(1))
        .filter_map(|rest| rest.split(' ').next()?.parse().ok())
        .collect();
    assert!(!stopped.is_empty(), "{}", r.stderr);
    assert!(stopped.iter().all(|&n| n < looped.len() / 4), "{stopped:?} of {}", looped.len());
    assert!(r.stderr.contains("degraded part"), "{}", r.stderr);
}

#[test]
fn a_headline_may_state_what_the_source_title_states() {
    let dir = scratch();
    // The title (the offline headline) holds a number no passage of the body does:
    // it is what the source itself says, so the headline keeps it.
    let text_text = "---\ntitle: \"Port deal signed for 77 ships\"\n---\n\nThe port authority signed a lease worth $12.5 million on March 3.\n\nSeoul's foreign ministry said the lease was sound.\n";
    write(dir.join("s.md"), text_text);
    Parallax::new(&dir).draft(["s.md", "-o", "a.json"]).succeeds();
    let a: serde_json::Value = read_json(dir.join("a.json"));
    assert_eq!(a["headline"].as_str(), Some("Port deal signed for 77 ships"));
    let findings = serde_json::to_string(&findings(&a)).unwrap();
    assert!(!findings.contains("degraded") && !findings.contains("\"hard\""), "{findings}");
}

/// Against a real `llama-server` serving a model with random weights (set
/// `PARALLAX_TEST_LLAMA_URL`, e.g. `http://127.0.0.1:8080/v1`; see
/// docs/providers.md): every answer is word salad under the server's grammar,
/// often cut off. The draft still exits 0, its weak parts degraded and listed,
/// and nothing hard reaches print.
#[test]
#[ignore = "needs a llama-server with a random-weights model (PARALLAX_TEST_LLAMA_URL)"]
fn a_random_weights_model_behind_llama_server_degrades_and_completes() {
    let url = std::env::var("PARALLAX_TEST_LLAMA_URL").expect("PARALLAX_TEST_LLAMA_URL is set");
    let dir = scratch();
    let r = Parallax::new(&dir)
        .draft_prism()
        .provider("llamacpp", &url)
        .args(["-o", "a.md", "--format", "md,json"])
        .succeeds();
    assert!(hard_findings(&dir.join("a.json")).is_empty());
    let md = read(dir.join("a.md"));
    assert!(degraded_list(&md).len() >= 4, "{}", r.stderr);
    // No printed part is salad: at least half of its words of four letters or
    // more are the sources' (parallax's own notices of silence aside).
    let sources: std::collections::HashSet<String> =
        crate::support::prism_sources().iter().flat_map(|s| long_words(&read(s))).collect();
    let body = md.splitn(3, "---\n").nth(2).unwrap_or_default();
    let body = body.split("## About the author").next().unwrap_or_default();
    for line in body.lines().filter(|l| !l.starts_with('#')) {
        let words = long_words(line);
        let own = ["no stated position", "gives no reasons", "do not spell out"];
        if words.len() < 2 || own.iter().any(|o| line.contains(o)) {
            continue;
        }
        let known = words.iter().filter(|w| sources.contains(*w)).count();
        assert!(known * 2 >= words.len(), "salad in print: {line}");
    }
}

/// The lower-cased words of four letters or more of `text`, markup aside.
fn long_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 4).map(str::to_lowercase).collect()
}
