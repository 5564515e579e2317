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
    let date = |year: i32, month: Option<u32>, day: Option<u32>| Found {
        claim: Claim::Date {
            year: Some(year),
            month,
            day,
        },
        text: String::new(),
    };
    let mut out: Vec<Found> = days
        .into_iter()
        .map(|d| {
            let (year, month, day) = d.parts();
            date(year, Some(month), Some(day))
        })
        .collect();
    // The year and the month a text names by their distance from its own
    // ("last year" → 2025, 先月 → February), as a translation may give them.
    let (year, month, _) = published.parts();
    let named = |words: &[&str]| words.iter().any(|w| text.contains(w));
    for (words, offset) in RELATIVE_YEARS {
        if named(words) {
            out.push(date(year + offset, None, None));
        }
    }
    for (words, offset) in RELATIVE_MONTHS {
        if named(words) {
            // Months counted from zero, so that a year's edge carries.
            let months = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(offset);
            let (y, m) = (months.div_euclid(12), months.rem_euclid(12) + 1);
            if let (Ok(y), Ok(m)) = (i32::try_from(y), u32::try_from(m)) {
                out.push(date(y, Some(m), None));
            }
        }
    }
    out
}

/// Years named by their distance from the text's own, in the four languages.
const RELATIVE_YEARS: [(&[&str], i32); 3] = [
    (&["this year", "This year", "今年", "本年", "올해", "금년"], 0),
    (&["last year", "Last year", "昨年", "去年", "작년", "지난해"], -1),
    (&["next year", "Next year", "来年", "明年", "내년"], 1),
];
/// Months named by their distance from the text's own, in the four languages.
const RELATIVE_MONTHS: [(&[&str], i32); 3] = [
    (
        &[
            "this month",
            "This month",
            "今月",
            "本月",
            "这个月",
            "이번 달",
            "이달",
        ],
        0,
    ),
    (
        &[
            "last month",
            "Last month",
            "先月",
            "上个月",
            "上月",
            "지난달",
            "지난 달",
        ],
        -1,
    ),
    (
        &[
            "next month",
            "Next month",
            "来月",
            "下个月",
            "下月",
            "다음 달",
            "내달",
        ],
        1,
    ),
];

#[cfg(test)]
mod tests;
