//! Tests of `source`.

use super::*;
use crate::text::contains_word;

#[test]
fn splits_paragraphs_items_and_title() {
    let text = "---\npublisher: KCNA\n---\n# The title\n\nFirst line\ncontinues.\n\n- item one\n- item two\n\n## Sub\nLast.";
    let s = parse(Path::new("a.md"), text, 1, 4).unwrap();
    assert_eq!(s.meta.title.as_deref(), Some("The title"));
    let got: Vec<_> = s
        .passages
        .iter()
        .map(|p| (p.id.as_str(), p.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("S4", "First line continues."),
            ("S5", "item one"),
            ("S6", "item two"),
            ("S7", "Last.")
        ]
    );
}

#[test]
fn empty_source_is_an_error() {
    let e = parse(Path::new("e.md"), "---\ntitle: x\n---\n\n  \n", 1, 1).unwrap_err();
    assert!(e.message.contains("empty"), "{e}");
}

#[test]
fn clean_drops_hidden_characters() {
    assert_eq!(clean("a\u{202e}b \u{e0041}c\u{0007}  d"), "ab c d");
    // Terminal escapes, zero-width and bidi marks go; joiners that spell words stay.
    assert_eq!(clean("x\u{1b}]0;pwn\u{7}y\u{200b}z\u{200f}\u{feff}"), "x]0;pwnyz");
    assert_eq!(
        clean("می\u{200c}خواهم 👩\u{200d}💻"),
        "می\u{200c}خواهم 👩\u{200d}💻"
    );
}

#[test]
fn words_match_on_boundaries_only() {
    assert!(contains_word("Seoul said.", "Seoul"));
    assert!(contains_word("the U.S. said", "U.S."));
    assert!(!contains_word("North Koreans", "Korean"));
    assert!(!contains_word("USA", "US"));
    assert!(contains_word("한국은 우려를 표했다", "한국"));
    assert!(contains_word("北京表示", "北京"));
}
