//! What a weak model copies instead of writing: a run of parallax's own
//! instructions ("one paragraph that opens on the strongest verified fact"),
//! the annotations the prompt puts under each passage (`statement:`, `speaks
//! for`), a field name with its colon (`lede:`); and word salad, a part most of
//! whose words no passage uses. parallax knows every word it asks with, so an
//! echo is a proof, not a suspicion: the finding names the instruction the
//! words come from, and no source holds them. The sources' own words are
//! exempt, so a source that says "the strongest verified fact" is quoted freely.

use crate::pattern::re;
use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::{Block, Check, Corpus, Doc, Finding, FindingKind};
use crate::article::place::Part;
use crate::persona::Persona;
use crate::text::QuoteIndex;

/// Words in a run that make it an echo: long enough that faithful prose does
/// not share it with the instructions by chance.
const RUN: usize = 5;

/// Annotations and field names as the prompt writes them.
static ANNOTATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)↳|^\W*statement:|\bstatement: [^:(]{1,80}\((?:speaks for|no side)|\(\s*speaks for\b|\bspeaks for [a-z][a-z-]*\s*\)|\(no side\)|\(id `|\(used by [a-z]|\b[a-z][a-z-]+ `[^`]*`: |give these words to|no such [a-z]+,? (?:word for word, )?in (?:passages|any source)|^\W*(?:lede|deck|headline|subhead|position|reasons|implications|pull_quote|closing|key_facts|cites|stated|perspectives|sections|byline|task|balance rule|voice guide|source \d+)\s*:",
    )
});

/// A passage's id as the prompt labels it (`[S5] The greeting…`): in a part of
/// our own article, where citations are kept apart from the text, it is copied
/// from the prompt.
static PASSAGE_LABEL: LazyLock<Regex> = LazyLock::new(|| re(r"\[S\d+(?:\s*,\s*S\d+)*\]"));

/// Short words that make no run distinctive on their own.
const SMALL: &[&str] = &[
    "the", "and", "that", "this", "with", "from", "into", "than", "them", "they", "their", "have", "been",
    "each", "only", "what", "when", "where", "which", "does", "were", "will", "would", "about", "there",
];

/// The persona's words parallax asks with (the built-in templates' are read
/// once, in [`BUILT_IN`]), and the sources' words, as runs of [`RUN`].
pub(super) struct Prompted {
    instructions: HashSet<String>,
    sources: HashSet<String>,
    /// Every passage and title, for quotation look-ups.
    index: QuoteIndex,
    /// The stem of every word of the sources and of the
    /// persona's names of its sides and terms (a side's heading may be its
    /// name), as written, markup and all.
    stems: HashSet<String>,
    /// What each part was found to hold, by its text and place: an article is
    /// checked again after every revision, most of its parts unchanged.
    seen: crate::memo::Memo<(String, bool, Part), Vec<Verdict>>,
}

/// A finding's kind, claim and reason, before it is placed in a part.
type Verdict = (FindingKind, String, String);

/// The runs of the built-in templates and of the words sent with the schema,
/// less parallax's own sentences for silence: read once.
static BUILT_IN: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut text: String = crate::prompt::BUILTIN
        .iter()
        .map(|(_, t)| template_words(t))
        .collect::<Vec<_>>()
        .join("\n");
    for asked in crate::llm::ASKED {
        text.push('\n');
        text.push_str(asked);
    }
    runs(&text).into_iter().filter(|r| !OWN.contains(r)).collect()
});

/// What the prompt asks to be said where the sources are silent is parallax's
/// own wording, not an echo.
static OWN: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let own: String = crate::lang::labels::all()
        .flat_map(|(_, l)| l.own_sentences())
        .collect::<Vec<_>>()
        .join("\n");
    runs(&own)
});

impl Prompted {
    pub(super) fn new(corpus: &Corpus<'_>, persona: &Persona) -> Self {
        let mut text = String::new();
        for extra in [&persona.spec.rule, &persona.voice] {
            text.push('\n');
            text.push_str(extra);
        }
        for p in &persona.spec.perspectives {
            text.push('\n');
            text.push_str(&p.focus);
        }
        let source_text = corpus.all_text();
        Prompted {
            instructions: runs(&text).into_iter().filter(|r| !OWN.contains(r)).collect(),
            sources: runs(&source_text),
            index: QuoteIndex::new(&source_text),
            stems: words(&format!("{source_text}\n{}", corpus.names_text))
                .iter()
                .map(|w| stem(w))
                .collect(),
            seen: crate::memo::Memo::default(),
        }
    }
}

/// A template's prose: its tags and expressions become breaks, so no run
/// spans them.
fn template_words(t: &str) -> String {
    static TAG: LazyLock<Regex> = LazyLock::new(|| re(r"(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<[^>]*>"));
    TAG.replace_all(t, "\n").into_owned()
}

/// A word less its inflection: `doubles`, `doubled` and `doubling` are
/// `doubl`; a fragment that only begins as a word does (`politel`, `stupi`)
/// is not that word.
fn stem(w: &str) -> String {
    const ENDINGS: &[&str] = &[
        "ings", "ing", "ied", "ies", "ed", "es", "ers", "er", "ly", "s", "e", "y", "'s",
    ];
    let w = w.to_lowercase();
    let w = w.trim_end_matches("'s").trim_end_matches("’s");
    ENDINGS
        .iter()
        .find_map(|e| w.strip_suffix(e).filter(|b| b.chars().count() >= 3))
        .unwrap_or(w)
        .to_string()
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every run of [`RUN`] words within one line of `s`.
fn runs(s: &str) -> HashSet<String> {
    s.lines()
        .flat_map(|line| {
            let w = words(line);
            w.windows(RUN).map(|r| r.join(" ")).collect::<Vec<_>>()
        })
        .collect()
}

/// Echo and noise findings over every block of `doc`.
pub(super) fn check(doc: &Doc, prompted: &Prompted) -> Vec<Finding> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        let key = (block.text.clone(), block.at.is_some(), block.part);
        let verdicts = prompted.seen.get_or(&key, |_| verdicts(block, prompted));
        for (kind, claim, why) in verdicts {
            out.push(block.finding(Check::Grounding, kind, claim, why));
        }
    }
    out
}

/// What one part holds: each echoing sentence, and salad.
fn verdicts(block: &Block, prompted: &Prompted) -> Vec<Verdict> {
    let mut out = Vec::new();
    if crate::lang::Labels::is_own(&block.text) {
        return out;
    }
    for sentence in crate::lang::sentences::sentences(&block.text) {
        let label = block.at.and_then(|_| PASSAGE_LABEL.find(sentence)).map(|m| {
            format!(
                "`{}` is the prompt's label of a passage, copied into the text",
                m.as_str()
            )
        });
        if let Some(why) = label.or_else(|| echo(sentence, prompted)) {
            out.push((FindingKind::Echo, sentence.trim().to_string(), why));
        }
    }
    if let Some(why) = noise(block, prompted) {
        out.push((FindingKind::Noise, block.text.clone(), why));
    }
    out
}

/// Why `sentence` echoes the prompt, if it does.
fn echo(sentence: &str, p: &Prompted) -> Option<String> {
    if let Some(m) = ANNOTATION.find(sentence)
        && !p
            .index
            .contains(m.as_str().trim_matches(|c: char| !c.is_alphanumeric()))
    {
        return Some(format!(
            "`{}` is an annotation of parallax's prompt, not the sources' words",
            m.as_str().trim()
        ));
    }
    let w = words(sentence);
    w.windows(RUN)
        .map(|r| r.join(" "))
        .find(|run| {
            let distinct = run
                .split(' ')
                .filter(|x| x.chars().count() >= 4 && !SMALL.contains(x))
                .count();
            distinct >= 2
                && (BUILT_IN.contains(run) || p.instructions.contains(run))
                && !p.sources.contains(run)
        })
        .map(|run| format!("`{run}` is parallax's own instruction, and no source says it"))
}

/// Why a part of one of our own articles is word salad, if it is: not words a
/// passage holds as they stand, and in Latin
/// script against Latin sources, a heading with no word of the sources (bar
/// small ones), a paragraph too short to be a sentence, or one most of whose
/// words of four letters or more (at least four) appear in no passage. Across
/// scripts words cannot be compared, so the rule keeps out; a person's article
/// (no part of ours) is not held to it.
fn noise(block: &Block, p: &Prompted) -> Option<String> {
    if block.at.is_none()
        || !p.index.is_latin()
        || crate::lang::script::script(&block.text) != crate::lang::script::Script::Latin
        // Words a passage holds as they stand ("FULL TEXT.") are no salad.
        || p.index.contains(&block.text)
    {
        return None;
    }
    let all: Vec<&str> = block
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .collect();
    let words: Vec<&str> = all
        .iter()
        .copied()
        .filter(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .collect();
    let known = |w: &str| p.stems.contains(&stem(w));
    let unknown: Vec<&str> = words.iter().copied().filter(|w| !known(w)).collect();
    let heading = matches!(block.part, Part::Headline | Part::Deck | Part::Subhead);
    let known = words
        .iter()
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()) && known(w))
        .count();
    if heading && known == 0 && !words.is_empty() {
        return Some(format!(
            "no word of it appears in any passage ({})",
            all.join(" ")
        ));
    }
    if !heading && !all.is_empty() && all.len() < 4 {
        return Some(format!("`{}` is too short to be a sentence", block.text.trim()));
    }
    // Two unknown words at least, or the only long word of the part.
    let enough = unknown.len() >= 2 || words.len() == 1;
    (enough && unknown.len() * 2 > words.len()).then(|| {
        format!(
            "most of its words appear in no passage ({})",
            unknown.iter().take(5).copied().collect::<Vec<_>>().join(", ")
        )
    })
}

#[cfg(test)]
mod tests;
