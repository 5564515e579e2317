//! One statement: who said what, with which verb, and (later) for which side. The
//! type every language's reader produces, and the rules shared by all of them:
//! what counts as a direct quotation and which speakers refer back to an earlier
//! one.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::lexicon::ANAPHORS;
use super::speaker::plausible;

/// One statement found in a passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The speaker as written, with a descriptive apposition
    /// ("China's foreign ministry spokesperson Mao Ning").
    pub speaker: String,
    /// The perspective the speaker belongs to, if any.
    pub side: Option<String>,
    /// The reporting verb as written (`said`, `has called for`, `밝혔다`).
    pub verb: String,
    /// What was said: the quotation and/or the reported speech.
    pub content: String,
    /// The direct quotation, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Byte span of the statement's sentence in the passage.
    #[serde(skip)]
    pub span: (usize, usize),
    /// The speaker as the text names it, when that is a pronoun or a
    /// continuation ("he", "she added", 同氏, 她还, 그는) and `speaker` is the
    /// name it continues.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mention: Option<String>,
    /// The speaker is a pronoun or a bare description ("she", "the ministry"),
    /// resolved from earlier statements.
    #[serde(skip)]
    pub anaphor: bool,
    /// The speaker looks like one on its own (a name, an office, a pronoun); a
    /// lower-case phrase ("importers") counts only when the persona names it.
    #[serde(skip)]
    pub plausible: bool,
}

impl Statement {
    /// Whether this gives a fact on someone's authority ("according to",
    /// によると, 据…报道, 에 따르면) rather than something they said.
    pub fn reports_a_fact(&self) -> bool {
        matches!(
            self.verb.as_str(),
            "according to" | "によると" | "据…报道" | "에 따르면"
        )
    }
}

pub(super) static QUOTES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"["“]([^"”]{2,})["”]|「([^」]+)」|‘([^’]{2,})’"#).unwrap_or_else(|e| panic!("{e}"))
});

pub(super) fn first_group(c: &regex::Captures) -> String {
    (1..c.len())
        .find_map(|i| c.get(i))
        .map(|m| m.as_str().trim().to_string())
        .unwrap_or_default()
}

/// Direct quotations in `s`, joined with ` … `.
pub(super) fn quotation(s: &str) -> Option<String> {
    let qs: Vec<String> = QUOTES
        .captures_iter(s)
        .map(|c| first_group(&c))
        // A one-word quotation counts when it is a distinctive word ("ironclad"),
        // not a scare-quoted short one.
        .filter(|q| q.split_whitespace().count() >= 2 || q.trim_end_matches([',', '.']).chars().count() >= 6)
        .collect();
    (!qs.is_empty()).then(|| qs.join(" … "))
}

pub(super) fn statement(speaker: String, verb: &str, content: String) -> Statement {
    let speaker = noun_phrase(speaker);
    let anaphor = is_anaphor(&speaker);
    Statement {
        plausible: plausible(&speaker),
        quote: quotation(&content),
        speaker,
        mention: None,
        side: None,
        verb: verb.to_string(),
        content,
        span: (0, 0),
        anaphor,
    }
}

/// The speaker as a noun phrase, never a clause: a connective that opens it
/// goes ("But he", "Though she"), and a phrase that runs on into a verb is cut
/// before it ("President Barack Obama has long" → "President Barack Obama";
/// "He did not address … in which he" → "He").
fn noun_phrase(speaker: String) -> String {
    const OPENERS: &[&str] = &[
        "but", "and", "so", "though", "yet", "still", "then", "also", "when", "while", "as",
    ];
    const VERBS: &[&str] = &[
        "has", "have", "had", "been", "was", "were", "is", "are", "did", "does", "do", "not", "failed",
        "who", "which", "whose", "would", "could", "should", "will", "can", "may", "might",
    ];
    if !speaker.is_ascii() {
        return speaker;
    }
    let words: Vec<&str> = speaker.split_whitespace().collect();
    let mut start = 0;
    while start + 1 < words.len() && OPENERS.contains(&words[start].to_lowercase().as_str()) {
        start += 1;
    }
    let words = &words[start..];
    let end = words
        .iter()
        .position(|w| VERBS.contains(&w.to_lowercase().trim_end_matches(',')))
        .filter(|&i| i > 0)
        .unwrap_or(words.len());
    let phrase = words[..end].join(" ");
    phrase.trim_end_matches(',').to_string()
}

/// Whether an anaphoric speaker stands for the person it continues (a pronoun,
/// or a continuation with no subject of its own), rather than describing one
/// ("the ministry", 该官员), which is kept as written.
pub(crate) fn is_pronoun(speaker: &str) -> bool {
    let lower = speaker.to_lowercase();
    let cjk = !speaker.is_ascii();
    speaker.trim().is_empty()
        || ANAPHORS.contains(&lower.as_str())
        || (cjk && !speaker.starts_with('该') && speaker.chars().count() <= 3)
        || continuation(speaker)
}

/// A speaker span that is no one, only the words that join its sentence to the
/// one before ("but", "When", "Typically", "or simply", "whom he"): the
/// statement continues the speaker before it.
fn continuation(speaker: &str) -> bool {
    const JOINS: &[&str] = &[
        "and",
        "but",
        "or",
        "so",
        "then",
        "when",
        "while",
        "typically",
        "usually",
        "often",
        "some",
        "will",
        "as",
        "to",
        "whom",
        "who",
        "which",
        "also",
        "later",
        "again",
        "enraged",
    ];
    let mut words = speaker.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    JOINS.contains(&first.to_lowercase().as_str())
        && !words.any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether a speaker refers back to someone named earlier.
pub(super) fn is_anaphor(speaker: &str) -> bool {
    let lower = speaker.to_lowercase();
    ANAPHORS.contains(&lower.as_str())
        || (lower.starts_with("the ") && !speaker.chars().skip(4).any(char::is_uppercase))
        || continuation(speaker)
}
