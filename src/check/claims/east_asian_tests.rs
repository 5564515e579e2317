//! Numbers and dates as Japanese, Chinese and Korean write them, read by value.

use super::{Claim, extract};

fn first(text: &str) -> Claim {
    extract(text)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no claim in {text}"))
        .claim
}

/// The numbers and amounts read from `text`.
fn numbers(text: &str) -> Vec<Claim> {
    extract(text)
        .into_iter()
        .map(|f| f.claim)
        .filter(|c| matches!(c, Claim::Number(_) | Claim::Money { .. }))
        .collect()
}

fn date(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> Claim {
    Claim::Date { year, month, day }
}

#[test]
fn counters_units_and_numerals_by_value() {
    let money = |value: f64, code: &'static str| Claim::Money {
        value,
        currency: Some(code),
    };
    let cases = [
        ("中国海警局の船4隻が侵入した", Claim::Number(4.0)),
        ("約2時間にわたって航行した", Claim::Number(2.0)),
        ("今年8回目となる", Claim::Number(8.0)),
        ("将140家中国企业列入清单", Claim::Number(140.0)),
        ("约40%", Claim::Percent(40.0)),
        ("約90パーセント", Claim::Percent(90.0)),
        ("약 90퍼센트", Claim::Percent(90.0)),
        ("百分之四十的出口", Claim::Percent(40.0)),
        ("40％の企業", Claim::Percent(40.0)),
        ("1.1兆円規模の経済協力", money(1.1e12, "JPY")),
        ("60億ドルの支援", money(6e9, "USD")),
        ("60억 달러 규모", money(6e9, "USD")),
        ("30亿美元的投资", money(3e9, "USD")),
        ("180万バレルの原油", Claim::Number(1.8e6)),
        ("180만 배럴", Claim::Number(1.8e6)),
        ("船七隻が", Claim::Number(7.0)),
        ("十四人が負傷した", Claim::Number(14.0)),
        ("两艘军舰", Claim::Number(2.0)),
        ("二十五カ国が参加", Claim::Number(25.0)),
        ("１８０万人", Claim::Number(1.8e6)),
        ("2026年3月2日に", date(Some(2026), Some(3), Some(2))),
        ("3月1日午前", date(None, Some(3), Some(1))),
        ("5月1日から施行", date(None, Some(5), Some(1))),
        ("2026년 3월 1일", date(Some(2026), Some(3), Some(1))),
        ("1日午前、領海に", date(None, None, Some(1))),
        ("令和8年度の予算", date(Some(2026), None, None)),
        ("2025年の実績", date(Some(2025), None, None)),
    ];
    let mut wrong = Vec::new();
    for (text, want) in cases {
        let got = first(text);
        if got != want {
            wrong.push(format!("{text}: want {want:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn words_with_numerals_are_not_numbers() {
    for text in [
        "一方、中国外務省は",
        "一段と冷え込んでいる",
        "十分に説明した",
        "日本の立場",
    ] {
        let numbers: Vec<Claim> = extract(text).into_iter().map(|f| f.claim).collect();
        assert!(numbers.is_empty(), "{text}: {numbers:?}");
    }
    // Ten days is a number, not the tenth of a month.
    assert_eq!(first("10日間の日程"), Claim::Number(10.0));
}

#[test]
fn numerals_that_count_nothing_exactly_are_no_claims() {
    // Vague quantities ("millions"), "one or two", and "these two" pointing back.
    for text in [
        "何百万もの損失が出る",
        "造成几百万的损失",
        "数千人が集まった",
        "电影中也有一两个优秀的镜头",
        "今年他宣布他对这两个名字偏爱有加",
        "その三つの案",
    ] {
        let numbers: Vec<Claim> = extract(text).into_iter().map(|f| f.claim).collect();
        assert!(numbers.is_empty(), "{text}: {numbers:?}");
    }
    // What counts stays a claim: a count without a demonstrative, a year
    // written digit by digit, an amount whose sign names its currency.
    assert_eq!(first("两个北约盟国"), Claim::Number(2.0));
    assert_eq!(first("三百万人"), Claim::Number(3e6));
    assert_eq!(
        crate::lang::east_asian::blank_uncounted("二〇二三年に"),
        "二〇二三年に"
    );
    let decade = Claim::Date {
        year: Some(1930),
        month: None,
        day: None,
    };
    assert_eq!(first("在 20 世纪 30 年代由此撤出"), decade);
    assert_eq!(first("1930年代に去っていった"), decade);
    assert_eq!(first("30年代に"), decade, "a decade by its last two digits");
    assert_eq!(first("1930년대에"), decade);
    // Shares in tenths, and pounds by name.
    assert_eq!(first("支持率は3割に落ちた"), Claim::Percent(30.0));
    assert_eq!(first("约三成的选民"), Claim::Percent(30.0));
    assert!(extract("他成为了成员").is_empty());
    assert_eq!(
        first("1100만 파운드 규모"),
        Claim::Money {
            value: 1.1e7,
            currency: Some("GBP")
        }
    );
    assert_eq!(
        first("英国 £28 億元美妝市場"),
        Claim::Money {
            value: 2.8e9,
            currency: Some("GBP")
        }
    );
}

#[test]
fn quotations_without_spaces_are_claims() {
    let quotes: Vec<Claim> = extract("林氏は「断じて容認できない」と述べ、毛宁说：“中方坚决反对。”")
        .into_iter()
        .map(|f| f.claim)
        .filter(|c| matches!(c, Claim::Quote(_)))
        .collect();
    assert_eq!(
        quotes,
        vec![
            Claim::Quote("断じて容認できない".into()),
            Claim::Quote("中方坚决反对。".into())
        ]
    );
}

#[test]
fn an_idiom_of_tenths_is_no_percentage() {
    // 一成不变 is "unchanging", not ten per cent.
    assert!(
        extract("一成不變的流浪陣隊")
            .iter()
            .all(|f| !matches!(f.claim, Claim::Percent(_)))
    );
    assert_eq!(first("支持率は3割だった"), Claim::Percent(30.0));
}

#[test]
fn numerals_inside_words_and_vague_digits_count_nothing() {
    // 唯一 is "only": the 一 inside it is no part of the count after it.
    assert_eq!(numbers("澳大利亚唯一一个大型板球体育馆"), [Claim::Number(1.0)]);
    assert!(numbers("中国实现了统一").is_empty());
    // 数10億 is "several billion"; 者数30万 a number of subscribers.
    assert!(numbers("数10億ドルの契約").is_empty());
    assert_eq!(numbers("登録者数30万人を超える"), [Claim::Number(3e5)]);
    // Parts, resale and "the next day" count nothing; "the second talks" do.
    assert!(numbers("我们拥有大量的通用零件选件").is_empty());
    assert!(numbers("退回的商品必须不影响二次销售").is_empty());
    assert_eq!(numbers("这是第二次会谈"), [Claim::Number(2.0)]);
    assert!(numbers("第二天上午").is_empty());
}

#[test]
fn more_than_between_a_number_and_its_scale() {
    assert_eq!(
        first("今天将价值 200 多万美元"),
        Claim::Money {
            value: 2e6,
            currency: Some("USD")
        }
    );
    assert_eq!(first("30余万人"), Claim::Number(3e5));
}

#[test]
fn an_event_by_its_date_and_a_weekday_only_where_the_language_names_one() {
    assert_eq!(first("911事件をきっかけに"), date(None, Some(9), Some(11)));
    assert_eq!(first("9・11テロ"), date(None, Some(9), Some(11)));
    // 清水周一 is a name in Japanese; 周一 is Monday in Chinese.
    assert!(
        extract("清水周一執行役員が受け取った")
            .iter()
            .all(|f| !matches!(f.claim, Claim::Weekday(_)))
    );
    assert_eq!(first("周一发生地震"), Claim::Weekday(1));
    assert_eq!(
        first("１８９５（明治２８）年７月に赴任"),
        date(Some(1895), Some(7), None)
    );
}

#[test]
fn amounts_in_thousands_and_hundreds_and_years_by_two_digits_before_a_month() {
    let money = |value: f64, code: &'static str| Claim::Money {
        value,
        currency: Some(code),
    };
    assert_eq!(first("２千億円規模を投じる"), money(2e11, "JPY"));
    assert_eq!(first("5億8千5百万ナイラ"), Claim::Number(5.85e8));
    assert_eq!(first("26年３月期の売上高"), date(Some(2026), Some(3), None));
    assert_eq!(first("2024.01.09 - 株式会社"), date(Some(2024), Some(1), Some(9)));
}

#[test]
fn each_side_of_a_score_is_a_number() {
    let n = |v: &[f64]| v.iter().map(|&x| Claim::Number(x)).collect::<Vec<_>>();
    assert_eq!(numbers("リビングストンがレンジャーズに1-0で勝利"), n(&[1.0, 0.0]));
    assert_eq!(numbers("맨체스터 시티의 2대1 승리"), n(&[2.0, 1.0]));
    assert_eq!(numbers("此前利物浦队0:1落后"), n(&[0.0, 1.0]));
    let sets = numbers("决赛中以6-3 6-2 6-4击败对手");
    assert_eq!(sets.len(), 6, "{sets:?}");
    // A decimal is no side of a score.
    assert!(!numbers("1.5-2倍に").contains(&Claim::Number(5.0)));
}

#[test]
fn a_korean_ordinal_in_native_numerals_is_a_number() {
    assert_eq!(numbers("두 정상의 여덟 번째 정상회담"), [Claim::Number(8.0)]);
    assert_eq!(
        numbers("열두 번째 항구이자 스무 번째 도시"),
        [Claim::Number(12.0), Claim::Number(20.0)]
    );
    assert_eq!(numbers("이번이 첫 번째다"), [Claim::Number(1.0)]);
    assert!(numbers("그 다음 번째 순서").is_empty());
}

#[test]
fn a_count_per_week_is_no_day_and_a_hundred_scales() {
    let claims = |t: &str| extract(t).into_iter().map(|f| f.claim).collect::<Vec<_>>();
    // 一週四日 is four days a week; 星期四 keeps the digits after it whole.
    assert!(
        claims("改用一週四日工作制")
            .iter()
            .all(|c| !matches!(c, Claim::Weekday(_)))
    );
    assert!(claims("会谈于周四举行").contains(&Claim::Weekday(4)));
    assert_eq!(
        claims("發生係星期四19:30位於"),
        [Claim::Weekday(4), Claim::Number(19.0), Claim::Number(30.0)]
    );
    assert_eq!(numbers("超過19百萬起行動"), [Claim::Number(1.9e7)]);
    assert_eq!(numbers("3백만 명"), [Claim::Number(3e6)]);
}
