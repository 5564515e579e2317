//! Values a source holds that a claim may rest on without being a claim
//! itself: small numbers in words ("two ballistic missiles" → `2발`), what each
//! language writes in words and a translation in digits (months, ordinals,
//! multiples, decades and times in English, native numerals in Korean: each
//! language's `numbers`), and the numbers inside its quotations.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use super::claims::{Claim, Found, extract};
use crate::lang::Kind;
use crate::lang::east_asian as ea;

/// A run of digits, whatever stands around it (`10-6で`, `859-292-3680`, `0:1落后`).
static DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"\d+(?:\.\d+)?"));
/// A number with a vulgar fraction: `14½` is 14.5 (a score, `14½-13½`).
static FRACTION: LazyLock<Regex> = LazyLock::new(|| re(r"(\d+)\s?([½¼¾])"));
/// A time of day as Korean, Japanese and Chinese write it: `19時30分`, `오후 7시 30분`, `4点40分`.
static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\d{1,2})\s?(?:時|时|시|点|點)\s?(?:(\d{1,2})\s?(?:分|분))?|(\d{1,2}):(\d{2})"));
/// A kanji or hanzi numeral, whatever it counts: `二つ`, `三项`, `四日`, `数百万`.
/// `一` alone counts only before a counter or a unit: in other words (一些,
/// 一起, 统一) it is no value.
static NUMERAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"([〇零一二三四五六七八九十百千两兩]{2,}|[二三四五六七八九十百千两兩])([万萬億亿兆])?|(一)(?:([万萬億亿兆])|[つ个個名人日月年天周週次项項位家种種条條点點岁歳倍分回件台枚度届场場国國])",
    )
});

/// A range of percentages with one sign, at its end: "between 30 and 43
/// percent", `30から43パーセント`, `30내지 43퍼센트`, `30-43%`. Its first number is a
/// percentage too (a translation may write `30% 至 43%`).
static PERCENT_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"({NUM})\s?(?:to|and|-|–|—|~|〜|～|から|至|到|내지|에서)\s?(?:{NUM})\s?(?:%|％|percent\b|per cent\b|パーセント|퍼센트|프로)",
        NUM = crate::lang::NUM
    ))
});

/// Values written in digits that a claim in another form may rest on: every
/// digit run, whatever it is glued to (each side of a score, a phone number's
/// groups), a time of day on both clocks and as hours and minutes (`19時30分`
/// holds 7 and 19.30), kanji and hanzi numerals, and Korean's native numerals.
fn in_digits(text: &str) -> Vec<f64> {
    let text = ea::ascii_digits(text);
    let mut out: Vec<f64> = DIGITS
        .find_iter(&text)
        .filter_map(|m| m.as_str().parse().ok())
        .collect();
    for c in FRACTION.captures_iter(&text) {
        let part = match &c[2] {
            "½" => 0.5,
            "¼" => 0.25,
            _ => 0.75,
        };
        out.extend(c[1].parse::<f64>().ok().map(|n| n + part));
    }
    for c in CLOCK.captures_iter(&text) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<f64>().ok());
        let Some(h) = n(1).or(n(3)) else { continue };
        // An hour alone is on the hour (`04시` → 04:00).
        let m = n(2).or(n(4)).unwrap_or(0.0);
        out.push(m);
        out.push(h + m / 100.0);
        if h > 12.0 {
            out.push(h - 12.0);
            out.push(h - 12.0 + m / 100.0);
        } else {
            out.push(h + 12.0);
        }
    }
    // A decade by its century: the decade's first year (上世纪八十年代 → 1980).
    for c in ea::CENTURY_DECADE.captures_iter(&text) {
        let century = match c.get(1) {
            Some(m) => ea::value(m.as_str()),
            None => Some(20.0),
        };
        if let (Some(century), Some(decade)) = (century, ea::value(&c[3])) {
            out.push((century - 1.0) * 100.0 + decade);
        }
    }
    let scaled =
        |n: Option<f64>, unit: Option<regex::Match>| n.map(|n| n * ea::scale(unit.map(|u| u.as_str())));
    out.extend(NUMERAL.captures_iter(&text).filter_map(|c| {
        let numeral = c.get(1).or_else(|| c.get(3))?;
        scaled(ea::value(numeral.as_str()), c.get(2).or_else(|| c.get(4)))
    }));
    out
}

/// Small numbers a source writes as words ("two ballistic missiles"), which
/// `extract` leaves out of prose: a passage's claims include them so that a
/// translation writing them in digits (`2발`, `2隻`) is held to them.
pub(super) fn small_numbers(text: &str) -> Vec<Found> {
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| {
            let n = WORDS.iter().position(|x| x.eq_ignore_ascii_case(w))?;
            Some(Found {
                claim: Claim::Number((n + 1) as f64),
                text: w.to_string(),
            })
        })
        .collect()
}

/// Every claim `text` holds for others to rest on: the claims it makes
/// (`extract`), the numbers and dates inside its own quotations (taken whole by
/// `extract`, but a translation's numbers rest on their values), and the values
/// it states in words that a translation may give in digits. What is held only
/// in support carries no text, so a finding's hint shows the text's own claims.
pub(super) fn held(text: &str) -> Vec<Found> {
    let mut out = extract(text);
    let inside: Vec<Found> = out
        .iter()
        .filter_map(|f| match &f.claim {
            Claim::Quote(q) => Some(extract(q)),
            _ => None,
        })
        .flatten()
        .filter(|f| !matches!(f.claim, Claim::Quote(_)))
        .map(|f| Found {
            claim: f.claim,
            text: String::new(),
        })
        .collect();
    out.extend(inside);
    out.extend(small_numbers(text));
    out.extend(
        PERCENT_RANGE
            .captures_iter(&ea::ascii_digits(text))
            .filter_map(|c| {
                Some(Found {
                    claim: Claim::Percent(c[1].replace([',', ' '], "").parse().ok()?),
                    text: String::new(),
                })
            }),
    );
    out.extend(short_weekdays(text));
    out.extend(ea::short_years(text).into_iter().map(|y| Found {
        claim: Claim::Date {
            year: Some(y),
            month: None,
            day: None,
        },
        text: String::new(),
    }));
    out.extend(super::claims::days::occasions(text).into_iter().map(|w| Found {
        claim: Claim::Weekday(w),
        text: String::new(),
    }));
    // A rate in thousandths, as a batting average is given (".182" → `1割8分2厘`).
    static RATE: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[\s(~～])\.(\d{3})\b"));
    out.extend(RATE.captures_iter(text).filter_map(|c| {
        Some(Found {
            claim: Claim::Percent(c[1].parse::<f64>().ok()? / 10.0),
            text: String::new(),
        })
    }));
    out.extend(in_digits(text).into_iter().map(|v| Found {
        claim: Claim::Number(v),
        text: String::new(),
    }));
    // What each language writes in words, whatever language the text is in:
    // a translation's source may mix them.
    for (value, kind) in crate::lang::LANGUAGES.iter().flat_map(|l| (l.numbers)(text)) {
        let claim = match kind {
            Kind::Number => Claim::Number(value),
            Kind::Percent => Claim::Percent(value),
            Kind::Month => Claim::Date {
                year: None,
                month: Some(value as u32),
                day: None,
            },
            Kind::Year => Claim::Date {
                year: Some(value as i32),
                month: None,
                day: None,
            },
        };
        out.push(Found {
            claim,
            text: String::new(),
        });
    }
    out
}

/// Weekdays a schedule abbreviates, a range of them included ("Mon-Fri",
/// "Sat."), which a translation may write in full (`月～金曜`).
fn short_weekdays(text: &str) -> Vec<Found> {
    use super::claims::days::abbreviated;
    static SHORT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,2}\.?(?:\s?(?:-|–|~|to|through)\s?(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,2}\b)?",
        )
    });
    let mut out = Vec::new();
    for c in SHORT.captures_iter(text) {
        let Some(first) = abbreviated(&c[1]) else { continue };
        let last = c.get(2).and_then(|m| abbreviated(m.as_str())).unwrap_or(first);
        let mut d = first;
        loop {
            out.push(Found {
                claim: Claim::Weekday(d),
                text: String::new(),
            });
            if d == last {
                break;
            }
            d = d % 7 + 1;
        }
    }
    out
}

/// The dates a source's relative days stand for, given the day it was
/// published: a weekday ("on Tuesday", 火曜日, 星期二, 화요일) is the one in the
/// week up to that day or the one after it, "today" and "yesterday" (今日,
/// 昨天, 어제…) the day and the day before. A translation may write them as dates
/// (`15일`, `7月15日`).
pub(super) fn dated(text: &str, published: crate::clock::Date) -> Vec<Found> {
    const RELATIVE: [(&[&str], i32); 3] = [
        (&["today", "Today", "今日", "今天", "오늘"], 0),
        (&["yesterday", "Yesterday", "昨日", "昨天", "어제"], -1),
        (&["tomorrow", "Tomorrow", "明日", "明天", "내일"], 1),
    ];
    let mut days: Vec<crate::clock::Date> = Vec::new();
    // The weekdays the text names, as its claims read them.
    let mut named: Vec<i8> = extract(text)
        .iter()
        .filter_map(|f| match f.claim {
            Claim::Weekday(w) => i8::try_from(w).ok(),
            _ => None,
        })
        .collect();
    named.sort_unstable();
    named.dedup();
    for w in named {
        let back = (published.weekday() - w).rem_euclid(7);
        days.extend(published.plus_days(-i32::from(back)));
        days.extend(published.plus_days(7 - i32::from(back)));
    }
    for (names, offset) in RELATIVE {
        if names.iter().any(|n| text.contains(n)) {
            days.extend(published.plus_days(offset));
        }
    }
    days.into_iter()
        .map(|d| {
            let (year, month, day) = d.parts();
            Found {
                claim: Claim::Date {
                    year: Some(year),
                    month: Some(month),
                    day: Some(day),
                },
                text: String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
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
}
