//! The pipeline's identities: its stages, the stage kinds a model is chosen
//! for, and the revisable sections of an article. They travel through requests,
//! call records, checks and reports as enums; their string forms (`lede`,
//! `perspective:japan`, `revise:finish`) exist only here, for serde, display and
//! the command line, so outputs keep the names they always had and nothing
//! re-parses them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ids::SideId;

/// A unit of the article that one stage drafts and a revision can replace.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Section {
    /// The lede, pull quote and context sections.
    Lede,
    /// One perspective's section, by perspective id.
    Perspective(SideId),
    /// Headline, deck and closing.
    Finish,
}

/// One step of the pipeline, in round order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Stage {
    Brief,
    /// The lede, pull quote and context sections, with the headline, deck and
    /// closing, in one call.
    Opening,
    Perspective(SideId),
    /// The headline, deck and closing on their own: the shape their revision
    /// answers in, and the stage of call records from before they joined the
    /// opening's call.
    Finish,
    /// A revision of one section, with the checks' findings; it answers in that
    /// section's own shape.
    Revise(Section),
}

/// The kinds of stage a model can be chosen for (`[models]`, `--stage-model`).
/// Its kebab-case name is its one string form.
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
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub(crate) enum StageKind {
    Brief,
    Lede,
    Perspective,
    Finish,
}

impl StageKind {
    pub(crate) fn as_str(&self) -> &'static str {
        self.into()
    }

    /// Every kind's name, comma-separated, for messages.
    pub(crate) fn names() -> String {
        let names: Vec<&str> = <Self as strum::VariantArray>::VARIANTS
            .iter()
            .map(Self::as_str)
            .collect();
        names.join(", ")
    }
}

impl fmt::Display for StageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Section {
    /// The stage that first drafts this section.
    pub(crate) fn stage(&self) -> Stage {
        match self {
            Section::Lede => Stage::Opening,
            Section::Perspective(id) => Stage::Perspective(id.clone()),
            Section::Finish => Stage::Finish,
        }
    }
}

impl Stage {
    /// The section this stage drafts or revises (none for the brief).
    pub(crate) fn section(&self) -> Option<Section> {
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
    pub(crate) fn kind(&self) -> StageKind {
        match self {
            Stage::Brief => StageKind::Brief,
            Stage::Opening => StageKind::Lede,
            Stage::Perspective(_) => StageKind::Perspective,
            Stage::Finish => StageKind::Finish,
            Stage::Revise(s) => s.stage().kind(),
        }
    }

    /// The family a stage's costs are grouped under in reports: `brief`, `lede`,
    /// `perspective`, `finish` or `revise`.
    pub(crate) fn group(&self) -> &'static str {
        match self {
            Stage::Revise(_) => "revise",
            other => other.kind().as_str(),
        }
    }

    /// The 1-based round the stage runs in.
    pub(crate) fn round(&self) -> usize {
        match self {
            Stage::Brief => 1,
            Stage::Opening | Stage::Perspective(_) | Stage::Finish => 2,
            Stage::Revise(_) => 3,
        }
    }

    /// The template that holds the stage's task.
    pub(crate) fn template(&self) -> &'static str {
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
pub(crate) struct UnknownName(pub String);

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
                Some(id) if !id.is_empty() => Ok(Section::Perspective(SideId::from(id))),
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

/// The stages a preview shows, as `prompts render STAGE` names them: `all`,
/// a group (`perspective`, `revise`, …: every stage of it), or one stage
/// (`perspective:japan`, `revise:lede`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shown {
    All,
    Group(&'static str),
    One(Stage),
}

impl Shown {
    pub(crate) fn shows(&self, stage: &Stage) -> bool {
        match self {
            Shown::All => true,
            Shown::Group(g) => stage.group() == *g,
            Shown::One(s) => s == stage,
        }
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::All => f.write_str("all"),
            Shown::Group(g) => f.write_str(g),
            Shown::One(s) => write!(f, "{s}"),
        }
    }
}

impl FromStr for Shown {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "all" {
            return Ok(Shown::All);
        }
        let groups = <StageKind as strum::VariantArray>::VARIANTS
            .iter()
            .map(StageKind::as_str);
        if let Some(g) = groups.chain(["revise"]).find(|g| *g == s) {
            return Ok(Shown::Group(g));
        }
        s.parse().map(Shown::One)
    }
}

crate::ids::text_serde!(Section);
crate::ids::text_serde!(Stage);

#[cfg(test)]
mod tests;
