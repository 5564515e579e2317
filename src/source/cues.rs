//! English reporting cues: the verbs that introduce what someone said, found as
//! whole words outside quotation marks, without the forms that report no
//! statement (a passive participle, a relative clause, a refusal). Shared by the
//! statement reader and the speaker finder.

use super::lexicon::VERBS;

/// Quotation text replaced by spaces, so verbs inside quotations are not cues.
pub(super) fn mask_quotes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        let mark = matches!(c, '"' | '“' | '”');
        if mark {
            inside = !inside;
        }
        if inside || mark {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Reporting verbs in `s` as whole words, with their byte offsets, in order.
pub(super) fn cues(s: &str) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &'static str)> = Vec::new();
    for verb in VERBS {
        for (i, _) in s.match_indices(verb) {
            let before = s[..i].chars().next_back();
            let after = s[i + verb.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
            let taken = out.iter().any(|(j, v)| i >= *j && i < j + v.len());
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
            if !word(before) && !word(after) && !taken && !passive && !relative && !refused {
                out.push((i, verb));
            }
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}
