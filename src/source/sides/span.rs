//! The side a speaker span names by itself: the earliest of the persona's
//! keywords and actors in it, in any script; each conjunct's side for a joint
//! speaker; or none, for an office that names no country.

use crate::ids::SideId;
use crate::lang::cjk::{COUNTRY_ABBREVIATIONS, FOREIGN, OFFICES, fold};
use crate::lang::script::han;
use crate::persona::Persona;
use crate::text::word_at;

/// The side a speaker span names, by the earliest keyword or actor in it, in
/// any script (Japanese and traditional characters fold to simplified ones).
pub(crate) fn side_of(speaker: &str, persona: &Persona) -> Option<SideId> {
    let folded = fold(speaker);
    let cjk = speaker.chars().any(han);
    let mut best: Option<(usize, &str)> = None;
    for p in &persona.spec.perspectives {
        for (k, in_han) in p.marks() {
            // A name in Han characters can only be in a span that has some.
            if !cjk && *in_han {
                continue;
            }
            if let Some(i) = word_at(&folded, k)
                && (!*in_han || k.chars().nth(1).is_some() || abbreviates(&folded, i))
                && best.is_none_or(|(j, _)| i < j)
            {
                best = Some((i, &p.id));
            }
        }
    }
    best.map(|(_, id)| SideId::from(id))
}

/// Whether the one Han character at `i` in `span` abbreviates a country (`米`
/// in `米国務省`, `駐日米大使`): it opens the span or a word (after no Han
/// character), or follows another country's abbreviation. Not a character
/// spelling a name out by sound (`西米德兰兹郡`, the West Midlands).
fn abbreviates(span: &str, i: usize) -> bool {
    span[..i]
        .chars()
        .next_back()
        .is_none_or(|before| !han(before) || COUNTRY_ABBREVIATIONS.contains(before))
}

/// The sides of a joint speaker ("Japan and South Korea", 日本和韩国): each
/// conjunct's own side, when they name two or more.
pub(super) fn joint_sides(speaker: &str, persona: &Persona) -> Vec<SideId> {
    let mut out: Vec<SideId> = Vec::new();
    for part in speaker
        .split([',', '、', '和', '与', '及', '・', '·'])
        .flat_map(|p| p.split(" and "))
    {
        if let Some(side) = side_of(part, persona)
            && !out.contains(&side)
        {
            out.push(side);
        }
    }
    if out.len() < 2 { Vec::new() } else { out }
}

/// Whether a speaker span is an office that names no country (외교부 대변인,
/// 外務省報道官, "the foreign ministry spokesperson"): its country is the one
/// the text around it is about.
pub(crate) fn bare_office(speaker: &str) -> bool {
    const ENGLISH: &[&str] = &[
        "ministry",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "government",
        "cabinet",
        "embassy",
    ];
    let lower = speaker.to_lowercase();
    let english = lower.starts_with("the ") && ENGLISH.iter().any(|o| lower.contains(o));
    let cjk = OFFICES.split_whitespace().any(|o| speaker.starts_with(o));
    (english || cjk) && !FOREIGN.split_whitespace().any(|f| speaker.contains(f))
}
