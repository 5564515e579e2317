//! Tests of `terminal`.

use super::*;

#[test]
fn escape_sequences_are_removed_and_lines_wrap() {
    assert_eq!(sanitize("a\x1b]0;pwned\x07b\u{9b}c"), "a]0;pwnedbc");
    let w = wrap("one two three four five six", 10, "");
    assert!(w.lines().all(|l| l.chars().count() <= 10), "{w}");
}
