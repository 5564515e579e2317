//! The sources' statements, indexed for the attribution and framing checks:
//! each with its passage and sentence, the side learnt for each name, every
//! source sentence as words, and what the article's parts were found to hold.

use crate::ids::SideId;
use std::collections::{BTreeSet, HashMap};

use super::super::Finding;
use super::super::words::content_words;
use crate::lang::sentences::sentences;
use crate::persona::Persona;
use crate::source::PassageId;
use crate::source::{Statement, sides, statements};
use crate::text::QuoteIndex;

/// What a part's attribution findings depend on: its text, its side, the
/// sides it may also speak for, whether it is a side's part.
pub(in crate::check) type Seen = (String, Option<SideId>, Vec<SideId>, bool);

/// A source statement with where it is.
pub(in crate::check) struct Said<'a> {
    pub(in crate::check) passage: &'a PassageId,
    pub(in crate::check) statement: &'a Statement,
    /// The sentence that holds it, ready for quotation look-ups.
    pub(in crate::check) index: QuoteIndex,
    pub(in crate::check) words: BTreeSet<String>,
}

/// What the sources say, indexed for the check.
pub(in crate::check) struct Sources<'a> {
    pub(in crate::check) said: Vec<Said<'a>>,
    /// Names of speakers with a side, learnt from the sources.
    pub(in crate::check) names: HashMap<String, SideId>,
    /// Every name that speaks in the sources.
    pub(in crate::check) speakers: BTreeSet<String>,
    /// Every sentence of the passages and source titles, as quotations
    /// compare: an article sentence that repeats one word for word repeats its
    /// attribution too.
    pub(in crate::check) sentences: std::collections::HashSet<String>,
    /// The statements of article sentences read so far: an article is checked
    /// again after each revision and each degraded part, its sentences mostly
    /// unchanged.
    pub(in crate::check) read: std::sync::Mutex<HashMap<String, Vec<Statement>>>,
    /// The findings of each part checked so far, by what they depend on: its
    /// text, its side and the sides it may also speak for, whether it is a
    /// side's part.
    pub(in crate::check) checked: crate::memo::Memo<Seen, Vec<Finding>>,
}

impl<'a> Sources<'a> {
    pub(in crate::check) fn new(passages: &[&'a crate::source::Passage], titles: &str) -> Self {
        let mut said = Vec::new();
        let mut names = HashMap::new();
        let mut speakers = BTreeSet::new();
        for &p in passages {
            for s in &p.statements {
                let sentence = p.text.get(s.span.0..s.span.1).unwrap_or(&p.text);
                said.push(Said {
                    passage: &p.id,
                    statement: s,
                    index: QuoteIndex::new(sentence),
                    words: content_words(&s.content),
                });
                for n in sides::names(&s.speaker) {
                    if let Some(side) = &s.side {
                        names.entry(n.clone()).or_insert_with(|| side.clone());
                    }
                    speakers.insert(n);
                }
            }
        }
        let texts = passages.iter().map(|p| p.text.as_str()).chain(titles.lines());
        let whole = texts.flat_map(sentences).map(crate::text::words_key).collect();
        Self {
            said,
            names,
            speakers,
            sentences: whole,
            read: std::sync::Mutex::default(),
            checked: crate::memo::Memo::default(),
        }
    }

    /// The statements of an article's sentence, read once per article.
    pub(in crate::check) fn statements(&self, sentence: &str) -> Vec<Statement> {
        let read = |s: &str| statements::extract(s);
        let Ok(mut memo) = self.read.lock() else {
            return read(sentence);
        };
        memo.entry(sentence.to_string())
            .or_insert_with(|| read(sentence))
            .clone()
    }

    /// The side of an article's speaker: its own words, else a name the sources
    /// gave a side.
    pub(in crate::check) fn side(&self, speaker: &str, persona: &Persona) -> Option<SideId> {
        sides::side_of(speaker, persona).or_else(|| {
            sides::names(speaker)
                .iter()
                .find_map(|n| self.names.get(n).cloned())
        })
    }
}
