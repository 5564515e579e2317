//! Tests of `grounding`.

use super::*;

#[test]
fn finds_names_but_not_sentence_openers() {
    let e = entities(
        "Kim Jong-un met Vladimir Putin in Moscow. The Kremlin said the talks went well. However, Foreign Minister Choe Son-hui was absent.",
    );
    assert_eq!(
        e,
        [
            "Foreign Minister Choe Son-hui",
            "Kim Jong-un",
            "Kremlin",
            "Moscow",
            "Vladimir Putin"
        ]
    );
    assert_eq!(
        entities("Seoul's view differs from Tokyo's."),
        ["Tokyo"],
        "a lone sentence opener is skipped"
    );
    assert!(
        entities("They met in the Democratic People's Republic of Korea.")
            .contains(&"Democratic People's Republic of Korea".to_string())
    );
}

#[test]
fn names_are_known_whole_or_word_by_word() {
    let corpus = "Russian President Vladimir Putin met Kim Jong-un.";
    assert!(known_name("President Putin", corpus));
    assert!(known_name("Kim Jong-un", corpus));
    assert!(!known_name("Choe Son-hui", corpus));
}
