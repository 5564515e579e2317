//! Attribution: who said what, checked against the sources' statements. Each
//! attributed claim in the article (a speaker, a reporting verb, a quotation or
//! reported speech) is matched to the source statement it rests on; a finding
//! is raised when the article gives the words to another side or another named
//! person than the source does, or when a perspective section carries another
//! side's quotation without saying whose it is. A speaker's side comes from the
//! speaker alone (keywords, actors, names learnt from the sources), as in
//! `source::sides`.

use crate::ids::SideId;

use super::words::content_words;
use super::{Check, Doc, Finding};
use crate::article::integrity::Misattribution;
use crate::article::integrity::{FindingKind, Severity};
use crate::lang::sentences::sentences;
use crate::persona::Persona;
use crate::source::{Statement, sides};
use crate::text::contains_word;

fn label(side: &Option<SideId>) -> String {
    side.as_ref().map_or_else(|| "no side".into(), SideId::to_string)
}

/// Run the attribution check on `doc`, with the sources' statements indexed.
/// A part's findings are remembered by what they depend on, for the article's
/// later checks.
pub(super) fn check_with(doc: &Doc, sources: &Sources<'_>, persona: &Persona) -> Vec<Finding> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        let side_part = matches!(block.at, Some(crate::article::place::At::Side(..)));
        let key = (
            block.text.clone(),
            block.perspective.clone(),
            block.also.clone(),
            side_part,
        );
        let found = sources
            .checked
            .get_or(&key, |_| check_block(block, sources, persona));
        // The same words in another place: the findings name this one.
        out.extend(found.into_iter().map(|f| Finding {
            section: block.section.clone(),
            location: block.location.clone(),
            at: block.at,
            ..f
        }));
    }
    out
}

/// The attribution findings of one part.
fn check_block(block: &super::Block, sources: &Sources<'_>, persona: &Persona) -> Vec<Finding> {
    let mut out = Vec::new();
    {
        let mut previous: Option<SideId> = None;
        for sentence in sentences(&block.text) {
            let found = sources.statements(sentence);
            let verbatim = sources.sentences.contains(&crate::text::words_key(sentence));
            for s in &found {
                // An office that names no country, in a side's section, is that side's.
                let office = block.perspective.is_some()
                    && sides::bare_office(&s.speaker)
                    && sides::side_of(&s.speaker, persona).is_none();
                let side = match sources.side(&s.speaker, persona) {
                    _ if office => block.perspective.clone(),
                    Some(side) => Some(side),
                    None if s.anaphor => previous.clone().or_else(|| block.perspective.clone()),
                    None => None,
                };
                // A sentence the sources hold word for word, its speaker named
                // in it, says who spoke as they do, whatever the reader makes
                // of it; it may still stand in the wrong side's section.
                let as_sources = verbatim && !s.anaphor;
                let wrong = if as_sources {
                    None
                } else {
                    misattributed(sources, s, side.clone(), persona)
                };
                if let Some(m) = wrong.or_else(|| in_another_section(sources, s, block)) {
                    out.push(finding(block, m));
                } else if let Some(t) = translated::check(sources, s, &side, persona) {
                    out.push(translated_finding(block, s, &side, t));
                } else if !as_sources
                    && let Some(x) =
                        super::stance::reversed(sources.said.iter().map(|x| x.statement), s, &side)
                    && let Some(x) = sources.said.iter().find(|y| std::ptr::eq(y.statement, x))
                {
                    out.push(reversed(block, s, &side, x));
                }
                previous = side.or(previous);
            }
            if let Some(side) = &block.perspective {
                let mut covered = block.also.clone();
                covered.push(side.clone());
                out.extend(
                    unattributed(sources, sentence, &found, &covered, persona)
                        .into_iter()
                        .map(|m| finding(block, m)),
                );
            }
        }
    }
    out
}

/// A statement whose stance the sources give the other way round.
fn reversed(block: &super::Block, s: &Statement, side: &Option<SideId>, x: &Said<'_>) -> Finding {
    let m = Misattribution {
        quotation: s.content.clone(),
        article_speaker: s.speaker.clone(),
        article_side: side.clone(),
        source_speaker: x.statement.speaker.clone(),
        source_side: x.statement.side.clone(),
        passage: x.passage.clone(),
    };
    let expected = format!(
        "the sources ({}) report the opposite stance: {} {} {}",
        x.passage, x.statement.speaker, x.statement.verb, x.statement.content
    );
    let claim = format!("{} {} {}", s.speaker, s.verb, s.content);
    attributed(block, FindingKind::Stance, claim, expected, m)
}

/// An attribution finding of `kind` in `block`, with who said what in the
/// sources.
fn attributed(
    block: &super::Block,
    kind: FindingKind,
    claim: String,
    expected: String,
    m: Misattribution,
) -> Finding {
    Finding {
        check: Check::Attribution,
        kind,
        severity: Severity::of(Check::Attribution, kind),
        section: block.section.clone(),
        location: block.location.clone(),
        at: block.at,
        claim,
        expected,
        attribution: Some(m),
    }
}

/// A translated quotation that flips its original, or that carries another
/// side's words: the original is the proof.
fn translated_finding(
    block: &super::Block,
    s: &Statement,
    side: &Option<SideId>,
    t: translated::Translated<'_>,
) -> Finding {
    let (x, flipped) = match t {
        translated::Translated::Flipped(x) => (x, true),
        translated::Translated::Moved(x) => (x, false),
    };
    let m = Misattribution {
        quotation: s.quote.clone().unwrap_or_else(|| s.content.clone()),
        article_speaker: s.speaker.clone(),
        article_side: side.clone(),
        source_speaker: x.statement.speaker.clone(),
        source_side: x.statement.side.clone(),
        passage: x.passage.clone(),
    };
    if !flipped {
        return finding(block, m);
    }
    let expected = format!(
        "a translation that negates what it translates, or drops its negation: the sources ({}) have {} say `{}`",
        x.passage,
        x.statement.speaker,
        x.statement.quote.as_deref().unwrap_or_default()
    );
    attributed(block, FindingKind::Quote, m.quotation.clone(), expected, m)
}

fn finding(block: &super::Block, m: Misattribution) -> Finding {
    let expected = format!(
        "the sources ({}) give these words to {} ({}), not {} ({})",
        m.passage,
        m.source_speaker,
        label(&m.source_side),
        m.article_speaker,
        label(&m.article_side)
    );
    attributed(
        block,
        FindingKind::Misattributed,
        m.quotation.clone(),
        expected,
        m,
    )
}

/// The source statements an article statement rests on: those holding its
/// quotation, else those whose reported speech it repeats.
fn matches<'s>(sources: &'s Sources<'_>, s: &Statement) -> Vec<&'s Said<'s>> {
    if let Some(q) = &s.quote {
        return sources.said.iter().filter(|x| x.index.contains(q)).collect();
    }
    let words = content_words(&s.content);
    if words.len() < 4 {
        return Vec::new();
    }
    let overlap = |x: &Said| words.intersection(&x.words).count() as f64 / words.len() as f64;
    let best = sources.said.iter().map(overlap).fold(0.0, f64::max);
    if best < 0.7 {
        return Vec::new();
    }
    sources
        .said
        .iter()
        .filter(|x| overlap(x) + 0.15 >= best)
        .collect()
}

/// A statement the article gives to a side or person the sources do not.
fn misattributed(
    sources: &Sources<'_>,
    s: &Statement,
    side: Option<SideId>,
    persona: &Persona,
) -> Option<Misattribution> {
    let found = matches(sources, s);
    let first = found.first()?;
    let same_side = |x: &&Said| side.is_some() && x.statement.side == side;
    let named: Vec<String> = sides::names(&s.speaker)
        .into_iter()
        .filter(|n| sources.speakers.contains(n) && sides::side_of(n, persona).is_none())
        .collect();
    let same_person = |x: &&Said| named.iter().any(|n| contains_word(&x.statement.speaker, n));
    // The same speaker with the same side (or with no side on both) is never
    // misattributed, whatever the script or character form it is written in
    // (中国商務省 / 中国商务部).
    let speaker = crate::lang::cjk::fold(&s.speaker).to_lowercase();
    let same_speaker = |x: &&Said| {
        let theirs = crate::lang::cjk::fold(&x.statement.speaker).to_lowercase();
        !theirs.trim().is_empty()
            && !speaker.trim().is_empty()
            && (theirs.contains(&speaker) || speaker.contains(&theirs))
    };
    if found.iter().any(|x| x.statement.side == side && same_speaker(x)) {
        return None;
    }
    // A named person must be the one the sources quote; otherwise the side must agree.
    let agrees = |x: &&Said| {
        if named.is_empty() {
            same_side(x)
        } else {
            same_person(x)
        }
    };
    if found.iter().any(agrees) {
        return None;
    }
    // Another side's words, or words of a speaker of no side (a third country),
    // given to this side; an unresolved pronoun in the source proves nothing.
    // A source speaker that is no one (a clause's tail) proves nothing either.
    let nobody = |x: &&Said| !x.statement.plausible || crate::lang::en::is_clause_tail(&x.statement.speaker);
    let other_side = side.is_some()
        && found.iter().all(|x| {
            x.statement.side != side && !(x.statement.side.is_none() && (x.statement.anaphor || nobody(x)))
        });
    // A source speaker resolved from a pronoun is no proof of who it was.
    let other_person =
        !named.is_empty() && !found.iter().any(same_person) && !found.iter().any(|x| x.statement.anaphor);
    if !(other_side || other_person) {
        return None;
    }
    Some(Misattribution {
        quotation: s.quote.clone().unwrap_or_else(|| s.content.clone()),
        article_speaker: s.speaker.clone(),
        article_side: side,
        source_speaker: first.statement.speaker.clone(),
        source_side: first.statement.side.clone(),
        passage: first.passage.clone(),
    })
}

/// A statement in a part of one of our own side sections that the sources
/// give to another side, however the article attributes it: a side's section
/// may mention another side, but never carry its words.
fn in_another_section(sources: &Sources<'_>, s: &Statement, block: &super::Block) -> Option<Misattribution> {
    let (Some(crate::article::place::At::Side(..)), Some(side)) = (block.at, &block.perspective) else {
        return None;
    };
    let found = matches(sources, s);
    let first = found.first()?;
    let foreign = found.iter().all(|x| {
        x.statement
            .side
            .as_ref()
            .is_some_and(|o| o != side && !block.also.contains(o))
    });
    foreign.then(|| Misattribution {
        quotation: s.quote.clone().unwrap_or_else(|| s.content.clone()),
        article_speaker: s.speaker.clone(),
        article_side: Some(side.clone()),
        source_speaker: first.statement.speaker.clone(),
        source_side: first.statement.side.clone(),
        passage: first.passage.clone(),
    })
}

/// Quotations in side `side`'s section that the sources give to another side,
/// when the sentence does not say whose they are.
fn unattributed(
    sources: &Sources<'_>,
    sentence: &str,
    found: &[Statement],
    covered: &[SideId],
    persona: &Persona,
) -> Vec<Misattribution> {
    let side = covered.first().map(SideId::as_str).unwrap_or("");
    let mut out = Vec::new();
    for q in quotations(sentence) {
        if found
            .iter()
            .any(|s| s.quote.as_deref().is_some_and(|x| x.contains(q.as_str())))
        {
            continue;
        }
        let holders: Vec<&Said> = sources.said.iter().filter(|x| x.index.contains(&q)).collect();
        let Some(first) = holders.first() else { continue };
        let foreign = holders
            .iter()
            .all(|x| x.statement.side.as_ref().is_some_and(|s| !covered.contains(s)));
        let named = holders.iter().any(|x| {
            x.statement
                .side
                .as_ref()
                .is_some_and(|s| sentence_names_side(sentence, s, persona))
                || sides::names(&x.statement.speaker)
                    .iter()
                    .any(|n| contains_word(sentence, n))
        });
        if foreign && !named {
            out.push(Misattribution {
                quotation: q,
                article_speaker: String::new(),
                article_side: Some(SideId::from(side)),
                source_speaker: first.statement.speaker.clone(),
                source_side: first.statement.side.clone(),
                passage: first.passage.clone(),
            });
        }
    }
    out
}

pub(super) fn sentence_names_side(sentence: &str, side: &SideId, persona: &Persona) -> bool {
    persona
        .spec
        .perspectives
        .iter()
        .filter(|p| p.id == *side)
        .any(|p| {
            std::iter::once(&p.label)
                .chain(&p.keywords)
                .chain(&p.actors)
                .any(|k| contains_word(sentence, k))
        })
}

/// Quotations of two words or more in a sentence.
pub(super) fn quotations(sentence: &str) -> Vec<String> {
    super::claims::extract(sentence)
        .into_iter()
        .filter_map(|f| match f.claim {
            super::claims::Claim::Quote(q) => Some(q),
            _ => None,
        })
        .collect()
}

mod sources;
mod translated;
pub(super) use sources::{Said, Sources};

#[cfg(test)]
mod tests;
