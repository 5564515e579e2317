//! Tests of the shared text helpers, above all the quotation matcher: a table of
//! accepted and refused forms, one row per newsroom convention.

use super::*;

const SOURCE: &str = "Panama's foreign minister said the canal must remain \"open, neutral and safe for all nations\". \
Japan cited rapid advances by its neighbouring countries in missile technology. \
Kim said the two nations have “steadily written a great biography of the alliance” through mutual support. \
The ministry said: 'We will respond step by step.'";

#[test]
fn quotation_forms_follow_newsroom_conventions() {
    let accepted = [
        "open, neutral and safe for all nations",
        "Open, neutral and safe for all nations",
        "“open, neutral and safe for all nations”",
        "\"open, neutral and safe for all nations.\"",
        "open, neutral and safe for all nations,",
        "open … safe for all nations",
        "open ... safe for all nations",
        "open...safe for all nations",
        "neutral and safe … all nations",
        "rapid advances by [its] neighbouring countries",
        "rapid advances by [Japan's] neighbouring countries",
        "[Its] neighbouring countries in missile technology",
        "steadily written a great biography of the alliance",
        "Steadily written a great biography of the alliance",
        "‘steadily written a great biography of the alliance’",
        "steadily written … the alliance",
        "we will respond step by step",
        "We will respond step by step.",
        "The Canal Must Remain",
        "OPEN, NEUTRAL AND SAFE",
        "the canal must remain",
        "open, neutral and safe for all nations!",
    ];
    let refused = [
        "open, neutral and secure for all nations",
        "open and neutral and safe for all nations",
        "open … secure for all nations",
        "rapid advances by its neighbouring states",
        "rapid progress by [its] neighbouring countries",
        "steadily wrote a great biography of the alliance",
        "a great biography of the partnership",
        "we will respond step-by-step quickly",
        "safe for every nation",
        "nation",
        "…",
        "[all nations]",
    ];
    let index = QuoteIndex::new(SOURCE);
    let mut wrong = Vec::new();
    for q in accepted.iter().filter(|q| !index.contains(q)) {
        wrong.push(format!("refused: {q}"));
    }
    for q in refused.iter().filter(|q| index.contains(q)) {
        wrong.push(format!("accepted: {q}"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(accepted.len() + refused.len() >= 30);
}

#[test]
fn a_hidden_character_is_no_part_of_a_quotation() {
    // A zero-width space left by a web page's editor, in the source and in
    // the article that copies it.
    let source = "every kindergarten teacher in the country \u{200b}combined, we know";
    let index = QuoteIndex::new(source);
    assert!(index.contains("teacher in the country \u{200b}combined"));
    assert!(index.contains("teacher in the country combined"));
}

#[test]
fn pieces_are_whole_words() {
    let index = QuoteIndex::new("the transfer of technology");
    assert!(!index.contains("ran"));
    assert!(index.contains("transfer"));
}

#[test]
fn words_match_whole_in_every_script() {
    assert!(contains_word("Seoul said.", "Seoul"));
    assert!(contains_word("Beijing's ministry", "Beijing"));
    assert!(!contains_word("North Koreans", "Korean"));
    assert!(contains_word("한국은 우려를 표했다", "한국"));
    assert!(contains_word("北京表示", "北京"));
    assert_eq!(excerpt("a  b\nc", 10), "a b c");
    assert_eq!(excerpt("abcdef", 3), "abc…");
}

#[test]
fn printable_text_shows_escape_sequences_instead_of_obeying_them() {
    assert_eq!(printable("story-1"), "story-1");
    assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
    assert_eq!(printable("x\u{202e}y\r"), "x\\u{202e}y\\u{d}");
    assert_eq!(printable("서울 東京"), "서울 東京");
}

#[test]
fn a_quotation_held_as_it_stands_keeps_its_own_brackets_and_ellipses() {
    let text = "“[W]e are reminded of the millions of refugees,” he said. \"Young people do not want to see that…. They're way beyond that.\"";
    let index = QuoteIndex::new(text);
    assert!(index.contains("“[W]e are reminded of the millions of refugees,”"));
    assert!(index.contains("\"Young people do not want to see that…. They're way beyond that.\""));
    assert!(!index.contains("“[W]e are reminded of the millions of migrants,”"));
}

#[test]
fn words_are_found_in_short_and_long_text_alike() {
    assert_eq!(
        word_at("尖閣諸島（中国名・釣魚島）の周辺で", "釣魚島"),
        Some("尖閣諸島（中国名・".len())
    );
    let long = format!("{} Mao Ning said", "x ".repeat(200));
    assert_eq!(word_at(&long, "Mao Ning"), Some(401));
    assert_eq!(word_at("Maoist Ning", "Mao"), None);
}

#[test]
fn a_dash_is_no_word_of_a_quotation() {
    let index = QuoteIndex::new("\"Well, thank you so much -.\"");
    assert!(index.contains("Well, thank you so much -."));
}

#[test]
fn an_east_asian_insertion_stands_in_round_brackets() {
    let index = QuoteIndex::new(
        "林官房長官は「日本政府として断じて容認できない」と述べた。외교부는 \"결코 용납할 수 없다\"고 말했다.",
    );
    assert!(index.contains("（ミサイル発射は）断じて容認できない"));
    assert!(index.contains("〔発射は〕断じて容認できない"));
    assert!(index.contains("(북한의 도발은) 결코 용납할 수 없다"));
    assert!(!index.contains("（ミサイル発射は）断じて容認できる"));
    // In English round brackets are the speaker's own.
    let english = QuoteIndex::new("He said \"we will never accept it\".");
    assert!(!english.contains("we will (never) accept it (now)"));
}
