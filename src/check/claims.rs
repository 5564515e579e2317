//! Checkable claims in prose: numbers (digits, separators, scale words, written
//! out), percentages, money, dates and direct quotations, normalised so that
//! "15,000", "15 000" and "fifteen thousand" are the same claim.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::east_asian as ea;
use crate::lang::en::numbers as number_words;

/// One checkable claim.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Claim {
    Number(f64),
    Percent(f64),
    Money {
        value: f64,
        currency: Option<&'static str>,
    },
    Date {
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
    },
    Quote(String),
    /// A day of the week, Monday 1 to Sunday 7 ("on Tuesday", 火曜日, 星期二,
    /// 화요일): held by the same weekday, or by a date that falls on it.
    Weekday(u8),
}

/// A claim and the words that made it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub(crate) claim: Claim,
    pub(crate) text: String,
}

const MONTHS: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";
/// A full date in figures: ISO (`2026-03-02`), or with dots or slashes
/// (`2024.01.09`, `2024/1/9`).
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(\d{4})(?:-(\d{2})-(\d{2})|\.(\d{1,2})\.(\d{1,2})|/(\d{1,2})/(\d{1,2}))\b"));
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b({MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"
    ))
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})(?:,?\s+(\d{{4}})\b)?"
    ))
});
/// A month and day written with a slash, as an event is named by its date
/// (`9/11`); not a fraction or a rate whose parts are no month and day (`24/7`).
static SLASH_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[^\d/.])(\d{1,2})/(\d{1,2})(?:[^\d/]|$)"));
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"\b({MONTHS}),?\s+(?:of\s+)?(\d{{4}})\b")));
/// A code or a name with digits, which writes no number: `COVID-19`, `F-35`,
/// `MH-17`, `SARS-CoV-2`, `코로나19` (a translation keeps or drops the digits
/// as it likes). Its digits, the first group, are blanked before numbers are
/// read. Not a lower-case word before the digits (`mid-2020`, `top-10`).
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:\b(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]|Covid)-|코로나\s?)(\d+)(?:[.,]?(?:[^\d.,]|$))")
});
static QUOTES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"“([^”]+)”|"([^"]+)"|(?:^|[^\p{L}\p{N}])‘((?:[^’]|’\p{L})+)’|(?:^|[\s(])'([^']+)'(?:[\s.,;:!?)가-힣]|$)|「([^」]+)」|『([^』]+)』"#,
    )
});

fn month(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let all = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    all.iter().position(|m| *m == key).map(|i| i as u32 + 1)
}

/// Every claim in `text`. Each span is used once: a date's digits are not also
/// counted as numbers. The checks read each part of an article several times
/// (grounding, parity, translation) and again after every revision, so what a
/// text holds is read once and remembered (a few thousand texts at most).
pub(crate) fn extract(text: &str) -> Vec<Found> {
    use crate::memo::Memo;
    static READ: std::sync::LazyLock<Memo<String, Vec<Found>>> = std::sync::LazyLock::new(Memo::default);
    READ.get_or(text, read)
}

/// Every claim in `text`, read.
fn read(text: &str) -> Vec<Found> {
    let mut t = Taker {
        out: Vec::new(),
        rest: {
            use crate::lang::ja::numbers::{middle_dot_points, western_years};
            western_years(&middle_dot_points(&ea::ascii_digits(text))).into_owned()
        },
    };
    // Straight marks left unbalanced (a quotation running on into the next
    // paragraph, as news writes it) pair the wrong way: no quotation is read
    // from them, for its bounds are not known.
    let balanced = text.matches('"').count().is_multiple_of(2);
    t.take(&QUOTES, |c| {
        if c.get(2).is_some() && !balanced {
            return None;
        }
        let q = (1..=6).find_map(|i| c.get(i)).map(|m| m.as_str())?;
        // Chinese and Japanese put no spaces between words: a quotation of three
        // characters or more is a claim.
        let unspaced = q.chars().filter(|c| crate::lang::script::unspaced(*c));
        (q.split_whitespace().count() >= 2 || unspaced.count() >= 3).then(|| Claim::Quote(q.to_string()))
    });
    weekdays(&mut t);
    t.blank(&CODE);
    t.rest = ea::blank_uncounted(&ea::blank_weekdays(&t.rest));
    dates::dates(&mut t);
    numbers::numbers(&mut t);
    t.out
}

/// Days of the week (see `days`).
fn weekdays(t: &mut Taker) {
    // Japanese names its weekdays `月曜` to `日曜`: `周一` there is part of a
    // name (清水周一).
    let japanese = t.rest.contains(['周', '週'])
        && crate::lang::script::script(&t.rest) == crate::lang::script::Script::Japanese;
    t.take(&days::WEEKDAY, |c| {
        let chinese_form = c[0].starts_with(['周', '週']);
        if japanese && chinese_form {
            return None;
        }
        days::weekday(c).map(Claim::Weekday)
    });
    t.take_from(&days::BRACKETED, 1, |c| days::bracketed(c).map(Claim::Weekday));
}

/// Claims found so far, and the text not yet claimed.
struct Taker {
    out: Vec<Found>,
    rest: String,
}

impl Taker {
    /// Each match of `re` that `f` makes a claim of, its span then blanked.
    fn take(&mut self, re: &Regex, f: impl FnMut(&regex::Captures) -> Option<Claim>) {
        self.take_from(re, 0, f);
    }

    /// Each of the groups `groups` of each match of `re` that `f` makes a
    /// claim of (the sides of a score), each group's span then blanked.
    fn take_groups(&mut self, re: &Regex, groups: &[usize], f: impl Fn(&str) -> Option<Claim>) {
        let mut spans = Vec::new();
        for c in re.captures_iter(&self.rest) {
            for m in groups.iter().filter_map(|&g| c.get(g)) {
                if let Some(claim) = f(m.as_str()) {
                    self.out.push(Found {
                        claim,
                        text: m.as_str().to_string(),
                    });
                    spans.push(m.range());
                }
            }
        }
        self.blank_spans(spans);
    }

    /// Blanks the first group of each match of `re`: what counts nothing.
    fn blank(&mut self, re: &Regex) {
        let spans: Vec<std::ops::Range<usize>> = re
            .captures_iter(&self.rest)
            .filter_map(|c| c.get(1))
            .map(|m| m.range())
            .collect();
        self.blank_spans(spans);
    }

    /// Spaces over `spans` of the text not yet claimed, so nothing reads them
    /// again and every other span keeps its place.
    fn blank_spans(&mut self, spans: Vec<std::ops::Range<usize>>) {
        for r in spans {
            self.rest.replace_range(r.clone(), &" ".repeat(r.len()));
        }
    }

    /// As `take`, the claim starting at capture group `group`: a pattern may
    /// read the character before a number (to rule out a code like `F2`)
    /// without making it part of the claim.
    fn take_from(&mut self, re: &Regex, group: usize, mut f: impl FnMut(&regex::Captures) -> Option<Claim>) {
        let mut spans = Vec::new();
        for c in re.captures_iter(&self.rest) {
            let start = c.get(group).or_else(|| c.get(0)).map_or(0, |m| m.start());
            let whole = c.get(0).map_or(0..0, |m| start..m.end());
            if let Some(claim) = f(&c) {
                self.out.push(Found {
                    claim,
                    text: self.rest[whole.clone()].trim().to_string(),
                });
                spans.push(whole);
            }
        }
        self.blank_spans(spans);
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A day written alone (`3日`, `12일`) is also a count of days ("three days",
/// "a four-day week"): it holds when the passages give that number.
fn day_as_count(year: Option<i32>, month: Option<u32>, day: Option<u32>, found: &[Found]) -> bool {
    match (year, month, day) {
        (None, None, Some(d)) => {
            let d = f64::from(d);
            found.iter().any(|f| match &f.claim {
                Claim::Number(x) => same(*x, d),
                Claim::Date { day: Some(x), .. } => same(f64::from(*x), d),
                _ => false,
            })
        }
        _ => false,
    }
}

/// Whether `claim` is supported by claims found in passages, or (quotes) by
/// their text, indexed once for every quotation of a paragraph.
pub(crate) fn supported(claim: &Claim, found: &[Found], quotes: &crate::text::QuoteIndex) -> bool {
    match claim {
        Claim::Weekday(w) => found.iter().any(|f| match f.claim {
            Claim::Weekday(x) => x == *w,
            Claim::Date {
                year: Some(y),
                month: Some(m),
                day: Some(d),
            } => days::falls_on(y, m, d) == Some(*w),
            _ => false,
        }),
        Claim::Quote(q) => quotes.contains(q),
        Claim::Number(v) => found.iter().any(|f| match f.claim {
            Claim::Number(x) | Claim::Percent(x) => same(x, *v),
            Claim::Money { value, .. } => same(value, *v),
            Claim::Date { year: Some(y), .. } => same(y as f64, *v),
            // A day written alone is also a count of days (`주 4일` → "four days").
            Claim::Date {
                year: None,
                month: None,
                day: Some(d),
            } => same(f64::from(d), *v),
            _ => false,
        }),
        Claim::Percent(v) => found
            .iter()
            .any(|f| matches!(f.claim, Claim::Percent(x) if same(x, *v))),
        Claim::Money { value, currency } => found.iter().any(|f| match &f.claim {
            Claim::Money {
                value: x,
                currency: c,
            } => same(*x, *value) && (c.is_none() || currency.is_none() || c == currency),
            Claim::Number(x) => same(*x, *value),
            _ => false,
        }),
        Claim::Date { year, month, day } => {
            found.iter().any(|f| match &f.claim {
                Claim::Date {
                    year: y,
                    month: m,
                    day: d,
                } => {
                    let agree = |a: Option<i64>, b: Option<i64>| a.is_none() || a == b;
                    // A day written alone (1日) takes its month from the context.
                    let day_alone = m.is_none() && y.is_none() && d.is_some();
                    agree(year.map(i64::from), y.map(i64::from))
                        && (day_alone || agree(month.map(i64::from), m.map(i64::from)))
                        && agree(day.map(i64::from), d.map(i64::from))
                        && (year.is_some() || m.is_some() || d.is_some())
                }
                Claim::Number(x) => month.is_none() && year.is_some_and(|y| same(y as f64, *x)),
                _ => false,
            }) || day_as_count(*year, *month, *day, found)
        }
    }
}

mod dates;
pub(super) mod days;
#[cfg(test)]
mod east_asian_tests;
mod numbers;
#[cfg(test)]
mod tests;
