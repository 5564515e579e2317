//! Tests of `manifest`.

use super::*;

#[test]
fn jsonl_lines_become_items_and_bad_lines_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.jsonl");
    std::fs::write(
        &path,
        "{\"id\": \"a\", \"source\": \"a.md\"}\n\n{\"sources\": [\"b.md\", \"https://example.org/x\"], \"persona\": \"ledger\"}\n{broken\n{\"id\": \"a\", \"text\": \"dup\"}\n{\"id\": \"c\"}\n{\"id\": \"d\", \"text\": \"Inline facts.\", \"colour\": 1}\n",
    )
    .unwrap();
    let items: Vec<_> = Manifest::open(path.to_str().unwrap()).unwrap().collect();
    assert_eq!(items.len(), 6);
    let a = items[0].as_ref().unwrap();
    assert_eq!((a.line, a.id.as_str()), (1, "a"));
    assert_eq!(a.sources, [SourceSpec::Path(dir.path().join("a.md"))]);
    let b = items[1].as_ref().unwrap();
    assert_eq!(b.line, 3);
    assert!(b.id.starts_with("story-") && b.id.len() == 16, "{}", b.id);
    assert_eq!(b.sources[1], SourceSpec::Url("https://example.org/x".into()));
    let errs: Vec<(usize, &str)> = items[2..]
        .iter()
        .map(|e| {
            let e = e.as_ref().unwrap_err();
            (e.line, e.reason.as_str())
        })
        .collect();
    assert_eq!(errs[0].0, 4);
    assert!(
        errs[1].1.contains("duplicate id `a` (first on line 1)"),
        "{errs:?}"
    );
    assert!(errs[2].1.contains("no source"), "{errs:?}");
    assert!(errs[3].1.contains("colour"), "{errs:?}");
}

#[test]
fn csv_rows_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.csv");
    std::fs::write(&path, "id,persona,sources\nx,prism,a.md;b.md\n,,\n").unwrap();
    let items: Vec<_> = Manifest::open(path.to_str().unwrap()).unwrap().collect();
    let x = items[0].as_ref().unwrap();
    assert_eq!((x.line, x.sources.len()), (2, 2));
    assert_eq!(items[1].as_ref().unwrap_err().line, 3);
    std::fs::write(dir.path().join("Story One.md"), "x").unwrap();
    std::fs::write(dir.path().join("notes.json"), "x").unwrap();
    let items: Vec<_> = Manifest::open(dir.path().to_str().unwrap()).unwrap().collect();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap().id, "story-one");
    assert_eq!(
        Manifest::open(&format!("{}/*.md", dir.path().display()))
            .unwrap()
            .count(),
        1
    );
}
