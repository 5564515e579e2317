//! One statement: who said what, with which verb, and (later) for which side.
//! The type every language's reader produces.

use crate::ids::SideId;
use serde::Serialize;

use super::quotes::quotation;

/// One statement found in a passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Statement {
    /// The speaker as written, with a descriptive apposition
    /// ("China's foreign ministry spokesperson Mao Ning").
    pub(crate) speaker: String,
    /// The perspective the speaker belongs to, if any.
    pub(crate) side: Option<SideId>,
    /// The reporting verb as written (`said`, `has called for`, `밝혔다`).
    pub(crate) verb: String,
    /// What was said: the quotation and/or the reported speech.
    pub(crate) content: String,
    /// The direct quotation, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) quote: Option<String>,
    /// Byte span of the statement's sentence in the passage.
    #[serde(skip)]
    pub(crate) span: (usize, usize),
    /// The speaker as the text names it, when that is a pronoun or a
    /// continuation ("he", "she added", 同氏, 她还, 그는) and `speaker` is the
    /// name it continues.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) mention: Option<String>,
    /// The speaker is a pronoun or a bare description ("she", "the ministry"),
    /// resolved from earlier statements.
    #[serde(skip)]
    pub(crate) anaphor: bool,
    /// The speaker looks like one on its own (a name, an office, a pronoun); a
    /// lower-case phrase ("importers") counts only when the persona names it.
    #[serde(skip)]
    pub(crate) plausible: bool,
}

impl Statement {
    /// Whether this gives a fact on someone's authority ("according to",
    /// によると, 据…报道, 에 따르면) rather than something they said.
    pub(crate) fn reports_a_fact(&self) -> bool {
        matches!(
            self.verb.as_str(),
            "according to" | "によると" | "据…报道" | "에 따르면"
        )
    }

    /// A statement as its reader found it. The speaker counts as plausible and
    /// as no anaphor until the reader's language says otherwise.
    pub(crate) fn new(speaker: String, verb: &str, content: String) -> Self {
        Statement {
            plausible: true,
            quote: quotation(&content),
            speaker,
            mention: None,
            side: None,
            verb: verb.to_string(),
            content,
            span: (0, 0),
            anaphor: false,
        }
    }
}
