//! Editions through the real binary: `--lang ko,en` writes one article per
//! language from one brief, the pair passes the parity check, and a quotation
//! that translates its source carries the original in every format.

use fake_llm::{Config, FakeServer, Tamper};
use serde_json::Value;

use crate::support::{Parallax, findings, fixture, read, read_json, scratch, serve, write};

fn briefs(srv: &FakeServer) -> usize {
    srv.handle.requests().iter().filter(|l| l.schema_name() == Some("brief")).count()
}

#[test]
fn two_editions_from_one_brief_agree() {
    let srv = serve(Config::default());
    let dir = scratch();
    let r = Parallax::new(&dir)
        .draft_prism()
        .fake(&srv)
        .args(["--persona", "prism", "--lang", "ko,en", "--format", "md,json", "-o", "out/story.md"])
        .succeeds();
    assert_eq!(briefs(&srv), 1, "one brief serves both editions");
    let out = dir.join("out");
    for lang in ["ko", "en"] {
        for ext in ["md", "json", "provenance.json"] {
            let f = out.join(format!("story.{lang}.{ext}"));
            assert!(f.is_file(), "{} missing; stderr:\n{}", f.display(), r.stderr);
        }
        let json = read_json(out.join(format!("story.{lang}.json")));
        assert_eq!(json["meta"]["language"], lang);
        assert_eq!(json["meta"]["editions"], serde_json::json!(["ko", "en"]));
    }
    let ko = read(out.join("story.ko.md"));
    assert!(ko.contains("## 각 측의 입장"), "Korean labels: {ko}");
    // The fake picks its passages by arrival order, so the editions may differ;
    // whatever the parity check finds, the edition's own report already lists.
    let r = Parallax::new(&dir)
        .args(["check", "--edition", "out/story.ko.md", "--against", "out/story.en.md", "--json"])
        .run();
    let found: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{}", r.stderr));
    let differences = found["differences"].as_array().unwrap().len();
    assert_eq!(r.code, i32::from(differences > 0), "{}", r.stderr);
    let parity =
        findings(&read_json(out.join("story.en.json"))).iter().filter(|f| f["kind"] == "parity").count();
    assert_eq!(parity, differences, "the en edition reports every difference");
}

#[test]
fn several_editions_need_files_and_each_language_once() {
    let dir = scratch();
    let src = fixture("sources/senkaku-ja.md");
    Parallax::new(&dir).draft([&src]).args(["--lang", "ko,en"]).expect_failure(2, &["--lang ko,en", "-o"]);
    Parallax::new(&dir)
        .draft([&src])
        .args(["--lang", "en,en", "-o", "a.md"])
        .expect_failure(2, &["`en` twice"]);
    let r = Parallax::new(&dir).draft([&src]).args(["--lang", "english"]).fails_with(2);
    assert!(r.stderr.contains("`english` is not a language code"), "{}", r.stderr);
}

#[test]
fn a_translated_quotation_shows_its_original() {
    let srv = serve(Config {
        tamper: Some(Tamper {
            schemas: vec!["perspective_japan".into()],
            append: " Hayashi called it \"absolutely unacceptable\".".into(),
        }),
        ..Config::default()
    });
    let dir = scratch();
    let persona = dir.join("marking.md");
    let text = "---\nid: marking\nextends: prism\nmark_translations: true\n---\nAs PRISM, and says which quotations are translated.\n";
    write(&persona, text);
    Parallax::new(&dir)
        .draft([fixture("sources/senkaku-ja.md")])
        .fake(&srv)
        .args(["--persona", "marking.md", "--lang", "en", "--no-revise"])
        .args(["--format", "md,html,json", "-o", "a.md"])
        .succeeds();
    let json = read_json(dir.join("a.json"));
    let quotes = json["quotations"].as_array().expect("quotations listed");
    let q = quotes
        .iter()
        .find(|q| q["text"] == "absolutely unacceptable")
        .unwrap_or_else(|| panic!("{quotes:?}"));
    assert_eq!(q["translated"], true);
    assert_eq!(q["original"]["text"], "断じて容認できない");
    let passage = q["original"]["passage"].as_str().unwrap().to_string();
    let html = read(dir.join("a.html"));
    let mark = format!("title=\"断じて容認できない ({passage})\"");
    assert!(html.contains(&mark), "{mark} missing from the page");
    assert!(html.contains("&quot;absolutely unacceptable&quot;</span>"), "the quotation is marked");
    let md = read(dir.join("a.md"));
    assert!(md.contains("\"absolutely unacceptable\" (translated)"), "{md}");
}

#[test]
fn a_batch_writes_every_story_in_every_language_and_resumes() {
    let srv = serve(Config::default());
    let dir = scratch();
    std::fs::create_dir(dir.join("wire")).unwrap();
    for name in ["kim-putin-new-year.md", "chip-export-controls.md"] {
        std::fs::copy(crate::support::example(name), dir.join("wire").join(name)).unwrap();
    }
    let batch = || {
        Parallax::new(&dir)
            .fake(&srv)
            .batch(["wire", "--out", "out", "--lang", "ja,en", "--format", "md,html"])
            .succeeds()
    };
    batch();
    let out = dir.join("out");
    for id in ["kim-putin-new-year", "chip-export-controls"] {
        for file in ["ja.md", "ja.html", "ja.json", "en.md", "en.json", "en.provenance.json"] {
            let f = out.join(format!("{id}.{file}"));
            assert!(f.is_file(), "{} missing", f.display());
        }
        assert!(!out.join(format!("{id}.md")).exists(), "no article without a language");
    }
    assert_eq!(briefs(&srv), 2, "one brief per story, whatever the editions");
    let before = srv.handle.requests().len();
    batch();
    assert_eq!(srv.handle.requests().len(), before, "a rerun drafts nothing again");
}
