//! The desk page's pieces: links, data and the script's hash.

use super::*;

#[test]
fn links_cannot_become_a_scheme_or_leave_the_folder() {
    assert_eq!(href("story-1.html"), "story-1.html");
    assert_eq!(href("javascript:alert(1)"), "javascript%3Aalert%281%29");
    assert_eq!(href("../x y.html"), "..%2Fx%20y.html");
}

#[test]
fn data_cannot_close_its_script_element() {
    let v = serde_json::json!({"h": "</script><script>alert(1)</script><!--"});
    let s = inert_json(&v.to_string());
    assert!(!s.contains('<') && !s.contains('>'), "{s}");
    let back: Value = serde_json::from_str(&s).unwrap();
    assert_eq!(back, v, "still the same JSON");
}

#[test]
fn the_page_allows_exactly_its_own_script() {
    let html = render(Path::new("out"), &[], &Value::Null).unwrap();
    let hash = script_hash();
    assert!(html.contains(&format!("script-src '{hash}'")));
    assert!(html.contains(SCRIPT), "the script is inlined byte for byte");
    assert!(html.contains("default-src 'none'"));
    assert!(html.contains("No article written yet"));
    assert!(html.contains(MARK), "the page says it is the desk");
}

#[test]
fn retry_commands_quote_what_the_shell_would_split() {
    assert_eq!(shell("stories.jsonl"), "stories.jsonl");
    assert_eq!(shell("my stories.jsonl"), "'my stories.jsonl'");
    assert_eq!(shell("it's"), r"'it'\''s'");
}

#[test]
fn a_page_that_is_not_the_desk_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = "<html><body>my own index</body></html>";
    std::fs::write(dir.path().join(FILE), theirs).unwrap();
    let e = write(dir.path(), &[]).unwrap_err();
    assert!(e.to_string().contains("left alone"), "{e}");
    assert_eq!(std::fs::read_to_string(dir.path().join(FILE)).unwrap(), theirs);
    std::fs::remove_file(dir.path().join(FILE)).unwrap();
    write(dir.path(), &[]).unwrap();
    write(dir.path(), &[]).unwrap_or_else(|e| panic!("the desk replaces itself: {e}"));
}

#[test]
fn the_desk_names_cjk_families_and_a_row_takes_its_story_language() {
    let style = &TEMPLATE[..TEMPLATE.find("</style>").unwrap()];
    for family in [
        "Noto Sans KR",
        "Noto Sans JP",
        "Noto Sans SC",
        "Malgun Gothic",
        "Hiragino Sans",
        "PingFang SC",
    ] {
        assert!(style.contains(family), "{family}");
    }
    assert!(style.contains("font: 15px/1.45 var(--sans)"));
    assert!(SCRIPT.contains("tr.setAttribute(\"lang\", r.l)"));
}
