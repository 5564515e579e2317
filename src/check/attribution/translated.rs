//! A translated quotation against what its speaker's side said. Word for word
//! it cannot match; it is tied to the one original of that side that shares
//! its numbers or names in Latin letters, and must agree with it in negation.
//! Tied to no original of that side, but to one of another side's alone, it
//! was moved to another speaker. Either way the finding shows the original.

use crate::ids::SideId;

use super::super::translation::{double_negative, negated, tied};
use super::sources::{Said, Sources};
use crate::lang::script::script;
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
        let twice = double_negative(original) || double_negative(quote);
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
    let x = tie(&quoted)?;
    match (&x.statement.side, side) {
        (Some(theirs), Some(ours)) if theirs != ours => Some(Translated::Moved(x)),
        // Grounding ties it as surely, and finds a flip there.
        _ => None,
    }
}
