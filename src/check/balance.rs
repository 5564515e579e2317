//! Balance: every declared perspective is present, stated positions rest on
//! passages that speak for that side, each section has the same parts, and no
//! side's share of words strays beyond the persona's tolerance of the mean. An
//! optional word list flags loaded language.

use super::{Check, Corpus, Doc, Finding, Part, Share};
use crate::ident::{FindingKind, Section};
use crate::persona::Persona;
use crate::source::contains_word;

pub fn check(doc: &Doc, corpus: &Corpus<'_>, persona: &Persona) -> (Vec<Share>, Vec<Finding>) {
    let mut findings = Vec::new();
    let finding = |kind: FindingKind, id: &str, location: String, claim: String, expected: String| Finding {
        check: Check::Balance,
        kind,
        section: Section::Perspective(id.to_string()),
        location,
        claim,
        expected,
        attribution: None,
    };
    let mut shares = Vec::new();
    for p in &persona.spec.perspectives {
        let Some(side) = doc.sides.iter().find(|s| s.id == p.id) else {
            findings.push(finding(
                FindingKind::MissingPerspective,
                &p.id,
                format!("perspective {}", p.id),
                p.label.clone(),
                "every declared perspective has a section (saying so when the sources give no position)"
                    .into(),
            ));
            continue;
        };
        let blocks: Vec<_> = doc
            .blocks
            .iter()
            .filter(|b| b.perspective.as_deref() == Some(&p.id))
            .collect();
        let words = blocks.iter().map(|b| b.text.split_whitespace().count()).sum();
        shares.push(Share {
            perspective: p.id.clone(),
            words,
            share: 0.0,
            stated: side.stated,
        });
        if !side.stated {
            continue;
        }
        for part in [Part::Position, Part::Reasons, Part::Implications] {
            if !blocks.iter().any(|b| b.part == part) {
                findings.push(finding(
                    FindingKind::MissingPart,
                    &p.id,
                    format!("perspective {}", p.id),
                    part.label().into(),
                    "every perspective section has a stated position, reasons and interests, and what it means".into(),
                ));
            }
        }
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
        if !grounded {
            let claim = position
                .map(|b| crate::llm::excerpt(&b.text, 80))
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
            findings.push(finding(
                FindingKind::InventedPosition,
                &p.id,
                format!("perspective {}, stated position", p.id),
                claim,
                expected,
            ));
        }
    }
    let stated: Vec<usize> = shares.iter().filter(|s| s.stated).map(|s| s.words).collect();
    let total: usize = shares.iter().map(|s| s.words).sum();
    for s in &mut shares {
        s.share = if total == 0 {
            0.0
        } else {
            s.words as f64 / total as f64
        };
    }
    if stated.len() >= 2 {
        let mean = stated.iter().sum::<usize>() as f64 / stated.len() as f64;
        let t = persona.spec.balance.tolerance;
        let (lo, hi) = (mean * (1.0 - t), mean * (1.0 + t));
        for s in shares.iter().filter(|s| s.stated) {
            if (s.words as f64) < lo || (s.words as f64) > hi {
                findings.push(finding(
                    FindingKind::Lopsided,
                    &s.perspective,
                    format!("perspective {}", s.perspective),
                    format!("{} words", s.words),
                    format!(
                        "within ±{:.0}% of the mean of {mean:.0} words ({lo:.0}–{hi:.0})",
                        t * 100.0
                    ),
                ));
            }
        }
    }
    for b in &doc.blocks {
        for w in &persona.spec.balance.loaded_language {
            if contains_word(&b.text.to_lowercase(), &w.to_lowercase()) {
                findings.push(Finding {
                    check: Check::Language,
                    kind: FindingKind::LoadedLanguage,
                    section: b.section.clone(),
                    location: b.location.clone(),
                    claim: w.clone(),
                    expected: "neutral wording (the persona lists this as loaded)".into(),
                    attribution: None,
                });
            }
        }
    }
    (shares, findings)
}
