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

/// (sentence, speaker, verb, content) for Japanese news forms.
#[test]
fn japanese_forms() {
    let cases = [
        (
            "林芳正官房長官は2日の記者会見で、「断じて容認できない」と述べた。",
            "林芳正官房長官",
            "述べた",
            "断じて容認できない",
        ),
        (
            "一方、中国外務省の毛寧報道官は「釣魚島は中国固有の領土だ」と反論した。",
            "中国外務省の毛寧報道官",
            "反論した",
            "釣魚島は中国固有の領土だ",
        ),
        (
            "米国務省の報道官は声明で、日米安全保障条約が尖閣諸島に適用されるとの立場を示した。",
            "米国務省の報道官",
            "立場を示した",
            "日米安全保障条約が尖閣諸島に適用される",
        ),
        (
            "林氏はまた、中国側に厳重に抗議したことを明らかにした。",
            "林氏",
            "明らかにした",
            "中国側に厳重に抗議した",
        ),
        (
            "外務省は、北朝鮮の発射を強く非難した。",
            "外務省",
            "非難した",
            "北朝鮮の発射",
        ),
        (
            "海上保安庁によると、中国海警局の船4隻が領海に侵入した。",
            "海上保安庁",
            "によると",
            "中国海警局の船4隻が領海に侵入した",
        ),
        (
            "防衛省は、日本の安全保障に重大な影響を与えるとしている。",
            "防衛省",
            "している",
            "日本の安全保障に重大な影響を与える",
        ),
    ];
    for (sentence, speaker, verb, content) in cases {
        let s = extract(sentence);
        assert_eq!(s.len(), 1, "{sentence}: {s:?}");
        assert_eq!(s[0].speaker, speaker, "{sentence}");
        assert!(s[0].verb.ends_with(verb), "{sentence}: verb {}", s[0].verb);
        assert_eq!(s[0].content, content, "{sentence}");
    }
}

#[test]
fn japanese_continuations_and_refusals() {
    // No subject of its own: the previous speaker goes on (resolved by `sides`).
    let s = extract("林芳正官房長官は「遺憾だ」と述べた。また、「領土を守り抜く」とも強調した。");
    assert_eq!(s.len(), 2);
    assert!(s[1].speaker.is_empty() && s[1].anaphor, "{s:?}");
    let s = extract("同氏は「冷静に対応する」と語った。");
    assert!(s[0].anaphor);
    // A quotation with a full stop inside it stays one sentence.
    let s = extract("林氏は「容認できない。抗議した」と述べた。");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].content, "容認できない。抗議した");
    assert!(extract("韓国外交部は「現時点でコメントを控える」としている。").is_empty());
    assert!(extract("中国海警局の船4隻が1日、領海に侵入した。").is_empty());
}

/// (sentence, speaker, verb, content) for Chinese news forms.
#[test]
fn chinese_forms() {
    let cases = [
        (
            "外交部发言人毛宁19日在例行记者会上表示，中方坚决反对美方滥用出口管制措施。",
            "外交部发言人毛宁",
            "表示",
            "中方坚决反对美方滥用出口管制措施",
        ),
        (
            "毛宁说：“中方将采取必要措施。”",
            "毛宁",
            "说",
            "“中方将采取必要措施。”",
        ),
        (
            "“美方的做法严重违反市场经济原则，”毛宁说。",
            "毛宁",
            "说",
            "美方的做法严重违反市场经济原则，",
        ),
        (
            "她还敦促美方立即纠正错误做法。",
            "她",
            "敦促",
            "美方立即纠正错误做法",
        ),
        (
            "日本内阁官房长官林芳正当天表示，日本将与盟国密切合作。",
            "日本内阁官房长官林芳正",
            "表示",
            "日本将与盟国密切合作",
        ),
        (
            "据路透社报道，受影响企业的对美出口额约占40%。",
            "路透社",
            "据…报道",
            "受影响企业的对美出口额约占40%",
        ),
        (
            "美国商务部长在声明中称：“这些措施旨在保护国家安全。”",
            "美国商务部长",
            "称",
            "“这些措施旨在保护国家安全。”",
        ),
    ];
    for (sentence, speaker, verb, content) in cases {
        let s = extract(sentence);
        assert_eq!(s.len(), 1, "{sentence}: {s:?}");
        assert_eq!(
            (s[0].speaker.as_str(), s[0].verb.as_str()),
            (speaker, verb),
            "{sentence}"
        );
        assert_eq!(s[0].content, content, "{sentence}");
    }
}

#[test]
fn chinese_words_that_are_not_cues() {
    assert!(extract("韩国产业通商资源部当天拒绝置评。").is_empty());
    assert!(extract("据说这部小说很受欢迎。").is_empty());
    assert!(extract("这一地区被称为东亚的十字路口。").is_empty());
    assert!(s_anaphor("该官员指出，谈判仍在继续。"));
}

fn s_anaphor(sentence: &str) -> bool {
    extract(sentence).first().is_some_and(|s| s.anaphor)
}

#[test]
fn english_forms_across_clauses() {
    let one = |t: &str| {
        extract(t)
            .into_iter()
            .map(|s| (s.speaker, s.content))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        one("Broaddrick, who said Clinton had lied, appeared at the debate."),
        vec![("Broaddrick".to_string(), "Clinton had lied".to_string())]
    );
    assert_eq!(
        one("The campaign released a statement Tuesday, saying the senator would stay in the race."),
        vec![(
            "The campaign".to_string(),
            "the senator would stay in the race".to_string()
        )]
    );
    assert_eq!(
        one("The Trump job marks his return to politics, one longtime friend said."),
        vec![(
            "one longtime friend".to_string(),
            "The Trump job marks his return to politics".to_string()
        )]
    );
    assert_eq!(
        one("The Pentagon's annual report, released in December, said China had expanded its arsenal."),
        vec![(
            "The Pentagon's annual report".to_string(),
            "China had expanded its arsenal".to_string()
        )]
    );
    let s = extract("Beijing \"firmly opposes\" what she called \"coercion,\" the spokeswoman said.");
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].speaker, "the spokeswoman");
    assert_eq!(
        s[0].content,
        "Beijing \"firmly opposes\" what she called \"coercion\""
    );
    let s = extract("\"Is this the way?\" Scarborough continued. \"Is it?\"");
    assert_eq!((s.len(), s[0].speaker.as_str()), (1, "Scarborough"), "{s:?}");
}
