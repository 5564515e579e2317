//! Tests of `glossary`.

use super::*;

#[test]
fn splits_sentences_and_sees_quotes() {
    assert_eq!(sentences("One. Two? Three"), ["One.", "Two?", "Three"]);
    assert!(!unquoted(
        "Officials said “Takeshima is ours” today.",
        "Takeshima"
    ));
    assert!(unquoted("Takeshima is disputed.", "Takeshima"));
}
