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
    let anaphor = is_anaphor(&speaker);
    Statement {
        plausible: plausible(&speaker),
        quote: quotation(&content),
        speaker,
        side: None,
        verb: verb.to_string(),
        content,
        span: (0, 0),
        anaphor,
    }
}

/// Whether a speaker refers back to someone named earlier.
pub(super) fn is_anaphor(speaker: &str) -> bool {
    let lower = speaker.to_lowercase();
    ANAPHORS.contains(&lower.as_str())
        || (lower.starts_with("the ") && !speaker.chars().skip(4).any(char::is_uppercase))
}
