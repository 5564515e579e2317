//! Tests of `extractive`.

use super::*;

#[test]
fn finds_quotations_and_sentences() {
    assert_eq!(
        quotation("He called it a “precious common asset” today.").as_deref(),
        Some("precious common asset")
    );
    assert_eq!(
        quotation("a \"no\" then \"one two three four\"").as_deref(),
        Some("one two three four")
    );
    assert_eq!(quotation("no quotes"), None);
    assert_eq!(
        first_sentence("Kim Jong-un sent a message. Then more."),
        "Kim Jong-un sent a message."
    );
}

#[test]
fn a_japanese_or_chinese_lede_gives_its_first_sentence_and_a_short_headline() {
    let ja = "金正恩総書記は27日、プーチン大統領に新年のメッセージを送った。両国の関係を称賛した。";
    assert_eq!(
        first_sentence(ja),
        "金正恩総書記は27日、プーチン大統領に新年のメッセージを送った。"
    );
    let zh = "朝鲜最高领导人金正恩向俄罗斯总统普京致新年贺信，称两国关系是宝贵的共同财富，将世代传承下去，并称赞两国在同一战壕中结下的情谊！其他内容。";
    let headline = words(first_sentence(zh), 14);
    assert_eq!(headline.chars().count(), 14 * 3 + 1, "{headline}");
    assert!(headline.ends_with('…') && zh.starts_with(headline.trim_end_matches('…')));
    assert_eq!(words("Kim sent a message", 14), "Kim sent a message");
}
