//! Values a source holds that a claim may rest on without being a claim
//! itself: small numbers in words ("two ballistic missiles" → `2발`), and the
//! months, ordinals, multiples, decades and times that an English source gives
//! in words and a translation in digits (`number_words::supporting`), and the
//! numbers inside its quotations.

use super::claims::{Claim, Found, extract};
use super::number_words;

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
    for (value, kind) in number_words::supporting(text) {
        let claim = match kind {
            number_words::Kind::Number => Claim::Number(value),
            number_words::Kind::Percent => Claim::Percent(value),
            number_words::Kind::Month => Claim::Date {
                year: None,
                month: Some(value as u32),
                day: None,
            },
            number_words::Kind::Year => Claim::Date {
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
