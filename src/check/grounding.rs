//! Grounding: each cited passage exists, and each number, date, percentage, money
//! amount and quotation in a paragraph appears in the passages it cites. Names of
//! people, places and organisations that appear in no source are flagged.

use std::sync::LazyLock;

use regex::Regex;

use super::claims::{self, Claim};
use super::translation::{self, Unfaithful};
use super::{Block, Check, Corpus, Doc, Finding, Part};
use crate::article::integrity::FindingKind;
use crate::source::PassageId;
use crate::text::{CALENDAR_NAMES, QuoteIndex};

/// Run the grounding check. A paragraph without passage ids is checked against
/// every passage.
pub fn check(doc: &Doc, corpus: &Corpus<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        let cited = corpus.known(&block.cites);
        for bad in block.cites.iter().filter(|c| !cited.contains(c)) {
            out.push(block.finding(
                Check::Grounding,
                FindingKind::Citation,
                bad.to_string(),
                "no passage has this id".into(),
            ));
        }
        let pool = Pool::new(corpus, &cited);
        out.extend(claim_findings(block, &pool));
        if !matches!(block.part, Part::Headline | Part::Deck) {
            out.extend(name_findings(block, corpus, &pool));
        }
    }
    out
}

/// The passages a block cites, with their claims and quotation index.
struct Pool<'c> {
    passages: Vec<&'c crate::source::Passage>,
    /// The passages' script (none when no passage is cited or known).
    script: Option<crate::text::script::Script>,
    found: Vec<claims::Found>,
    quotes: QuoteIndex,
    /// "passages S1, S2" or "any source", for the findings' wording.
    scope: String,
}

impl<'c> Pool<'c> {
    fn new(corpus: &Corpus<'c>, cited: &[PassageId]) -> Self {
        let pool = corpus.select(cited);
        let text: String = pool
            .iter()
            .map(|&i| corpus.folded[i].as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let passages: Vec<&crate::source::Passage> = pool.iter().map(|&i| corpus.passages[i]).collect();
        Self {
            script: (!passages.is_empty()).then(|| translation::script_of(&passages)),
            passages,
            found: pool
                .iter()
                .flat_map(|&i| corpus.found[i].iter().cloned())
                .collect(),
            quotes: QuoteIndex::new(&text),
            scope: if cited.is_empty() {
                "any source".to_string()
            } else {
                format!("passages {}", cited.join(", "))
            },
        }
    }
}

/// Numbers, dates, amounts and quotations in `block` that its passages do not hold.
fn claim_findings(block: &Block, pool: &Pool<'_>) -> Vec<Finding> {
    let scope = &pool.scope;
    let finding = |kind: FindingKind, claim: String, expected: String| {
        block.finding(Check::Grounding, kind, claim, expected)
    };
    let mut claimed = claims::extract(&block.text);
    if translation::is_translation(&block.text, pool.script) {
        // A translation may write in words what the source gives in digits.
        claimed.extend(translation::counted_words(&block.text));
    }
    let mut out = Vec::new();
    for c in claimed {
        if claims::supported(&c.claim, &pool.found, &pool.quotes) {
            continue;
        }
        if let Claim::Quote(q) = &c.claim
            && translation::is_translation(q, pool.script)
        {
            let why = translation::check(q, &pool.passages, &pool.found);
            let expected = match why {
                None => continue,
                Some(Unfaithful::NothingSaid) => {
                    format!("a translated quotation, but nobody is quoted in {scope}")
                }
                Some(Unfaithful::Fact(f)) => {
                    format!("a translated quotation with `{f}`, which is not in {scope}")
                }
                Some(Unfaithful::Negation) => {
                    format!(
                        "a translated quotation that negates what is said in {scope}, or drops its negation"
                    )
                }
            };
            out.push(finding(FindingKind::Quote, c.text, expected));
            continue;
        }
        let (kind, expected) = match &c.claim {
            Claim::Quote(_) => (
                FindingKind::Quote,
                format!("no such quotation, word for word, in {scope}"),
            ),
            Claim::Date { .. } => (FindingKind::Date, format!("no such date in {scope}")),
            Claim::Percent(_) => (FindingKind::Percentage, format!("no such percentage in {scope}")),
            Claim::Money { .. } => (FindingKind::Money, format!("no such amount in {scope}")),
            Claim::Number(_) => (FindingKind::Number, format!("no such number in {scope}")),
        };
        let expected = match nearest(&c.claim, &pool.found) {
            Some(near) => format!("{expected} (the passages say `{near}`)"),
            None => expected,
        };
        out.push(finding(kind, c.text, expected));
    }
    out
}

/// Names in `block` that appear in no source.
fn name_findings(block: &Block, corpus: &Corpus<'_>, pool: &Pool<'_>) -> Vec<Finding> {
    let unknown = |name: String| {
        block.finding(
            Check::Grounding,
            FindingKind::Entity,
            name,
            "this name appears in no source".into(),
        )
    };
    let mut out = Vec::new();
    // Across scripts a name is checked through the persona's aliases only: an
    // actor the sources name in no script is flagged; other names cannot be
    // looked up.
    let across = translation::is_translation(&block.text, pool.script);
    for name in entities(&block.text) {
        let missing = if across {
            corpus
                .unattested
                .iter()
                .any(|a| crate::text::contains_word(&name, a))
        } else {
            !known_name(&name, &corpus.names_text)
        };
        if missing {
            out.push(unknown(name));
        }
    }
    // A Chinese or Japanese name beside its title (林芳正官房長官, 发言人毛宁):
    // known when the sources or the persona hold two of its characters together,
    // in any character form (a name's edge is not marked in these scripts, so
    // the span read may run into a word).
    for name in crate::source::cjk::titled_names(&block.text) {
        let chars: Vec<char> = crate::source::cjk::fold(&name).chars().collect();
        let known = chars
            .windows(2)
            .any(|w| corpus.folded_names.contains(&w.iter().collect::<String>()));
        if !known {
            out.push(unknown(name));
        }
    }
    out
}

/// A claim of the same kind in the passages, to show what they do say.
fn nearest(claim: &Claim, found: &[claims::Found]) -> Option<String> {
    let same_kind = |f: &&claims::Found| std::mem::discriminant(&f.claim) == std::mem::discriminant(claim);
    let candidates: Vec<&claims::Found> = found.iter().filter(same_kind).collect();
    (candidates.len() == 1).then(|| candidates[0].text.clone())
}

static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
        .unwrap_or_else(|e| panic!("built-in pattern is invalid: {e}"))
});

/// Words that start sentences or join names without being names themselves.
const COMMON: &[&str] = &[
    "A",
    "An",
    "The",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "As",
    "When",
    "While",
    "After",
    "Before",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "His",
    "Her",
    "Their",
    "Our",
    "If",
    "Since",
    "According",
    "No",
    "Not",
    "Both",
    "Each",
    "Every",
    "Some",
    "Such",
    "With",
    "Without",
    "From",
    "To",
    "By",
    "Of",
    "Under",
    "Over",
    "Where",
    "What",
    "Why",
    "How",
    "Who",
    "Which",
    "There",
    "Here",
    "Yet",
    "So",
    "Also",
    "However",
    "Meanwhile",
    "Still",
    "Even",
    "Only",
    "Then",
    "Now",
    "Stated",
    "Reasons",
    "What",
    "I",
    "You",
];

const JOINERS: &[&str] = &["of", "the", "de", "del", "van", "von", "al", "bin", "and", "for"];

/// Capitalised names in `text`: runs of capitalised words (joined by `of`, `the`,
/// …), without sentence-opening filler words, and not a lone word that opens a
/// sentence (it may be capitalised only for that).
pub fn entities(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut run_opens = false;
    let mut opens = true;
    let mut prev_end = 0;
    for m in WORD.find_iter(text) {
        let gap = &text[prev_end..m.start()];
        prev_end = m.end();
        if gap.chars().any(|c| !c.is_whitespace()) {
            close(&mut run, run_opens, &mut names);
            opens |= gap.contains(['!', '?', ':', '“', '"', '‘']);
        }
        let raw = m.as_str();
        let ends_sentence = raw.ends_with('.') && !raw[..raw.len() - 1].contains('.');
        let word = raw.trim_end_matches(['.', '-']);
        if word.chars().next().is_some_and(char::is_uppercase) {
            if run.is_empty() {
                run_opens = opens;
            }
            run.push(word);
        } else if JOINERS.contains(&word) && !run.is_empty() {
            run.push(word);
        } else {
            close(&mut run, run_opens, &mut names);
        }
        opens = false;
        if ends_sentence {
            close(&mut run, run_opens, &mut names);
            opens = true;
        }
    }
    close(&mut run, run_opens, &mut names);
    names.sort();
    names.dedup();
    names
}

fn close(run: &mut Vec<&str>, opens: bool, names: &mut Vec<String>) {
    let mut words: Vec<&str> = std::mem::take(run);
    while words.last().is_some_and(|w| JOINERS.contains(w)) {
        words.pop();
    }
    let mut opens = opens;
    while words
        .first()
        .is_some_and(|w| COMMON.contains(w) || CALENDAR_NAMES.contains(w))
    {
        words.remove(0);
        opens = false;
    }
    if words.is_empty() || (opens && words.len() == 1) {
        return;
    }
    let mut name = words.join(" ");
    for suffix in ["'s", "’s"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped.to_string();
        }
    }
    names.push(name);
}

/// A name is known when it occurs in the sources (or the persona), or when each of
/// its capitalised words does.
fn known_name(name: &str, corpus: &str) -> bool {
    if corpus.contains(name) {
        return true;
    }
    // A capitalised word may be a common noun that only opens a sentence
    // ("Spokesperson Mao Ning"): it is known if the sources use it in any case.
    let lower = corpus.to_lowercase();
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .all(|w| {
            crate::text::contains_word(corpus, w)
                || (w.chars().skip(1).all(|c| !c.is_uppercase())
                    && crate::text::contains_word(&lower, &w.to_lowercase()))
        })
}

#[cfg(test)]
mod tests;
