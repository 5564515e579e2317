//! The statement reader on every form it claims, English and Korean.

use super::*;

/// (sentence, speaker as found, verb)
const FORMS: &[(&str, &str, &str)] = &[
    (
        "China's foreign ministry spokesperson Mao Ning said on Monday that the canal must stay neutral.",
        "China's foreign ministry spokesperson Mao Ning",
        "said",
    ),
    ("Mao Ning said the canal must stay neutral.", "Mao Ning", "said"),
    ("\"We oppose any coercion,\" Mao Ning said.", "Mao Ning", "said"),
    (
        "\"We oppose any coercion,\" said Mao Ning, a spokesperson for China's foreign ministry.",
        "Mao Ning, a spokesperson for China's foreign ministry",
        "said",
    ),
    (
        "According to Japan's defence ministry, the missile flew 1,100 kilometres.",
        "Japan's defence ministry",
        "according to",
    ),
    (
        "The missile flew 1,100 kilometres, according to Japan's defence ministry.",
        "Japan's defence ministry",
        "according to",
    ),
    (
        "Washington has called for restraint from all parties.",
        "Washington",
        "has called for",
    ),
    (
        "Japan has condemned the military cooperation.",
        "Japan",
        "has condemned",
    ),
    ("Seoul welcomed the agreement.", "Seoul", "welcomed"),
    (
        "The United States urged Panama to act.",
        "The United States",
        "urged",
    ),
    (
        "Japan, the canal's third-largest user, has called for open access.",
        "Japan, the canal's third-largest user",
        "has called for",
    ),
    (
        "Kim was quoted as saying the alliance was unbreakable.",
        "Kim",
        "was quoted as saying",
    ),
    ("Washington accused Beijing of coercion.", "Washington", "accused"),
    (
        "Beijing's foreign ministry warned of consequences.",
        "Beijing's foreign ministry",
        "warned",
    ),
    ("She said the talks would continue.", "She", "said"),
    (
        "Panama's foreign minister, speaking at a debate chaired by China's foreign minister Wang Yi, said dialogue must prevail.",
        "Panama's foreign minister",
        "said",
    ),
    (
        "On Tuesday, the White House said it was reviewing the deal.",
        "the White House",
        "said",
    ),
    (
        "The spokesperson for China's foreign ministry, Lin Jian, told reporters the claims were false.",
        "The spokesperson for China's foreign ministry, Lin Jian",
        "told",
    ),
    (
        "China welcomed the deal, while Japan said it had concerns.",
        "China",
        "welcomed",
    ),
    (
        "Tokyo has said it is deeply concerned about the launch.",
        "Tokyo",
        "has said",
    ),
    (
        "Starr's remarks, first reported by The New York Times on Tuesday, suggested a tinge of regret.",
        "Starr's remarks",
        "suggested",
    ),
];

#[test]
fn every_english_form_finds_its_speaker() {
    let mut wrong = Vec::new();
    for (sentence, speaker, verb) in FORMS {
        match extract(sentence).first() {
            Some(s) if s.speaker == *speaker && s.verb == *verb => {}
            other => wrong.push(format!(
                "{sentence}\n  want {speaker:?} {verb:?}\n  got {other:?}"
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_sentence_with_two_clauses_gives_the_first_statement_and_no_mentions() {
    let s = extract("Seoul called the deployment a threat. The canal was built in 1914.");
    assert_eq!(s.len(), 1);
    let s = extract("Tokyo and Seoul agreed to share missile warning data, officials said.");
    assert_eq!(
        s[0].content,
        "Tokyo and Seoul agreed to share missile warning data"
    );
    let s = extract("China welcomed the deal, while Japan said it had concerns.");
    let got: Vec<(&str, &str)> = s
        .iter()
        .map(|s| (s.speaker.as_str(), s.content.as_str()))
        .collect();
    assert_eq!(got, [("China", "the deal"), ("Japan", "it had concerns")]);
    assert!(extract("The canal handles 5% of world trade.").is_empty());
    assert!(extract("The debate was chaired by China's foreign minister Wang Yi.").is_empty());
}

#[test]
fn quotations_and_floating_quotes() {
    let s = extract("\"We will not back down,\" Lin Jian said. \"The canal belongs to Panama.\"");
    // The floating quotation carries on Lin Jian's statement.
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].speaker, "Lin Jian");
    assert_eq!(
        s[0].quote.as_deref(),
        Some("We will not back down … The canal belongs to Panama.")
    );
    let s = extract("Kim called the ties a \"precious common asset\" for generations.");
    assert_eq!(s[0].quote.as_deref(), Some("precious common asset"));
}

#[test]
fn korean_forms() {
    let cases = [
        (
            "중국 외교부 마오닝 대변인은 1일 정례 브리핑에서 \"운하는 중립이어야 한다\"라고 밝혔다.",
            "중국 외교부 마오닝 대변인",
            "밝혔다",
        ),
        ("일본 정부는 깊은 우려를 표명했다.", "일본 정부", "표명했다"),
        (
            "미 국무부가 \"도발을 중단하라\"고 촉구했다.",
            "미 국무부",
            "촉구했다",
        ),
        (
            "합동참모본부에 따르면 미사일은 약 1,100킬로미터를 비행했다.",
            "합동참모본부",
            "에 따르면",
        ),
        (
            "한국 정부는 단계적으로 대응하겠다고 말했다.",
            "한국 정부",
            "말했다",
        ),
    ];
    for (sentence, speaker, verb) in cases {
        let s = extract(sentence);
        assert_eq!(
            s.first().map(|s| (s.speaker.as_str(), s.verb.as_str())),
            Some((speaker, verb)),
            "{sentence}"
        );
    }
}

#[test]
fn lists_of_speakers_and_plural_bodies() {
    let s = extract(
        "Spain, Italy, France, the Netherlands and Lithuania have asked the European Commission for faster tariffs.",
    );
    assert_eq!(
        s.first().map(|s| s.speaker.as_str()),
        Some("France, the Netherlands and Lithuania")
    );
    let s = extract("The five governments say Chinese overcapacity is driving down prices.");
    assert_eq!(
        s.first().map(|s| s.speaker.as_str()),
        Some("The five governments")
    );
}

mod never_panics {
    use proptest::prelude::*;

    /// Pieces that stress the readers' offsets: curly and straight quotation
    /// marks beside commas, accented and CJK letters, and every kind of cue.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "”",
            "“",
            "\"",
            "''",
            "「",
            "」",
            "『",
            ", ",
            ",",
            ". ",
            "? ",
            "。",
            "，",
            "：",
            " said",
            " says ",
            "said ",
            " told reporters",
            " according to ",
            ", who said ",
            ", saying ",
            " quoted ",
            " as saying ",
            "The Post",
            "Lin Jian",
            " she ",
            "é",
            "—",
            "’",
            "林芳正官房長官は",
            "と述べた",
            "外交部发言人毛宁",
            "表示",
            "说",
            "据",
            "报道",
            "によると",
            "라고 밝혔다",
            "외교부는 ",
            " the ministry",
            " and ",
            "Japan",
            "中国",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
        ))]

        #[test]
        fn any_text_is_read_without_a_panic(pieces in prop::collection::vec(piece(), 0..40)) {
            let text: String = pieces.concat();
            for s in super::extract(&text) {
                prop_assert!(s.span.0 <= s.span.1 && s.span.1 <= text.len());
            }
        }
    }
}

#[test]
fn silence_is_not_a_statement() {
    for sentence in [
        "Japan's foreign ministry has not commented on the dispute.",
        "The embassy did not respond to a request for comment.",
        "A State Department spokesperson declined to comment.",
        "日本の外務省はコメントしていない。",
        "中国外交部未予置评。",
        "외교부는 이에 대해 언급하지 않았다.",
    ] {
        assert!(
            extract(sentence).is_empty(),
            "{sentence}: {:?}",
            extract(sentence)
        );
    }
    assert_eq!(
        extract("Japan's foreign ministry said it would comment later.").len(),
        1
    );
}

#[test]
fn a_speaker_is_a_noun_phrase_not_a_clause() {
    for (sentence, speaker) in [
        ("But he said the plan would fail.", "he"),
        ("Though she said the deal was fair, few agreed.", "she"),
        (
            "President Barack Obama has long said the deal is sound.",
            "President Barack Obama",
        ),
        // A phrase set off before the name.
        (
            "Speaking at a rally in Novi, Michigan, Trump said he was making a demand.",
            "Trump",
        ),
        (
            "Giving a speech in Toledo, Clinton said the plan would help families.",
            "Clinton",
        ),
        (
            "Several weeks ago, Donald Trump stated that the plan would pass.",
            "Donald Trump",
        ),
        (
            "A few days ago in an interview with a Russian network he blasted the media as dishonest.",
            "he",
        ),
        // A relative clause with a subject of its own.
        (
            "His district was at the center of a lawsuit in which Democrats argued that the map was illegal.",
            "Democrats",
        ),
        // A relative clause inside an apposition.
        (
            "United States Citizenship and Immigration Services, the agency that oversees the program, said it would act.",
            "United States Citizenship and Immigration Services, the agency that oversees the program",
        ),
        // Dashes set phrases off as commas do.
        (
            "The debate is predictable - Donald J. Trump has vowed to bring back mining jobs.",
            "Donald J. Trump",
        ),
        (
            "It became an issue, with Hillary Clinton — who's called for tax hikes on the rich — lambasting the plan.",
            "Hillary Clinton",
        ),
        // A verb sharing the subject of one that reports nothing.
        (
            "Hillary Clinton, like Obama, has encouraged allies to spend more but has said she will keep every commitment.",
            "Hillary Clinton",
        ),
        (
            "The nominee and his aides haven't said much about the debate.",
            "The nominee and his aides",
        ),
        // A place or a time set off after the name.
        ("Trump, in Kentucky, said Tuesday that Rubio was weak.", "Trump"),
        (
            "Mr. Trump, at a rally on Monday, said the deal was a disaster.",
            "Mr. Trump",
        ),
    ] {
        let s = extract(sentence);
        assert_eq!(
            s.first().map(|s| s.speaker.as_str()),
            Some(speaker),
            "{sentence}: {s:?}"
        );
    }
}

#[test]
fn the_tail_of_a_clause_is_no_one() {
    // What stands before "asserts" is a clause's tail; the subject ("the
    // Trump who …") is further back. Read as it is, it names no one.
    let sentence = "This was the Trump who questions a judge because of his Mexican heritage, and asserts that Mexico is \"killing us.\"";
    for s in extract(sentence) {
        let nobody = s.anaphor || crate::lang::en::is_clause_tail(&s.speaker);
        assert!(nobody || s.speaker.contains("Trump"), "{s:?}");
    }
    assert!(crate::lang::en::is_clause_tail("of his Mexican heritage"));
    assert!(!crate::lang::en::is_clause_tail("Mexico's foreign ministry"));
}

#[test]
fn a_name_given_is_no_statement() {
    // "so called" names a group; it reports nothing anyone said.
    let sentence = "Many would serve, even if it were the so called Never Trumpers who made headlines.";
    assert!(extract(sentence).is_empty(), "{:?}", extract(sentence));
}

#[test]
fn a_title_s_period_stays_in_the_speaker_and_what_follows_the_verb_is_no_one() {
    let s = extract(
        "The goal is to curb activist investors, according to a speech Mrs. Clinton delivered in July.",
    );
    assert!(
        s.first().is_some_and(|s| s.speaker.contains("Mrs. Clinton")),
        "{s:?}"
    );
    let s = extract(
        "\"Their strategy is very clear,\" Michael McFaul, a senior fellow at the Hoover Institution, said of RT.",
    );
    assert!(
        s.first().is_some_and(|s| s.speaker.starts_with("Michael McFaul")),
        "{s:?}"
    );
}
