//! Korean numbers in words, read to support a claim written in digits: round
//! numbers (`수백만`), Sino-Korean digits before a counter (`오 주`) and native
//! numerals (`네 명`, `열 다섯`, `한두`).

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::Kind;
use crate::lang::east_asian::scale;

/// Korean's Sino-Korean numerals as words before a counter: `오 주`, `팔 년`,
/// `삼 개월`, `이 피트`.
static SINO: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:^|\s)(일|이|삼|사|오|육|칠|팔|구)\s?(?:주|년|개월|개|명|번|차례|피트|마일|시간|달|배|위|세)")
});
/// Korean's round numbers in words: `백만 파운드`, `수천 명`, `수십억`.
static ROUND: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|\s|수)(십|백|천)(만|억|조)?|(?:^|\s)수(만|억|조)"));
/// Korean's native numerals as words: `네 명`, `두 차례`, `다섯째`, `하나의`.
static NATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:^|\s)(?:(한|두|세|네|스무)(?:\s|두)|(하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|열|스물|첫))")
});

/// Korean's native counts of days: `하루` 1 to `열흘` 10, and `보름` 15.
const DAYS: &[(&str, f64)] = &[
    ("하루", 1.0),
    ("이틀", 2.0),
    ("사흘", 3.0),
    ("나흘", 4.0),
    ("닷새", 5.0),
    ("엿새", 6.0),
    ("이레", 7.0),
    ("여드레", 8.0),
    ("아흐레", 9.0),
    ("열흘", 10.0),
    ("보름", 15.0),
];

/// Words that stand for a number: a half, a couple, both sides, the year (or
/// day) before last.
const WORDS_FOR_NUMBERS: &[(&str, f64, Kind)] = &[
    ("절반", 0.5, Kind::Number),
    ("절반", 50.0, Kind::Percent),
    ("부부", 2.0, Kind::Number),
    ("양측", 2.0, Kind::Number),
    ("양국", 2.0, Kind::Number),
    ("커플", 2.0, Kind::Number),
    ("듀오", 2.0, Kind::Number),
    ("2인조", 2.0, Kind::Number),
    ("재작년", 2.0, Kind::Number),
    ("그저께", 2.0, Kind::Number),
    ("전부", 100.0, Kind::Percent),
    ("모두", 100.0, Kind::Percent),
    ("반반", 50.0, Kind::Number),
];

/// Korean numbers in words: round numbers (`수백만`), Sino-Korean digits before
/// a counter (`오 주`) and native numerals (`네 명`, `열 다섯`, `한두`).
pub(super) fn in_words(text: &str) -> Vec<(f64, Kind)> {
    let mut out: Vec<(f64, Kind)> = DAYS
        .iter()
        .filter(|(word, _)| text.contains(word))
        .map(|&(_, n)| (n, Kind::Number))
        .collect();
    out.extend(crate::lang::east_asian::words_for(text, WORDS_FOR_NUMBERS));
    for c in ROUND.captures_iter(text) {
        let first = c.get(1).map(|m| match m.as_str() {
            "십" => 10.0,
            "백" => 100.0,
            _ => 1000.0,
        });
        out.extend(first.or(Some(1.0)).map(|n| {
            (
                n * scale(c.get(2).or_else(|| c.get(3)).map(|u| u.as_str())),
                Kind::Number,
            )
        }));
    }
    for c in SINO.captures_iter(text) {
        let digit = ["일", "이", "삼", "사", "오", "육", "칠", "팔", "구"]
            .iter()
            .position(|d| *d == &c[1]);
        out.extend(digit.map(|d| ((d + 1) as f64, Kind::Number)));
    }
    for c in NATIVE.captures_iter(text) {
        let word = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
        let value = match word {
            "한" | "하나" | "첫" => 1.0,
            "두" | "둘" => 2.0,
            "세" | "셋" => 3.0,
            "네" | "넷" => 4.0,
            "다섯" => 5.0,
            "여섯" => 6.0,
            "일곱" => 7.0,
            "여덟" => 8.0,
            "아홉" => 9.0,
            "열" => 10.0,
            _ => 20.0,
        };
        out.push((value, Kind::Number));
        // Tens and units as two words (`열 다섯` 15), and "one or two" (`한두`).
        let after = &text[c.get(0).map_or(0, |m| m.end())..];
        let unit = ["한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉"]
            .iter()
            .position(|u| after.trim_start().starts_with(u));
        if let Some(u) = unit.filter(|_| value >= 10.0) {
            out.push((value + (u + 1) as f64, Kind::Number));
        }
        if c[0].ends_with('두') {
            out.push((2.0, Kind::Number));
        }
    }
    out
}

/// An ordinal in native numerals, the way Korean counts the times something
/// happens: `여덟 번째` (eighth), `두 번째`, `열두 번째`, `첫 번째`.
pub(crate) static ORDINAL: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[^가-힣])([가-힣]{1,4})\s?번째"));

/// The value of the native numeral before `번째`: `첫` 1, `여덟` 8, `열두` 12,
/// `스무` 20.
pub(crate) fn ordinal(word: &str) -> Option<f64> {
    const UNITS: &[&str] = &["", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉"];
    if word == "첫" {
        return Some(1.0);
    }
    let (tens, rest) = if let Some(rest) = word.strip_prefix("열") {
        (10, rest)
    } else if word == "스무" {
        (20, "")
    } else if let Some(rest) = word.strip_prefix("스물") {
        (20, rest)
    } else {
        (0, word)
    };
    let unit = UNITS.iter().position(|u| *u == rest.trim())?;
    // "한 번째" is no ordinal: the first is `첫`.
    let value = tens + unit;
    (value > 1).then_some(value as f64)
}
