//! Claims that read more than one way. Code decides a claim only when no
//! reading of it rests on the sources: `1/5` is a date, a fraction or a score;
//! `22年度` is a count of years or the fiscal year 2022; "the 11th" is the day
//! before the 12th the sources date, when they speak of "the day before"; `9折`
//! is nine tenths of a price, ten per cent off; `9조` is nine trillion or
//! Article 9.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use super::claims::{Claim, Found};

/// Two numbers with a slash between them: a date (`9/11`), a fraction ("1/5 of
/// China's") or a rating ("5/5 stars").
static SLASHED: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,2})/(\d{1,2})$"));
/// A year by its last two digits, as Japanese, Chinese and Korean write a
/// fiscal or calendar year (`22年度`, `22年`, `22년`), or the first of a range
/// of such years (`04～05年`).
static SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{2})\s?(?:年度?|년도?)$|^(0\d)$"));
/// An article of a law as Korean numbers it (`헌법 9조`, Article 9), which
/// reads as well as nine trillion.
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,3})\s?조$"));
/// A discount as Chinese gives one: `9折` is ten per cent off.
static DISCOUNT: LazyLock<Regex> = LazyLock::new(|| re(r"^([1-9])\s?折$"));
/// Words that date a day by another ("the next day", 前日, 翌日, 전날, 次日).
const DAY_BY_ANOTHER: &[&str] = &[
    "next day",
    "previous day",
    "day before",
    "day after",
    "following day",
    "前日",
    "翌日",
    "前の日",
    "次の日",
    "前一天",
    "次日",
    "第二天",
    "隔天",
    "전날",
    "다음날",
    "다음 날",
    "이튿날",
];

/// Whether a claim that its sources do not hold as written rests on them
/// another way: `10m` as ten million or ten metres (`5k` five thousand or five
/// kilometres), a measure converted to another unit ("385 miles" → "620 km"),
/// across languages (`across`) a counter that means "one" or "a" (1つ, 一个,
/// 一名, 한 명), which translates an article or a singular that no number marks,
/// an amount converted to another currency in parentheses (`exchange`), or
/// another reading of the claim (`held`). `text` is what the claim was read
/// from.
pub(super) fn otherwise(
    c: &Found,
    text: &str,
    supported: impl Fn(&Claim) -> bool,
    sources: &[&str],
    across: bool,
) -> bool {
    if held(c, &supported, sources) {
        return true;
    }
    if let Claim::Money {
        value,
        currency: Some(currency),
    } = c.claim
    {
        // Sources that give amounts in this currency give the conversion too.
        let in_currency = |s: &&str| {
            super::claims::extract(s)
                .iter()
                .any(|f| matches!(f.claim, Claim::Money { currency: Some(x), .. } if x == currency))
        };
        return !sources.iter().any(in_currency)
            && super::exchange::converted(text, &c.text, value, currency);
    }
    let Claim::Number(v) = c.claim else {
        return false;
    };
    // Read without the scale its last letter gave it, the number may be a
    // measure (`975 m²`).
    let unscaled = glued_unit(&c.text).map_or(v, |unit| v / unit);
    if unscaled != v && supported(&Claim::Number(unscaled)) {
        return true;
    }
    super::units::converted(text, &c.text, unscaled, sources) || (across && v == 1.0)
}

/// The scale a number's last letter after its digits gives it (`10m`, `5k`,
/// `975 m²`), when that letter may as well be a unit.
fn glued_unit(text: &str) -> Option<f64> {
    let mut rev = text.trim().chars().rev();
    let unit = match rev.next()? {
        'm' => 1e6,
        'k' => 1e3,
        _ => return None,
    };
    rev.find(|c| *c != ' ')
        .is_some_and(|c| c.is_ascii_digit())
        .then_some(unit)
}

/// Whether some other reading of `c` than the one it was read as rests on
/// the sources: `supported` says whether the sources hold a claim, `sources`
/// is their text.
pub(super) fn held(c: &Found, supported: impl Fn(&Claim) -> bool, sources: &[&str]) -> bool {
    let number = |v: f64| supported(&Claim::Number(v));
    let year = |y: i32| {
        supported(&Claim::Date {
            year: Some(y),
            month: None,
            day: None,
        })
    };
    let text = c.text.trim();
    if let Some(m) = SLASHED.captures(text) {
        let part = |i: usize| m[i].parse::<f64>().ok();
        if let (Some(a), Some(b)) = (part(1), part(2))
            && number(a)
            && number(b)
        {
            return true;
        }
    }
    if let Some(m) = SHORT_YEAR.captures(text)
        && let Some(Ok(y)) = m.get(1).or_else(|| m.get(2)).map(|y| y.as_str().parse::<i32>())
        && [1800, 1900, 2000].iter().any(|c| year(c + y))
    {
        return true;
    }
    if let Some(m) = ARTICLE.captures(text)
        && let Ok(n) = m[1].parse::<f64>()
        && number(n)
    {
        return true;
    }
    if let Some(m) = DISCOUNT.captures(text)
        && let Ok(n) = m[1].parse::<f64>()
        && supported(&Claim::Percent(100.0 - n * 10.0))
    {
        return true;
    }
    day_by_another(c, &supported, sources)
}

/// A day of the month one off a day the sources date, when they date a day
/// by another ("from Friday the 10th through to the next day" → `11日`).
fn day_by_another(c: &Found, supported: impl Fn(&Claim) -> bool, sources: &[&str]) -> bool {
    let day = match c.claim {
        Claim::Date {
            year: None,
            month: None,
            day: Some(d),
        } => d,
        // "on the 11th"
        Claim::Number(v)
            if c.text.ends_with("th")
                || c.text.ends_with("st")
                || c.text.ends_with("nd")
                || c.text.ends_with("rd") =>
        {
            v as u32
        }
        _ => return false,
    };
    let said = sources
        .iter()
        .any(|s| DAY_BY_ANOTHER.iter().any(|w| s.contains(w)));
    let dated = |d: u32| {
        supported(&Claim::Date {
            year: None,
            month: None,
            day: Some(d),
        })
    };
    said && (1..=31).contains(&day) && (dated(day + 1) || (day > 1 && dated(day - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::claims::{extract, supported};
    use crate::text::QuoteIndex;

    /// Whether the claim read from `claim` rests on `source` some other way.
    fn held_in(claim: &str, source: &str) -> bool {
        let found = crate::check::support::held(source);
        let quotes = QuoteIndex::new(source);
        let c = extract(claim).into_iter().next().expect("a claim");
        assert!(!supported(&c.claim, &found, &quotes), "{claim} is held as read");
        held(&c, |claim| supported(claim, &found, &quotes), &[source])
    }

    #[test]
    fn a_slash_between_numbers_is_a_date_a_fraction_or_a_rating() {
        assert!(held_in("1/5 of China's", "韓国の水素技術特許、中国の５分の１"));
        assert!(held_in("5/5 stars", "★★★★★（星５つ中の５）"));
        assert!(!held_in("1/6 of China's", "韓国の水素技術特許、中国の５分の１"));
    }

    #[test]
    fn a_discount_in_tenths_is_a_percentage_off() {
        assert!(held_in("可享9折优惠", "２点買い物につき10％オフで販売"));
        assert!(!held_in("可享8折优惠", "２点買い物につき10％オフで販売"));
        assert!(held_in(
            "헌법 9조를 개정하려는",
            "to revise article 9 of the constitution"
        ));
    }

    #[test]
    fn two_digits_before_a_year_are_the_year() {
        assert!(held_in("22年度税制改正大綱", "the 2022 Tax Reform Proposal"));
        assert!(held_in("22년도 예산", "the 2022 budget"));
        assert!(!held_in("23年度税制改正大綱", "the 2022 Tax Reform Proposal"));
        assert!(held_in("巡査（１８６９～９５年）", "Masuda Keitaro (1869-1895)"));
    }

    #[test]
    fn a_day_dated_by_another_is_one_off_it() {
        let source = "前日報告された新規感染者36人。12日、感染者が増えた。";
        assert!(held_in("reported on the 11th", source));
        assert!(!held_in("reported on the 10th", source));
        assert!(!held_in("reported on the 11th", "12日、感染者が増えた。"));
        assert!(held_in(
            "11日にかけて",
            "from the evening of Friday the 10th, through to the next day"
        ));
    }
}
