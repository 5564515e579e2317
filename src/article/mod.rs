//! The article as data: what every renderer, check and batch report works from.
//! Every paragraph keeps the passage ids it rests on.

pub(crate) mod integrity;
pub(crate) mod place;

use crate::ids::Lang;
use crate::ids::SideId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::llm::Usage;
use crate::source::PassageId;
use crate::stage::Stage;
pub(crate) use integrity::Report;

/// A paragraph and the passages it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub(crate) struct Paragraph {
    pub(crate) text: String,
    pub(crate) cites: Vec<PassageId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub(crate) struct Section {
    pub(crate) subhead: String,
    pub(crate) paragraphs: Vec<Paragraph>,
}

/// One perspective's section. Every one has the same three parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub(crate) struct PerspectiveSection {
    pub(crate) id: SideId,
    pub(crate) label: String,
    pub(crate) subhead: String,
    /// False when the sources give this side no position; the parts then say so.
    pub(crate) stated: bool,
    pub(crate) position: Paragraph,
    pub(crate) reasons: Paragraph,
    pub(crate) implications: Paragraph,
}

/// The persona's byline box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub(crate) struct Byline {
    pub(crate) persona: String,
    pub(crate) name: String,
    pub(crate) beat: String,
    pub(crate) bio: String,
}

/// A source as listed under the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub(crate) struct SourceRef {
    pub(crate) index: usize,
    pub(crate) title: String,
    pub(crate) publisher: Option<String>,
    /// When the source says it was published: a day, or a moment (RFC 3339).
    /// One written before dates were read (free text) reads back as none.
    #[serde(deserialize_with = "crate::clock::lenient")]
    pub(crate) published: Option<crate::clock::Published>,
    pub(crate) url: Option<String>,
    /// When a URL source was fetched (RFC 3339).
    #[serde(default)]
    pub(crate) fetched: Option<crate::clock::Instant>,
    /// Where it was read from.
    pub(crate) origin: String,
    /// The passage ids it holds, e.g. `S1`–`S6`.
    pub(crate) passages: Vec<PassageId>,
    /// For a gathered item: its licence line and provenance flags ("official
    /// record, may omit exchanges"), shown with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) licence: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) provenance: Vec<String>,
}

/// One model call, as recorded in the metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub(crate) struct CallRecord {
    pub(crate) stage: Stage,
    pub(crate) round: usize,
    pub(crate) model: crate::llm::Model,
    pub(crate) usage: Usage,
    /// What the call cost in US dollars; `None` when the model has no price.
    pub(crate) cost_usd: Option<f64>,
    /// Answered from the response cache, without a request.
    pub(crate) cached: bool,
    pub(crate) attempts: u32,
    /// Cache keys of the requests made (one per attempt): replay them from the cache.
    #[serde(default)]
    pub(crate) requests: Vec<String>,
    pub(crate) elapsed_ms: u64,
    /// What of the answer could not be used, and what stands in its place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) degraded: Vec<String>,
}

/// How the article was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub(crate) struct Metadata {
    pub(crate) persona: String,
    pub(crate) provider: String,
    /// The models that wrote it, comma-separated when several did.
    pub(crate) model: crate::llm::Model,
    /// True when no language model wrote it (the extractive provider).
    pub(crate) extractive: bool,
    pub(crate) date: crate::clock::Date,
    pub(crate) language: Lang,
    pub(crate) generator: String,
    pub(crate) usage: Usage,
    /// Sum of the calls' costs; `None` when any call's model has no price.
    pub(crate) cost_usd: Option<f64>,
    pub(crate) calls: Vec<CallRecord>,
    pub(crate) elapsed_ms: u64,
    pub(crate) notes: Vec<String>,
    /// The languages of every edition written from the same brief (`--lang`),
    /// this one's included; empty for a single article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) editions: Vec<Lang>,
    /// What the integrity checks found (after any revision round).
    pub(crate) integrity: Option<Report>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub(crate) struct Article {
    pub(crate) headline: String,
    pub(crate) deck: String,
    pub(crate) lede: Paragraph,
    pub(crate) pull_quote: Option<String>,
    pub(crate) sections: Vec<Section>,
    pub(crate) perspectives: Vec<PerspectiveSection>,
    pub(crate) closing: Option<Paragraph>,
    pub(crate) byline: Byline,
    pub(crate) sources: Vec<SourceRef>,
    /// Other articles in the same output folder that share names and terms.
    #[serde(default)]
    pub(crate) related: Vec<Related>,
    /// Every quotation in the article's text, where it is, and for one that
    /// translates its source, the source's own words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) quotations: Vec<Quotation>,
    pub(crate) meta: Metadata,
}

/// A quotation in the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub(crate) struct Quotation {
    /// The quoted words as the article gives them, without the quotation marks.
    pub(crate) text: String,
    /// The part that holds it (`lede`, `perspective japan: position`, …).
    pub(crate) location: String,
    /// In another language than the passages it cites.
    pub(crate) translated: bool,
    /// For a translation: the words it translates and the passage that holds them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) original: Option<Original>,
}

/// A source's own words, as a translated quotation's original.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub(crate) struct Original {
    pub(crate) passage: PassageId,
    pub(crate) text: String,
}

/// A related article, found by shared names and terms (no model involved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub(crate) struct Related {
    /// The other article's file stem in the same folder (`ID` of `ID.md`).
    pub(crate) id: String,
    pub(crate) headline: String,
    pub(crate) deck: String,
    /// How much the two share, for ordering.
    pub(crate) score: f64,
    /// The formats the other article was written in (empty: not known).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) formats: Vec<String>,
}

impl Related {
    /// The file a link from an article in `format` should point at: the same
    /// format when the other article has it, else one it has.
    pub(crate) fn file(&self, format: &str) -> String {
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
    pub(crate) fn notes(&self) -> String {
        self.licence
            .iter()
            .chain(&self.provenance)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The passages it holds as a span: `S1–S6`, or `S3` alone.
    pub(crate) fn passage_span(&self) -> String {
        match (self.passages.first(), self.passages.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        }
    }
}

impl Article {
    /// Words of running text, for length checks and reports.
    pub(crate) fn word_count(&self) -> usize {
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
