//! Which side a passage speaks for: only through statements by that side. Each
//! passage's statements are read (`statements`), and each speaker is given a
//! side from the speaker span alone, by the perspective's keywords and actors
//! (the earliest match wins, so "Japan's ambassador to China" is Japan's). A
//! name first seen with its side ("China's foreign ministry spokesperson Mao
//! Ning") gives that side to its later mentions ("Mao Ning", "Mao"), and a
//! pronoun or bare description ("she", "the ministry") takes the side of the
//! statement before it. A source's or fact's `perspective` field overrides all.

use std::collections::HashMap;

use super::{Source, Statement, statements};
use crate::error::InputError;
use crate::ids::SideId;
use crate::lang::cjk::{FOREIGN, OFFICES, han_names};
use crate::lang::en::NOT_NAMES;
use crate::lang::ko::TITLES as KO_TITLES;
use crate::lang::script::{Script, han, hangul, script};
use crate::persona::Persona;
use crate::text::word_at;

mod span;
use span::joint_sides;
pub(crate) use span::{bare_office, side_of};

/// The side whose own language a source is written in, for an office named
/// there without a country at the start of the speaker (外交部发言人, 外務省).
fn home_side(speaker: &str, language: Script, persona: &Persona) -> Option<SideId> {
    // The office opens the span (外交部发言人毛宁), or, in Japanese, where titles
    // follow names, stands anywhere in it (松野博一官房長官); never beside another
    // country (ロシア外務省, 俄罗斯外交部).
    let office = OFFICES
        .split_whitespace()
        .any(|o| speaker.starts_with(o) || (language == Script::Japanese && speaker.contains(o)));
    if !office || FOREIGN.split_whitespace().any(|f| speaker.contains(f)) {
        return None;
    }
    let mut homes = persona
        .spec
        .perspectives
        .iter()
        .filter(|p| p.languages.iter().any(|l| *l == language.code()));
    let home = homes.next()?;
    homes.next().is_none().then(|| home.id.clone())
}

/// The person an English role stands for ("the governor"): the one the text
/// gave that role, else the name the sentence before opens on ("Senator Ann
/// Brody voted no. The senator said …").
fn holder_of_role(
    s: &Statement,
    earlier: &[(String, Option<SideId>)],
    before: &str,
    passage: &str,
) -> Option<String> {
    if !s.speaker.is_ascii() || crate::lang::en::role(&s.speaker).is_none() {
        return None;
    }
    let start = s.span.0.min(passage.len());
    let up_to = passage.get(..start).unwrap_or_default();
    let names = earlier.iter().rev().map(|(n, _)| n.as_str());
    crate::lang::en::role_holder(&s.speaker, names, &format!("{before}{up_to}"))
        .map(str::to_string)
        .or_else(|| crate::lang::en::subject_before("he", before, up_to))
}

/// A pronoun or a continuation takes the nearest earlier speaker it can be
/// (its side too, when it has none); with no earlier speaker, a pronoun in
/// English takes the nearest person the text named before it. What the text
/// says stays as the mention.
fn resolve(s: &mut Statement, earlier: &[(String, Option<SideId>)], before: &str, passage: &str) {
    let pronoun = crate::lang::is_pronoun(&s.speaker);
    // The story's text up to the statement, built only when a rule reads it.
    let text_before = || {
        let start = s.span.0.min(passage.len());
        format!("{before}{}", passage.get(..start).unwrap_or_default())
    };
    // The side of the nearest earlier speaker of that name.
    let side_of_named = |name: &str| {
        earlier
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, side)| side.clone())
    };
    if !pronoun && let Some(holder) = holder_of_role(s, earlier, before, passage) {
        let side = side_of_named(&holder);
        if s.side.is_none() || s.side == side {
            s.side = side;
            s.mention = Some(std::mem::replace(&mut s.speaker, holder));
            return;
        }
    }
    let fits = |(speaker, _): &&(String, Option<SideId>)| {
        !pronoun || crate::lang::en::compatible(&s.speaker, speaker)
    };
    let mut nearest = earlier.iter().rev().find(fits);
    // "He" or "she" right after a sentence that opened on a name continues
    // that name, whoever spoke last.
    let he_or_she = matches!(s.speaker.trim().to_lowercase().as_str(), "he" | "she");
    let recent = he_or_she
        .then(|| {
            let start = s.span.0.min(passage.len());
            let sentence = passage
                .get(start..s.span.1.min(passage.len()))
                .unwrap_or_default();
            word_at(sentence, s.speaker.trim())
                .and_then(|at| crate::lang::en::subject_within(&sentence[..at]))
                .or_else(|| {
                    crate::lang::en::subject_before(
                        &s.speaker,
                        before,
                        passage.get(..start).unwrap_or_default(),
                    )
                })
        })
        .flatten()
        .filter(|n| crate::lang::en::compatible(&s.speaker, n));
    let picked;
    if let Some(name) = recent {
        // The earlier speaker the name stands in ("Japan's foreign minister
        // Takeshi Iwaya" for "Takeshi Iwaya"), with its side.
        picked = earlier
            .iter()
            .rev()
            .find(|(n, _)| n.contains(name.as_str()))
            .cloned()
            .unwrap_or((name, None));
        nearest = Some(&picked);
    }
    if nearest.is_none()
        && pronoun
        && s.speaker.is_ascii()
        && let Some(name) = crate::lang::en::named_before(&text_before())
    {
        let said = std::mem::replace(&mut s.speaker, name);
        s.mention = (!said.trim().is_empty()).then_some(said);
        return;
    }
    let Some((speaker, side)) = nearest.or(earlier.last()) else {
        return;
    };
    if s.side.is_none() {
        s.side = side.clone();
    }
    if pronoun && (s.side.is_none() || s.side == *side) {
        let said = std::mem::replace(&mut s.speaker, speaker.clone());
        s.mention = (!said.trim().is_empty()).then_some(said);
    }
}

/// The language of a passage: its own script, or its source's (`source`) when
/// the passage is in Latin letters.
fn language(passage: &str, source: Script) -> Script {
    let own = script(passage);
    if own == Script::Latin { source } else { own }
}

/// The side learnt for a name, or for a surname alone (林氏, 毛報道官) the side of
/// the known names it begins, when they agree.
fn learnt(name: &str, known: &HashMap<String, SideId>) -> Option<SideId> {
    if let Some(side) = known.get(name) {
        return Some(side.clone());
    }
    if name.chars().count() != 1 || !name.chars().all(han) {
        return None;
    }
    let mut sides = known.iter().filter(|(k, _)| k.starts_with(name)).map(|(_, v)| v);
    let first = sides.next()?;
    sides.all(|s| s == first).then(|| first.clone())
}

/// Names in a speaker span: runs of capitalised words ("Mao Ning"), and for a
/// run of two or more, its first and last words ("Mao", "Ning"); Hangul words of
/// two to four syllables. Titles and common words are left out.
pub(crate) fn names(speaker: &str) -> Vec<String> {
    name_parts(speaker, true)
}

/// The names a side may be learnt from: a person's full name and its parts, or
/// a Hangul name; never a lone capitalised word ("Commerce"), nor a part of a
/// name that holds a side's word ("U.S. Commerce"), nor a surname shared across
/// the peninsula ("Kim").
fn person_names(speaker: &str, persona: &Persona) -> Vec<String> {
    const SHARED_SURNAMES: &[&str] = &[
        "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
    ];
    let all = name_parts(speaker, false);
    let keyword = |n: &str| {
        persona
            .spec
            .perspectives
            .iter()
            .any(|p| p.keywords.iter().any(|k| word_at(n, k).is_some()))
    };
    let sided: Vec<&String> = all.iter().filter(|n| n.contains(' ') && keyword(n)).collect();
    all.iter()
        .filter(|n| {
            n.contains(' ')
                || (!sided.iter().any(|run| run.split(' ').any(|w| w == n.as_str()))
                    && !SHARED_SURNAMES.contains(&n.as_str()))
        })
        .cloned()
        .collect()
}

fn name_parts(speaker: &str, single: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let words: Vec<&str> = speaker
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for w in words.iter().chain(std::iter::once(&"")) {
        // "U.S." keeps its stops; "Ning." at a sentence's end does not.
        let w = if w.matches('.').count() > 1 {
            w.trim_end_matches([';', ':'])
        } else {
            w.trim_end_matches(['.', ';', ':'])
        };
        if w.chars().next().is_some_and(char::is_uppercase) && !w.ends_with("'s") && !NOT_NAMES.contains(&w) {
            run.push(w);
            continue;
        }
        if run.len() == 1 && single {
            out.push(run.join(" "));
        }
        if run.len() >= 2 {
            out.push(run.join(" "));
            {
                out.extend(run.first().map(|s| s.to_string()));
                out.extend(run.last().map(|s| s.to_string()));
            }
        }
        run.clear();
    }
    for w in &words {
        if (2..=4).contains(&w.chars().count()) && w.chars().all(hangul) && !KO_TITLES.contains(w) {
            out.push(w.to_string());
        }
    }
    out.extend(han_names(speaker, single));
    out
}

/// Read every passage's statements and give each its side; then mark each
/// passage with the sides of its statements.
pub(crate) fn attribute(sources: &mut [Source], persona: &Persona) -> Result<(), InputError> {
    let ids: Vec<&str> = persona.spec.perspectives.iter().map(|p| p.id.as_str()).collect();
    let mut known: HashMap<String, SideId> = HashMap::new();
    // Names learnt in each source: a surname is looked up in its own story first.
    let mut local: Vec<(HashMap<String, SideId>, Script)> = Vec::new();
    for source in sources.iter_mut() {
        let mut own: HashMap<String, SideId> = HashMap::new();
        check_fixed(source, &ids, persona)?;
        let whole = script(&source.raw);
        // A briefing is read turn by turn: only the answering side's turns speak.
        let transcript = super::transcript::is_transcript(source.passages.iter().map(|p| p.text.as_str()));
        let mut turns = super::transcript::Turns::default();
        for passage in &mut source.passages {
            let language = language(&passage.text, whole);
            passage.statements = if transcript {
                turns.statements(&passage.text)
            } else {
                statements::extract(&passage.text)
            };
            let fixed = passage.fixed.clone().or_else(|| source.meta.perspective.clone());
            for s in &mut passage.statements {
                s.side = fixed.clone().or_else(|| side_of(&s.speaker, persona));
                // An office in the source's own language gives its side only after
                // the names learnt from the whole story (毛報道官 is Mao Ning's), but
                // a name beside it is learnt now (松野博一官房長官).
                if let Some(side) = &s
                    .side
                    .clone()
                    .or_else(|| home_side(&s.speaker, language, persona))
                {
                    for n in person_names(&s.speaker, persona) {
                        own.entry(n.clone()).or_insert_with(|| side.clone());
                        known.entry(n).or_insert_with(|| side.clone());
                    }
                }
            }
            passage.statements = joint(std::mem::take(&mut passage.statements), fixed.is_some(), persona);
        }
        local.push((own, whole));
    }
    for (source, (own, whole)) in sources.iter_mut().zip(&local) {
        // Every speaker so far, nearest last: a pronoun takes the nearest it can be.
        let mut earlier: Vec<(String, Option<SideId>)> = Vec::new();
        let whole = *whole;
        // The story's text before the passage being read.
        let mut before = String::new();
        for passage in &mut source.passages {
            let language = language(&passage.text, whole);
            for s in &mut passage.statements {
                if s.side.is_none() && !s.anaphor {
                    s.side = names(&s.speaker)
                        .iter()
                        .find_map(|n| learnt(n, own).or_else(|| learnt(n, &known)))
                        .or_else(|| home_side(&s.speaker, language, persona));
                }
                if s.anaphor {
                    resolve(s, &earlier, &before, &passage.text);
                }
                earlier.push((s.speaker.clone(), s.side.clone()));
            }
            before.push_str(&passage.text);
            before.push('\n');
            passage.statements.retain(|s| s.plausible || s.side.is_some());
            let fixed = passage.fixed.clone().or_else(|| source.meta.perspective.clone());
            let mut sides: Vec<SideId> = fixed.into_iter().collect();
            for side in passage.statements.iter().filter_map(|s| s.side.clone()) {
                if !sides.contains(&side) {
                    sides.push(side);
                }
            }
            passage.perspectives = sides;
        }
    }
    Ok(())
}

/// A statement made jointly by several sides, once for each of them.
fn joint(found: Vec<Statement>, fixed: bool, persona: &Persona) -> Vec<Statement> {
    let mut out = Vec::with_capacity(found.len());
    for s in found {
        let sides = if fixed {
            Vec::new()
        } else {
            joint_sides(&s.speaker, persona)
        };
        if sides.is_empty() {
            out.push(s);
            continue;
        }
        for side in sides {
            let mut one = s.clone();
            one.side = Some(side);
            out.push(one);
        }
    }
    out
}

/// A source's or fact's `perspective` must be one of the persona's.
fn check_fixed(source: &Source, ids: &[&str], persona: &Persona) -> Result<(), InputError> {
    if let Some(p) = &source.meta.perspective
        && !ids.contains(&p.as_str())
    {
        let msg = format!(
            "field `perspective`: `{p}` is not a perspective of persona `{}`",
            persona.id()
        );
        return Err(InputError::new(&source.origin, source.perspective_line, msg)
            .hint(format!("use one of: {}", ids.join(", "))));
    }
    for passage in &source.passages {
        if let Some(p) = passage.fixed.as_ref().filter(|p| !ids.contains(&p.as_str())) {
            let msg = format!(
                "passage {}: perspective `{p}` is not a perspective of persona `{}`",
                passage.id,
                persona.id()
            );
            return Err(
                InputError::new(&source.origin, None, msg).hint(format!("use one of: {}", ids.join(", ")))
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
