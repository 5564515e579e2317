use super::*;

fn percent(text: &str, v: f64) -> bool {
    held(text)
        .iter()
        .any(|f| matches!(f.claim, Claim::Percent(x) if (x - v).abs() < 1e-9))
}

fn holds(text: &str, v: f64) -> bool {
    held(text)
        .iter()
        .any(|f| matches!(f.claim, Claim::Number(x) if (x - v).abs() < 1e-9))
}

#[test]
fn a_range_of_percentages_holds_its_first_number_as_one() {
    assert!(percent("between 30 and 43 percent of voters", 30.0));
    assert!(percent("30から43パーセントの投票者", 30.0));
    assert!(percent("유권자의 30내지 43퍼센트가", 30.0));
    assert!(!percent("30 voters and 43 percent of them", 30.0));
    assert!(!percent("30 people; 43 percent", 30.0));
}

#[test]
fn vulgar_fractions_support_their_decimal() {
    assert!(holds("Europe won 14½-13½", 14.5));
    assert!(holds("Europe won 14½-13½", 13.5));
    assert!(!holds("Europe won 14½-13½", 15.5));
}

#[test]
fn digits_glued_to_anything_support_their_value() {
    assert!(holds("欧州選抜が10-6でリード", 6.0));
    assert!(holds("ニューポート警察859-292-3680まで", 3680.0));
    assert!(holds("此前利物浦队0:1落后", 0.0));
    assert!(!holds("欧州選抜が10-6でリード", 7.0));
}

#[test]
fn a_time_of_day_holds_both_clocks_and_its_minutes() {
    assert!(holds("木曜日のBST時間で19時30分頃に発生した", 7.0));
    assert!(holds("木曜日のBST時間で19時30分頃に発生した", 30.0));
    assert!(holds("목요일 오전 4시 40분에", 4.40));
    assert!(!holds("목요일 오전 4시 40분에", 5.0));
}

#[test]
fn numerals_in_kanji_and_korean_words_hold_their_value() {
    assert!(holds("二つの国が合意した", 2.0));
    assert!(!holds("二つの国が合意した", 3.0));
    assert!(holds("경찰관 네 명이 다쳤다", 4.0));
    assert!(holds("여러분은 지난 나흘 동안 보셨습니다", 4.0));
    assert!(!holds("여러분은 지난 나흘 동안 보셨습니다", 5.0));
    assert!(holds("다섯째 날", 5.0));
    assert!(!holds("경찰관 네 명이 다쳤다", 5.0));
    assert!(holds("수백만 파운드의 비용", 1e6));
    assert!(holds("돼지 열 다섯 마리를", 15.0));
    assert!(holds("오 주 남았습니다", 5.0));
    assert!(holds("멋진 순간이 한두 번 있습니다", 2.0));
    assert!(holds("数百万ドルの費用", 1e6));
    assert!(!holds("一些人", 1.0), "a numeral inside a word is no value");
}

#[test]
fn a_weekday_is_dated_by_the_day_of_publication() {
    // 2025-07-15 was a Tuesday.
    let published = crate::clock::Date::ymd(2025, 7, 15);
    let days = |text: &str| -> Vec<Option<u32>> {
        dated(text, published)
            .into_iter()
            .map(|f| match f.claim {
                Claim::Date { day, .. } => day,
                _ => None,
            })
            .collect()
    };
    assert_eq!(days("The ministry said on Tuesday"), [Some(15), Some(22)]);
    assert_eq!(days("会談は金曜日に"), [Some(11), Some(18)]);
    assert_eq!(days("외교부는 어제 밝혔다"), [Some(14)]);
    assert!(days("The ministry said so").is_empty());
}

#[test]
fn counts_of_decades_and_the_hours_named_in_words() {
    assert!(holds("Two decades after the treaty", 20.0));
    assert!(holds("half a century of rivalry", 50.0));
    assert!(holds("three dozen eggs", 36.0));
    assert!(!holds("two decades after", 30.0));
    assert!(holds("talks began at midnight", 0.0));
    assert!(holds("she spoke at noon", 12.0));
    assert!(!holds("she spoke at noon", 13.0));
    assert!(holds("we're working round the clock", 24.0));
}

#[test]
fn years_by_their_last_two_digits() {
    let years = |text: &str| -> Vec<f64> { ea::short_years(text).into_iter().map(f64::from).collect() };
    assert!(years("大村益次郎（１８２５～６９年）").contains(&1869.0));
    assert!(years("１８年の知事選").contains(&2018.0));
    let range = years("０４～０５年の実業家殺害");
    assert!(range.contains(&2004.0) && range.contains(&2005.0));
    assert!(years("１８年間にわたり").is_empty(), "a count of years");
    assert!(years("改正は21年以降とみられる").contains(&2021.0));
    assert!(years("2019/20シーズン").contains(&2020.0));
    assert!(years("1950~53년 한국전쟁").contains(&1953.0));
}

#[test]
fn roman_numerals_rates_and_the_year_before_last() {
    assert!(holds("the starting XV", 15.0));
    assert!(holds("after World War II", 2.0));
    assert!(!holds("Acme LLC and CIA", 150.0));
    assert!(holds("約1・5メートルの厚み", 1.5));
    assert!(holds("同神社は一昨年から", 2.0));
    assert!(holds("재작년부터", 2.0));
    assert!(holds("Bangladesh quadrupled female literacy", 4.0));
    assert!(holds("約1年半前に導入された", 18.0));
    assert!(percent("who has been hitting .182", 18.2));
    assert!(!percent("who has been hitting .182", 18.0));
    let weekday = |text: &str, w: u8| held(text).iter().any(|f| f.claim == Claim::Weekday(w));
    assert!(weekday("the show Cast (Mon-Fri, from 3:48)", 5));
    assert!(weekday("the show Cast (Mon-Fri, from 3:48)", 3));
    assert!(!weekday("the show Cast (Mon-Fri, from 3:48)", 6));
    assert!(weekday("sales beat Black Friday's", 5) && weekday("she told The Sunday Times", 7));
}

#[test]
fn a_year_and_a_month_are_dated_by_their_distance_from_publication() {
    let published = crate::clock::Date::ymd(2026, 1, 15);
    let dates = |text: &str| -> Vec<(Option<i32>, Option<u32>)> {
        dated(text, published)
            .into_iter()
            .filter_map(|f| match f.claim {
                Claim::Date {
                    year,
                    month,
                    day: None,
                } => Some((year, month)),
                _ => None,
            })
            .collect()
    };
    assert_eq!(dates("Exports fell last year"), [(Some(2025), None)]);
    assert_eq!(dates("輸出は来年回復する"), [(Some(2027), None)]);
    assert_eq!(
        dates("出口上个月下降"),
        [(Some(2025), Some(12))],
        "a month before January"
    );
    assert_eq!(dates("수출은 이달 회복"), [(Some(2026), Some(1))]);
    assert!(dates("Exports fell").is_empty());
}
