//! Where a part sits in one of our own articles: the headline, the deck, the
//! lede, a context paragraph, one part of a side's section or the closing. A
//! finding carries its place, so a degraded part can be replaced and the page
//! can mark the finding where it is.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a block of text is, for grouping findings and revising.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub(crate) enum Part {
    Headline,
    Deck,
    Lede,
    Body,
    Position,
    Reasons,
    Implications,
    Closing,
    /// A context section's subhead, or a side's heading.
    Subhead,
}

impl Part {
    pub(crate) fn label(&self) -> &'static str {
        match self {
            Part::Headline => "headline",
            Part::Deck => "deck",
            Part::Lede => "lede",
            Part::Body => "paragraph",
            Part::Position => "stated position",
            Part::Reasons => "reasons and interests",
            Part::Implications => "what it means",
            Part::Closing => "closing",
            Part::Subhead => "subhead",
        }
    }
}

/// A block's place in a typed article, so a part can be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum At {
    Headline,
    Deck,
    Lede,
    /// Section, paragraph.
    Body(usize, usize),
    /// The perspective's index and part (its heading: `Part::Subhead`).
    Side(usize, Part),
    Closing,
    /// A context section's subhead.
    Subhead(usize),
}

impl At {
    /// What kind of part is here.
    pub(crate) fn part(self) -> Part {
        match self {
            At::Headline => Part::Headline,
            At::Deck => Part::Deck,
            At::Lede => Part::Lede,
            At::Body(..) => Part::Body,
            At::Side(_, part) => part,
            At::Closing => Part::Closing,
            At::Subhead(_) => Part::Subhead,
        }
    }
}
