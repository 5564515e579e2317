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
use crate::lang::NUM;
/// Scale words, Indian English's lakh (a hundred thousand) and crore (ten
/// million) among them.
const SCALE: &str = r"(?:thousand|million|billion|trillion|trn|tn|bn|mn|m|k|lakhs?|crores?)";

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{4})-(\d{2})-(\d{2})\b"));
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
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\b({MONTHS}),?\s+(\d{{4}})\b")));
static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"({NUM})[\s-]?(%|percentage points?\b|percent\b|per cent\b)"
    ))
});
static MONEY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(US\$|\$|€|£|¥|₩|\bUSD|\bEUR|\bGBP|\bJPY|\bKRW|\bCNY)\s?({NUM})(?:\s?({SCALE})\b)?"
    ))
});
static MONEY_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b({NUM})(?:\s({SCALE}))?\s(dollars|euros|pounds|yen|won|yuan|renminbi)\b"
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
        r"(?i)\b(?:the|its|his|her|their|our|this)\s+(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)[\s-]+(later|ago|or|and|of|to|party|parties|world|hand|guess|guessing|rate|nature|class|rail|person|estate|wave|string|opinion|thoughts)?\b",
    )
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
        _ => "CNY",
    }
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
        rest: ea::ascii_digits(text),
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
    t.rest = ea::blank_uncounted(&ea::blank_weekdays(&t.rest));
    dates::dates(&mut t);
    numbers(&mut t);
    t.out
}

/// Days of the week (see `days`).
fn weekdays(t: &mut Taker) {
    t.take(&days::WEEKDAY, |c| days::weekday(c).map(Claim::Weekday));
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
        for r in spans {
            self.rest.replace_range(r.clone(), &" ".repeat(r.len()));
        }
    }
}

/// Percentages, money and numbers (digits, scales, Korean units, words).
fn numbers(t: &mut Taker) {
    t.take(&PERCENT, |c| number(&c[1]).map(Claim::Percent));
    t.take(&PERCENT_WORDS, |c| number_words::value(&c[1]).map(Claim::Percent));
    t.take(&ea::PERCENT, |c| {
        ea::value(c.get(1).or_else(|| c.get(2))?.as_str()).map(Claim::Percent)
    });
    t.take(&ea::TENTHS, |c| {
        ea::value(c.get(1).or_else(|| c.get(2))?.as_str()).map(|n| Claim::Percent(n * 10.0))
    });
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
    ordinal_words(t);
    t.take(&WORDS, |c| {
        let value = number_words::value(&c[0])?;
        let scaled = c[0]
            .split(|ch: char| !ch.is_alphabetic())
            .any(|w| scale(Some(w)) > 1.0 || w.eq_ignore_ascii_case("hundred"));
        (value >= 10.0 || scaled).then_some(Claim::Number(value))
    });
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
mod days;
#[cfg(test)]
mod east_asian_tests;
#[cfg(test)]
mod tests;
