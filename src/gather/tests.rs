//! Tests of `gather`.

use super::*;

#[test]
fn a_glossary_term_gives_its_names_in_every_script_and_words_stay_words() {
    let persona = crate::persona::load("prism", &[]).unwrap();
    let words = topic_words("senkaku", &persona);
    for n in ["Senkaku Islands", "尖閣諸島", "釣魚島", "钓鱼岛", "댜오위다오"] {
        assert!(words.iter().any(|w| w == n), "{n} in {words:?}");
    }
    assert_eq!(
        topic_words("export controls, rare earths", &persona),
        ["export controls", "rare earths"]
    );
}
