//! British and American spellings, and initialisms with and without their
//! periods: an English edition may respell what it quotes or names ("centre",
//! "favour", "realise", "UN") without changing a word of it. Quotations compare
//! through one spelling for both sides; a name is also looked up as the other
//! side of the Atlantic spells it.

use std::borrow::Cow;

/// Stems whose final `l` British doubles before a suffix ("travelled",
/// "cancelling"), where American does not. A list, not a rule: "filled" and
/// "filed" are two words.
const DOUBLED_L: &[&str] = &[
    "travel", "cancel", "label", "model", "fuel", "signal", "counsel", "level", "channel", "tunnel",
    "marvel", "jewel", "equal", "total", "dial", "duel", "rival", "quarrel", "shovel", "funnel", "pedal",
    "libel",
];

/// One spelling of a lower-cased word for comparison: American for British
/// (`centre` → `center`, `favour` → `favor`, `realise` → `realize`,
/// `defence` → `defense`, `travelled` → `traveled`) and an initialism without
/// its periods (`u.s` → `us`). Both texts compared pass through it, so a word it
/// over-reaches on ("promise" → "promize") still meets itself.
pub(crate) fn canonical(word: &str) -> Cow<'_, str> {
    let bytes = word.as_bytes();
    if bytes.contains(&b'.') && word.split('.').all(|p| p.chars().count() == 1) {
        return Cow::Owned(word.replace('.', ""));
    }
    // Every text compared passes word by word: most words hold none of the
    // letters a respelling turns on, and are told so without a search.
    let may_change = bytes.contains(&b'-')
        || bytes
            .windows(2)
            .any(|p| matches!(p, b"is" | b"ys" | b"ou" | b"re" | b"ce" | b"ll"));
    if !may_change || !word.is_ascii() || word.len() < 5 {
        return Cow::Borrowed(word);
    }
    // A compound closed up or hyphenated ("north-western", "northwestern").
    let mut w = word.replace('-', "");
    for (uk, us) in [
        ("isation", "ization"),
        ("yse", "yze"),
        ("ysing", "yzing"),
        ("ysed", "yzed"),
    ] {
        if let Some(i) = find(&w, uk) {
            w.replace_range(i..i + uk.len(), us);
        }
    }
    for suffix in ["ise", "ised", "ises", "ising", "iser", "isers"] {
        if w.len() > suffix.len() + 2 && w.ends_with(suffix) {
            let i = w.len() - suffix.len();
            w.replace_range(i..i + 2, "iz");
        }
    }
    // "our" after three letters or more: colour, neighbourhood, favourite (not
    // "four", "hour", "your").
    if let Some(i) = w.get(3..).and_then(|t| find(t, "our")).map(|i| i + 3) {
        w.replace_range(i..i + 3, "or");
    }
    for (uk, us) in [
        ("tre", "ter"),
        ("tres", "ters"),
        ("bre", "ber"),
        ("bres", "bers"),
        ("ence", "ense"),
    ] {
        // "-ence" only where American writes "-ense" ("defence", not "silence").
        let respelt = uk != "ence" || matches!(w.as_str(), "defence" | "offence" | "licence" | "pretence");
        if respelt && w.ends_with(uk) {
            let i = w.len() - uk.len();
            w.replace_range(i.., us);
        }
    }
    if let Some(stem) = DOUBLED_L.iter().find(|s| {
        w.strip_prefix(**s)
            .and_then(|t| t.strip_prefix('l'))
            .is_some_and(|t| matches!(t, "ed" | "ing" | "er" | "ers"))
    }) {
        w.remove(stem.len());
    }
    if w == word {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(w)
    }
}

/// Where `needle` first occurs in a short ASCII word, without building a
/// substring searcher for it.
fn find(word: &str, needle: &str) -> Option<usize> {
    word.as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

/// Other ways a capitalised word of a name may be spelt: the other side's
/// spelling (`Centre` ↔ `Center`, `Defence` ↔ `Defense`, `Labour` ↔ `Labor`) and
/// an initialism with or without its periods (`UN` ↔ `U.N`).
pub(crate) fn variants(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let letters: Vec<char> = word.chars().collect();
    if (2..=4).contains(&letters.len()) && letters.iter().all(char::is_ascii_uppercase) {
        out.push(letters.iter().map(char::to_string).collect::<Vec<_>>().join("."));
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() == 1) {
        out.push(word.replace('.', ""));
    }
    let pairs = [
        ("re", "er"),
        ("our", "or"),
        ("ence", "ense"),
        ("ise", "ize"),
        ("isation", "ization"),
    ];
    for (uk, us) in pairs {
        for (from, to) in [(uk, us), (us, uk)] {
            if word.len() > from.len() + 2
                && let Some(stem) = word.strip_suffix(from)
            {
                out.push(format!("{stem}{to}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{canonical, variants};

    #[test]
    fn british_and_american_spellings_meet() {
        for (uk, us) in [
            ("centre", "center"),
            ("neighbourhood", "neighborhood"),
            ("favour", "favor"),
            ("realise", "realize"),
            ("denuclearisation", "denuclearization"),
            ("socialise", "socialize"),
            ("defence", "defense"),
            ("travelled", "traveled"),
            ("analyse", "analyze"),
            ("u.s", "us"),
            ("north-western", "northwestern"),
        ] {
            assert_eq!(canonical(uk), canonical(us), "{uk} / {us}");
        }
        for (a, b) in [
            ("four", "for"),
            ("filled", "filed"),
            ("hour", "hor"),
            ("silence", "silense"),
        ] {
            assert_ne!(canonical(a), canonical(b), "{a} / {b}");
        }
    }

    #[test]
    fn a_name_word_has_its_other_spellings() {
        assert!(variants("Centre").contains(&"Center".to_string()));
        assert!(variants("Labor").contains(&"Labour".to_string()));
        assert!(variants("UN").contains(&"U.N".to_string()));
        assert!(variants("U.S").contains(&"US".to_string()));
        assert!(variants("Korea").is_empty());
    }
}
