//! Balance: every declared perspective is present, stated positions rest on
//! passages that speak for that side, each section has the same parts (one
//! left out for every side is left out, not missing), and no
//! side's share of words strays beyond the persona's tolerance of the mean. An
//! optional word list flags loaded language.

use super::{Block, Check, Corpus, Doc, Finding, Part, Share};
use crate::article::integrity::{FindingKind, Severity};
use crate::ids::SideId;
use crate::persona::Persona;
use crate::stage::Section;
use crate::text::contains_word;

/// Words a side may stray from the mean before it counts as lopsided, whatever
/// the tolerance: short sections of 16 and 26 words are normal variation.
pub(crate) const SLACK_WORDS: f64 = 40.0;

fn finding(kind: FindingKind, id: &str, location: String, claim: String, expected: String) -> Finding {
    Finding {
        check: Check::Balance,
        kind,
        severity: Severity::of(Check::Balance, kind),
        section: Section::Perspective(SideId::from(id)),
        location,
        at: None,
        claim,
        expected,
        attribution: None,
    }
}

pub(crate) fn check(doc: &Doc, corpus: &Corpus<'_>, persona: &Persona) -> (Vec<Share>, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut shares = Vec::new();
    // An article with no perspective sections at all is not written in the
    // side-by-side structure; presence is checked only in one that is.
    let structured = !doc.sides.is_empty();
    for p in &persona.spec.perspectives {
        let Some(side) = doc.sides.iter().find(|s| s.id == p.id) else {
            if structured {
                findings.push(finding(
                    FindingKind::MissingPerspective,
                    &p.id,
                    format!("perspective {}", p.id),
                    p.label.clone(),
                    "every declared perspective has a section (saying so when the sources give no position)"
                        .into(),
                ));
            }
            continue;
        };
        let blocks: Vec<&Block> = doc
            .blocks
            .iter()
            .filter(|b| b.perspective.as_deref() == Some(&p.id) && b.part != Part::Subhead)
            .collect();
        let words = blocks.iter().map(|b| crate::text::word_count(&b.text)).sum();
        shares.push(Share {
            perspective: p.id.clone(),
            words,
            share: 0.0,
            stated: side.stated,
        });
        if side.stated {
            findings.extend(parts(doc, &blocks, &p.id));
            findings.extend(invented(corpus, &blocks, p));
        }
    }
    let shared: Vec<&str> = doc
        .sides
        .iter()
        .filter(|s| s.shared)
        .map(|s| s.id.as_str())
        .collect();
    findings.extend(lopsided(&mut shares, &shared, persona.spec.balance.tolerance));
    findings.extend(loaded(doc, persona));
    (shares, findings)
}

/// Every part of a labelled perspective section is there: the position always,
/// reasons and what it means unless no side's section has that part (an
/// article may leave a part out for every side, never for one).
fn parts(doc: &Doc, blocks: &[&Block], id: &str) -> Vec<Finding> {
    if !doc.labelled {
        return Vec::new();
    }
    let anywhere = |part: Part| {
        doc.blocks
            .iter()
            .any(|b| b.perspective.is_some() && b.part == part)
    };
    [Part::Position, Part::Reasons, Part::Implications]
        .into_iter()
        .filter(|part| *part == Part::Position || anywhere(*part))
        .filter(|part| !blocks.iter().any(|b| b.part == *part))
        .map(|part| {
            finding(
                FindingKind::MissingPart,
                id,
                format!("perspective {id}"),
                part.label().into(),
                "every perspective section has a stated position, reasons and interests, and what it means"
                    .into(),
            )
        })
        .collect()
}

/// A stated position rests on a passage where that side speaks.
fn invented(corpus: &Corpus<'_>, blocks: &[&Block], p: &crate::persona::Perspective) -> Option<Finding> {
    let speaks: Vec<&str> = corpus
        .passages
        .iter()
        .filter(|x| x.perspectives.contains(&p.id))
        .map(|x| x.id.as_str())
        .collect();
    let position = blocks
        .iter()
        .find(|b| b.part == Part::Position)
        .or(blocks.first());
    let grounded = match position {
        Some(b) if !b.cites.is_empty() => b.cites.iter().any(|c| speaks.contains(&c.as_str())),
        _ => !speaks.is_empty(),
    };
    if grounded {
        return None;
    }
    let claim = position
        .map(|b| crate::text::excerpt(&b.text, 80))
        .unwrap_or_default();
    let expected = if speaks.is_empty() {
        format!("no passage gives a position for {}; say so instead", p.label)
    } else {
        format!(
            "cite a passage that speaks for {}: {}",
            p.label,
            speaks.join(", ")
        )
    };
    Some(finding(
        FindingKind::InventedPosition,
        &p.id,
        format!("perspective {}, stated position", p.id),
        claim,
        expected,
    ))
}

/// Fill in each side's share; flag a stated side whose length strays from the
/// mean by more than the persona's tolerance and by more than [`SLACK_WORDS`].
fn lopsided(shares: &mut [Share], shared: &[&str], tolerance: f64) -> Vec<Finding> {
    let total: usize = shares.iter().map(|s| s.words).sum();
    for s in shares.iter_mut() {
        s.share = if total == 0 {
            0.0
        } else {
            s.words as f64 / total as f64
        };
    }
    // A section that covers several sides is not measured against single ones.
    let measured = |s: &&Share| s.stated && !shared.contains(&s.perspective.as_str());
    let stated: Vec<usize> = shares.iter().filter(measured).map(|s| s.words).collect();
    if stated.len() < 2 {
        return Vec::new();
    }
    let mean = stated.iter().sum::<usize>() as f64 / stated.len() as f64;
    let allowed = (mean * tolerance).max(SLACK_WORDS);
    let (lo, hi) = ((mean - allowed).max(0.0), mean + allowed);
    shares
        .iter()
        .filter(|s| measured(s) && ((s.words as f64) < lo || (s.words as f64) > hi))
        .map(|s| {
            finding(
                FindingKind::Lopsided,
                &s.perspective,
                format!("perspective {}", s.perspective),
                format!("{} words", s.words),
                format!(
                    "{} words is outside the allowed {lo:.0}–{hi:.0} (the mean of {mean:.0} words, ±{:.0}% or ±{SLACK_WORDS:.0} words, whichever is more)",
                    s.words,
                    tolerance * 100.0
                ),
            )
        })
        .collect()
}

/// Loaded words in the article's own voice: words inside a quotation are the
/// quoted speaker's, not the article's.
fn loaded(doc: &Doc, persona: &Persona) -> Vec<Finding> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        let voice = outside_quotes(&b.text).to_lowercase();
        for w in &persona.spec.balance.loaded_language {
            if contains_word(&voice, &w.to_lowercase()) {
                out.push(b.finding(
                    Check::Language,
                    FindingKind::LoadedLanguage,
                    w.clone(),
                    "neutral wording (the persona lists this as loaded)".into(),
                ));
            }
        }
    }
    out
}

/// Text with every quotation blanked out.
fn outside_quotes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        match c {
            '"' => inside = !inside,
            '“' | '「' => inside = true,
            '”' | '」' => inside = false,
            _ if inside => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}
