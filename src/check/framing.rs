//! Balance in the framing: the headline and deck must not adopt one side's words
//! as the article's own (a side's quotation or claim there is attributed to it),
//! and the closing must not give one side the last word unless the sources end
//! on that side too.

use super::attribution::{Sources, quotations, sentence_names_side};
use super::words::content_words;
use super::{Check, Doc, Finding, Part};
use crate::article::integrity::FindingKind;
use crate::ids::SideId;
use crate::lang::sentences::sentences;
use crate::persona::Persona;
use crate::source::sides;
use crate::text::contains_word;

/// The side whose statement a sentence repeats without saying so: by a
/// quotation, or by most of its words.
fn adopted<'s>(sources: &'s Sources<'_>, sentence: &str, persona: &Persona) -> Option<(&'s SideId, String)> {
    if sources
        .statements(sentence)
        .iter()
        .any(|s| sides::side_of(&s.speaker, persona).is_some())
    {
        return None;
    }
    let named = |side: &crate::ids::SideId, speaker: &str| {
        sentence_names_side(sentence, side, persona)
            || sides::names(speaker)
                .iter()
                .any(|n| n.contains(' ') && contains_word(sentence, n))
    };
    for q in quotations(sentence) {
        let Some(holder) = sources.said.iter().find(|x| x.index.contains(&q)) else {
            continue;
        };
        if let Some(side) = holder.statement.side.as_ref()
            && !named(side, &holder.statement.speaker)
        {
            return Some((side, q));
        }
    }
    let words = content_words(sentence);
    if words.len() < 5 {
        return None;
    }
    let best = sources
        .said
        .iter()
        .filter(|x| x.statement.side.is_some())
        .max_by_key(|x| words.intersection(&x.words).count())?;
    let share = words.intersection(&best.words).count() as f64 / words.len() as f64;
    let side = best.statement.side.as_ref()?;
    (share >= 0.7 && !named(side, &best.statement.speaker)).then(|| (side, sentence.to_string()))
}

pub(super) fn check(doc: &Doc, sources: &Sources<'_>, persona: &Persona) -> Vec<Finding> {
    let last_side = sources
        .said
        .iter()
        .rev()
        .find_map(|x| x.statement.side.as_deref());
    let mut out = Vec::new();
    for b in &doc.blocks {
        let framing = matches!(b.part, Part::Headline | Part::Deck);
        if !framing && b.part != Part::Closing {
            continue;
        }
        for sentence in sentences(&b.text) {
            // The closing's last word is a side's whether or not it says whose.
            let said = sources
                .statements(sentence)
                .into_iter()
                .find_map(|s| sides::side_of(&s.speaker, persona).map(|side| (side, s.content)));
            let found = match (b.part, said) {
                (Part::Closing, Some((side, content))) => Some((side, content)),
                _ => adopted(sources, sentence, persona).map(|(s, c)| (s.clone(), c)),
            };
            let Some((side, claim)) = found else {
                continue;
            };
            let side = side.as_str();
            let expected = if framing {
                format!(
                    "the {} attributes {side}'s words to {side}, or stays neutral",
                    b.part.label()
                )
            } else if last_side.is_some_and(|last| last != side) {
                format!("the closing does not give {side} the last word; the sources do not end on it")
            } else {
                continue;
            };
            out.push(b.finding(Check::Balance, FindingKind::Framing, claim, expected));
        }
    }
    out
}

#[cfg(test)]
mod tests;
