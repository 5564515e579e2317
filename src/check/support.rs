//! Values a source holds that a claim may rest on without being a claim
//! itself: small numbers in words ("two ballistic missiles" → `2발`), and the
//! months, ordinals, multiples, decades and times that an English source gives
//! in words and a translation in digits (`number_words::supporting`).

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

/// Values a source states in words that a translation may give in digits
/// (`number_words::supporting`), as claims that support and are never checked.
pub(super) fn supporting(text: &str) -> Vec<Found> {
    let mut out = small_numbers(text);
    // The numbers and dates inside the source's own quotations: `extract`
    // takes a quotation whole, but a translation's numbers rest on its values.
    let unquoted: String = text
        .chars()
        .map(|c| {
            if matches!(c, '"' | '“' | '”' | '「' | '」' | '『' | '』' | '‘' | '’') {
                ' '
            } else {
                c
            }
        })
        .collect();
    out.extend(
        extract(&unquoted)
            .into_iter()
            .filter(|f| !matches!(f.claim, Claim::Quote(_)))
            // Support only: no text, so a finding's hint shows the passages' own claims.
            .map(|f| Found {
                claim: f.claim,
                text: String::new(),
            }),
    );
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
