//! The integrity checks: a corpus of articles with planted faults and clean ones
//! (`tests/fixtures/check`), the revision round against the fake server, and the
//! provenance sidecar.

use std::collections::BTreeSet;
use std::path::PathBuf;

use fake_llm::{Config, FakeServer, Tamper};
use serde::Deserialize;
use serde_json::Value;

use crate::support::{EXAMPLES, Parallax, prism_sources, read, read_json, root, scratch, serve};

#[derive(Deserialize)]
struct Case {
    name: String,
    article: String,
    sources: Vec<String>,
    persona: String,
    /// `kind: claim` for each planted fault (`kind: perspective` for balance).
    expect: Vec<String>,
}

fn corpus_dir() -> PathBuf {
    root().join("tests/fixtures/check")
}

/// `kind: claim` of each finding, with the perspective id for balance findings.
fn keys(report: &Value) -> Vec<String> {
    let mut out: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let kind = f["kind"].as_str().unwrap_or("");
            let what = match kind {
                "lopsided" | "invented-position" => {
                    f["section"].as_str().unwrap_or("").trim_start_matches("perspective:")
                }
                _ => f["claim"].as_str().unwrap_or(""),
            };
            format!("{kind}: {what}")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_planted_fault_is_found_and_clean_articles_pass() {
    let dir = corpus_dir();
    let cases: Vec<Case> = serde_json::from_value(read_json(dir.join("cases.json"))).unwrap();
    let faulty = cases.iter().filter(|c| !c.expect.is_empty()).count();
    assert!(faulty >= 20 && cases.len() - faulty >= 10, "{faulty} faulty, {} clean", cases.len() - faulty);
    let kinds: BTreeSet<&str> =
        cases.iter().flat_map(|c| &c.expect).filter_map(|e| e.split(':').next()).collect();
    for kind in ["number", "date", "quote", "entity", "missing-perspective", "lopsided", "misattributed"] {
        assert!(kinds.contains(kind), "no planted `{kind}` fault");
    }
    assert!(
        kinds.iter().any(|k| ["first-mention", "attribution", "neutral-name"].contains(k)),
        "no glossary fault"
    );

    let mut mismatches = Vec::new();
    for c in &cases {
        let sources = c.sources.iter().flat_map(|s| ["--source", s]);
        let r = Parallax::new(&dir)
            .args(["check", &c.article, "--json", "--persona", &c.persona])
            .args(sources)
            .run();
        let report: Value = match serde_json::from_str(&r.stdout) {
            Ok(v) => v,
            Err(e) => {
                mismatches.push(format!("{}: no JSON report ({e}): {}", c.name, r.stderr));
                continue;
            }
        };
        let mut want = c.expect.clone();
        want.sort();
        let got = keys(&report);
        let code = if want.is_empty() { 0 } else { 1 };
        if got != want || r.code != code {
            mismatches
                .push(format!("{}: exit {} (want {code})\n  want {want:?}\n  got  {got:?}", c.name, r.code));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} cases differ:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
}

#[test]
fn check_prints_findings_for_people_and_json_for_machines() {
    let dir = corpus_dir();
    let check = |article: &str| {
        Parallax::new(&dir).args(["check", article, "-s", "sources/kcna.md", "-s", "sources/reactions.md"])
    };
    let r = check("articles/f01-changed-number.md").fails_with(1);
    let section = "articles/f01-changed-number.md: section 2 \"Troops and a treaty\"";
    assert!(r.stdout.contains(section) || r.stdout.contains("number `16,000`"), "{}", r.stdout);
    let finding = "number `16,000`: no such number in passages S6 (the passages say `15,000`)";
    assert!(r.stdout.contains(finding), "{}", r.stdout);
    assert!(r.stdout.contains("balance: south-korea"), "{}", r.stdout);
    // A human-written article with no passage ids is told so, and passes.
    let r = check("articles/c05-korea-human-no-cites.md").succeeds();
    assert!(r.stdout.contains("no passage ids"), "{}", r.stdout);
}

fn tampered(schemas: &[&str]) -> FakeServer {
    serve(Config {
        tamper: Some(Tamper {
            schemas: schemas.iter().map(|s| s.to_string()).collect(),
            append: " Tokyo counted 42,000 troops.".into(),
        }),
        ..Config::default()
    })
}

#[test]
fn a_fabricated_number_is_revised_away() {
    let srv = tampered(&["perspective_japan"]);
    let dir = scratch();
    let r = Parallax::new(&dir).fake(&srv).draft_prism().args(["-o", "a.md"]).succeeds();
    assert!(
        r.stderr.contains("round 3: revising 1 section with findings: perspective:japan"),
        "{}",
        r.stderr
    );
    let names: Vec<String> =
        srv.handle.requests().iter().filter_map(|q| q.schema_name().map(str::to_string)).collect();
    assert_eq!(names.iter().filter(|n| *n == "revise_perspective_japan").count(), 1, "{names:?}");
    let revision = srv
        .handle
        .requests()
        .into_iter()
        .find(|q| q.schema_name() == Some("revise_perspective_japan"))
        .unwrap();
    assert!(revision.body.to_string().contains("42,000"), "the revision call receives the finding");
    let article = read(dir.join("a.md"));
    assert!(!article.contains("42,000"), "{article}");
    // The revised section is listed, and nothing in it is flagged any more (the
    // closing, written beside it from the brief, may carry a framing finding).
    assert!(article.contains("- perspective:japan"), "{article}");
    let json: Value = serde_json::from_str(
        &Parallax::new(&dir)
            .args(["check", "a.md", "--json"])
            .args(prism_sources().iter().flat_map(|s| ["--source".to_string(), s.clone()]))
            .run()
            .stdout,
    )
    .expect("check --json prints its report");
    let japan = json["findings"]
        .as_array()
        .expect("a findings list")
        .iter()
        .filter(|f| f["location"].as_str().unwrap_or("").contains("japan"))
        .count();
    assert_eq!(japan, 0, "{json}");
    let provenance: Value = read_json(dir.join("a.provenance.json"));
    assert_eq!(provenance["integrity"]["revised"][0], "perspective:japan");
}

#[test]
fn strict_fails_naming_the_claim_that_survives_revision() {
    let srv = tampered(&["perspective_japan", "revise_perspective_japan"]);
    let dir = scratch();
    let draft = |extra: &[&str]| Parallax::new(&dir).fake(&srv).draft_prism().args(extra);
    let r = draft(&["--strict", "-o", "strict.md"]).fails_with(1);
    let line = r.error_line();
    assert!(line.contains("42,000") && line.contains("perspective japan"), "{line}");
    assert!(!dir.join("strict.md").exists(), "nothing is published under --strict");
    let r = draft(&["-o", "lenient.md"]).succeeds();
    assert!(r.stderr.contains("integrity: perspective japan"), "a warning without --strict: {}", r.stderr);
    let article = read(dir.join("lenient.md"));
    assert!(article.contains("passed: false"), "{article}");
}

#[test]
fn every_drafted_article_has_an_integrity_report_and_provenance() {
    let dir = scratch();
    Parallax::new(&dir).draft_prism().args(["-o", "x.md"]).succeeds();
    let article = read(dir.join("x.md"));
    assert!(article.contains("  integrity:\n    passed: "), "{article}");
    let p: Value = read_json(dir.join("x.provenance.json"));
    assert_eq!(p["persona"]["origin"], "builtin:prism");
    assert_eq!(p["persona"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(p["sources"].as_array().unwrap().len(), 2);
    assert!(p["templates"]["brief.j2"]["sha256"].is_string());
    assert_eq!(p["calls"].as_array().unwrap().len(), 6);
    assert_eq!(p["provider"]["name"], "extractive");
    assert!(p["integrity"]["balance"].is_array());
}

#[test]
fn statements_lists_who_said_what_as_json_lines() {
    let panama = corpus_dir().join("sources/panama.md");
    let r = Parallax::scratch().args(["statements", "--json", "--persona", "prism"]).arg(&panama).succeeds();
    let lines = r.json_lines();
    for l in &lines {
        for field in ["source", "passage", "speaker", "side", "verb", "content"] {
            assert!(l.get(field).is_some(), "{field} missing in {l}");
        }
    }
    let side_of = |speaker: &str| {
        lines
            .iter()
            .find(|l| l["speaker"].as_str().is_some_and(|s| s.starts_with(speaker)))
            .map(|l| l["side"].clone())
    };
    assert_eq!(side_of("Panama's foreign minister"), Some(Value::Null), "a chair's mention is not a side");
    assert_eq!(side_of("China's foreign ministry"), Some(Value::from("china")));
    assert_eq!(side_of("U.S. Secretary of State"), Some(Value::from("united-states")));
    assert_eq!(side_of("Japan, the canal's"), Some(Value::from("japan")));
}

#[test]
fn an_offline_draft_gives_each_side_only_its_own_statements() {
    let panama = corpus_dir().join("sources/panama.md");
    let r = Parallax::scratch().draft(["--format", "json", "--persona", "prism"]).arg(&panama).succeeds();
    let article: Value = r.json();
    let sections = article["perspectives"].as_array().unwrap();
    let text = |id: &str| {
        let s = sections.iter().find(|s| s["id"] == id).unwrap();
        format!("{} {} {}", s["position"]["text"], s["reasons"]["text"], s["implications"]["text"])
    };
    assert!(!text("china").contains("Panama's foreign minister"), "{}", text("china"));
    assert!(text("china").contains("Mao Ning"), "{}", text("china"));
    assert!(!text("united-states").contains("Mao Ning"), "{}", text("united-states"));
    assert!(text("japan").contains("stable and predictable access"), "{}", text("japan"));
}

#[test]
fn offline_drafts_of_every_example_state_each_side_in_its_own_statements() {
    for (persona, files) in EXAMPLES {
        let dir = scratch();
        let sources: Vec<String> = files.iter().map(|f| crate::support::example(f)).collect();
        let said = Parallax::new(&dir)
            .args(["statements", "--json", "--persona", persona])
            .args(&sources)
            .succeeds();
        let pairs: BTreeSet<(String, String)> = said
            .json_lines()
            .iter()
            .filter_map(|v| Some((v["passage"].as_str()?.to_string(), v["side"].as_str()?.to_string())))
            .collect();
        let r =
            Parallax::new(&dir).draft(["--format", "json", "--persona", persona]).args(&sources).succeeds();
        let article: Value = r.json();
        for p in article["perspectives"].as_array().unwrap() {
            if p["stated"] != true {
                continue;
            }
            let id = p["id"].as_str().unwrap().to_string();
            for cite in p["position"]["cites"].as_array().unwrap() {
                let key = (cite.as_str().unwrap().to_string(), id.clone());
                assert!(
                    pairs.contains(&key),
                    "{persona}: {id}'s position cites {key:?}, not a statement of {id}"
                );
            }
        }
    }
}
