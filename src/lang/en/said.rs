//! What an English speaker span is: a noun phrase, never a clause; a pronoun or
//! a bare description ("the ministry") that refers back to someone named
//! earlier; or only the words that join its sentence to the one before.

use super::lexicon::ANAPHORS;
use super::setoff::is_adverb;
use super::speaker::{is_past, plausible};
use crate::lang::statement::Statement;

/// A statement read in English, its speaker made a noun phrase and judged as a
/// speaker and as an anaphor.
pub(crate) fn statement(speaker: String, verb: &str, content: String) -> Statement {
    let speaker = noun_phrase(speaker);
    let mut s = Statement::new(speaker, verb, content);
    s.anaphor = is_anaphor(&s.speaker);
    s.plausible = plausible(&s.speaker);
    s
}

/// The speaker as a noun phrase, never a clause: a connective that opens it
/// goes ("But he", "Though she"), and a phrase that runs on into a verb is cut
/// before it ("President Barack Obama has long" → "President Barack Obama";
/// "He did not address … in which he" → "He").
fn noun_phrase(speaker: String) -> String {
    const VERBS: &[&str] = &[
        "has", "have", "had", "been", "was", "were", "is", "are", "did", "does", "do", "not", "failed",
        "who", "which", "whose", "would", "could", "should", "will", "can", "may", "might", "haven't",
        "hasn't", "hadn't", "didn't", "doesn't", "don't", "won't", "wouldn't", "isn't", "wasn't", "aren't",
        "weren't", "couldn't", "who's",
    ];
    use crate::lang::script::{han, hangul, kana};
    if speaker.chars().any(|c| han(c) || hangul(c) || kana(c)) {
        return speaker;
    }
    let words: Vec<&str> = speaker.split_whitespace().collect();
    let words = without_setting(&words);
    let end = words
        .iter()
        .position(|w| VERBS.contains(&w.to_lowercase().replace('’', "'").trim_end_matches(',')))
        .filter(|&i| i > 0)
        .unwrap_or(words.len());
    let mut words = &words[..end];
    // A clause joined after a comma ("Llamas, 31, of Tujunga, Calif., but he
    // was shocked"): the speaker ends at the comma.
    if let Some(i) = words.windows(2).position(|w| {
        w[0].ends_with(',') && matches!(w[1], "but" | "while" | "although" | "though" | "whereas")
    }) {
        words = &words[..=i];
    }
    // A name or a pronoun that runs on into its verb ("He congratulated her
    // and", "Clinton beamed as she"): the subject ends before the verb.
    if let Some(i) = words.iter().position(|w| is_past(w))
        && i > 0
        && words[..i]
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        words = &words[..i];
    }
    // An adverb after the subject ("She quickly", "Reid frequently").
    while words.len() > 1 && words.last().is_some_and(|w| is_adverb(w)) {
        words = &words[..words.len() - 1];
    }
    let phrase = words.join(" ");
    let phrase = phrase.trim_end_matches(',');
    // "I’ve", "We’re", "He’s": the pronoun.
    match phrase.split_once(['\'', '’']) {
        Some((head, "ve" | "re" | "ll" | "d" | "s")) if ANAPHORS.contains(&head.to_lowercase().as_str()) => {
            head.to_string()
        }
        _ => phrase.to_string(),
    }
}

/// A speaker span without what opens it and is no part of the speaker: a
/// connective, a time or a setting set off before the name, "with" before a
/// name, or the setting before a pronoun.
fn without_setting<'a, 'w>(words: &'a [&'w str]) -> &'a [&'w str] {
    const OPENERS: &[&str] = &[
        "but", "and", "so", "though", "yet", "still", "then", "also", "when", "while", "as", "if", "unless",
        "whether", "although", "because", "even",
    ];
    let mut start = 0;
    while start + 1 < words.len() && OPENERS.contains(&words[start].to_lowercase().as_str()) {
        start += 1;
    }
    let mut words = &words[start..];
    // A time or an adverb set off before the name ("Friday, Bill Clinton";
    // "Most recently, Trump"; "Several weeks ago, Donald Trump").
    if let Some(i) = words.iter().position(|w| w.ends_with(','))
        && i + 1 < words.len()
        && (i < 2 && words[..=i].iter().any(|w| is_adverb(w) || is_time(w)) || i < 4 && words[i] == "ago,")
    {
        words = &words[i + 1..];
    }
    // "with Clinton lambasting …": the name.
    if words.len() > 1
        && words[0] == "with"
        && words[1..]
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        words = &words[1..];
    }
    // A pronoun after the setting ("A few days ago in an interview with RT
    // he"): the pronoun is the subject.
    if words.len() >= 2
        && words
            .last()
            .is_some_and(|w| matches!(*w, "he" | "she" | "they" | "we" | "I"))
        && !matches!(words[words.len() - 2], "and" | "or" | "nor" | "than" | "as")
        && (words.len() > 2 || words[0].ends_with(','))
    {
        words = &words[words.len() - 1..];
    }
    // A phrase set off before the name ("Giving a speech in Toledo, Clinton";
    // "in Novi, Michigan, Trump"): the name after its last comma.
    if let Some(i) = words.iter().rposition(|w| w.ends_with(','))
        && i + 1 < words.len()
        && words.len() - i <= 4
        && words[i + 1..]
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !words.iter().any(|w| matches!(*w, "and" | "or" | "nor"))
        && (words[0].ends_with("ing") && words[0].chars().next().is_some_and(char::is_uppercase)
            || is_clause_tail(&words[0].to_lowercase())
            || i < 2
                && words[..=i]
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase)))
    {
        words = &words[i + 1..];
    }
    words
}

/// A day or a time set off before a speaker: `Friday,`, `Tuesday,`.
fn is_time(w: &str) -> bool {
    super::lexicon::CALENDAR_NAMES
        .iter()
        .any(|d| w.trim_end_matches(',').eq_ignore_ascii_case(d))
}

/// A speaker span that opens on a preposition ("of his Mexican heritage",
/// "by the time"): the tail of a clause whose subject stands further back. It
/// is kept as read, but it names no one, so it proves nothing about who spoke.
pub(crate) fn is_clause_tail(speaker: &str) -> bool {
    const TAILS: &[&str] = &[
        "of", "for", "with", "from", "by", "in", "on", "at", "about", "because", "than", "into", "over",
        "under", "between", "against", "without",
    ];
    speaker
        .split_whitespace()
        .next()
        .is_some_and(|w| TAILS.contains(&w))
}

/// Whether a speaker refers back to someone named earlier.
pub(crate) fn is_anaphor(speaker: &str) -> bool {
    let lower = speaker.to_lowercase();
    ANAPHORS.contains(&lower.as_str())
        || (lower.starts_with("the ") && !speaker.chars().skip(4).any(char::is_uppercase))
        || super::anaphora::role(speaker).is_some()
        || super::anaphora::continuation(speaker)
}
