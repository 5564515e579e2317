//! Tests of `grounding`.

use super::*;
use crate::check::names::known_name;

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
    assert_eq!(
        entities("演员阵容中还有 Carrie Coon 和 Morgan Spector等。"),
        ["Carrie Coon", "Morgan Spector"],
        "a Latin name ends where Han characters begin"
    );
}

#[test]
fn names_are_known_whole_or_word_by_word() {
    let corpus = "Russian President Vladimir Putin met Kim Jong-un.";
    assert!(known_name("President Putin", corpus));
    assert!(known_name("Kim Jong-un", corpus));
    assert!(!known_name("Choe Son-hui", corpus));
    let agency = "the Korean Central News Agency reported, citing the International Atomic Energy Agency.";
    assert!(known_name("KCNA", agency));
    assert!(known_name("IAEA", agency));
    assert!(!known_name("KCTV", agency));
}

#[test]
fn names_across_spellings_marks_and_weekdays() {
    let e = entities("‘Hans’ Geiger spoke at the UN General Assembly Saturday, and I’ve heard Dragons’ Den.");
    assert!(e.contains(&"UN General Assembly".to_string()), "{e:?}");
    assert!(
        e.iter()
            .all(|n| !n.contains('’') && !n.contains("Saturday") && n != "I’ve"),
        "{e:?}"
    );
    let corpus = "Ri Yong Ho told the U.N. General Assembly that the National Hurricane Center, at 5 a.m., said the Defense Department agreed.";
    for name in [
        "UN General Assembly",
        "National Hurricane Centre",
        "Defence Department",
    ] {
        assert!(known_name(name, corpus), "{name}");
    }
    assert!(known_name("THANK YOU FOR STANDING", "Thank you for standing up."));
    assert!(!known_name("UNESCO", corpus));
    assert!(!known_name("National Storm Centre", corpus));
}

pub(super) fn report_on(source: &str, article: &str) -> crate::check::Report {
    let persona = crate::persona::load("prism", &[]).unwrap();
    let mut srcs = vec![crate::source::parse(std::path::Path::new("s.md"), source, 1, 1).unwrap()];
    crate::source::tag_perspectives(&mut srcs, &persona).unwrap();
    let corpus = Corpus::new(&srcs, &persona);
    let doc = crate::check::markdown::parse(article, &persona);
    crate::check::run(&doc, &corpus, &persona)
}

#[test]
fn a_headline_may_state_what_the_source_title_states() {
    let source = "---\ntitle: \"Ports deal worth $25 Million, 'a new start' says mayor\"\n---\n\nThe mayor signed the deal on Monday.\n";
    let article =
        "# Ports deal worth $25 Million, 'a new start' says mayor\n\nThe mayor signed the deal on Monday.\n";
    let report = report_on(source, article);
    assert!(
        report.findings.iter().all(|f| !f.is_hard()),
        "{:#?}",
        report.findings
    );
    let changed = report_on(source, &article.replace("$25", "$26"));
    assert!(
        changed
            .findings
            .iter()
            .any(|f| f.is_hard() && f.claim.contains("26")),
        "{changed:#?}"
    );
}

#[test]
fn an_english_edition_may_respell_what_it_quotes() {
    let source = "The North does not see a \"corresponding response\" from the U.S., Ri said. \"People socialize in a different neighborhood,\" he added.\n";
    let article = "# Talks\n\nThe North does not see a ‘corresponding response’ from the US, Ri said. ‘People socialise in a different neighbourhood,’ he added.\n";
    let report = report_on(source, article);
    assert!(
        report.findings.iter().all(|f| !f.is_hard()),
        "{:#?}",
        report.findings
    );
    let changed = report_on(source, &article.replace("different", "new"));
    assert!(changed.findings.iter().any(|f| f.is_hard()), "{changed:#?}");
}

#[test]
fn words_for_numbers_support_digits_in_another_language() {
    let source = "总降雨量可能会超过半英寸。这一对情侣于2018年6月完婚。\n";
    let article = "# 雨\n\n合計0.5インチを超える雨が降る可能性がある。二人は2018年6月に挙式した。\n";
    let report = report_on(source, article);
    assert!(
        report.findings.iter().all(|f| !f.is_hard()),
        "{:#?}",
        report.findings
    );
    let changed = report_on(source, &article.replace("0.5インチ", "1.5インチ"));
    assert!(
        changed
            .findings
            .iter()
            .any(|f| f.is_hard() && f.claim.contains("1.5")),
        "{changed:#?}"
    );
}

#[test]
fn an_ordinal_word_rests_on_the_sources_ordinal() {
    let source = "李大統領にとって今年3回目の首脳会談だった。中国は世界第二の経済大国だ。\n";
    let article = "# Visit\n\nIt was his third summit this year. China is the second-largest economy.\n";
    let report = report_on(source, article);
    assert!(
        report.findings.iter().all(|f| !f.is_hard()),
        "{:#?}",
        report.findings
    );
    let changed = report_on(source, &article.replace("his third", "his fifth"));
    assert!(
        changed
            .findings
            .iter()
            .any(|f| f.is_hard() && f.claim.contains("fifth")),
        "{changed:#?}"
    );
}

#[test]
fn a_changed_day_of_the_week_is_found_and_one_day_across_languages_is_noted() {
    let source = "The typhoon is expected to weaken by Tuesday.\n";
    let english = "# Storm\n\nThe typhoon is expected to weaken by Tuesday.\n";
    assert!(report_on(source, english).findings.iter().all(|f| !f.is_hard()));
    let changed = report_on(source, &english.replace("Tuesday", "Wednesday"));
    assert!(
        changed
            .findings
            .iter()
            .any(|f| f.is_hard() && f.claim == "Wednesday"),
        "{changed:#?}"
    );
    // Across languages a day off may be another time zone's; two days off is not.
    let japanese = "# 台風\n\n台風は水曜日までに弱まる見通し。\n";
    let report = report_on(source, japanese);
    assert!(
        report.findings.iter().all(|f| !f.is_hard()),
        "{:#?}",
        report.findings
    );
    assert!(
        report.unverified.iter().any(|n| n.claim.contains('水')),
        "{:#?}",
        report.unverified
    );
    let far = report_on(source, &japanese.replace("水曜日", "金曜日"));
    assert!(far.findings.iter().any(|f| f.is_hard()), "{far:#?}");
}

#[test]
fn a_passage_is_searched_whole_its_edges_and_marks_included() {
    // A passage that opens on a quoted post (`".@name`), and words starred out
    // in the source, which an article read as Markdown loses.
    let source = "---\ntitle: \"\\\"Looking like muppets\\\" at the summit\"\n---\n\n\".@Rival prioritized gun makers over the parents,\" she posted on Wednesday.\n\nHe told another aide to \u{201c}go f*** yourself\u{201d} in the car.\n";
    let article = "# \"Looking like muppets\" at the summit\n\n\".@Rival prioritized gun makers over the parents,\" she posted on Wednesday.\n\nHe told another aide to \u{201c}go f*** yourself\u{201d} in the car.\n";
    let report = report_on(source, article);
    assert!(
        report.findings.iter().all(|f| !f.is_hard()),
        "{:#?}",
        report.findings
    );
    let changed = report_on(source, &article.replace("gun makers", "car makers"));
    assert!(changed.findings.iter().any(|f| f.is_hard()), "{changed:#?}");
}

#[test]
fn what_cannot_be_decided_across_scripts_is_a_note_not_a_finding() {
    let source = "The storm reached the coast on Friday.\n";
    // A quotation and a transliterated name in another script, with no original
    // quotation to tie the one to and no alias for the other.
    let article =
        "# 暴風\n\n当局者は「嵐が金曜日に海岸に到達した」と述べた。気象庁の艾琳報道官が確認した。\n";
    let report = report_on(source, article);
    assert!(
        report.findings.iter().all(|f| !f.is_hard()),
        "{:#?}",
        report.findings
    );
    assert!(!report.unverified.is_empty(), "{report:#?}");
    assert!(
        report
            .unverified
            .iter()
            .all(|n| n.kind == FindingKind::Quote || n.kind == FindingKind::Entity)
    );
    // A number no source holds by value is decided: contradicted.
    let wrong = report_on(source, "# 暴風\n\n嵐は3隻の船を沈めた。\n");
    assert!(
        wrong
            .findings
            .iter()
            .any(|f| f.is_hard() && f.kind == FindingKind::Number),
        "{wrong:#?}"
    );
}

#[test]
fn a_japanese_quotation_in_kanji_alone_translates_a_chinese_source() {
    let source = "外交部发言人表示，谈判是闭门进行的，双方讨论了贸易问题。\n";
    let article = "# 会談\n\n外交部の報道官は、会談は「非公開」で行われたと述べた。\n";
    let report = report_on(source, article);
    assert!(
        report.findings.iter().all(|f| !f.is_hard()),
        "{:#?}",
        report.findings
    );
}

#[test]
fn months_in_hanzi_are_dates_by_value() {
    let source = "六月，委员会发表了报告。\n";
    let report = report_on(source, "# 報告\n\n6月に委員会が報告書を発表した。\n");
    assert!(
        report.findings.iter().all(|f| !f.is_hard()),
        "{:#?}",
        report.findings
    );
    let changed = report_on(source, "# 報告\n\n7月に委員会が報告書を発表した。\n");
    assert!(
        changed
            .findings
            .iter()
            .any(|f| f.is_hard() && f.claim.contains('7')),
        "{changed:#?}"
    );
}

#[test]
fn a_glued_m_is_millions_or_metres() {
    let source = "---\ntitle: \"Flood\"\n---\n\nSome 2.3 million people live behind a 10 metre wall.\n";
    let faithful = "# Flood\n\nSome 2.3m people live behind a 10m wall.\n";
    let report = report_on(source, faithful);
    assert!(
        report.findings.iter().all(|f| !f.is_hard()),
        "{:#?}",
        report.findings
    );
    let changed = report_on(source, &faithful.replace("2.3m", "2.4m").replace("10m", "11m"));
    let hard: Vec<&str> = changed
        .findings
        .iter()
        .filter(|f| f.is_hard())
        .map(|f| f.claim.as_str())
        .collect();
    assert_eq!(hard, ["2.4m", "11m"], "{changed:#?}");
}

#[test]
fn a_title_followed_by_what_it_does_names_no_one() {
    use crate::lang::cjk::titled_names;
    assert!(titled_names("处于第三个任期的总统表示，数千万人失去了积蓄。").is_empty());
    assert!(titled_names("外长在记者会上说").is_empty());
    assert!(
        titled_names("官房長官は述べた").is_empty(),
        "官房 is part of the title"
    );
    assert_eq!(titled_names("林芳正官房長官は述べた"), ["林芳正"]);
    assert!(titled_names("总统拜登表示").iter().any(|n| n.contains("拜登")));
}

#[test]
fn a_stance_reported_the_other_way_round_inside_a_longer_statement() {
    let source = "---\ntitle: \"Islands\"\n---\n\nChina's foreign ministry said the Diaoyu Islands \"belong to China\" and that Beijing \"firmly opposes\" Tokyo's move.\n";
    let flipped = report_on(
        source,
        "# Islands\n\n## China\n\nChina's foreign ministry said Beijing welcomes Tokyo's move.\n",
    );
    assert!(
        flipped
            .findings
            .iter()
            .any(|f| f.is_hard() && f.kind == FindingKind::Stance),
        "{flipped:#?}"
    );
    let faithful = report_on(
        source,
        "# Islands\n\n## China\n\nChina's foreign ministry said Beijing opposes Tokyo's move.\n",
    );
    assert!(
        faithful.findings.iter().all(|f| f.kind != FindingKind::Stance),
        "{faithful:#?}"
    );
}

#[test]
fn a_translated_quotation_negated_against_all_its_side_said_is_noted() {
    let source = "---\ntitle: \"Rare earths\"\n---\n\nChief Cabinet Secretary Yoshimasa Hayashi said Japan would \"examine the impact and respond appropriately.\"\n\nChina's commerce ministry said the measures were \"not targeted at any specific country.\"\n";
    let faithful = "# 希土類\n\n## 日本\n\n林芳正官房長官は「影響を精査し、適切に対応したい」と述べた。\n";
    let report = report_on(source, faithful);
    assert!(report.unverified.is_empty(), "{report:#?}");
    let flipped = report_on(source, &faithful.replace("適切に対応したい", "対応しない"));
    assert!(
        flipped.unverified.iter().any(|u| u.claim.contains("対応しない")),
        "{flipped:#?}"
    );
    assert!(flipped.findings.iter().all(|f| !f.is_hard()), "{flipped:#?}");
}

#[test]
fn a_quotation_cut_from_after_its_negation_is_a_finding() {
    let source =
        "---\ntitle: \"Talks\"\n---\n\nMao Ning said Beijing \"is not aware of the details\" of the deal.\n";
    let cut = report_on(
        source,
        "# Talks\n\nMao Ning said Beijing was \"aware of the details\" of the deal.\n",
    );
    assert!(
        cut.findings
            .iter()
            .any(|f| f.is_hard() && f.expected.contains("not aware")),
        "{cut:#?}"
    );
    let kept = report_on(
        source,
        "# Talks\n\nMao Ning said Beijing was not \"aware of the details\" of the deal.\n",
    );
    assert!(kept.findings.iter().all(|f| !f.is_hard()), "{kept:#?}");
}

#[test]
fn a_batting_average_an_area_and_a_conversion_rest_on_the_source() {
    let source = "Hitting .268 this season, Posada spread a 10,500-square-foot reflector; the industry could lose $2 billion.\n";
    let article = "# 포사다\n\n올해 2할6푼8리의 타율을 기록한 포사다는 975 m²의 반사경을 설치했다. 피해액은 20억달러(약 2조원)에 달할 전망이다.\n";
    let report = report_on(source, article);
    assert!(
        report.findings.iter().all(|f| !f.is_hard()),
        "{:#?}",
        report.findings
    );
    for (from, to) in [
        ("2할6푼8리", "2할7푼8리"),
        ("975 m²", "995 m²"),
        ("약 2조원", "약 20조원"),
    ] {
        let changed = report_on(source, &article.replace(from, to));
        assert!(changed.findings.iter().any(|f| f.is_hard()), "{to}: {changed:#?}");
    }
    // Sources that give the conversion hold it: another one is a finding.
    let converted = "피해액은 20억달러(약 2조원)에 달할 전망이다.\n";
    let article = format!("# 피해\n\n{converted}");
    assert!(
        report_on(converted, &article)
            .findings
            .iter()
            .all(|f| !f.is_hard())
    );
    let changed = report_on(converted, &article.replace("2조원", "2조5000억원"));
    assert!(changed.findings.iter().any(|f| f.is_hard()), "{changed:#?}");
}

#[test]
fn a_translated_quotation_against_every_stance_of_its_side_is_noted() {
    let source =
        "---\ntitle: \"Deployment\"\n---\n\nMao Ning said: \"China firmly opposes the deployment.\"\n";
    let faithful = "# 部署\n\n## 中国\n\n毛宁说：“中方坚决反对部署。”\n";
    assert!(report_on(source, faithful).unverified.is_empty());
    let flipped = report_on(source, &faithful.replace("坚决反对", "欢迎"));
    assert!(
        flipped.unverified.iter().any(|u| u.claim.contains("欢迎")),
        "{flipped:#?}"
    );
    assert!(flipped.findings.iter().all(|f| !f.is_hard()), "{flipped:#?}");
}
