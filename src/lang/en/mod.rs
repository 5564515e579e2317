//! English: reporting verbs and the speakers before or after them, silence
//! ("declined to comment"), negation, numbers written in words, and parallax's
//! own words in English.

mod anaphora;
mod antecedent;
mod clauses;
mod cues;
mod lexicon;
pub(crate) mod numbers;
mod places;
mod said;
mod setoff;
mod speaker;
pub(crate) mod spelling;
mod statements;

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

pub(crate) use anaphora::{compatible, is_pronoun, role, role_holder};
pub(crate) use antecedent::{named_before, subject_before, subject_within};
pub(crate) use lexicon::{CALENDAR_NAMES, NOT_NAMES};
pub(crate) use said::{is_clause_tail, statement};
pub(crate) use speaker::plausible;

use super::{Labels, Language};

pub(super) static LANGUAGE: Language = Language {
    code: "en",
    writes: |_| true,
    statements: statements::extract,
    silent: |s| SILENCE.is_match(s),
    negated,
    stance: (
        &[
            "welcom", "support", "prais", "endors", "applaud", "hail", "approv", "embrac",
        ],
        &[
            "oppos", "condemn", "reject", "criticiz", "criticis", "denounc", "protest", "decr",
        ],
    ),
    numbers: numbers::supporting,
    labels: &EN,
};

static SILENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:has|have|had|did|does|do)(?: not|n't)(?: yet| immediately)? (?:comment|respond|return|reply)",
        r"|\b(?:declined|refused) to comment|\bno comment\b|\bcould not be reached\b|\bhas yet to comment",
        r"|\bnot available for comment|\bwould not comment|\bwouldn't comment",
        r"|\b(?:made|offered|had) no (?:immediate )?comment|\bremained silent|\bhas been silent",
        r"|\b(?:has|have) not (?:yet )?(?:spoken publicly|weighed in|publicly commented)",
    ))
});

/// Words that negate.
const NEGATORS: &[&str] = &[
    "not",
    "never",
    "no",
    "cannot",
    "can't",
    "won't",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "shouldn't",
    "wouldn't",
    "couldn't",
    "nor",
    "neither",
    "nothing",
    "none",
];

/// Negative words: "unacceptable" translates 容認できない as surely as "not
/// acceptable".
const NEGATIVE: &[&str] = &[
    "unacceptable",
    "intolerable",
    "impossible",
    "unjustified",
    "illegal",
    "illegitimate",
    "unwarranted",
    "inadmissible",
    "unfounded",
    "untrue",
    "invalid",
    "irresponsible",
    "unlawful",
    "unconstitutional",
    "unreasonable",
    "unfair",
    "unwilling",
    "unable",
];

/// Whether English text is negated: a negator or a negative word, except a
/// double negative ("not unacceptable", "never unwilling"), which reverses a
/// negation rather than adding one.
fn negated(s: &str) -> bool {
    let words = lower_words(s);
    let undone = |w: &str| NEGATIVE.contains(&w) || (w.starts_with("un") && w.len() > 5);
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        if NEGATORS.contains(&w) && words.get(i + 1).is_some_and(|n| undone(n)) {
            i += 2;
            continue;
        }
        if NEGATORS.contains(&w) || NEGATIVE.contains(&w) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether every negation in English text `s` stands inside a relative clause
/// ("the man who could do things that I couldn't do"): the statement itself
/// says no "not", and a translation may say the clause without one ("beyond
/// my ability"). Not a clause that a verb of saying or knowing opens ("said
/// that they won't"), whose negation is what is said.
pub(crate) fn negated_only_within(s: &str) -> bool {
    // Verbs of saying and knowing: "that" after them opens what is said, and
    // after a relative clause they are the sentence's own verb again.
    const SAYING: &[&str] = &[
        "said", "say", "says", "saying", "think", "thinks", "thought", "believe", "believes", "believed",
        "know", "knows", "knew", "hope", "hopes", "hoped", "feel", "feels", "felt", "mean", "means", "meant",
        "told", "insist", "insists", "insisted", "warned", "noted", "added", "stressed", "agree", "agreed",
        "ensure", "show", "shows", "showed", "seems",
    ];
    const OPENS_CONTENT: &[&str] = &[
        "clear",
        "sure",
        "is",
        "was",
        "are",
        "were",
        "fact",
        "so",
        "now",
        "given",
        "such",
        "aware",
        "convinced",
        "true",
    ];
    let mut within = false;
    for clause in s.split([',', ';', ':', '—', '–', '(', ')']) {
        let words = lower_words(clause);
        let mut relative = false;
        for (i, w) in words.iter().enumerate() {
            let w = w.as_str();
            let before = i.checked_sub(1).map(|j| words[j].as_str());
            let opens_content = |b: &str| SAYING.contains(&b) || OPENS_CONTENT.contains(&b);
            if matches!(w, "who" | "which" | "whom" | "whose")
                || (w == "that" && before.is_some_and(|b| !opens_content(b)))
            {
                relative = true;
            } else if SAYING.contains(&w) {
                relative = false;
            }
            if NEGATORS.contains(&w) || NEGATIVE.contains(&w) {
                if !relative {
                    return false;
                }
                within = true;
            }
        }
    }
    within
}

/// Whether `s` holds a word that negates, whatever it negates: with `negated`
/// false, a double negative ("not unconcerned").
pub(crate) fn has_negator(s: &str) -> bool {
    lower_words(s).iter().any(|w| NEGATORS.contains(&w.as_str()))
}

/// The words of `s` in lower case, apostrophes straightened (`don't`).
fn lower_words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.replace('’', "'"))
        .collect()
}

pub(super) static EN: Labels = Labels {
    sides_heading: "Where each side stands",
    stated_position: "Stated position",
    reasons: "Reasons and interests",
    implications: "What it means",
    what_to_watch: "What to watch",
    about_author: "About the author",
    sources: "Sources",
    related: "Related articles",
    integrity: "Integrity report",
    review_marks: "Mark the findings in the article",
    passed: "all checks passed",
    findings: "findings",
    revised: "Revised after the checks",
    translated: "translated",
    translated_use: "used here in translation; not the original wording",
    no_position: "{}: no stated position in the sources.",
    earlier_no_position: &["No stated position from {} in the sources."],
    no_reasons: "{} gives no reasons in the sources.",
    no_reasons_beyond: "{} gives no reasons beyond this statement in the sources.",
    no_meaning: "The sources do not spell out what the position of {} means.",
    earlier_silence: &[
        "The sources give no reasons.",
        "The sources give no reasons beyond this statement.",
        "The sources do not spell out what this position means.",
    ],
    extractive_note: "No language model was used: every paragraph is a source passage (extractive provider).",
    context_subheads: ["What happened", "Background", "More context"],
};
