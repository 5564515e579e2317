//! Negation in four languages, and translated quotations against their originals.

use super::{negated, polarity_unsure};

#[test]
fn negation_in_each_language() {
    for (text, want) in [
        ("We will not back down", true),
        ("We will never accept it", true),
        ("That can't stand", true),
        ("The move is absolutely unacceptable", true),
        ("We will back down", false),
        ("Nobody knows the notion", false),
        ("결코 용납할 수 없다", true),
        ("물러서지 않을 것", true),
        ("물러설 것", false),
        ("断じて容認できない", true),
        ("容認できる", false),
        ("少ない資源を守る", false),
        ("中方坚决不接受", true),
        ("我们没有改变立场", true),
        ("中方将采取必要措施", false),
        ("面向未来的合作", false),
        ("日本が不当な主張を撤回するよう求める", false),
        ("日本の不当な主張を容認できない", true),
        ("强烈敦促日本撤回其不当主张", false),
        ("中方对此表示不满", false),
        ("不適切な方法で使われていた", false),
        ("QRコードを取得しなければならない", false),
        ("かつてないほど交渉開始に近づいている", false),
        ("必ず実現する", false),
        ("国籍に関わらず記入する", false),
        ("受け入れられない", true),
        ("正在经历最不严重干旱", false),
        ("我们不得不采取措施", false),
        ("沒有多想就直接射門", true),
        ("他们分别表示特别关注", false),
        ("莫里伍德 (Moliwood)", false),
        ("一切認めず", true),
        ("The move is not unacceptable", false),
        ("We are never unwilling to talk", false),
        ("No, the move is not unacceptable", true),
    ] {
        assert_eq!(negated(text), want, "{text}");
    }
}

#[test]
fn a_negation_only_inside_a_relative_clause_leaves_the_polarity_open() {
    for (text, unsure) in [
        (
            "I had an idea of Lestat as the man who could do things that I couldn't do",
            true,
        ),
        ("Voters who did not turn out will regret it", true),
        ("We will not back down", false),
        ("He said that they won't back down", false),
        ("The man who came said we can't stay", false),
        ("The move is not unacceptable", true),
    ] {
        assert_eq!(polarity_unsure(text), unsure, "{text}");
    }
}

/// Whether the first claim of `a` is supported by the claims of `b`.
fn same_fact(a: &str, b: &str) -> bool {
    use super::super::claims::{extract, supported};
    use super::super::support::held;
    let claim = extract(a)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no claim in {a}"))
        .claim;
    let found = held(b);
    supported(&claim, &found, &crate::text::QuoteIndex::default())
}

#[test]
fn facts_compare_by_value_across_languages() {
    let same = [
        ("1.8 million barrels", "180万バレル"),
        ("1.8 million barrels", "180만 배럴"),
        ("180万バレル", "180만 배럴"),
        ("180만 배럴", "1.8 million barrels"),
        ("$6 billion", "60억 달러"),
        ("$6 billion", "60億ドル"),
        ("60억 달러", "$6 billion"),
        ("60億ドル", "60억 달러"),
        ("30亿美元", "$3 billion"),
        ("1.1兆円", "¥1.1 trillion"),
        ("¥1.1 trillion", "1.1兆円"),
        ("March 1", "3月1日"),
        ("March 1", "3월 1일"),
        ("3月1日", "March 1"),
        ("3월 1일", "3月1日"),
        ("2026年3月2日", "March 2, 2026"),
        ("March 2, 2026", "2026년 3월 2일"),
        ("5月1日から", "from May 1"),
        ("about 90 percent", "約90%"),
        ("約90%", "about 90 percent"),
        ("약 90퍼센트", "about 90 percent"),
        ("약 90%", "約90%"),
        ("百分之四十", "40%"),
        ("40％", "40 percent"),
        ("4隻", "four ships"),
        ("2발", "two ballistic missiles"),
        ("140家", "140 companies"),
        ("十四人", "14 people"),
        ("两艘", "two ships"),
        ("七隻", "7 ships"),
        ("1억2000만 달러", "$120 million"),
        ("15,000명", "15,000 troops"),
        ("1만5000명", "15,000 troops"),
        ("2025年", "in 2025"),
        ("令和8年", "2026"),
    ];
    let different = [
        ("180만 배럴", "1.6 million barrels"),
        ("180万バレル", "1.6 million barrels"),
        ("$6 billion", "60억 원"),
        ("$6 billion", "6억 달러"),
        ("60億ドル", "$600 million"),
        ("March 1", "3月2日"),
        ("March 1", "4월 1일"),
        ("3月1日", "January 3"),
        ("about 90 percent", "約80%"),
        ("百分之四十", "14%"),
        ("4隻", "five ships"),
        ("2027年", "in 2026"),
        ("1만5000명", "1,500 troops"),
    ];
    let mut wrong = Vec::new();
    for (a, b) in same {
        if !same_fact(a, b) {
            wrong.push(format!("{a} should equal {b}"));
        }
    }
    for (a, b) in different {
        if same_fact(a, b) {
            wrong.push(format!("{a} should differ from {b}"));
        }
    }
    assert!(same.len() + different.len() >= 40);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn values_a_source_gives_in_words_support_a_translation() {
    for (claim, source) in [
        ("6月に再開した", "The talks resumed in June."),
        ("8월에 열렸다", "It was held in August."),
        ("10월까지 폐쇄", "closed until Oct. at the earliest"),
        ("2回目の訪問", "his second visit this month"),
        ("1980年代に", "in the 1980s"),
        ("1980년대", "since the 1980s"),
        ("10年ぶり", "for the first time in a decade"),
        ("오후 7시 30분경", "at about 19:30 local time"),
        ("午後4時", "at 4pm on Friday"),
        ("3천5백만 달러", "a $35 million grant"),
        ("22억 5천만 명", "more than 2.25 billion people"),
        ("30% 至 43%", "between 30 and 43 percent of voters"),
        ("3分の2以上", "a two-thirds majority"),
        ("2倍に", "it doubled in a year"),
        ("2인조", "the comedy duo"),
        ("4日間", "a four-day week"),
        ("60分の番組", "the programme \"60 Minutes\" aired"),
    ] {
        assert!(same_fact(claim, source), "{claim} against {source:?}");
    }
    for (claim, source) in [
        ("7月に再開した", "The talks resumed in June."),
        ("4回目の訪問", "his second visit this month"),
        ("1990年代に", "in the 1980s"),
        ("3천6백만 달러", "a $35 million grant"),
        ("5日間", "a four-day week"),
    ] {
        assert!(
            !same_fact(claim, source),
            "{claim} must not hold against {source:?}"
        );
    }
}

#[test]
fn codes_and_weekdays_are_not_numbers_but_glued_digits_are() {
    use super::super::claims::{Claim, extract};
    let numbers = |t: &str| -> Vec<f64> {
        extract(t)
            .into_iter()
            .filter_map(|f| match f.claim {
                Claim::Number(n) => Some(n),
                _ => None,
            })
            .collect()
    };
    assert!(numbers("F2は速い").is_empty(), "a model name");
    assert!(numbers("周五发生地震").is_empty(), "a weekday");
    assert_eq!(numbers("维斯特,42岁"), [42.0]);
    assert_eq!(numbers("年龄分别为 33、34 和31 岁"), [33.0, 34.0, 31.0]);
}
