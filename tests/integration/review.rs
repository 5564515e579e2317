//! The review desk through the real binary: a batch folder's stories listed with
//! their status, decisions recorded append-only, an approval that goes stale when
//! its article changes, and what may go out.

use serde_json::{Value, json};

use crate::support::{Parallax, example, kcna, read, scratch, write, write_jsonl};

/// An offline batch of two stories and one that fails, in `dir/out`.
fn batch(dir: &std::path::Path) {
    let chips = example("chip-export-controls.md");
    let lines = [
        json!({"id": "kim", "source": kcna()}),
        json!({"id": "chips", "source": chips}),
        json!({"id": "gone", "source": "missing.md"}),
    ];
    write_jsonl(dir.join("stories.jsonl"), lines);
    Parallax::new(dir).batch(["stories.jsonl", "--out", "out", "--allow-outside"]).fails_with(1);
}

fn rows(dir: &std::path::Path, extra: &[&str]) -> Vec<Value> {
    let r = Parallax::new(dir).review(["out", "--json"]).args(extra).succeeds();
    r.json_lines()
}

fn row<'a>(rows: &'a [Value], id: &str) -> &'a Value {
    rows.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("{id} in {rows:?}"))
}

#[test]
fn the_desk_lists_every_story_and_approvals_go_stale_when_an_article_changes() {
    let dir = scratch();
    batch(&dir);
    let all = rows(&dir, &[]);
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(row(&all, "kim")["status"], "done");
    assert_eq!(row(&all, "gone")["status"], "failed");
    assert!(row(&all, "gone")["error"].as_str().unwrap().contains("missing.md"));
    assert!(row(&all, "kim")["shares"]["japan"].as_f64().unwrap() > 0.0);

    Parallax::new(&dir).review(["out", "--approve", "kim", "chips"]).env("USER", "desk-editor").succeeds();
    Parallax::new(&dir).review(["out", "--reject", "chips", "--note", "Japan is thin"]).succeeds();
    let approved = Parallax::new(&dir).review(["out", "--approved"]).succeeds();
    assert_eq!(approved.stdout, "kim\n", "the latest decision on chips is a rejection");
    let log = read(dir.join("out/review.jsonl"));
    let first: Value = serde_json::from_str(log.lines().next().unwrap()).unwrap();
    assert_eq!((first["user"].as_str(), first["verdict"].as_str()), (Some("desk-editor"), Some("approve")));
    assert_eq!(first["sha256"].as_str().map(str::len), Some(64));
    assert!(log.contains("Japan is thin"));
    let desk = read(dir.join("out/index.html"));
    let shown = [r#""i":"kim""#, r#""r":"approve""#, r#""r":"reject""#].iter().all(|d| desk.contains(d));
    assert!(shown, "the desk shows each decision");

    // The article changes after its approval: the approval is stale.
    let kim = dir.join("out/kim.json");
    let text = read(&kim).replacen("Kim", "KIM", 1);
    write(&kim, text);
    assert_eq!(row(&rows(&dir, &[]), "kim")["decision"], "stale");
    let approved = Parallax::new(&dir).review(["out", "--approved"]).succeeds();
    assert_eq!(approved.stdout, "", "a stale approval does not go out");

    // A line cut short by a crash is no decision, and the next one is whole.
    let mut log = read(dir.join("out/review.jsonl"));
    log.push_str("{\"at\":\"2026-12-02T10:00:00Z\",\"user\":\"x\",\"id\":\"kim\",\"verdict\":\"appr");
    write(dir.join("out/review.jsonl"), log);
    assert_eq!(row(&rows(&dir, &[]), "kim")["decision"], "stale");
}

#[test]
fn deciding_on_a_story_that_is_not_there_is_refused() {
    let dir = scratch();
    batch(&dir);
    Parallax::new(&dir)
        .review(["out", "--approve", "nope\u{1b}[2J"])
        .expect_failure(2, &["no article `nope\\u{1b}[2J`"]);
    Parallax::new(&dir).review(["no-such-dir"]).expect_failure(2, &["not a folder"]);
    assert!(!dir.join("out/review.jsonl").exists(), "nothing recorded");
}

#[test]
fn a_story_a_stopped_run_left_unfinished_is_pending() {
    let dir = scratch();
    batch(&dir);
    let journal = dir.join("out/journal.jsonl");
    let mut text = read(&journal);
    text.push_str("{\"id\":\"late\",\"state\":\"started\",\"attempt\":1,\"line\":4,\"at\":\"2026-12-02T10:00:00Z\",\"tokens\":0}\n");
    write(&journal, text);
    let all = rows(&dir, &[]);
    assert_eq!(row(&all, "late")["status"], "pending");
    assert_eq!(row(&all, "gone")["status"], "failed");
    assert_eq!(row(&all, "kim")["status"], "done");
}

#[test]
fn an_approval_covers_every_file_written_for_the_story_in_every_edition() {
    let dir = scratch();
    write_jsonl(dir.join("stories.jsonl"), [json!({"id": "kim", "source": kcna()})]);
    Parallax::new(&dir)
        .batch(["stories.jsonl", "--out", "out", "--allow-outside", "--format", "md,html", "--lang", "en,ko"])
        .succeeds();
    Parallax::new(&dir).review(["out", "--approve", "kim"]).succeeds();
    let listed = Parallax::new(&dir).review(["out", "--approved"]).succeeds().stdout;
    assert_eq!(listed, "kim.en\nkim.ko\n", "an approval of the story covers both editions");
    let decision: Value =
        serde_json::from_str(read(dir.join("out/review.jsonl")).lines().next().unwrap()).unwrap();
    for name in ["kim.en.md", "kim.en.html", "kim.en.json", "kim.ko.md", "kim.ko.html", "kim.ko.json"] {
        assert!(decision["files"][name].as_str().is_some_and(|h| h.len() == 64), "{name}: {decision}");
    }

    // A line appended to the Korean edition's Markdown, which is what gets published.
    let md = dir.join("out/kim.ko.md");
    write(&md, read(&md) + "\nAn editor's line.\n");
    let all = rows(&dir, &[]);
    assert_eq!(row(&all, "kim.ko")["decision"], "stale");
    assert_eq!(row(&all, "kim.ko")["changed"], json!(["kim.ko.md"]));
    let listed = Parallax::new(&dir).review(["out", "--approved"]).succeeds().stdout;
    assert_eq!(listed, "", "no edition of a changed story goes out: {listed}");
    let table = Parallax::new(&dir).review(["out"]).succeeds().stdout;
    assert!(table.contains("stale (kim.ko.md changed)"), "{table}");
}
