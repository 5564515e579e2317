//! Numbers given as estimates. A human writer rounds ("about 3,500" for 3,462,
//! "nearly $49 million" for $48.7 million) or bounds ("more than 3,400",
//! "under 60 percent", `約3500人`, `3500여 명`, `3千多人`): such a number rests on
//! a source value it rounds or bounds, to the precision it is written in. A bare
//! number is still held to its exact value.

use super::claims::{Claim, Found};

/// How a number is hedged.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Hedge {
    /// Rounded either way: within half a unit of its last written place.
    About,
    /// Rounded up to: below it, within half a unit.
    Nearly,
    /// A lower bound: above it, within a unit.
    Over,
    /// An upper bound: below it, within a unit.
    Under,
}

/// Words that hedge the number after them, and how.
const BEFORE: &[(&str, Hedge)] = &[
    ("about", Hedge::About),
    ("around", Hedge::About),
    ("roughly", Hedge::About),
    ("approximately", Hedge::About),
    ("some", Hedge::About),
    ("estimated", Hedge::About),
    ("nearly", Hedge::Nearly),
    ("almost", Hedge::Nearly),
    ("close to", Hedge::Nearly),
    ("just under", Hedge::Nearly),
    ("more than", Hedge::Over),
    ("over", Hedge::Over),
    ("at least", Hedge::Over),
    ("upwards of", Hedge::Over),
    ("just over", Hedge::Over),
    ("less than", Hedge::Under),
    ("fewer than", Hedge::Under),
    ("under", Hedge::Under),
    ("below", Hedge::Under),
    ("up to", Hedge::Under),
    ("約", Hedge::About),
    ("约", Hedge::About),
    ("약", Hedge::About),
    ("およそ", Hedge::About),
    ("大约", Hedge::About),
    ("近", Hedge::Nearly),
    ("超过", Hedge::Over),
    ("逾", Hedge::Over),
    ("不到", Hedge::Under),
];

/// The words that make the number after them an estimate ("about", `約`, `약`).
pub(super) fn estimates() -> impl Iterator<Item = &'static str> {
    BEFORE.iter().filter(|(_, h)| *h == Hedge::About).map(|(w, _)| *w)
}

/// The hedge of the claim written `claim` in `text`, if one stands beside it.
fn hedge(text: &str, claim: &str) -> Option<Hedge> {
    const AFTER: &[(&str, Hedge)] = &[
        ("余", Hedge::Over),
        ("多", Hedge::Over),
        ("여", Hedge::Over),
        ("以上", Hedge::Over),
        ("近く", Hedge::Nearly),
        ("前後", Hedge::About),
        ("左右", Hedge::About),
        ("가량", Hedge::About),
        ("안팎", Hedge::About),
        ("未満", Hedge::Under),
        ("以下", Hedge::Under),
    ];
    let at = text.find(claim)?;
    let before = text[..at]
        .trim_end_matches(['$', '€', '£', '¥', '₩', ' '])
        .to_lowercase();
    let after = text[at + claim.len()..].trim_start();
    let word_end = |b: &str, w: &str| {
        b.strip_suffix(w)
            .is_some_and(|r| !w.is_ascii() || r.is_empty() || r.ends_with(|c: char| !c.is_alphanumeric()))
    };
    BEFORE
        .iter()
        .find(|(w, _)| word_end(&before, w))
        // After it, or glued into what was read (`3400여`).
        .or_else(|| {
            AFTER
                .iter()
                .find(|(w, _)| after.starts_with(w) || claim.ends_with(w))
        })
        .map(|(_, h)| *h)
}

/// One unit of the last place `v` is written to: 100 for 3,500, 1 for 67,
/// 0.1 for 2.5, a million for 49 million.
fn unit(v: f64) -> f64 {
    let mut unit = 1.0;
    if v.fract().abs() > 1e-9 {
        while (v / unit).fract().abs() > 1e-6 && unit > 1e-6 {
            unit /= 10.0;
        }
        return unit;
    }
    while v != 0.0 && (v / (unit * 10.0)).fract().abs() < 1e-9 {
        unit *= 10.0;
    }
    unit
}

/// Whether `found`, written in `text` beside a hedge, rests on a value `held`
/// gives of the same kind.
pub(super) fn rests(text: &str, found: &Found, held: &[Found]) -> bool {
    let Some(h) = hedge(text, &found.text) else {
        return false;
    };
    let (v, kind) = match found.claim {
        Claim::Number(v) => (v, 0),
        Claim::Percent(v) => (v, 1),
        Claim::Money { value, .. } => (value, 2),
        _ => return false,
    };
    let u = unit(v);
    let fits = |s: f64| match h {
        Hedge::About => (s - v).abs() <= u / 2.0 + 1e-9,
        Hedge::Nearly => s < v && s >= v - u / 2.0 - 1e-9,
        Hedge::Over => s > v && s < v + u,
        Hedge::Under => s < v && s > v - u,
    };
    held.iter().any(|f| match (&f.claim, &found.claim) {
        (Claim::Number(s), _) if kind == 0 => fits(*s),
        (Claim::Percent(s), _) if kind == 1 => fits(*s),
        (Claim::Money { value, currency }, Claim::Money { currency: ours, .. }) => {
            (currency.is_none() || ours.is_none() || currency == ours) && fits(*value)
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<Found> {
        super::super::claims::extract(text)
    }

    fn holds(article: &str, source: &str) -> bool {
        let held = found(source);
        found(article).iter().all(|f| rests(article, f, &held))
    }

    #[test]
    fn a_rounded_or_bounded_number_rests_on_the_value_it_rounds() {
        assert_eq!(unit(3500.0), 100.0);
        assert_eq!(unit(67.0), 1.0);
        assert_eq!(unit(49e6), 1e6);
        assert!((unit(2.5) - 0.1).abs() < 1e-9);
        assert!(holds(
            "About 3,500 workers joined",
            "A total of 3,462 workers joined"
        ));
        assert!(holds(
            "the company lost nearly $49 million",
            "the company lost $48.7 million"
        ));
        assert!(holds(
            "Turnout was roughly 67 percent",
            "Turnout was 67.3 percent"
        ));
        assert!(holds("up from under 60 percent", "up from 58.9 percent"));
        assert!(holds("more than 3,400 workers", "3,462 workers"));
        assert!(holds("약 3500명이 참가했다", "3,462 workers joined"));
        assert!(holds("3500명 가량이 참가했다", "3,462 workers joined"));
        assert!(holds("3400여 명이 참가했다", "3,462 workers joined"));
        assert!(holds("3千多人参加", "3,462 workers joined"));
        // Beyond the precision it is written in, or with no hedge, it does not.
        assert!(!holds(
            "About 3,600 workers joined",
            "A total of 3,462 workers joined"
        ));
        assert!(!holds("3,500 workers joined", "A total of 3,462 workers joined"));
        assert!(!holds("more than 3,500 workers", "3,462 workers"));
        assert!(!holds("nearly $48 million", "$48.7 million"));
        assert!(!holds("nearly 51 people", "50 people"));
        assert!(!holds("more than 21 people", "22 people"));
    }
}
