//! Numbers, percentages and amounts as claims: digits with their separators
//! and scale words ("15,000", "1.2 billion", "3 lakh"), numbers in words
//! ("fifteen thousand", "Fifty-eight percent"), English ordinals ("his third
//! summit"), and the Korean, Japanese and Chinese forms (`180万`, `60억 달러`,
//! `七隻`, `三成`).

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use super::{Claim, Taker, ea, number_words};
use crate::lang::NUM;

/// Scale words, Indian English's lakh (a hundred thousand) and crore (ten
/// million) among them.
const SCALE: &str = r"(?:thousand|million|billion|trillion|trn|tn|bn|mn|m|k|lakhs?|crores?)";

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"({NUM})[\s-]?(%|percentage points?\b|percent\b|per cent\b)"
    ))
});
static MONEY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(US\$|\$|€|£|¥|₩|₦|\bNGN|\bUSD|\bEUR|\bGBP|\bJPY|\bKRW|\bCNY)\s?({NUM})(?:\s?({SCALE})\b)?"
    ))
});
/// Digits after a currency's letter, before a scale word: "N585 million".
static LETTERED: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[A-Z](\d+(?:\.\d+)?)\s?(million|billion|trillion|bn|m)\b"));
static MONEY_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b({NUM})(?:\s({SCALE}))?\s?(dollars|euros|pounds|yen|won|yuan|renminbi)\b"
    ))
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:^|[^\w.,]|[가-힣\p{{Han}}\p{{Hiragana}}\p{{Katakana}}])({NUM})(?:st|nd|rd|th)?(?:\s?({SCALE})\b)?(?:\b|$)"
    ))
});
const NUMBER_WORDS: &str = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion";
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let w = NUMBER_WORDS;
    re(&format!(r"(?i)\b(?:{w})(?:(?:[\s-]+|\s+and\s+)(?:{w}))*\b"))
});
/// A percentage in words: "Fifty-eight percent", "ten per cent".
static PERCENT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let w = NUMBER_WORDS;
    re(&format!(
        r"(?i)\b((?:{w})(?:(?:[\s-]+|\s+and\s+)(?:{w}))*)[\s-](?:percent|per cent)\b"
    ))
});
/// An ordinal word after a determiner and before what it orders ("his second
/// trip", "the third-largest"). Not "first", which English uses for much besides
/// a count; not after "a" ("a second chance" is another one); not a fraction
/// ("the third of"), nor an idiom ("the third party", "second-hand").
static ORDINAL_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:the|its|his|her|their|our|this)\s+(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)[\s-]+(later|ago|or|and|of|to|half|party|parties|world|hand|guess|guessing|rate|nature|class|rail|person|estate|wave|string|opinion|thoughts)?\b",
    )
});
fn number(s: &str) -> Option<f64> {
    s.chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect::<String>()
        .parse()
        .ok()
}

fn scale(s: Option<&str>) -> f64 {
    match s.map(str::to_ascii_lowercase).as_deref() {
        Some("thousand" | "k") => 1e3,
        Some("million" | "m" | "mn") => 1e6,
        Some("billion" | "bn") => 1e9,
        Some("trillion" | "tn" | "trn") => 1e12,
        Some("lakh" | "lakhs") => 1e5,
        Some("crore" | "crores") => 1e7,
        _ => 1.0,
    }
}

fn currency(s: &str) -> &'static str {
    match s.to_ascii_lowercase().as_str() {
        "$" | "us$" | "usd" | "dollars" => "USD",
        "€" | "eur" | "euros" => "EUR",
        "£" | "gbp" | "pounds" => "GBP",
        "¥" | "jpy" | "yen" => "JPY",
        "₩" | "krw" | "won" => "KRW",
        "₦" | "ngn" | "naira" => "NGN",
        _ => "CNY",
    }
}

/// English ordinals before what they order ("his third summit"), as numbers.
fn ordinal_words(t: &mut Taker) {
    const ORDINALS: &[&str] = &[
        "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth",
    ];
    t.take(&ORDINAL_WORDS, |c| {
        let word = c[1].to_ascii_lowercase();
        let n = ORDINALS.iter().position(|o| *o == word)? + 2;
        c.get(2).is_none().then_some(Claim::Number(n as f64))
    });
}

/// Percentages, money and numbers (digits, scales, Korean units, words): the
/// East Asian forms first, then the English ones.
pub(super) fn numbers(t: &mut Taker) {
    t.take(&PERCENT, |c| number(&c[1]).map(Claim::Percent));
    t.take(&PERCENT_WORDS, |c| number_words::value(&c[1]).map(Claim::Percent));
    t.take(&ea::PERCENT, |c| {
        ea::value(c.get(1).or_else(|| c.get(2))?.as_str()).map(Claim::Percent)
    });
    t.take(&ea::TENTHS, |c| {
        let part = |i: usize| {
            c.get(i)
                .and_then(|m| m.as_str().parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        let tenths = ea::value(c.get(1).or_else(|| c.get(4))?.as_str())?;
        Some(Claim::Percent(tenths * 10.0 + part(2) + part(3) / 10.0))
    });
    // A score between words in Hangul, kanji or kana: each side a number. A
    // second pass reads the scores whose edge the one before took ("6-3 6-2").
    if crate::lang::script::script(&t.rest) != crate::lang::script::Script::Latin {
        for _ in 0..2 {
            t.take_groups(&ea::SCORE, &[1, 2], |s| number(s).map(Claim::Number));
        }
    }
    // An ordinal in Korean's native numerals (`여덟 번째`).
    t.take_from(&crate::lang::ko::numbers::ORDINAL, 1, |c| {
        crate::lang::ko::numbers::ordinal(&c[1]).map(Claim::Number)
    });
    east_asian(t);
    t.take(&MONEY_PREFIX, |c| {
        let value = number(&c[2])? * scale(c.get(3).map(|m| m.as_str()));
        Some(Claim::Money {
            value,
            currency: Some(currency(&c[1])),
        })
    });
    t.take(&MONEY_SUFFIX, |c| {
        let value = number(&c[1])? * scale(c.get(2).map(|m| m.as_str()));
        Some(Claim::Money {
            value,
            currency: Some(currency(&c[3])),
        })
    });
    t.take_from(&NUMBER, 1, |c| {
        let raw = &c[1];
        let value = number(raw)? * scale(c.get(2).map(|m| m.as_str()));
        let is_year = raw.len() == 4 && c.get(2).is_none() && (1800.0..=2100.0).contains(&value);
        Some(if is_year {
            Claim::Date {
                year: Some(value as i32),
                month: None,
                day: None,
            }
        } else {
            Claim::Number(value)
        })
    });
    // An amount after a currency's letter ("N585 million", naira).
    t.take(&LETTERED, |c| {
        let value = number(&c[1])? * scale(Some(&c[2]));
        Some(Claim::Money {
            value,
            currency: None,
        })
    });
    ordinal_words(t);
    t.take(&WORDS, |c| {
        let value = number_words::value(&c[0])?;
        let scaled = c[0]
            .split(|ch: char| !ch.is_alphabetic())
            .any(|w| scale(Some(w)) > 1.0 || w.eq_ignore_ascii_case("hundred"));
        (value >= 10.0 || scaled).then_some(Claim::Number(value))
    });
}

/// Amounts and counts in Korean, Japanese and Chinese forms: compound numbers,
/// amounts with a currency after them, scaled numbers, numerals with a
/// counter, digits glued to a word.
fn east_asian(t: &mut Taker) {
    // A number in group `i` times the scale units in the two groups after it.
    let scaled = |c: &regex::Captures, i: usize| {
        let unit = |k: usize| ea::scale(c.get(k).map(|m| m.as_str()));
        ea::value(c.get(i)?.as_str()).map(|n| n * unit(i + 1) * unit(i + 2))
    };
    t.take(&ea::COMPOUND, |c| {
        let value = ea::compound(&c[1])?;
        Some(match c.get(2) {
            Some(cur) => Claim::Money {
                value,
                currency: Some(ea::currency(cur.as_str())),
            },
            None => Claim::Number(value),
        })
    });
    t.take(&ea::MONEY, |c| {
        let code = match c.get(1) {
            Some(sign) => currency(sign.as_str()),
            None => ea::currency(&c[5]),
        };
        Some(Claim::Money {
            value: scaled(c, 2)?,
            currency: Some(code),
        })
    });
    t.take(&ea::SCALED, |c| scaled(c, 1).map(Claim::Number));
    t.take(&ea::COUNTED, |c| ea::value(&c[1]).map(Claim::Number));
    t.take_from(&ea::GLUED, 1, |c| number(&c[1]).map(Claim::Number));
}
