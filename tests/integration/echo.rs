//! A weak model's answers: schema-valid JSON whose texts are lines taken from
//! anywhere in the prompt, instructions and passage annotations included. What
//! is printed holds none of them, and no side's section carries another side's
//! statement; every part replaced is listed as degraded. The oracle here is
//! independent of the checks: it reads the prompt templates' prose itself.

use std::collections::HashSet;

use fake_llm::Config;
use serde_json::Value;

use crate::support::{Parallax, example, fast_config, findings, fixture, read_json, root, scratch, serve};

/// Every printed text of a JSON article, with where it is and the side whose
/// section it is in.
fn printed(a: &Value) -> Vec<(String, Option<String>, String)> {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let mut out = vec![
        ("headline".into(), None, s(&a["headline"])),
        ("deck".into(), None, s(&a["deck"])),
        ("lede".into(), None, s(&a["lede"]["text"])),
    ];
    for (i, sec) in a["sections"].as_array().into_iter().flatten().enumerate() {
        out.push((format!("section {i} subhead"), None, s(&sec["subhead"])));
        for (j, p) in sec["paragraphs"].as_array().into_iter().flatten().enumerate() {
            out.push((format!("section {i} paragraph {j}"), None, s(&p["text"])));
        }
    }
    for p in a["perspectives"].as_array().into_iter().flatten() {
        let id = s(&p["id"]);
        out.push((format!("{id} heading"), Some(id.clone()), s(&p["subhead"])));
        for part in ["position", "reasons", "implications"] {
            out.push((format!("{id} {part}"), Some(id.clone()), s(&p[part]["text"])));
        }
    }
    out.push(("closing".into(), None, s(&a["closing"]["text"])));
    out
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Runs of six words of the built-in prompt templates' prose.
fn instruction_runs() -> HashSet<String> {
    let mut runs = HashSet::new();
    for entry in std::fs::read_dir(root().join("prompts")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            // Template code is not prose: a line is cut where code begins.
            for piece in line.split(['{', '}', '<', '>']) {
                let w = words(piece);
                runs.extend(w.windows(6).map(|r| r.join(" ")));
            }
        }
    }
    runs
}

/// The statements of `sources` by a side: (side, content).
fn sided_statements(dir: &std::path::Path, sources: &[String]) -> Vec<(String, String)> {
    let r =
        Parallax::new(dir).arg("statements").args(sources).args(["--persona", "prism", "--json"]).succeeds();
    r.json_lines()
        .iter()
        .filter_map(|s| Some((s["side"].as_str()?.to_string(), s["content"].as_str()?.to_string())))
        .filter(|(_, content)| content.split_whitespace().count() >= 6)
        .collect()
}

#[test]
fn what_a_weak_model_echoes_never_reaches_print() {
    let srv = serve(Config { echo: true, ..Config::default() });
    let stories: [(&str, Vec<String>); 5] = [
        ("prism", vec![example("kim-putin-new-year.md"), example("north-korea-russia-reactions.md")]),
        ("circuit", vec![example("chip-export-controls.md")]),
        ("prism", vec![fixture("check/sources/missile-ko.md")]),
        ("prism", vec![fixture("sources/senkaku-ja.md")]),
        ("prism", vec![fixture("sources/chips-zh.md")]),
    ];
    let runs = instruction_runs();
    let annotation =
        regex::Regex::new(r"(?i)↳|statement:|speaks for|\(no side\)|\[S\d+\]|^\W*[a-z_]+:\s").unwrap();
    let dir = scratch();
    fast_config(&dir, 2, "");
    let mut wrong = Vec::new();
    for (n, (persona, sources)) in stories.iter().enumerate() {
        let out = format!("e{n}.json");
        Parallax::new(&dir)
            .draft(sources)
            .args(["--persona", persona, "-o", &out, "--no-cache", "--date", "2026-01-02"])
            .fake(&srv)
            .succeeds();
        let a: Value = read_json(dir.join(&out));
        let source_text: String =
            sources.iter().map(|s| std::fs::read_to_string(s).unwrap().to_lowercase()).collect();
        let source_runs: HashSet<String> = words(&source_text).windows(6).map(|r| r.join(" ")).collect();
        let said = sided_statements(&dir, sources);
        for (place, side, text) in printed(&a) {
            if let Some(m) = annotation.find(&text) {
                wrong.push(format!("story {n}, {place}: annotation `{}` in {text:?}", m.as_str()));
            }
            let w = words(&text);
            if let Some(run) =
                w.windows(6).map(|r| r.join(" ")).find(|r| runs.contains(r) && !source_runs.contains(r))
            {
                wrong.push(format!("story {n}, {place}: instruction `{run}` in {text:?}"));
            }
            if let Some(side) = side
                && let Some((other, _)) =
                    said.iter().find(|(s, content)| s != &side && text.contains(content.as_str()))
            {
                wrong.push(format!("story {n}, {place}: {other}'s statement in {text:?}"));
            }
        }
        let degraded = findings(&a).iter().filter(|f| f["kind"] == "degraded").count();
        assert!(degraded > 0, "story {n}: the echoed parts are listed as degraded");
    }
    assert!(wrong.is_empty(), "{} printed echoes:\n{}", wrong.len(), wrong.join("\n"));
}
