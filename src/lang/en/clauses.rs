//! English statements whose cue sits in a subordinate clause: a participle after
//! the main clause (`The campaign released a statement, saying …`), whose
//! speaker is the sentence's subject, and a relative clause on the speaker
//! (`Broaddrick, who said Clinton had lied, appeared …`).

use super::cues::{cues, mask_quotes};
use super::lexicon::CALENDAR_NAMES;
use super::said::statement;
use super::speaker::{lead_subject, plausible, subject};
use crate::lang::statement::Statement;

/// Participles that report what the subject said.
const PARTICIPLES: &[&str] = &[
    "saying",
    "adding",
    "telling",
    "noting",
    "arguing",
    "calling",
    "suggesting",
    "warning",
    "insisting",
    "claiming",
    "urging",
    "explaining",
    "stressing",
    "writing",
    "describing",
    "accusing",
    "vowing",
    "promising",
    "declaring",
    "predicting",
    "asserting",
    "acknowledging",
    "recalling",
    "complaining",
    "charging",
];

/// `…, saying …`: the participle's content, said by the sentence's subject.
pub(super) fn participle(sentence: &str) -> Option<Statement> {
    let masked = mask_quotes(sentence);
    let (at, word) = PARTICIPLES
        .iter()
        .filter_map(|p| masked.find(&format!(", {p} ")).map(|i| (i, *p)))
        .min_by_key(|(i, _)| *i)?;
    let speaker = lead_subject(&sentence[..at])?;
    let content = sentence[at + word.len() + 3..]
        .trim()
        .trim_start_matches("that ")
        .trim_end_matches(['.', ' '])
        .to_string();
    (plausible(&speaker) && content.split_whitespace().count() >= 2)
        .then(|| statement(speaker, word, content))
}

/// `X, who said …, …`: the relative clause's content, said by X, and the
/// clause's byte range.
pub(super) fn relative(sentence: &str) -> Option<(Statement, std::ops::Range<usize>)> {
    let masked = mask_quotes(sentence);
    let at = masked.find(", who ")?;
    let clause = &masked[at + 6..];
    let (verb_at, verb) = cues(&format!("x {clause}")).into_iter().next()?;
    let verb_at = verb_at.checked_sub(2)?;
    // Only auxiliaries and adverbs between `who` and the verb.
    if clause[..verb_at].split_whitespace().count() > 2 {
        return None;
    }
    // "who asked not to be named", "who requested anonymity": how the source
    // spoke, not what it said.
    let rest = &masked[at + 6 + verb_at + verb.len()..];
    if rest.trim_start().starts_with("not to be")
        || rest.split(',').next().is_some_and(|c| c.contains("anonymity"))
    {
        return None;
    }
    let speaker = subject(&sentence[..at])?;
    let start = at + 6 + verb_at + verb.len();
    let end = masked[start..].find(", ").map_or(sentence.len(), |i| start + i);
    let content = sentence[start..end]
        .trim()
        .trim_start_matches("that ")
        .trim_end_matches(['.', ' '])
        .to_string();
    (plausible(&speaker) && content.split_whitespace().count() >= 2)
        .then(|| (statement(speaker, verb, content), at..end))
}

/// `…, one longtime friend said.` / `…, the Post reported on Monday.`: a
/// sentence that ends in its speaker and verb, what was said before the comma.
/// The form itself marks the speaker, so a lower-case one counts.
pub(super) fn trailing(sentence: &str) -> Option<Statement> {
    let masked = mask_quotes(sentence);
    let (at, verb) = cues(&masked).into_iter().last()?;
    let after = masked[at + verb.len()..].trim().trim_end_matches(['.', ' ']);
    if !when_or_where(after) {
        return None;
    }
    let comma = masked[..at].rfind(", ")?;
    let speaker = sentence[comma + 2..at].trim();
    let speaker = speaker
        .strip_suffix(" also")
        .or_else(|| speaker.strip_suffix(" has"))
        .unwrap_or(speaker)
        .trim();
    let words = speaker.split_whitespace().count();
    let content = sentence[..comma]
        .trim()
        .trim_matches(['"', '“', '”'])
        .trim_end_matches(',');
    if !(1..=8).contains(&words) || content.split_whitespace().count() < 4 || speaker.contains(['"', '“']) {
        return None;
    }
    let mut s = statement(speaker.to_string(), verb, content.to_string());
    s.plausible = true;
    Some(s)
}

/// `The Post quoted an unnamed official as saying that …`: the one quoted said it.
pub(super) fn quoted_as_saying(sentence: &str) -> Option<Statement> {
    let masked = mask_quotes(sentence);
    let at = masked.find(" quoted ")?;
    let said = masked[at..].find(" as saying ")? + at;
    if said <= at + 8 {
        return None;
    }
    let speaker = sentence[at + 8..said].trim();
    let content = sentence[said + 11..]
        .trim()
        .trim_start_matches("that ")
        .trim_end_matches(['.', ' ']);
    let mut s = statement(speaker.to_string(), "quoted as saying", content.to_string());
    s.plausible = true;
    (speaker.split_whitespace().count() <= 10 && content.split_whitespace().count() >= 2).then_some(s)
}

/// What may follow a sentence-final verb: nothing, or a short time or setting
/// (`on Monday`, `in a statement`, `to reporters`, `Tuesday`).
fn when_or_where(after: &str) -> bool {
    const LEADS: &[&str] = &[
        "on",
        "in",
        "at",
        "last",
        "this",
        "earlier",
        "later",
        "late",
        "yesterday",
        "today",
        "to",
        "during",
        "recently",
        "afterward",
        "afterwards",
        "then",
        "again",
    ];
    let first = after.split_whitespace().next();
    after.is_empty()
        || (after.split_whitespace().count() <= 4
            && !after.contains(',')
            && first.is_some_and(|w| LEADS.contains(&w) || CALENDAR_NAMES.contains(&w)))
}

/// `The top issues, respondents said, are …`: an attribution set off by commas
/// inside what was said.
pub(super) fn parenthetical(sentence: &str) -> Option<Statement> {
    let masked = mask_quotes(sentence);
    for (at, verb) in cues(&masked) {
        let Some(open) = masked[..at].rfind(", ") else {
            continue;
        };
        let after = masked[at + verb.len()..].trim_start();
        let speaker = sentence[open + 2..at].trim();
        let words = speaker.split_whitespace().count();
        // Adverbs alone ("…, then loudly asked, …") are no speaker: the
        // sentence's own subject asked.
        let adverbs = speaker.split_whitespace().all(super::setoff::is_adverb);
        if !after.starts_with(',') || !(1..=5).contains(&words) || speaker.contains(',') || adverbs {
            continue;
        }
        let rest = sentence[at + verb.len()..]
            .trim_start()
            .trim_start_matches(',')
            .trim();
        let content = format!("{} {rest}", sentence[..open].trim())
            .trim_end_matches(['.', ' '])
            .to_string();
        let mut s = statement(speaker.to_string(), verb, content);
        s.plausible = true;
        return Some(s);
    }
    None
}

#[cfg(test)]
mod tests;
