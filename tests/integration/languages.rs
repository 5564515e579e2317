//! Japanese and Chinese sources through the real binary: who says what, for
//! which side, and an offline draft that gives each side only its own words.

use serde_json::Value;

use crate::support::{Parallax, fixture};

/// `(speaker as the text names it, side, content)` of every statement
/// `parallax statements --json` lists.
fn statements(source: &str) -> Vec<(String, String, String)> {
    resolved(source).into_iter().map(|(mention, _, side, content)| (mention, side, content)).collect()
}

/// `(mention, speaker, side, content)`: a pronoun or continuation's `speaker` is
/// the name it continues, and its `mention` what the text says; otherwise the two
/// are the same.
fn resolved(source: &str) -> Vec<(String, String, String, String)> {
    let r = Parallax::scratch()
        .args(["statements", "--json", "--persona", "prism"])
        .arg(fixture(source))
        .succeeds();
    r.json_lines()
        .iter()
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
            let mention = v["mention"].as_str().map_or_else(|| s("speaker"), str::to_string);
            (mention, s("speaker"), s("side"), s("content"))
        })
        .collect()
}

fn side_of<'a>(said: &'a [(String, String, String)], speaker: &str) -> Vec<&'a str> {
    said.iter().filter(|(s, _, _)| s == speaker).map(|(_, side, _)| side.as_str()).collect()
}

#[test]
fn a_japanese_story_is_heard_speaker_by_speaker() {
    let said = statements("sources/senkaku-ja.md");
    for (speaker, side) in [
        ("林芳正官房長官", "japan"),
        ("林氏", "japan"),
        ("同氏", "japan"),
        ("中国外務省の毛寧報道官", "china"),
        ("毛報道官", "china"),
        ("米国務省の報道官", "united-states"),
    ] {
        assert_eq!(side_of(&said, speaker), vec![side], "{speaker}: {said:?}");
    }
    // South Korea's foreign ministry declined to comment: no statement, no side.
    assert!(said.iter().all(|(_, side, _)| side != "south-korea"), "{said:?}");
    let quote = said.iter().find(|(s, _, _)| s == "林芳正官房長官").unwrap();
    assert_eq!(quote.2, "断じて容認できない");
    // The reader is shown who said it: a continuation carries the name it continues.
    let all = resolved("sources/senkaku-ja.md");
    let continued = all.iter().find(|(m, ..)| m == "同氏").unwrap();
    assert!(continued.1.starts_with('林'), "{all:?}");
}

#[test]
fn a_chinese_story_is_heard_speaker_by_speaker() {
    let said = statements("sources/chips-zh.md");
    for (speaker, side) in [
        ("美国商务部", "united-states"),
        ("外交部发言人毛宁", "china"),
        ("毛宁", "china"),
        ("她", "china"),
        ("美国商务部长", "united-states"),
        ("日本内阁官房长官林芳正", "japan"),
    ] {
        assert_eq!(side_of(&said, speaker), vec![side], "{speaker}: {said:?}");
    }
    assert!(said.iter().all(|(_, side, _)| side != "south-korea"), "{said:?}");
    // "According to Reuters" is a fact on a wire's authority, of no side.
    assert_eq!(side_of(&said, "路透社"), vec![""]);
}

#[test]
fn the_offline_draft_gives_each_side_its_own_words_and_shows_the_silent_one() {
    for (source, own) in [
        ("sources/senkaku-ja.md", [("japan", "林芳正"), ("china", "毛寧"), ("united-states", "米国務省")]),
        ("sources/chips-zh.md", [("japan", "林芳正"), ("china", "毛宁"), ("united-states", "美国商务部")]),
    ] {
        let r = Parallax::scratch()
            .draft(["--format", "json", "--persona", "prism", "-o", "-"])
            .arg(fixture(source))
            .succeeds();
        let article: Value = r.json();
        let sides = article["perspectives"].as_array().unwrap();
        let side = |id: &str| sides.iter().find(|p| p["id"] == id).unwrap();
        for (id, speaker) in own {
            let p = side(id);
            assert_eq!(p["stated"], true, "{source}: {id}");
            let text = p["position"]["text"].as_str().unwrap();
            assert!(text.contains(speaker), "{source}: {id} gets {text}");
            for (other, theirs) in own.iter().filter(|(o, _)| *o != id) {
                assert!(!text.contains(theirs), "{source}: {id} carries {other}'s words: {text}");
            }
        }
        assert_eq!(side("south-korea")["stated"], false, "{source}: South Korea is silent");
    }
}

#[test]
fn a_japanese_wire_story_keeps_chinas_position_when_its_ministry_is_named_twice() {
    // 中国商務省 announces, 商務省の報道官 explains: one speaker, one side.
    let r = Parallax::scratch()
        .draft(["--format", "json", "--persona", "prism", "-o", "-"])
        .arg(fixture("sources/rare-earths-ja.md"))
        .succeeds();
    let article: Value = r.json();
    let china = article["perspectives"].as_array().unwrap().iter().find(|p| p["id"] == "china").unwrap();
    assert_eq!(china["stated"], true, "{china}");
    assert!(china["position"]["text"].as_str().unwrap().contains("中国商務省"), "{china}");
    let findings = article["meta"]["integrity"]["findings"].as_array().unwrap();
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn a_briefing_is_read_turn_by_turn_and_a_question_is_never_a_position() {
    let said = statements("sources/mfa-briefing-en.md");
    let briefing = fixture("sources/mfa-briefing-en.md");
    assert!(!said.is_empty());
    for (speaker, side, content) in &said {
        assert_eq!((speaker.as_str(), side.as_str()), ("Mao Ning", "china"), "{content}");
        assert!(
            !content.contains("threat to supply chains") && !content.contains('?'),
            "a question: {content}"
        );
    }
    assert!(
        said.iter().any(|(.., c)| c.contains("in line with international practice")),
        "a turn runs on: {said:?}"
    );
    // The offline draft gives China its spokesperson's words, and Japan (only
    // quoted in a question) no position.
    let r = Parallax::scratch()
        .draft(["--format", "json", "--persona", "prism", "-o", "-"])
        .arg(&briefing)
        .succeeds();
    let article: Value = r.json();
    let side = |id: &str| {
        article["perspectives"].as_array().unwrap().iter().find(|p| p["id"] == id).unwrap().clone()
    };
    assert_eq!(side("china")["stated"], true);
    assert_eq!(side("japan")["stated"], false, "a reporter's question is never Japan's position");
}

#[test]
fn editions_in_two_languages_are_compared_fact_by_fact() {
    let parity = |edition: &str| {
        let r = Parallax::scratch()
            .args(["check", "--json", "--edition"])
            .arg(fixture(&format!("check/editions/launch.{edition}.md")))
            .arg("--against")
            .arg(fixture("check/editions/launch.en.md"))
            .run();
        let report: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stderr));
        let kinds: Vec<String> = report["differences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                // Each difference names both places.
                assert!(d["edition"]["location"].is_string() && d["against"]["location"].is_string());
                format!("{}: {}", d["kind"].as_str().unwrap(), d["claim"].as_str().unwrap())
            })
            .collect();
        (r.code, kinds)
    };
    assert_eq!(parity("ko-faithful"), (0, vec![]));
    let (code, number) = parity("ko-number");
    assert_eq!(code, 1);
    assert!(number.iter().any(|k| k.starts_with("fact: 900")), "{number:?}");
    let (_, negated) = parity("ko-negated");
    assert_eq!(negated, vec!["quotation: south-korea: 1 quotation(s), 0 negated, against 1, 1 negated"]);
    let (_, missing) = parity("ko-missing");
    assert!(missing.contains(&"side: china".to_string()), "{missing:?}");
    let (_, moved) = parity("ko-moved");
    assert!(moved.iter().any(|k| k.contains("united-states")), "{moved:?}");
}
