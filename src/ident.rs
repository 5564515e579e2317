//! Typed identities: the stages of the pipeline, the revisable sections of an
//! article, the kinds of findings and the providers. They travel through requests,
//! call records, checks and reports as enums; their string forms (`lede`,
//! `perspective:japan`, `revise:finish`) exist only here, for serde and display, so
//! outputs keep the names they always had and nothing re-parses them.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A unit of the article that one stage drafts and a revision can replace.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// The lede, pull quote and context sections.
    Lede,
    /// One perspective's section, by perspective id.
    Perspective(String),
    /// Headline, deck and closing.
    Finish,
}

/// One step of the pipeline, in round order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Brief,
    Opening,
    Perspective(String),
    Finish,
    /// A revision of one section, with the checks' findings; it answers in that
    /// section's own shape.
    Revise(Section),
}

/// The stage kinds a model can be chosen for (`[models]`, `--stage-model`).
pub const STAGE_KINDS: [&str; 4] = ["brief", "lede", "perspective", "finish"];

impl Section {
    /// The stage that first drafts this section.
    pub fn stage(&self) -> Stage {
        match self {
            Section::Lede => Stage::Opening,
            Section::Perspective(id) => Stage::Perspective(id.clone()),
            Section::Finish => Stage::Finish,
        }
    }

    /// The perspective this section is about, if any.
    pub fn perspective(&self) -> Option<&str> {
        match self {
            Section::Perspective(id) => Some(id),
            _ => None,
        }
    }
}

impl Stage {
    /// The section this stage drafts or revises (none for the brief).
    pub fn section(&self) -> Option<Section> {
        match self {
            Stage::Brief => None,
            Stage::Opening => Some(Section::Lede),
            Stage::Perspective(id) => Some(Section::Perspective(id.clone())),
            Stage::Finish => Some(Section::Finish),
            Stage::Revise(s) => Some(s.clone()),
        }
    }

    /// The stage kind whose model this stage uses; a revision uses the model of
    /// the stage it revises.
    pub fn kind(&self) -> &'static str {
        match self {
            Stage::Brief => "brief",
            Stage::Opening => "lede",
            Stage::Perspective(_) => "perspective",
            Stage::Finish => "finish",
            Stage::Revise(s) => s.stage().kind(),
        }
    }

    /// The family a stage's costs are grouped under in reports: `brief`, `lede`,
    /// `perspective`, `finish` or `revise`.
    pub fn group(&self) -> &'static str {
        match self {
            Stage::Revise(_) => "revise",
            other => other.kind(),
        }
    }

    /// The 1-based round the stage runs in.
    pub fn round(&self) -> usize {
        match self {
            Stage::Brief => 1,
            Stage::Opening | Stage::Perspective(_) | Stage::Finish => 2,
            Stage::Revise(_) => 3,
        }
    }

    /// The template that holds the stage's task.
    pub fn template(&self) -> &'static str {
        match self {
            Stage::Brief => "brief.j2",
            Stage::Opening => "lede.j2",
            Stage::Perspective(_) => "perspective.j2",
            Stage::Finish => "finish.j2",
            Stage::Revise(_) => "revise.j2",
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Section::Lede => f.write_str("lede"),
            Section::Perspective(id) => write!(f, "perspective:{id}"),
            Section::Finish => f.write_str("finish"),
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stage::Brief => f.write_str("brief"),
            Stage::Opening => f.write_str("lede"),
            Stage::Perspective(id) => write!(f, "perspective:{id}"),
            Stage::Finish => f.write_str("finish"),
            Stage::Revise(s) => write!(f, "revise:{s}"),
        }
    }
}

/// A name that is not a stage or section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName(pub String);

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a stage (brief, lede, perspective:ID, finish, revise:SECTION)",
            self.0
        )
    }
}

impl std::error::Error for UnknownName {}

impl FromStr for Section {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "lede" => Ok(Section::Lede),
            "finish" => Ok(Section::Finish),
            _ => match s.strip_prefix("perspective:") {
                Some(id) if !id.is_empty() => Ok(Section::Perspective(id.to_string())),
                _ => Err(UnknownName(s.to_string())),
            },
        }
    }
}

impl FromStr for Stage {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "brief" {
            return Ok(Stage::Brief);
        }
        if let Some(rest) = s.strip_prefix("revise:") {
            return rest.parse().map(Stage::Revise).map_err(|_| UnknownName(s.into()));
        }
        s.parse::<Section>().map(|sec| sec.stage())
    }
}

macro_rules! string_serde {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }

        impl schemars::JsonSchema for $t {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                stringify!($t).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string" })
            }
        }
    };
}

string_serde!(Section);
string_serde!(Stage);

/// What kind of problem a finding is. Its serde name (kebab-case) is its one
/// name, in JSON, in reports and in messages.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum FindingKind {
    // A number in no cited passage.
    Number,
    // A date in no cited passage.
    Date,
    // A percentage in no cited passage.
    Percentage,
    // An amount of money in no cited passage.
    Money,
    // A quotation that is not in the passages.
    Quote,
    // A name found in no source.
    Entity,
    // A paragraph without a usable citation.
    Citation,
    MissingPerspective,
    Lopsided,
    MissingPart,
    InventedPosition,
    FirstMention,
    Attribution,
    NeutralName,
    LoadedLanguage,
    // A statement given to a speaker or side other than the source's.
    Misattributed,
    // A part replaced or dropped because the model's answer could not be used.
    Degraded,
    // The headline, deck or closing takes one side's words as the article's own.
    Framing,
    // An edition that differs from the first edition of the same story.
    Parity,
}

impl FindingKind {
    pub fn as_str(&self) -> &'static str {
        self.into()
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a persona wants a disputed term named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Policy {
    /// Give every side's name at first mention, then the neutral one.
    #[default]
    FirstMentionBoth,
    /// A side's name only in that side's mouth.
    Attribute,
    /// Only the neutral name.
    NeutralOnly,
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Policy::FirstMentionBoth => "first-mention-both",
            Policy::Attribute => "attribute",
            Policy::NeutralOnly => "neutral-only",
        })
    }
}

/// Which kind of provider drafts an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderKind {
    /// No model: the article is built from the passages.
    Extractive,
    /// A language model over HTTP.
    Model,
}

impl ProviderKind {
    /// The provider name that means "no model".
    pub const EXTRACTIVE: &'static str = "extractive";

    /// The kind of the provider named `name` (a preset, or `extractive`).
    pub fn of(name: &str) -> Self {
        if name.eq_ignore_ascii_case(Self::EXTRACTIVE) {
            ProviderKind::Extractive
        } else {
            ProviderKind::Model
        }
    }
}

#[cfg(test)]
#[path = "ident_tests.rs"]
mod tests;
