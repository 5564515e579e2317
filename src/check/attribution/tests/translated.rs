//! Quotations translated from the sources' language: tied to the original of
//! the speaker's side that shares their numbers or names, they must agree with
//! it in negation, and carry no other side's words.

use super::*;

const SOURCE: &str = "\
Chinese foreign ministry spokesperson Mao Ning said: \"China will not accept the 2026 plan.\" She added: \"We support dialogue with all four parties.\"

Japanese Chief Cabinet Secretary Yoshimasa Hayashi said: \"Japan will accept the 2026 plan.\" He said: \"Japan will send 300 inspectors.\"
";

fn findings(article: &str) -> Vec<Finding> {
    findings_on(SOURCE, article)
}

fn findings_on(source: &str, article: &str) -> Vec<Finding> {
    let persona = persona::load("prism", &[]).unwrap();
    let srcs = sources(source, &persona);
    let corpus = Corpus::new(&srcs, &persona);
    let doc = Doc {
        blocks: vec![block("", article)],
        sides: vec![],
        labelled: false,
    };
    check(&doc, &corpus, &persona)
}

#[test]
fn a_faithful_translation_of_each_sides_words_stands() {
    for article in [
        "中国外務省の毛寧報道官は「中国は2026年の計画を受け入れない」と述べた。林芳正官房長官は「日本は2026年の計画を受け入れる」と述べた。",
        "中国外交部发言人毛宁表示：“中国不会接受2026年的计划。”",
        "하야시 요시마사 관방장관은 \"일본은 300명의 사찰단을 파견할 것\"이라고 말했다.",
    ] {
        let found = findings(article);
        assert!(found.is_empty(), "{article}: {found:#?}");
    }
}

#[test]
fn a_flipped_translation_shows_the_original_it_flips() {
    // China's spokesperson said both a negated and a plain thing: the year ties
    // the quotation to the negated one.
    for article in [
        "中国外務省の毛寧報道官は「中国は2026年の計画を受け入れる」と述べた。",
        "中国外交部发言人毛宁表示：“中国会接受2026年的计划。”",
    ] {
        let found = findings(article);
        assert!(
            found.iter().any(|f| f.kind == FindingKind::Quote
                && f.expected.contains("China will not accept the 2026 plan")),
            "{article}: {found:#?}"
        );
    }
}

#[test]
fn a_translation_of_another_sides_words_is_moved() {
    let found = findings("中国外務省の毛寧報道官は「日本は300人の査察官を派遣する」と述べた。");
    assert!(
        found
            .iter()
            .any(|f| f.kind == FindingKind::Misattributed && f.expected.contains("Hayashi")),
        "{found:#?}"
    );
}

#[test]
fn a_persons_translated_words_agree_in_negation_with_what_they_said() {
    // Mao Ning said two negated things; a translation with no number or name to
    // tie it that says the plain thing flips whichever it translates. Her name is
    // known in every script through the persona.
    let source = "Chinese foreign ministry spokesperson Mao Ning said: \"China does not accept this plan.\" She added: \"Beijing will not take part in the talks.\"\n";
    let run = |article: &str| findings_on(source, article);
    assert!(run("毛寧報道官は「中国はこの計画を受け入れない」と述べた。").is_empty());
    let flipped = run("毛宁表示：“北京将参加这次会谈。”");
    assert!(
        flipped
            .iter()
            .any(|f| f.kind == FindingKind::Quote && f.expected.contains("Mao Ning")),
        "{flipped:#?}"
    );
    // A few words are a phrase, not a statement: too little to prove a flip.
    assert!(run("毛宁称其为“好计划”。").is_empty());
}
