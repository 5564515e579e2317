//! Tests of `glossary`.

use super::*;
use crate::lang::script::Script;

#[test]
fn splits_sentences_and_sees_quotes() {
    assert_eq!(sentences("One. Two? Three"), ["One.", "Two?", "Three"]);
    assert!(!unquoted(
        "Officials said “Takeshima is ours” today.",
        "Takeshima"
    ));
    assert!(unquoted("Takeshima is disputed.", "Takeshima"));
}

#[test]
fn first_mention_asks_for_each_sides_name_in_the_articles_language() {
    let persona = crate::persona::load("prism", &[]).unwrap();
    let senkaku = persona.spec.glossary.iter().find(|g| g.id == "senkaku").unwrap();
    // A Japanese article: 尖閣諸島 and 釣魚島 are enough.
    assert!(first_mention(senkaku, "尖閣諸島（中国名・釣魚島）の周辺で", Script::Japanese).is_empty());
    let missing = first_mention(senkaku, "尖閣諸島の周辺で", Script::Japanese);
    let expected = &missing[0].2;
    assert!(expected.ends_with("(missing: 釣魚島)"), "{expected}");
    // Chinese asks for the simplified forms, English for the English names.
    assert!(first_mention(senkaku, "钓鱼岛（日本称尖閣諸島）", Script::Chinese).is_empty());
    assert!(!first_mention(senkaku, "尖閣諸島の周辺で", Script::Latin).is_empty());
    assert!(
        first_mention(
            senkaku,
            "the Senkaku Islands, which China calls the Diaoyu Islands",
            Script::Latin
        )
        .is_empty()
    );
}
