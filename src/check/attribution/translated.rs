//! A translated quotation against what its speaker's side said. Word for word
//! it cannot match; it is tied to the one original of that side that shares
//! its numbers or names in Latin letters, and must agree with it in negation.
//! Tied to no original of that side, but to one of another side's alone, it
//! was moved to another speaker. Either way the finding shows the original.

use crate::ids::SideId;

use super::super::translation::{negated, polarity_unsure, tied};
use super::sources::{Said, Sources};
use crate::lang::script::script;
use crate::persona::Persona;
use crate::source::Statement;

/// What a translated quotation comes to against the sources.
pub(super) enum Translated<'s> {
    /// It says "not" where the original it translates does not, or the reverse.
    Flipped(&'s Said<'s>),
    /// It translates what another side said.
    Moved(&'s Said<'s>),
}

/// A translated quotation of `s`, given to `side`, that flips its original or
/// carries another side's words; none when it agrees, or when what it
/// translates is not known.
pub(super) fn check<'s>(
    sources: &'s Sources<'s>,
    s: &Statement,
    side: &Option<SideId>,
    persona: &Persona,
) -> Option<Translated<'s>> {
    let quote = s.quote.as_deref()?;
    let quoted: Vec<&Said> = sources
        .said
        .iter()
        .filter(|x| {
            x.statement
                .quote
                .as_deref()
                .is_some_and(|q| script(q) != script(quote))
        })
        .collect();
    let tie = |among: &[&'s Said<'s>]| -> Option<&'s Said<'s>> {
        let texts: Vec<&str> = among
            .iter()
            .filter_map(|x| x.statement.quote.as_deref())
            .collect();
        let original = tied(quote, &texts)?;
        among
            .iter()
            .find(|x| x.statement.quote.as_deref() == Some(original))
            .copied()
    };
    let flipped = |x: &'s Said<'s>| {
        let original = x.statement.quote.as_deref().unwrap_or_default();
        let twice = polarity_unsure(original) || polarity_unsure(quote);
        (negated(original) != negated(quote) && !twice).then_some(Translated::Flipped(x))
    };
    let own: Vec<&Said> = quoted
        .iter()
        .copied()
        .filter(|x| side.is_some() && x.statement.side == *side)
        .collect();
    if let Some(x) = tie(&own) {
        // Tied as surely among everything said, grounding has the finding.
        let anyway = tie(&quoted).is_some_and(|y| std::ptr::eq(x, y));
        return if anyway { None } else { flipped(x) };
    }
    // Untied, but said by a person the persona names in every script: when
    // every quotation of that person says "not" where it does not, or the
    // reverse, whichever it translates, it flips it.
    if let Some(names) = person(&s.speaker, persona) {
        let theirs: Vec<&Said> = quoted
            .iter()
            .copied()
            .filter(|x| names.iter().any(|n| names_in(&x.statement.speaker, n)))
            .collect();
        // Two of their quotations at least, and a sentence rather than a phrase
        // ("rocket man"): a lone original or a few words prove too little.
        let sentence = crate::text::word_count(quote) >= 4;
        if sentence
            && theirs.len() >= 2
            && theirs.iter().all(|x| flipped(x).is_some())
            && tie(&quoted).is_none()
        {
            return theirs.first().and_then(|x| flipped(x));
        }
    }
    let x = tie(&quoted)?;
    match (&x.statement.side, side) {
        (Some(theirs), Some(ours)) if theirs != ours => Some(Translated::Moved(x)),
        // Grounding ties it as surely, and finds a flip there.
        _ => None,
    }
}

/// The names in every script of the persona's actor that `speaker` names
/// (`毛宁` for "Mao Ning"), if it names one.
fn person<'p>(speaker: &str, persona: &'p Persona) -> Option<&'p Vec<String>> {
    persona
        .spec
        .perspectives
        .iter()
        .flat_map(|p| &p.aliases)
        .find(|names| names.iter().any(|n| names_in(speaker, n)))
}

/// Whether `speaker` holds `name`: as a whole word in Latin letters, anywhere
/// in other scripts; a name of one letter or character is too short to tell.
fn names_in(speaker: &str, name: &str) -> bool {
    name.chars().count() > 1 && crate::text::contains_word(speaker, name)
}
