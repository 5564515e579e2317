//! Tests of `related`.

use super::*;

fn e(id: &str, terms: &[&str]) -> Entry {
    Entry {
        id: id.into(),
        headline: id.to_uppercase(),
        deck: String::new(),
        terms: terms.iter().map(|s| s.to_string()).collect(),
        formats: vec!["md".into()],
    }
}

/// Put the article files the index refers to in place.
fn files(dir: &std::path::Path, ids: &[&str]) {
    for id in ids {
        std::fs::write(dir.join(format!("{id}.md")), "x").unwrap();
    }
}

#[test]
fn ranks_by_shared_rare_terms_and_never_lists_itself() {
    let dir = tempfile::tempdir().unwrap();
    files(dir.path(), &["a", "b", "c", "d"]);
    let mut idx = Index::open(dir.path());
    idx.add(e("a", &["kim jong-un", "putin", "treaty", "troops"]))
        .unwrap();
    idx.add(e("b", &["kim jong-un", "putin", "trench"])).unwrap();
    idx.add(e("c", &["tariffs", "brussels"])).unwrap();
    idx.add(e("d", &["putin", "troops", "treaty", "ukraine"]))
        .unwrap();
    let r = idx.related(
        "a",
        &[
            "kim jong-un".into(),
            "putin".into(),
            "treaty".into(),
            "troops".into(),
        ],
        4,
    );
    let ids: Vec<&str> = r.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["d", "b"]);
    let reopened = Index::open(dir.path());
    assert_eq!(reopened.slots.len(), 4);
    assert!(reopened.contains("c"));
    assert_eq!(reopened.related_to("a", 4), r, "the stored terms rank the same");
    let mut idx = reopened;
    idx.add(e("d", &["tariffs", "brussels", "steel"])).unwrap();
    let ids: Vec<String> = idx.related_to("a", 4).into_iter().map(|r| r.id).collect();
    assert_eq!(ids, ["b"], "a replaced entry leaves its old terms");
}

#[test]
fn the_index_is_keyed_by_id_and_pruned_of_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    files(dir.path(), &["a", "b"]);
    let mut idx = Index::open(dir.path());
    for _ in 0..3 {
        idx.add(e("a", &["putin", "treaty"])).unwrap();
    }
    idx.add(e("b", &["putin", "treaty"])).unwrap();
    let lines = || {
        std::fs::read_to_string(dir.path().join(INDEX))
            .unwrap()
            .lines()
            .count()
    };
    assert_eq!(lines(), 2, "a rerun adds no line");
    std::fs::remove_file(dir.path().join("b.md")).unwrap();
    let idx = Index::open(dir.path());
    assert!(!idx.contains("b"), "a deleted article leaves the index");
    assert_eq!(lines(), 1);
}

#[test]
fn links_point_at_a_format_that_exists() {
    let only_html = Related {
        id: "x".into(),
        headline: "X".into(),
        deck: String::new(),
        score: 1.0,
        formats: vec!["html".into()],
    };
    assert_eq!(only_html.file("md"), "x.html");
    assert_eq!(only_html.file("html"), "x.html");
}

#[test]
fn edited_index_lines_that_are_not_articles_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    files(dir.path(), &["good story", "javascript:alert(1)"]);
    let lines = [
        serde_json::to_string(&e("good story", &["putin"])).unwrap(),
        serde_json::to_string(&e("javascript:alert(1)", &["putin"])).unwrap(),
        serde_json::to_string(&Entry {
            formats: vec!["sh".into()],
            ..e("good story", &["putin"])
        })
        .unwrap(),
    ];
    std::fs::write(dir.path().join(INDEX), lines.join("\n") + "\n").unwrap();
    let idx = Index::open(dir.path());
    let ids: Vec<&str> = idx.slots.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["good story"]);
}
