//! Tests of `factsheet`.

use super::*;

#[test]
fn facts_become_passages_with_sides_and_urls() {
    let yaml = "title: Tariffs\nfacts:\n  - text: Brussels proposed duties.\n    perspective: brussels\n  - text: Beijing objected.\n    url: https://example.org/b\n";
    let s = parse(Path::new("f.yaml"), yaml, "yaml", 1, 3).unwrap();
    assert_eq!(s.passages.len(), 2);
    assert_eq!(s.passages[0].id, "S3");
    assert_eq!(s.passages[0].fixed.as_deref(), Some("brussels"));
    assert_eq!(s.passages[1].url.as_deref(), Some("https://example.org/b"));
    let e = parse(Path::new("f.json"), "{\"facts\": [{\"txt\": 1}]}", "json", 1, 1).unwrap_err();
    assert!(e.message.contains("txt") && e.line == Some(1), "{e}");
}
