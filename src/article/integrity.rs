//! The integrity report an article carries: what the checks found, each side's
//! share and each disputed term's handling. It lives beside the article so the
//! checks depend on the article and never the reverse.

use crate::ids::SideId;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::place::At;
use crate::source::PassageId;
use crate::stage::Section;

/// Which check found something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Check {
    Grounding,
    Balance,
    Glossary,
    Language,
    Attribution,
    /// The model's answer: parts dropped, salvaged or built from the sources.
    Answer,
    /// Editions of one story that do not state the same facts, quotations and sides.
    Parity,
}

/// One problem, with where it is, what was claimed and what was expected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct Finding {
    pub(crate) check: Check,
    pub(crate) kind: FindingKind,
    /// Whether it must never reach print (derived from the check and kind; kept
    /// in the JSON so readers need not know the rule).
    #[serde(default)]
    pub(crate) severity: Severity,
    pub(crate) section: Section,
    pub(crate) location: String,
    /// Where it is in one of our own articles (none for whole-article findings
    /// and for articles read from Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) at: Option<At>,
    pub(crate) claim: String,
    pub(crate) expected: String,
    /// For a misattribution: whose words these are, per the article and per the
    /// sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) attribution: Option<Misattribution>,
}

/// How much a finding weighs. A hard finding is a contradiction the sources
/// show (a value they give otherwise, words given to another speaker, a
/// number or quotation no source holds): the part that carries it is never
/// printed as it stands. A soft one (balance, glossary, framing, an unknown
/// citation id) is a warning for the editor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Hard,
    #[default]
    Soft,
}

impl Severity {
    /// The severity of a finding of `kind` from `check`.
    pub(crate) fn of(check: Check, kind: FindingKind) -> Self {
        let hard = match check {
            Check::Grounding => matches!(
                kind,
                FindingKind::Number
                    | FindingKind::Date
                    | FindingKind::Percentage
                    | FindingKind::Money
                    | FindingKind::Quote
                    | FindingKind::Entity
                    | FindingKind::Echo
                    | FindingKind::Noise
            ),
            Check::Attribution => true,
            _ => kind == FindingKind::InventedPosition,
        };
        if hard { Severity::Hard } else { Severity::Soft }
    }
}

impl Finding {
    /// Whether this finding must never reach print.
    pub(crate) fn is_hard(&self) -> bool {
        Severity::of(self.check, self.kind) == Severity::Hard
    }
}

/// A claim the code cannot decide: a name in another script that no alias
/// covers, a translated quotation with no original to tie it to. A note for the
/// editor; it never replaces text, never fails `check` and never blocks
/// `--strict`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct Unverified {
    pub(crate) kind: FindingKind,
    pub(crate) section: Section,
    pub(crate) location: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) at: Option<At>,
    pub(crate) claim: String,
    /// Why it could not be decided, and what the editor may check.
    pub(crate) note: String,
}

impl fmt::Display for Unverified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: unverified {} `{}`: {}",
            self.location, self.kind, self.claim, self.note
        )
    }
}

/// A statement the article gives to another speaker or side than its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct Misattribution {
    /// The quotation, or the reported speech, at issue.
    pub(crate) quotation: String,
    /// The speaker the article names (empty when it names none).
    pub(crate) article_speaker: String,
    pub(crate) article_side: Option<SideId>,
    pub(crate) source_speaker: String,
    pub(crate) source_side: Option<SideId>,
    /// The passage whose statement it is.
    pub(crate) passage: PassageId,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} `{}`: {}",
            self.location, self.kind, self.claim, self.expected
        )
    }
}

/// A perspective's share of the perspective sections' words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct Share {
    pub(crate) perspective: SideId,
    pub(crate) words: usize,
    pub(crate) share: f64,
    pub(crate) stated: bool,
}

/// One side over many articles: how many cover it, in how many it states a
/// position, and its mean share of the words where it does. A batch's report
/// and the review desk sum their articles through `SideTally::add`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct SideTally {
    pub(crate) id: SideId,
    pub(crate) label: String,
    /// Articles whose persona covers the side.
    pub(crate) stories: usize,
    /// Articles in which it states a position.
    pub(crate) stated: usize,
    /// Its mean share of the words over the articles where it states one, 0–1.
    pub(crate) mean_share: f64,
}

impl SideTally {
    /// Count one article's side into `sides` (kept in the order first seen).
    pub(crate) fn add(sides: &mut Vec<SideTally>, id: &str, label: &str, stated: bool, share: f64) {
        let i = match sides.iter().position(|s| s.id == id) {
            Some(i) => i,
            None => {
                sides.push(SideTally {
                    id: SideId::from(id),
                    label: label.to_string(),
                    ..SideTally::default()
                });
                sides.len() - 1
            }
        };
        let t = &mut sides[i];
        t.stories += 1;
        if stated {
            t.stated += 1;
            t.mean_share += (share - t.mean_share) / t.stated as f64;
        }
    }
}

/// How one disputed term was handled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct TermStatus {
    pub(crate) term: String,
    pub(crate) mentions: usize,
    pub(crate) ok: bool,
}

/// Everything the checks found about one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct Report {
    pub(crate) findings: Vec<Finding>,
    pub(crate) balance: Vec<Share>,
    pub(crate) glossary: Vec<TermStatus>,
    /// Sections sent back to the model with their findings.
    #[serde(default)]
    pub(crate) revised: Vec<Section>,
    /// Claims the code cannot decide: notes for the editor, never findings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) unverified: Vec<Unverified>,
}

impl Report {
    pub(crate) fn passed(&self) -> bool {
        self.findings.is_empty()
    }

    /// The parts of the article that were dropped, salvaged or built from the
    /// sources because the model's answer could not be used.
    pub(crate) fn degraded(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.check == Check::Answer)
    }
}

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
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub(crate) enum FindingKind {
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
    // Words of parallax's own prompt (an instruction, an annotation, a field
    // name) that no source holds.
    Echo,
    // A part most of whose words appear in no passage (word salad).
    Noise,
    // A side's stance reported the other way round (welcomed what it opposed).
    Stance,
}

impl FindingKind {
    pub(crate) fn as_str(&self) -> &'static str {
        self.into()
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::FindingKind;

    #[test]
    fn finding_kinds_serialise_as_kebab_case() {
        for k in [
            FindingKind::MissingPerspective,
            FindingKind::LoadedLanguage,
            FindingKind::Misattributed,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), serde_json::json!(k.as_str()));
        }
    }
}
