//! Amounts converted to the reader's currency. Korean, Japanese and Chinese
//! news give a foreign amount with its value at home in parentheses
//! ("20억달러(약 2조원)", "1億ドル（約110億円）"), and so do English papers
//! ("£1.5m (about $1.9m)"). The conversion is the editor's, not the source's:
//! it rests on the amount it converts when the rate between them is one the
//! two currencies have had, and the sources give no amount in its currency
//! (when they do, they give the conversion, and it must be theirs).

use super::claims::{self, Claim};

/// Units of each currency a US dollar has bought since 2000, widely: the
/// lowest and the highest rate, with room for rounding.
const PER_DOLLAR: &[(&str, f64, f64)] = &[
    ("USD", 1.0, 1.0),
    ("KRW", 850.0, 1600.0),
    ("JPY", 70.0, 170.0),
    ("CNY", 6.0, 8.4),
    ("EUR", 0.6, 1.2),
    ("GBP", 0.45, 0.95),
    ("RUB", 25.0, 150.0),
    ("NGN", 100.0, 1700.0),
];

/// Words that name the reader's currency after the opening parenthesis, before
/// the amount (`한화 약 130억 원`, `约合人民币`); estimates ("about", `約`) are the
/// hedges' (`hedge::estimates`).
const CURRENCY_WORDS: &[&str] = &[
    "한화로",
    "한화",
    "원화로",
    "우리 돈으로",
    "우리돈",
    "미화",
    "约合",
    "約合",
    "≈",
];

/// Whether the amount `claim` (read as `value` in `currency`) in `text` opens
/// a parenthesis right after an amount in another currency, at a rate the two
/// currencies have had.
pub(super) fn converted(text: &str, claim: &str, value: f64, currency: &str) -> bool {
    let Some(theirs) = rate(currency) else {
        return false;
    };
    text.match_indices(claim.trim()).any(|(at, _)| {
        let Some(before) = opening(&text[..at]) else {
            return false;
        };
        let Some((amount, from)) = amount_before(before) else {
            return false;
        };
        let Some(ours) = rate(from).filter(|_| from != currency && amount > 0.0) else {
            return false;
        };
        let ratio = value / amount;
        (theirs.0 / ours.1..=theirs.1 / ours.0).contains(&ratio)
    })
}

fn rate(currency: &str) -> Option<(f64, f64)> {
    PER_DOLLAR
        .iter()
        .find(|(c, ..)| *c == currency)
        .map(|&(_, low, high)| (low, high))
}

/// What stands before an opening parenthesis that `before` ends on, words of
/// currency and of estimate aside.
fn opening(before: &str) -> Option<&str> {
    let mut rest = before.trim_end();
    let words: Vec<&str> = CURRENCY_WORDS
        .iter()
        .copied()
        .chain(super::hedge::estimates())
        .collect();
    while let Some(word) = words.iter().find(|w| {
        rest.len() > w.len()
            && rest
                .get(rest.len() - w.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(w))
    }) {
        rest = rest[..rest.len() - word.len()].trim_end();
    }
    rest.strip_suffix(['(', '（']).map(str::trim_end)
}

/// The amount `before` ends on, with its currency.
fn amount_before(before: &str) -> Option<(f64, &'static str)> {
    let start = before.char_indices().rev().nth(24).map_or(0, |(i, _)| i);
    let tail = &before[start..];
    claims::extract(tail)
        .into_iter()
        .rev()
        .find_map(|f| match f.claim {
            Claim::Money {
                value,
                currency: Some(c),
            } if tail.trim_end().ends_with(f.text.trim()) => Some((value, c)),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::converted;

    #[test]
    fn a_conversion_in_parentheses_rests_on_the_amount_it_converts() {
        assert!(converted("20억달러(약 2조원)에 달할", "2조원", 2e12, "KRW"));
        assert!(converted("1億ドル（約110億円）の契約", "110億円", 1.1e10, "JPY"));
        assert!(converted("a £1.5m (about $1.9m) deal", "$1.9m", 1.9e6, "USD"));
        // A rate no two currencies have had is no conversion.
        assert!(!converted("20억달러(약 20조원)에 달할", "20조원", 2e13, "KRW"));
        // An amount in the same currency, or not in parentheses, is itself.
        assert!(!converted("20억달러(약 21억달러)", "21억달러", 2.1e9, "USD"));
        assert!(!converted("20억달러, 2조원", "2조원", 2e12, "KRW"));
    }
}
