//! Japanese news forms, read by the statement reader.

use crate::source::statements::extract;

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

#[test]
fn a_continuative_cue_ends_one_statement_and_the_speaker_goes_on() {
    let s = extract(
        "木原稔官房長官は記者会見で「地域の平和を脅かすものだ」と非難し、北朝鮮に厳重に抗議したと説明した。",
    );
    let got: Vec<(&str, &str, &str)> = s
        .iter()
        .map(|s| (s.speaker.as_str(), s.verb.as_str(), s.content.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("木原稔官房長官", "非難した", "地域の平和を脅かすものだ"),
            ("木原稔官房長官", "説明した", "北朝鮮に厳重に抗議した"),
        ]
    );
    assert!(extract("ロシア外務省は論評を控えている。").is_empty());
}
