//! Numbers written out in English words ("fifteen thousand", "twenty-one"),
//! read by value for the grounding checks.

use crate::lang::Kind;
use crate::pattern::re;

/// The value of written-out numbers: "fifteen thousand" → 15000.
pub(crate) fn value(s: &str) -> Option<f64> {
    let units = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    let tens = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let (mut total, mut current) = (0.0, 0.0);
    // A unit right after a unit or a ten writes no number ("Seven-Eleven", a
    // shop; "twenty thirty").
    let mut after_unit = false;
    for w in s
        .to_ascii_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "and")
    {
        let ten = tens.iter().position(|t| *t == w).filter(|n| *n >= 2);
        let unit = units.iter().position(|u| *u == w);
        if (unit.is_some() || ten.is_some())
            && after_unit
            && (ten.is_some() || current % 10.0 != 0.0 || unit >= Some(10))
        {
            return None;
        }
        after_unit = unit.is_some() || ten.is_some();
        if let Some(n) = unit {
            current += n as f64;
        } else if let Some(n) = ten {
            current += (n * 10) as f64;
        } else if w == "hundred" {
            current = current.max(1.0) * 100.0;
        } else {
            let s = match w {
                "thousand" => 1e3,
                "million" => 1e6,
                "billion" => 1e9,
                "trillion" => 1e12,
                _ => return None,
            };
            total += current.max(1.0) * s;
            current = 0.0;
        }
    }
    Some(total + current)
}

/// Values an English source states in words that a translation writes in
/// digits or counters, read only to support a claim, never as a claim: a month
/// alone ("in June" → 6月), ordinals ("second" → 2回目, 2위), multiples
/// ("twice" → 2倍), round plurals ("hundreds" → 数百人), decades ("the 1980s" →
/// 1980年代; "a decade" → 10年), times of day ("4:40pm" → 4時40分) and words for
/// one ("a", "an", "single").
pub(crate) fn supporting(text: &str) -> Vec<(f64, Kind)> {
    let mut out = in_words(text);
    out.extend(in_figures(text));
    out
}

const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const ABBREVIATED: &[(&str, u32)] = &[
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Sept", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];
const TENS: &[&str] = &[
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

/// Months, ordinals, multiples and round plurals written as words.
fn in_words(text: &str) -> Vec<(f64, Kind)> {
    let mut out = Vec::new();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for (i, raw) in words.iter().enumerate() {
        let w = raw.to_ascii_lowercase();
        let w = w.as_str();
        // An ordinal, or a fraction's denominator ("two-thirds" → 3분의 2).
        if let Some(n) = ORDINALS
            .iter()
            .position(|o| *o == w || w.strip_suffix('s') == Some(o) || (w == "quarter" && *o == "fourth"))
        {
            out.push(((n + 1) as f64, Kind::Number));
        }
        if let Some((_, m)) = ABBREVIATED.iter().find(|(a, _)| a == raw) {
            out.push((f64::from(*m), Kind::Month));
        }
        // "May" is a month only with its capital, not as the verb that opens a sentence.
        if let Some(m) = MONTHS.iter().position(|m| *m == w)
            && (w != "may" || (*raw == "May" && i > 0))
        {
            out.push(((m + 1) as f64, Kind::Month));
        }
        if let Some(n) = TENS.iter().position(|t| *t == w) {
            out.push((((n + 2) * 10) as f64, Kind::Number));
        }
        // Half as a value and as a fraction's denominator (2분의 1), and
        // half and a quarter as percentages ("half of voters" → 50%).
        if w == "half" {
            out.push((0.5, Kind::Number));
            out.push((50.0, Kind::Percent));
        }
        if w == "quarter" {
            out.push((25.0, Kind::Percent));
        }
        // All of it (すべて → "100 per cent").
        if matches!(w, "all" | "entire" | "entirely" | "every" | "whole") {
            out.push((100.0, Kind::Percent));
        }
        // "half a percentage point" → 0.5%포인트, 0.5个百分点.
        let ahead = |k: usize| words.get(i + k).map(|w| w.to_ascii_lowercase());
        if matches!(w, "half" | "quarter")
            && (ahead(2).as_deref() == Some("percentage") || ahead(2).as_deref() == Some("point"))
        {
            out.push((if w == "half" { 0.5 } else { 0.25 }, Kind::Percent));
        }
        if let Some(v) = plain_value(w) {
            out.push((v, Kind::Number));
        }
        // A count of decades, centuries or dozens ("two decades" → 20年,
        // "half a century" → 半世紀 and 50年).
        let per = match w {
            "decade" | "decades" => 10.0,
            "century" | "centuries" => 100.0,
            "dozen" | "dozens" => 12.0,
            _ => 0.0,
        };
        let before = |k: usize| i.checked_sub(k).map(|j| words[j].to_ascii_lowercase());
        let count = before(1)
            .and_then(|b| value(&b).or_else(|| b.parse().ok()))
            .or_else(|| {
                (before(1).as_deref() == Some("a") && before(2).as_deref() == Some("half")).then_some(0.5)
            });
        if per > 0.0
            && let Some(n) = count.filter(|n| *n > 0.0)
        {
            out.push((n * per, Kind::Number));
        }
        let round = w == "clock"
            && before(1).as_deref() == Some("the")
            && matches!(before(2).as_deref(), Some("round" | "around"));
        out.extend(hours_and_numerals(raw, w, round));
    }
    out
}

/// Hours a word names, and a Roman numeral's value: midnight and noon as the
/// clocks write them (午前0時, 자정 12시, 24時), "round the clock" (`round`) as all
/// 24 hours of it (２４時間体制), "World War II" as 第二次.
fn hours_and_numerals(raw: &str, w: &str, round: bool) -> Vec<(f64, Kind)> {
    let mut out: Vec<f64> = roman(raw).into_iter().collect();
    match w {
        "midnight" => out.extend([0.0, 12.0, 24.0]),
        "noon" | "midday" => out.push(12.0),
        "fortnight" => out.extend([14.0, 2.0]),
        "clock" if round => out.push(24.0),
        _ => {}
    }
    out.into_iter().map(|v| (v, Kind::Number)).collect()
}

/// The value of a Roman numeral of two letters or more, written in capitals
/// as the canonical form of its value ("World War II" → 第二次, "the starting
/// XV" → 15名): `II` is 2, `XIV` 14. Not `LLC`, which writes no number.
fn roman(word: &str) -> Option<f64> {
    const PLACES: [[&str; 10]; 3] = [
        ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"],
        ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"],
        ["", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"],
    ];
    if word.len() < 2 || !word.bytes().all(|b| b"IVXLCD".contains(&b)) {
        return None;
    }
    (1..400).find_map(|n: usize| {
        let written = format!(
            "{}{}{}",
            PLACES[2][n / 100],
            PLACES[1][n / 10 % 10],
            PLACES[0][n % 10]
        );
        (written == word).then_some(n as f64)
    })
}

/// The value a word stands for: one for "a", two for "twice", ten for "decade".
fn plain_value(w: &str) -> Option<f64> {
    Some(match w {
        "a" | "an" | "single" | "once" | "lone" | "sole" => 1.0,
        "twice" | "double" | "doubled" | "pair" | "pairs" | "couple" | "both" | "duo" | "duos" | "half" => {
            2.0
        }
        "quarter" => 15.0,
        "thrice" | "triple" | "tripled" | "trio" => 3.0,
        "quadruple" | "quadrupled" | "fourfold" => 4.0,
        "quintuple" | "quintupled" | "fivefold" => 5.0,
        "dozen" | "dozens" => 12.0,
        "decade" | "decades" | "teen" | "teens" | "teenage" | "teenager" | "teenagers" => 10.0,
        "hundreds" | "century" | "centuries" | "centenary" | "centennial" => 100.0,
        "bicentenary" | "bicentennial" => 200.0,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        "hour" | "hours" => 60.0,
        "week" | "weekly" => 7.0,
        _ => return None,
    })
}

/// Times of day, decades, the low end of a range of percentages and points of
/// a rate.
fn in_figures(text: &str) -> Vec<(f64, Kind)> {
    use std::sync::LazyLock;
    static TIME: LazyLock<regex::Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?m\b|\b(\d{1,2})[:.](\d{2})\b|\b(1\d|20)(\d0)s\b|\b([2-9]0)s\b|\b(\d+(?:\.\d+)?)\s?(?:and|to|-|–)\s?\d+(?:\.\d+)?\s?(?:%|percent|per cent)|\b(\d+(?:\.\d+)?)[\s-]points?\b|\b(1[89]|20)\d{2}\s?[-–]\s?(\d{2})\b",
        )
    });
    let mut out = Vec::new();
    for c in TIME.captures_iter(text) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<f64>().ok());
        // The lower end of a range of percentages ("between 30 and 43 percent").
        if let Some(low) = n(9) {
            out.push((low, Kind::Percent));
        }
        // Points of a rate ("up 3 points" → 3个百分点, 3ポイント).
        if let Some(points) = n(10) {
            out.push((points, Kind::Percent));
        }
        if let Some(h) = n(1) {
            out.push((h, Kind::Number));
            if c.get(3).is_some_and(|m| m.as_str().eq_ignore_ascii_case("p")) {
                out.push((h + 12.0, Kind::Number));
            }
        }
        // A 24-hour time is written on a 12-hour clock too (19:30 → 오후 7시 30분).
        if let Some(h) = n(4).filter(|h| *h > 12.0) {
            out.push((h - 12.0, Kind::Number));
        }
        for v in [n(2), n(4), n(5), n(8)].into_iter().flatten() {
            out.push((v, Kind::Number));
        }
        // The end of a range of years by its last two digits ("1981-87").
        if let (Some(century), Some(year)) = (n(11), n(12)) {
            out.push((century * 100.0 + year, Kind::Year));
        }
        // A decade by its tens ("the '70s" → 1970年代).
        if let Some(tens) = n(8) {
            out.push((1900.0 + tens, Kind::Year));
        }
        // A decade: its first year, and as Chinese writes it, its century and
        // its tens (the 1930s → 20 世纪 30 年代).
        if let (Some(century), Some(decade)) = (n(6), n(7)) {
            out.push((century * 100.0 + decade, Kind::Year));
            out.push((century + 1.0, Kind::Number));
            out.push((decade, Kind::Number));
        }
    }
    out
}
