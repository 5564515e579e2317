//! Tests of `claims`.

use super::*;

fn claims(s: &str) -> Vec<Claim> {
    extract(s).into_iter().map(|f| f.claim).collect()
}

#[test]
fn numbers_in_every_written_form_are_equal() {
    for s in [
        "15,000 troops",
        "15 000 troops",
        "fifteen thousand troops",
        "15 thousand troops",
    ] {
        assert_eq!(claims(s), [Claim::Number(15000.0)], "{s}");
    }
    assert_eq!(claims("1.2 billion"), [Claim::Number(1.2e9)]);
    assert_eq!(
        claims("three members and one chair"),
        Vec::<Claim>::new(),
        "small words are not claims"
    );
    assert_eq!(
        claims("the G7, COVID-19, Covid-19, F-35s and 코로나19 since mid-2020"),
        [Claim::Date {
            year: Some(2020),
            month: None,
            day: None
        }],
        "codes and model names write no number"
    );
    assert!(
        claims("Seven-Eleven Japan opened its stores").is_empty(),
        "a shop's name"
    );
    assert_eq!(claims("Twenty-Five Killed in Crash"), [Claim::Number(25.0)]);
    assert!(
        claims("one park worker told The Sunday Times").is_empty(),
        "a paper's name"
    );
    assert!(claims("commercial in the second half of next year").is_empty());
    assert_eq!(claims("最大１７５，０００人の兵"), [Claim::Number(175000.0)]);
    let year = |y| Claim::Date {
        year: Some(y),
        month: None,
        day: None,
    };
    assert_eq!(claims("an office from 1981-87"), [year(1987), year(1981)]);
    assert_eq!(
        claims("a mouse on sale for 3,280yen"),
        [Claim::Money {
            value: 3280.0,
            currency: Some("JPY")
        }]
    );
    assert_eq!(
        claims("a N585 million fund"),
        [Claim::Money {
            value: 5.85e8,
            currency: None
        }]
    );
}

#[test]
fn dates_percentages_and_money() {
    let d = |y, m, d| Claim::Date {
        year: y,
        month: m,
        day: d,
    };
    assert_eq!(
        claims("on December 27, 2025."),
        [d(Some(2025), Some(12), Some(27))]
    );
    assert_eq!(claims("on Dec. 18"), [d(None, Some(12), Some(18))]);
    assert_eq!(claims("18 December 2025"), [d(Some(2025), Some(12), Some(18))]);
    assert_eq!(claims("signed in June 2024"), [d(Some(2024), Some(6), None)]);
    assert_eq!(claims("2025-12-27"), [d(Some(2025), Some(12), Some(27))]);
    assert_eq!(claims("in 2024"), [d(Some(2024), None, None)]);
    assert_eq!(
        claims("up 20% or 3.5 percent"),
        [Claim::Percent(20.0), Claim::Percent(3.5)]
    );
    let usd = |v| Claim::Money {
        value: v,
        currency: Some("USD"),
    };
    assert_eq!(claims("$1.2 billion"), [usd(1.2e9)]);
    assert_eq!(claims("1.2 billion dollars"), [usd(1.2e9)]);
}

#[test]
fn quotations_of_two_words_or_more() {
    let q = |s: &str| Claim::Quote(s.into());
    assert_eq!(
        claims("he said “a precious common asset” and 'set right history'."),
        [q("a precious common asset"), q("set right history")]
    );
    assert_eq!(claims("the \"meaningful\" year"), Vec::<Claim>::new());
    assert_eq!(
        claims("Kim's ally's view"),
        Vec::<Claim>::new(),
        "apostrophes are not quotes"
    );
}

#[test]
fn support_compares_values_and_words() {
    let found = extract(
        "North Korea deployed 15,000 troops on December 18, 2025, calling it “a precious common asset”.",
    );
    let text = crate::text::QuoteIndex::new(
        "North Korea deployed 15,000 troops on December 18, 2025, calling it “a precious common asset”.",
    );
    assert!(supported(&Claim::Number(15000.0), &found, &text));
    assert!(!supported(&Claim::Number(16000.0), &found, &text));
    assert!(supported(
        &Claim::Date {
            year: None,
            month: Some(12),
            day: Some(18)
        },
        &found,
        &text
    ));
    assert!(!supported(
        &Claim::Date {
            year: None,
            month: Some(12),
            day: Some(19)
        },
        &found,
        &text
    ));
    assert!(supported(
        &Claim::Quote("a precious  common asset".into()),
        &found,
        &text
    ));
    assert!(!supported(
        &Claim::Quote("a priceless common asset".into()),
        &found,
        &text
    ));
    assert!(supported(
        &Claim::Quote("a precious … asset".into()),
        &found,
        &text
    ));
}

#[test]
fn korean_numbers_dates_and_quotes() {
    let got: Vec<Claim> = extract("합참은 미사일이 약 1,100킬로미터를 비행했다고 2026년 10월 1일 밝혔다. 지원 규모는 60억 달러이며 「대화를 통한 해결」을 강조했다.")
        .into_iter()
        .map(|f| f.claim)
        .collect();
    assert!(got.contains(&Claim::Number(1100.0)), "{got:?}");
    assert!(
        got.contains(&Claim::Date {
            year: Some(2026),
            month: Some(10),
            day: Some(1)
        }),
        "{got:?}"
    );
    assert!(
        got.contains(&Claim::Money {
            value: 6e9,
            currency: Some("USD")
        }),
        "{got:?}"
    );
    assert!(got.contains(&Claim::Quote("대화를 통한 해결".into())), "{got:?}");
    let english: Vec<Claim> = extract("aid worth $6 billion")
        .into_iter()
        .map(|f| f.claim)
        .collect();
    let korean: Vec<Claim> = extract("60억 달러 규모의 지원")
        .into_iter()
        .map(|f| f.claim)
        .collect();
    assert_eq!(
        english, korean,
        "a number written differently in two languages is the same number"
    );
    let date: Vec<Claim> = extract("10월 3일 발사").into_iter().map(|f| f.claim).collect();
    assert_eq!(
        date,
        [Claim::Date {
            year: None,
            month: Some(10),
            day: Some(3)
        }]
    );
}

#[test]
fn a_quotation_keeps_its_weekday_numerals_and_hanzi_months_are_dates() {
    assert_eq!(claims("他说：“周六夜现场”"), [Claim::Quote("周六夜现场".into())]);
    // A weekday is a day of the week, its numeral no count.
    assert_eq!(claims("周五发布"), [Claim::Weekday(5)]);
    assert_eq!(
        claims("十月一日"),
        [Claim::Date {
            year: None,
            month: Some(10),
            day: Some(1)
        }]
    );
}

#[test]
fn percentages_in_words_hyphens_and_hanzi_decimals() {
    assert_eq!(claims("Fifty-eight percent of voters"), [Claim::Percent(58.0)]);
    assert_eq!(claims("a 10-percent tariff"), [Claim::Percent(10.0)]);
    assert_eq!(claims("增长率为百分之二点五"), [Claim::Percent(2.5)]);
}

#[test]
fn single_curly_marks_keep_their_apostrophes_and_an_apostrophe_opens_nothing() {
    assert_eq!(
        claims("Trump: ‘You Don’t Know What You’re Talking About’"),
        [Claim::Quote("You Don’t Know What You’re Talking About".into())]
    );
    assert_eq!(
        claims("Trump‘s attack on a federal judge’ drew fire"),
        Vec::<Claim>::new()
    );
}

#[test]
fn straight_marks_left_unbalanced_give_no_quotation() {
    assert_eq!(
        claims("He said, \"We will win. Then the crowd cheered and \"it was loud\""),
        Vec::<Claim>::new()
    );
    assert_eq!(
        claims("He said \"we will win the race\" today."),
        [Claim::Quote("we will win the race".into())]
    );
}

#[test]
fn glued_scales_and_events_named_by_their_date() {
    assert_eq!(claims("some 2.3m people"), vec![Claim::Number(2.3e6)]);
    assert_eq!(
        claims("约3.5万亿韩元"),
        vec![Claim::Money {
            value: 3.5e12,
            currency: Some("KRW")
        }]
    );
    let september_11 = Claim::Date {
        year: None,
        month: Some(9),
        day: Some(11),
    };
    assert_eq!(claims("since the 9/11 attacks"), vec![september_11.clone()]);
    assert_eq!(claims("9.11テロ以来"), vec![september_11.clone()]);
    assert_eq!(claims("9·11 테러 이후"), vec![september_11]);
    assert_eq!(claims("open 24/7"), vec![Claim::Number(24.0), Claim::Number(7.0)]);
}

#[test]
fn indian_english_groups_and_scales() {
    let values: Vec<Claim> =
        extract("Palu has more than 3,80,000 people; 2.25 crore were warned and 56.9 lakh watched.")
            .into_iter()
            .map(|f| f.claim)
            .collect();
    for n in [380_000.0, 22_500_000.0, 5_690_000.0] {
        assert!(values.contains(&Claim::Number(n)), "{n}: {values:?}");
    }
}

#[test]
fn ordinal_words_before_what_they_order_are_numbers() {
    let numbers = |t: &str| -> Vec<Claim> { extract(t).into_iter().map(|f| f.claim).collect() };
    assert_eq!(numbers("It was his third summit."), [Claim::Number(3.0)]);
    assert_eq!(
        numbers("China is the second-largest economy."),
        [Claim::Number(2.0)]
    );
    // A second of time, another one, an idiom, and "first", which English uses
    // for much besides a count.
    assert!(numbers("A second later, the first lady waved.").is_empty());
    assert!(numbers("He asked for a second chance for the third party.").is_empty());
}

#[test]
fn days_of_the_week_in_four_languages() {
    let days = |t: &str| -> Vec<Claim> {
        extract(t)
            .into_iter()
            .map(|f| f.claim)
            .filter(|c| matches!(c, Claim::Weekday(_)))
            .collect()
    };
    for (text, day) in [
        ("The vote is on Tuesday.", 2),
        ("投票は火曜日に行われる。", 2),
        ("投票将于周二举行。", 2),
        ("投票将于星期天举行。", 7),
        ("투표는 화요일에 실시된다.", 2),
    ] {
        assert_eq!(days(text), [Claim::Weekday(day)], "{text}");
    }
    // A count of weeks or days, and a Chinese paper's name.
    assert!(days("每周一次，每周四天工作制，《星期日泰晤士报》").is_empty());
    // In brackets after a day of the month, and only there.
    assert_eq!(
        days("現地時間の10日 (金) 夜から11日(土)にかけて"),
        [Claim::Weekday(5), Claim::Weekday(6)]
    );
    assert_eq!(days("10일(금) 밤"), [Claim::Weekday(5)]);
    assert!(days("家賃は5万円(月)で").is_empty(), "a month's rent, not Monday");
    // A weekday is held by a date that falls on it: 2026-09-15 is a Tuesday.
    let found = extract("The vote is set for 2026-09-15.");
    let none = crate::text::QuoteIndex::default();
    assert!(supported(&Claim::Weekday(2), &found, &none));
    assert!(!supported(&Claim::Weekday(3), &found, &none));
}
