//! The contract of each pipeline stage: the JSON a model must answer with, its
//! schema (sent to the server) and the checks its answer must pass (run by us,
//! whatever the server promised).

use crate::ids::SideId;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

mod id;

use crate::source::PassageId;
use crate::text::{QuoteIndex, fold};
pub(crate) use id::{Section, Shown, Stage, StageKind};

/// A statement and the passage ids it rests on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Claim {
    pub(crate) text: String,
    pub(crate) cites: Vec<PassageId>,
}

/// What a side has said, per the sources.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Position {
    pub(crate) stated: bool,
    pub(crate) position: String,
    pub(crate) cites: Vec<PassageId>,
}

/// Round 1: the key facts and each perspective's stated position.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Brief {
    pub(crate) key_facts: Vec<Claim>,
    pub(crate) perspectives: BTreeMap<SideId, Position>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SectionDraft {
    pub(crate) subhead: String,
    pub(crate) paragraphs: Vec<Claim>,
}

/// Round 2: the lede and context sections.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Opening {
    pub(crate) lede: Claim,
    pub(crate) pull_quote: String,
    pub(crate) sections: Vec<SectionDraft>,
}

/// Round 2: one perspective's section; every perspective has the same parts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PerspectiveDraft {
    pub(crate) subhead: String,
    pub(crate) position: Claim,
    pub(crate) reasons: Claim,
    pub(crate) implications: Claim,
}

/// Headline, deck and closing: written in the opening's call, revised alone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Finish {
    pub(crate) headline: String,
    pub(crate) deck: String,
    pub(crate) closing: Claim,
}

/// Round 2's opening call answers both the opening and the finish, so an
/// article takes one call fewer; each part is checked, salvaged and revised
/// on its own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Front {
    pub(crate) headline: String,
    pub(crate) deck: String,
    pub(crate) lede: Claim,
    pub(crate) pull_quote: String,
    pub(crate) sections: Vec<SectionDraft>,
    pub(crate) closing: Claim,
}

impl Front {
    pub(crate) fn new(opening: Opening, finish: Finish) -> Self {
        Front {
            headline: finish.headline,
            deck: finish.deck,
            lede: opening.lede,
            pull_quote: opening.pull_quote,
            sections: opening.sections,
            closing: finish.closing,
        }
    }

    pub(crate) fn split(self) -> (Opening, Finish) {
        let opening = Opening {
            lede: self.lede,
            pull_quote: self.pull_quote,
            sections: self.sections,
        };
        let finish = Finish {
            headline: self.headline,
            deck: self.deck,
            closing: self.closing,
        };
        (opening, finish)
    }
}

impl Stage {
    /// The JSON Schema (OpenAI strict-mode compatible) of the stage's answer.
    pub(crate) fn schema(&self, passage_ids: &[PassageId], perspective_ids: &[SideId]) -> Value {
        let claim = object(&[("text", json!({"type": "string"})), ("cites", cites(passage_ids))]);
        let string = json!({"type": "string"});
        match self {
            Stage::Brief => {
                let position = object(&[
                    ("stated", json!({"type": "boolean"})),
                    ("position", string.clone()),
                    ("cites", cites(passage_ids)),
                ]);
                let per: Vec<(&str, Value)> = perspective_ids
                    .iter()
                    .map(|id| (id.as_str(), position.clone()))
                    .collect();
                object(&[
                    ("key_facts", json!({"type": "array", "items": claim})),
                    ("perspectives", object(&per)),
                ])
            }
            // The opening and its finish, in reading order.
            Stage::Opening => {
                let (opening, finish) = (opening_props(&claim), finish_props(&claim));
                object(&[&finish[..2], &opening[..], &finish[2..]].concat())
            }
            Stage::Perspective(_) => object(&[
                ("subhead", string),
                ("position", claim.clone()),
                ("reasons", claim.clone()),
                ("implications", claim),
            ]),
            Stage::Finish | Stage::Revise(Section::Finish) => object(&finish_props(&claim)),
            // A revision of the opening answers for the opening alone.
            Stage::Revise(Section::Lede) => object(&opening_props(&claim)),
            Stage::Revise(section) => section.stage().schema(passage_ids, perspective_ids),
        }
    }
}

/// The properties of an [`Opening`].
fn opening_props(claim: &Value) -> Vec<(&'static str, Value)> {
    let string = json!({"type": "string"});
    let section = object(&[
        ("subhead", string.clone()),
        ("paragraphs", json!({"type": "array", "items": claim})),
    ]);
    vec![
        ("lede", claim.clone()),
        ("pull_quote", string),
        ("sections", json!({"type": "array", "items": section})),
    ]
}

/// The properties of a [`Finish`]: headline and deck, then closing.
fn finish_props(claim: &Value) -> Vec<(&'static str, Value)> {
    let string = json!({"type": "string"});
    vec![
        ("headline", string.clone()),
        ("deck", string),
        ("closing", claim.clone()),
    ]
}

/// Past this many passages, `cites` is a pattern rather than an enum (OpenAI's
/// strict mode allows 1,000 enum values a schema, and each claim repeats it).
const MAX_CITE_ENUM: usize = 120;

fn cites(ids: &[PassageId]) -> Value {
    if ids.len() > MAX_CITE_ENUM {
        // Checked by the validator against the passages that exist.
        return json!({"type": "array", "items": {"type": "string", "pattern": "^S[0-9]+$"}});
    }
    json!({"type": "array", "items": {"type": "string", "enum": ids}})
}

fn object(props: &[(&str, Value)]) -> Value {
    let properties: serde_json::Map<String, Value> =
        props.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    let required: Vec<&str> = props.iter().map(|(k, _)| *k).collect();
    json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
}

/// What every answer is checked against.
pub(crate) struct Rules<'a> {
    pub(crate) passage_ids: &'a BTreeSet<PassageId>,
    pub(crate) perspective_ids: &'a [SideId],
    /// All passage text, for checking quotations (newsroom rules).
    pub(crate) corpus: &'a QuoteIndex,
    /// After salvage: a required paragraph may be left without a citation (the
    /// checks then flag it) instead of failing the answer.
    pub(crate) lenient: bool,
}

impl Rules<'_> {
    /// A required claim has text and cites; an optional one may be empty or say,
    /// uncited, that the sources are silent.
    fn claim(&self, what: &str, c: &Claim, optional: bool) -> Result<(), String> {
        if c.text.trim().is_empty() && !optional {
            return Err(format!("{what}: `text` is empty"));
        }
        if let Some(bad) = c.cites.iter().find(|id| !self.passage_ids.contains(*id)) {
            return Err(format!("{what}: cites `{bad}`, which is not a passage id"));
        }
        if !optional && !self.lenient && c.cites.is_empty() {
            return Err(format!("{what}: cites no passage"));
        }
        Ok(())
    }

    pub(crate) fn brief(&self, b: &Brief) -> Result<(), String> {
        if b.key_facts.is_empty() {
            return Err("key_facts: no facts given".into());
        }
        for (i, f) in b.key_facts.iter().enumerate() {
            self.claim(&format!("key_facts[{i}]"), f, false)?;
        }
        let given: Vec<&SideId> = b.perspectives.keys().collect();
        let want: Vec<&SideId> = self
            .perspective_ids
            .iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if given != want {
            return Err(format!("perspectives: expected exactly {want:?}, got {given:?}"));
        }
        for (id, p) in &b.perspectives {
            if p.stated {
                let claim = Claim {
                    text: p.position.clone(),
                    cites: p.cites.clone(),
                };
                self.claim(&format!("perspectives.{id}"), &claim, false)?;
            }
        }
        Ok(())
    }

    pub(crate) fn opening(&self, o: &Opening) -> Result<(), String> {
        self.claim("lede", &o.lede, false)?;
        let quote = fold(&o.pull_quote)
            .trim_matches(|c| "\"“”'‘’".contains(c))
            .to_string();
        if !quote.is_empty() && !self.corpus.contains(&quote) {
            return Err(format!(
                "pull_quote: \"{quote}\" is not a quotation from the passages"
            ));
        }
        for (i, s) in o.sections.iter().enumerate() {
            if s.subhead.trim().is_empty() {
                return Err(format!("sections[{i}].subhead is empty"));
            }
            for (j, p) in s.paragraphs.iter().enumerate() {
                self.claim(&format!("sections[{i}].paragraphs[{j}]"), p, false)?;
            }
        }
        Ok(())
    }

    pub(crate) fn perspective(&self, p: &PerspectiveDraft) -> Result<(), String> {
        if p.subhead.trim().is_empty() {
            return Err("subhead is empty".into());
        }
        self.claim("position", &p.position, false)?;
        self.claim("reasons", &p.reasons, true)?;
        self.claim("implications", &p.implications, true)
    }

    /// The opening call's answer: the opening's rules, then the finish's.
    pub(crate) fn front(&self, f: &Front) -> Result<(), String> {
        let (opening, finish) = f.clone().split();
        self.opening(&opening)?;
        self.finish(&finish)
    }

    pub(crate) fn finish(&self, f: &Finish) -> Result<(), String> {
        if f.headline.trim().is_empty() || f.deck.trim().is_empty() {
            return Err("headline and deck must not be empty".into());
        }
        self.wording("headline", &f.headline)?;
        self.wording("deck", &f.deck)?;
        self.claim("closing", &f.closing, true)
    }

    /// A headline or deck in words the passages use: most of its longer words
    /// begin as some passage word does. Noise (words run together, words from
    /// nowhere) fails; a paraphrase keeps enough of the sources' words to pass.
    /// Only where the passages and the text are in Latin script.
    pub(crate) fn wording(&self, what: &str, text: &str) -> Result<(), String> {
        if !self.corpus.is_latin() {
            return Ok(());
        }
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_alphabetic()))
            .collect();
        let unknown: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !self.corpus.has_word_like(w))
            .collect();
        if unknown.len() >= 3 && unknown.len() * 2 > words.len() {
            return Err(format!(
                "{what}: most of its words appear in no passage ({}); write it in the sources' words",
                unknown.iter().take(5).copied().collect::<Vec<_>>().join(", ")
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
