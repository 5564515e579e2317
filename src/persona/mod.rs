//! Personas: the editor-owned files that define a writer's voice, its balance rule
//! and the perspectives every article must give a fair share. Loaded strictly: an
//! unknown field or a broken rule is an error naming file, line and field.

use crate::ids::Lang;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ids::SideId;

use crate::error::InputError;

mod load;
mod validate;

pub(crate) use load::{discover, load};
pub(crate) use validate::is_slug;

/// Personas compiled into the binary, so a fresh install can draft at once.
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    ("prism", include_str!("../../personas/prism.md")),
    ("ledger", include_str!("../../personas/ledger.md")),
    ("circuit", include_str!("../../personas/circuit.md")),
    ("nuri", include_str!("../../personas/nuri.md")),
];

/// One side whose position an article must present.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Perspective {
    pub(crate) id: SideId,
    pub(crate) label: String,
    /// Whose position this is and what interests drive it.
    pub(crate) focus: String,
    /// Words that mark a speaker as this side's (`Seoul`, `South Korean`).
    #[serde(default)]
    pub(crate) keywords: Vec<String>,
    /// People, ministries and agencies that speak for this side (`Mao Ning`,
    /// `State Department`); matched in speaker spans only, like the keywords.
    /// An actor may be written in several scripts, its names separated by `|`
    /// (`Yoshimasa Hayashi | 林芳正 | 하야시 요시마사`); each name counts on its own.
    #[serde(default)]
    pub(crate) actors: Vec<String>,
    /// Languages this side's own sources are written in (`ja`, `zh`, `ko`, `en`):
    /// in such a source an office named without a country (外務省, 外交部, 외교부)
    /// is this side's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) languages: Vec<Lang>,
    /// The channels `gather` reads for this side (channel ids); every channel
    /// of the side when none are named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) channels: Vec<String>,
    /// The names of each actor across scripts, from the `|`-separated entries.
    #[serde(skip)]
    pub(crate) aliases: Vec<Vec<String>>,
    /// [`Perspective::marks`], worked out the first time they are read.
    #[serde(skip)]
    marks: std::sync::OnceLock<Vec<(String, bool)>>,
}

impl Perspective {
    /// Split `A | B | C` actor entries into one actor per name, keeping each
    /// group of names as aliases of one another.
    pub(crate) fn expand_aliases(&mut self) {
        let mut actors = Vec::new();
        for entry in std::mem::take(&mut self.actors) {
            let names: Vec<String> = entry
                .split('|')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect();
            if names.len() > 1 {
                self.aliases.push(names.clone());
            }
            actors.extend(names);
        }
        self.actors = actors;
        // The marks are worked out again from the names as they now stand.
        self.marks = std::sync::OnceLock::new();
    }

    /// Every keyword and actor folded as speaker spans are (Japanese and
    /// traditional characters to simplified), with whether it is written in
    /// Han characters: folded once, read for every statement.
    pub(crate) fn marks(&self) -> &[(String, bool)] {
        self.marks.get_or_init(|| {
            self.keywords
                .iter()
                .chain(&self.actors)
                .map(|k| {
                    (
                        crate::lang::cjk::fold(k).into_owned(),
                        k.chars().any(crate::lang::script::han),
                    )
                })
                .collect()
        })
    }
}

/// One name of a disputed term and the sides that use it (none: neutral).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct TermName {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) used_by: Vec<SideId>,
}

/// A disputed term and the persona's policy for naming it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct GlossaryEntry {
    pub(crate) id: String,
    pub(crate) names: Vec<TermName>,
    /// `first-mention-both`, `attribute` or `neutral-only`.
    #[serde(default)]
    pub(crate) policy: Policy,
    #[serde(default)]
    pub(crate) note: Option<String>,
}

/// How balance is measured for this persona.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct BalanceSpec {
    /// Largest allowed distance of a side's word count from the mean, as a
    /// fraction of the mean (0.2: ±20%).
    #[serde(default = "default_tolerance")]
    pub(crate) tolerance: f64,
    /// Words and phrases the persona treats as loaded; each use is a finding.
    #[serde(default)]
    pub(crate) loaded_language: Vec<String>,
}

impl Default for BalanceSpec {
    fn default() -> Self {
        Self {
            tolerance: default_tolerance(),
            loaded_language: Vec::new(),
        }
    }
}

fn default_tolerance() -> f64 {
    0.2
}

/// The front-matter fields of a persona file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonaSpec {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) beat: String,
    /// The byline blurb printed under the article.
    pub(crate) bio: String,
    /// The balance rule in one sentence.
    pub(crate) rule: String,
    #[serde(default = "default_language")]
    pub(crate) language: Lang,
    /// Target length of the article in words.
    #[serde(default = "default_length")]
    pub(crate) length: u32,
    pub(crate) perspectives: Vec<Perspective>,
    #[serde(default)]
    pub(crate) glossary: Vec<GlossaryEntry>,
    #[serde(default)]
    pub(crate) balance: BalanceSpec,
    #[serde(default)]
    pub(crate) model: Option<crate::llm::Model>,
    #[serde(default)]
    pub(crate) temperature: Option<f32>,
    /// Markdown says "(translated)" after a quotation that translates its source.
    #[serde(default)]
    pub(crate) mark_translations: bool,
}

fn default_language() -> Lang {
    Lang::english()
}

fn default_length() -> u32 {
    700
}

/// A loaded, validated persona.
#[derive(Debug, Clone, Serialize)]
pub struct Persona {
    #[serde(flatten)]
    pub(crate) spec: PersonaSpec,
    /// The voice guide: the file's body, in prose (or its parent's).
    pub(crate) voice: String,
    /// Where it came from: a path, or `builtin:ID`.
    pub(crate) origin: String,
    /// The chain of personas it extends, nearest first.
    pub(crate) extends: Vec<String>,
    /// Folders of this persona's own templates (`personas/ID/`), its parents' after it.
    #[serde(skip)]
    pub(crate) template_dirs: Vec<PathBuf>,
    /// The file's text (and its parents'), for provenance hashes.
    #[serde(skip)]
    pub(crate) raw: String,
}

impl Persona {
    pub(crate) fn id(&self) -> &str {
        &self.spec.id
    }

    /// Parse and validate a stand-alone persona file's text (no `extends`).
    pub fn parse(path: &Path, text: &str) -> Result<Persona, InputError> {
        load::from_text(path, text, &[], &mut Vec::new())
    }
}

/// How a persona wants a disputed term named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Policy {
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

#[cfg(test)]
mod tests;
