//! The article as data: what every renderer, check and batch report works from.
//! Every paragraph keeps the passage ids it rests on.

pub mod integrity;
pub mod place;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::llm::Usage;
use crate::source::PassageId;
use crate::stage::Stage;
pub use integrity::Report;

/// A paragraph and the passages it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Paragraph {
    pub text: String,
    pub cites: Vec<PassageId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    pub subhead: String,
    pub paragraphs: Vec<Paragraph>,
}

/// One perspective's section. Every one has the same three parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PerspectiveSection {
    pub id: String,
    pub label: String,
    pub subhead: String,
    /// False when the sources give this side no position; the parts then say so.
    pub stated: bool,
    pub position: Paragraph,
    pub reasons: Paragraph,
    pub implications: Paragraph,
}

/// The persona's byline box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Byline {
    pub persona: String,
    pub name: String,
    pub beat: String,
    pub bio: String,
}

/// A source as listed under the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceRef {
    pub index: usize,
    pub title: String,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// When a URL source was fetched (RFC 3339).
    #[serde(default)]
    pub fetched: Option<String>,
    /// Where it was read from.
    pub origin: String,
    /// The passage ids it holds, e.g. `S1`–`S6`.
    pub passages: Vec<PassageId>,
    /// For a gathered item: its licence line and provenance flags ("official
    /// record, may omit exchanges"), shown with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<String>,
}

/// One model call, as recorded in the metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CallRecord {
    pub stage: Stage,
    pub round: usize,
    pub model: String,
    pub usage: Usage,
    /// What the call cost in US dollars; `None` when the model has no price.
    pub cost_usd: Option<f64>,
    /// Answered from the response cache, without a request.
    pub cached: bool,
    pub attempts: u32,
    /// Cache keys of the requests made (one per attempt): replay them from the cache.
    #[serde(default)]
    pub requests: Vec<String>,
    pub elapsed_ms: u64,
    /// What of the answer could not be used, and what stands in its place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub degraded: Vec<String>,
}

/// How the article was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Metadata {
    pub persona: String,
    pub provider: String,
    pub model: String,
    /// True when no language model wrote it (the extractive provider).
    pub extractive: bool,
    pub date: String,
    pub language: String,
    pub generator: String,
    pub usage: Usage,
    /// Sum of the calls' costs; `None` when any call's model has no price.
    pub cost_usd: Option<f64>,
    pub calls: Vec<CallRecord>,
    pub elapsed_ms: u64,
    pub notes: Vec<String>,
    /// The languages of every edition written from the same brief (`--lang`),
    /// this one's included; empty for a single article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<String>,
    /// What the integrity checks found (after any revision round).
    pub integrity: Option<Report>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Article {
    pub headline: String,
    pub deck: String,
    pub lede: Paragraph,
    pub pull_quote: Option<String>,
    pub sections: Vec<Section>,
    pub perspectives: Vec<PerspectiveSection>,
    pub closing: Option<Paragraph>,
    pub byline: Byline,
    pub sources: Vec<SourceRef>,
    /// Other articles in the same output folder that share names and terms.
    #[serde(default)]
    pub related: Vec<Related>,
    /// Every quotation in the article's text, where it is, and for one that
    /// translates its source, the source's own words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotations: Vec<Quotation>,
    pub meta: Metadata,
}

/// A quotation in the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quotation {
    /// The quoted words as the article gives them, without the quotation marks.
    pub text: String,
    /// The part that holds it (`lede`, `perspective japan: position`, …).
    pub location: String,
    /// In another language than the passages it cites.
    pub translated: bool,
    /// For a translation: the words it translates and the passage that holds them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<Original>,
}

/// A source's own words, as a translated quotation's original.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Original {
    pub passage: PassageId,
    pub text: String,
}

/// A related article, found by shared names and terms (no model involved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Related {
    /// The other article's file stem in the same folder (`ID` of `ID.md`).
    pub id: String,
    pub headline: String,
    pub deck: String,
    /// How much the two share, for ordering.
    pub score: f64,
    /// The formats the other article was written in (empty: not known).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<String>,
}

impl Related {
    /// The file a link from an article in `format` should point at: the same
    /// format when the other article has it, else one it has.
    pub fn file(&self, format: &str) -> String {
        let ext = if self.formats.is_empty() || self.formats.iter().any(|f| f == format) {
            format
        } else {
            self.formats[0].as_str()
        };
        format!("{}.{ext}", self.id)
    }
}

impl SourceRef {
    /// Its licence line and provenance flags, as one note ("" when none).
    pub fn notes(&self) -> String {
        self.licence
            .iter()
            .chain(&self.provenance)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The passages it holds as a span: `S1–S6`, or `S3` alone.
    pub fn passage_span(&self) -> String {
        match (self.passages.first(), self.passages.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        }
    }
}

impl Article {
    /// Words of running text, for length checks and reports.
    pub fn word_count(&self) -> usize {
        let words = crate::text::word_count;
        let mut n = words(&self.lede.text);
        n += self
            .sections
            .iter()
            .flat_map(|s| &s.paragraphs)
            .map(|p| words(&p.text))
            .sum::<usize>();
        for p in &self.perspectives {
            n += words(&p.position.text) + words(&p.reasons.text) + words(&p.implications.text);
        }
        n + self.closing.as_ref().map_or(0, |c| words(&c.text))
    }
}
