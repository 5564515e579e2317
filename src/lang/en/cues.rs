//! English reporting cues: the verbs that introduce what someone said, found as
//! whole words outside quotation marks, without the forms that report no
//! statement (a passive participle, a relative clause, a refusal). Shared by the
//! statement reader and the speaker finder.

use super::lexicon::VERBS;
use crate::pattern::re;

/// Quotation text blanked, byte for byte, so verbs inside quotations are not
/// cues.
pub(super) fn mask_quotes(s: &str) -> String {
    crate::lang::quotes::mask(s, crate::lang::quotes::Marks::Toggled)
}

/// Any reporting verb, in the order of [`VERBS`].
static ANY_VERB: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let alternatives: Vec<String> = VERBS.iter().map(|v| regex::escape(v)).collect();
    re(&alternatives.join("|"))
});

/// Words before a noun, never before a verb.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those", "such", "any",
    "some", "no", "of", "to", "in", "for", "with", "on", "by", "and", "whose", "other", "new", "many", "two",
];

/// Reporting verbs in `s` as whole words, with their byte offsets, in order.
pub(super) fn cues(s: &str) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &'static str)> = Vec::new();
    // One pass for every verb; at one place the first verb listed wins, so a
    // phrase ("called for") is taken before a verb it begins ("called").
    for m in ANY_VERB.find_iter(s) {
        let Some(verb) = VERBS.iter().find(|v| **v == m.as_str()) else {
            continue;
        };
        let i = m.start();
        {
            let before = s[..i].chars().next_back();
            let after = s[i + verb.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
            // "reported by KCNA", "described as": a passive participle, not a cue.
            let passive = s[i + verb.len()..].starts_with(" by ");
            // "an official, who asked not to be named, said": a relative clause.
            let relative = ["who ", "which ", "that "].iter().any(|w| s[..i].ends_with(w));
            // "declined to say", "did not say": no statement was made.
            let refused = [
                "declined to ",
                "refused to ",
                "did not ",
                "didn't ",
                "would not ",
                "will not ",
            ]
            .iter()
            .any(|w| s[..i].ends_with(w));
            // "being told", "was asked": someone else spoke to them.
            let spoken_to = ["being ", "been ", "be ", "was ", "were ", "is ", "are "]
                .iter()
                .any(|w| {
                    s[..i].ends_with(w) && matches!(*verb, "told" | "asked" | "called" | "urged" | "pressed")
                });
            // "what she called \"coercion\"": a word characterised, not a statement.
            let named = matches!(*verb, "called" | "described" | "calls" | "describes")
                && s[..i]
                    .trim_end()
                    .rsplit(' ')
                    .nth(1)
                    .is_some_and(|w| w.eq_ignore_ascii_case("what"));
            // "the claims were false", "his calls": a noun, not a verb.
            let noun = matches!(
                *verb,
                "claims" | "calls" | "notes" | "claim" | "note" | "reports" | "argue" | "suggest"
            ) && s[..i].split_whitespace().next_back().is_some_and(|w| {
                let w = w.to_lowercase();
                DETERMINERS.contains(&w.as_str())
            });
            // "a way to claim": an infinitive, not a statement made; "the so
            // called Never Trumpers": a name given, not a statement.
            let so = s[..i].ends_with(' ')
                && s[..i]
                    .trim_end()
                    .rsplit([' ', '"', '“'])
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("so"));
            let infinitive = s[..i].ends_with(" to ") || so;
            let heard = !noun && !infinitive && !passive && !relative && !refused && !spoken_to && !named;
            if !word(before) && !word(after) && heard {
                out.push((i, verb));
            }
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}
