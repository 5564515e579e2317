//! Tests of `related`.

use super::*;

fn e(id: &str, terms: &[&str]) -> Entry {
    Entry {
        id: id.into(),
        headline: id.to_uppercase(),
        deck: String::new(),
        terms: terms.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn ranks_by_shared_rare_terms_and_never_lists_itself() {
    let dir = tempfile::tempdir().unwrap();
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
    assert_eq!(reopened.len(), 4);
    assert!(reopened.contains("c"));
    assert_eq!(reopened.related_to("a", 4), r, "the stored terms rank the same");
    let mut idx = reopened;
    idx.add(e("d", &["tariffs", "brussels", "steel"])).unwrap();
    let ids: Vec<String> = idx.related_to("a", 4).into_iter().map(|r| r.id).collect();
    assert_eq!(ids, ["b"], "a replaced entry leaves its old terms");
}
