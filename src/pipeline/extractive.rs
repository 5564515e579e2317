//! The extractive strategy: drafts with no language model at all. Each stage's
//! typed answer is built from the source passages themselves, deterministically,
//! so an editor sees which passages back each section before spending a token.
//! The same answers stand in for a model's in dry runs, and for a required section
//! whose model answer could not be used.

use crate::ids::Lang;
use crate::ids::SideId;
use std::collections::BTreeMap;

use super::Job;
use crate::lang::labels::{self, Labels};
use crate::persona::{Persona, Perspective};
use crate::prompt::defuse;
use crate::source::PassageId;
use crate::source::Source;
use crate::stage::{Brief, Claim, Finish, Opening, PerspectiveDraft, Position, SectionDraft};
use briefing::{Turn, turns};

/// Words that make a statement a reason ("because", "to protect", "citing").
const REASON_MARKERS: &[&str] = &[
    "because",
    " to ",
    "in order to",
    "citing",
    "due to",
    "so that",
    "since",
    "as it",
    "aim",
    "때문",
    "위해",
];
/// Words that make a statement say what a position means ("would", "will").
const MEANING_MARKERS: &[&str] = &[
    " would ",
    " will ",
    " could ",
    "threaten",
    " risk",
    " mean",
    "effect",
    "impact",
    "것으로",
    "전망",
];

/// Model name recorded for extractive drafts.
pub(crate) const MODEL: &str = crate::config::ProviderKind::EXTRACTIVE;

/// A passage as the extractive strategy reads it.
struct Passage {
    id: PassageId,
    text: String,
    sides: Vec<SideId>,
    /// Each statement's side and the sentence that holds it.
    said: Vec<(SideId, String)>,
    /// Some statement in it is spoken (said, 述べた, 表示), not only a fact
    /// given "according to" someone.
    spoken: Vec<SideId>,
    /// Its place in a briefing, when its source is one.
    turn: Turn,
}

/// Builds each stage's answer from one article's passages.
pub(crate) struct Extractor<'a> {
    passages: Vec<Passage>,
    perspectives: &'a [Perspective],
    labels: &'static Labels,
    /// The first source's own title, when it has one.
    title: Option<String>,
}

impl<'a> Extractor<'a> {
    pub(crate) fn new(job: &'a Job<'a>) -> Self {
        let passages = job
            .sources
            .iter()
            .flat_map(|s| s.passages.iter().zip(turns(s)))
            .map(|(p, turn)| Passage {
                turn,
                id: p.id.clone(),
                text: defuse(&p.text),
                sides: p.perspectives.clone(),
                said: p
                    .statements
                    .iter()
                    .filter_map(|s| {
                        let sentence = p.text.get(s.span.0..s.span.1)?;
                        Some((s.side.clone()?, defuse(sentence)))
                    })
                    .collect(),
                spoken: p
                    .statements
                    .iter()
                    .filter(|s| !s.reports_a_fact())
                    .filter_map(|s| s.side.clone())
                    .collect(),
            })
            .collect();
        Self {
            passages,
            perspectives: &job.persona.spec.perspectives,
            labels: labels::for_language(&job.persona.spec.language),
            title: job
                .sources
                .first()
                .and_then(|s| s.meta.title.as_deref())
                .map(defuse),
        }
    }

    /// Key facts are the passages no perspective speaks in (all passages if every
    /// one has a side's statement); each perspective's position is the first
    /// statement by that side, in its own words, and never a passage that only
    /// mentions it.
    pub(crate) fn brief(&self) -> Brief {
        let perspectives: BTreeMap<SideId, Position> = self
            .perspectives
            .iter()
            .map(|persp| {
                // What the side said comes before facts given on its authority,
                // and in a briefing its answers before its opening remarks.
                let mut own: Vec<&Passage> = self
                    .passages
                    .iter()
                    .filter(|p| p.sides.contains(&persp.id) && p.turn != Turn::Question && !leads_in(p))
                    .collect();
                own.sort_by_key(|p| (!p.spoken.contains(&persp.id), p.turn == Turn::Remark));
                own.truncate(3);
                let position = Position {
                    stated: !own.is_empty(),
                    position: own.first().map(|p| own_words(p, &persp.id)).unwrap_or_default(),
                    cites: own.iter().map(|p| p.id.clone()).collect(),
                };
                (persp.id.clone(), position)
            })
            .collect();
        // Facts are the passages no side speaks in; failing those, the ones no
        // side's section prints; failing those, the first passage.
        let cited: Vec<&PassageId> = perspectives.values().flat_map(|p| &p.cites).collect();
        // A briefing's questions and headings are neither.
        // A line that only leads into what follows ("The following is
        // attributable to …:") states nothing either.
        let factual = || {
            self.passages
                .iter()
                .filter(|p| !matches!(p.turn, Turn::Question | Turn::Heading))
                .filter(|p| !leads_in(p))
        };
        let neutral: Vec<&Passage> = factual().filter(|p| p.spoken.is_empty()).collect();
        let mut unused: Vec<&Passage> = factual().filter(|p| !cited.contains(&&p.id)).collect();
        unused.sort_by_key(|p| p.turn == Turn::Remark);
        let pool = match (neutral.is_empty(), unused.is_empty()) {
            (false, _) => neutral,
            (true, false) => unused,
            (true, true) => self.passages.iter().take(1).collect(),
        };
        let key_facts = pool.iter().take(8).map(|p| claim(p)).collect();
        Brief {
            key_facts,
            perspectives,
        }
    }

    pub(crate) fn opening(&self, brief: &Brief) -> Opening {
        let lede = brief.key_facts.first().cloned().unwrap_or_else(empty);
        // The second fact is the deck (see `finish`); each passage is used once.
        let rest: Vec<&Claim> = brief.key_facts.iter().skip(2).collect();
        let sections = rest
            .chunks(3)
            .zip(self.labels.context_subheads)
            .map(|(chunk, subhead)| SectionDraft {
                subhead: subhead.to_string(),
                paragraphs: chunk.iter().map(|c| (*c).clone()).collect(),
            })
            .collect();
        // A pull quote from a passage the opening does not already print.
        let used: Vec<&PassageId> = brief.key_facts.iter().take(2).flat_map(|c| &c.cites).collect();
        let pull_quote = self
            .passages
            .iter()
            .filter(|p| !used.contains(&&p.id))
            .find_map(|p| quotation(&p.text))
            .unwrap_or_default();
        Opening {
            lede,
            pull_quote,
            sections,
        }
    }

    pub(crate) fn perspective(&self, brief: &Brief, p: &Perspective) -> PerspectiveDraft {
        let cited: Vec<&Passage> = brief
            .perspectives
            .get(&p.id)
            .map(|pos| {
                pos.cites
                    .iter()
                    .filter_map(|id| self.passages.iter().find(|x| &x.id == id))
                    .collect()
            })
            .unwrap_or_default();
        // The first statement is the position; a later one serves as the reasons
        // only when it gives one, and as what it means only when it says so.
        // A briefing's opening remarks give no reasons for its answers.
        let later: Vec<&&Passage> = cited.iter().skip(1).filter(|x| x.turn != Turn::Remark).collect();
        let with = |markers: &[&str]| {
            later.iter().find(|passage| {
                let t = own_words(passage, &p.id).to_lowercase();
                markers.iter().any(|m| t.contains(m))
            })
        };
        let reason = with(REASON_MARKERS);
        let meaning = with(MEANING_MARKERS).filter(|m| reason.is_none_or(|r| r.id != m.id));
        let claim_of = |passage: Option<&&&Passage>, missing: String| match passage {
            Some(passage) => Claim {
                text: own_words(passage, &p.id),
                cites: vec![passage.id.clone()],
            },
            None => Claim {
                text: missing,
                cites: vec![],
            },
        };
        let part = |i: usize, missing: String| claim_of(cited.get(i).as_ref(), missing);
        let label = defuse(&p.label);
        PerspectiveDraft {
            subhead: label.clone(),
            position: part(0, self.labels.no_position(&label)),
            reasons: claim_of(reason, self.labels.no_reasons_beyond(&label)),
            implications: claim_of(meaning, self.labels.no_meaning(&label)),
        }
    }

    /// Headline from the first source's title (else the lede's first words), the
    /// deck from the second fact, which the opening then leaves out.
    pub(crate) fn finish(&self, brief: &Brief) -> Finish {
        let lede = brief.key_facts.first().map(|c| c.text.as_str()).unwrap_or("");
        let headline = self
            .title
            .clone()
            .unwrap_or_else(|| words(first_sentence(lede), 14));
        let deck_from = brief.key_facts.get(1).or(brief.key_facts.first());
        let deck = deck_from
            .map(|c| first_sentence(&c.text).to_string())
            .unwrap_or_default();
        Finish {
            headline,
            deck,
            closing: empty(),
        }
    }
}

/// Whether a passage only leads into what follows ("The following is
/// attributable to Spokesperson …:").
fn leads_in(p: &Passage) -> bool {
    p.text.trim_end().ends_with([':', '：'])
}

/// What a passage gives of one side: the sentences of that side's statements,
/// or the whole passage when its source speaks for the side as a whole.
fn own_words(p: &Passage, side: &SideId) -> String {
    let mut sentences: Vec<&str> = Vec::new();
    for (s, sentence) in &p.said {
        if s == side && !sentences.contains(&sentence.as_str()) {
            sentences.push(sentence);
        }
    }
    let words = if sentences.is_empty() {
        p.text.clone()
    } else {
        sentences.join(" ")
    };
    // A briefing's label that names no one (`<답변>`, `A:`, `答：`) says only
    // that this is the answer.
    match crate::source::transcript::label(&words) {
        Some((l, rest)) if l.name.is_none() && p.turn == Turn::Answer => rest.trim().to_string(),
        _ => words,
    }
}

fn empty() -> Claim {
    Claim {
        text: String::new(),
        cites: vec![],
    }
}

fn claim(p: &Passage) -> Claim {
    Claim {
        text: p.text.clone(),
        cites: vec![p.id.clone()],
    }
}

/// The first sentence of `s` (up to a `.`, `!` or `?` followed by a space).
pub(crate) fn first_sentence(s: &str) -> &str {
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        // A Japanese or Chinese full stop ends a sentence wherever it stands.
        if matches!(c, '。' | '！' | '？') && i > 0 {
            return &s[..i + c.len_utf8()];
        }
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1).is_none_or(|n| *n == b' ') && i > 20 {
            return &s[..=i];
        }
    }
    s
}

/// At most `max` words of `s`, with an ellipsis when cut; in Japanese or
/// Chinese, which have no spaces between words, at most `max * 3` characters.
pub(crate) fn words(s: &str, max: usize) -> String {
    if s.chars().any(crate::lang::script::unspaced) {
        let chars: Vec<char> = s.trim().chars().collect();
        if chars.len() <= max * 3 {
            return chars.into_iter().collect();
        }
        return format!("{}…", chars[..max * 3].iter().collect::<String>());
    }
    let w: Vec<&str> = s.split_whitespace().collect();
    if w.len() <= max {
        return w.join(" ");
    }
    format!("{}…", w[..max].join(" "))
}

/// The first quotation of 3 to 40 words in `s`, without its marks.
pub(crate) fn quotation(s: &str) -> Option<String> {
    for (open, close) in [('“', '”'), ('"', '"')] {
        let mut rest = s;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len_utf8()..];
            let Some(j) = after.find(close) else { break };
            let q = after[..j].trim();
            let n = q.split_whitespace().count();
            if (3..=40).contains(&n) {
                return Some(q.trim_end_matches([',', '.']).to_string());
            }
            rest = &after[j + close.len_utf8()..];
        }
    }
    None
}

/// Offline, passages are quoted as they are: say so when the persona writes in
/// another language than the sources.
pub(crate) fn warn_language(persona: &Persona, sources: &[Source], languages: &[Lang]) {
    use crate::lang::script::script;
    let text: String = sources
        .iter()
        .flat_map(|s| &s.passages)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let sources_lang = script(&text).code();
    let own = [persona.spec.language.clone()];
    let asked = if languages.is_empty() { &own[..] } else { languages };
    for lang in asked {
        let code = lang.split(['-', '_']).next().unwrap_or("");
        if !code.is_empty() && code != sources_lang {
            tracing::warn!(
                "persona `{}` writes in `{code}` but the sources are in `{sources_lang}`: offline, passages are quoted as they are; a model would translate them",
                persona.id()
            );
        }
    }
}

#[cfg(test)]
mod tests;

mod briefing;
