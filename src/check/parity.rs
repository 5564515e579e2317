//! Fact parity between two editions of one story, say a Korean and an English
//! article: the same numbers, amounts and dates (by value, whatever the
//! language), the same quotations on the same sides (by count and by whether
//! they say "not"), every side in both, and each side's share of the words
//! within the persona's balance slack. Each difference names both places.

use crate::ids::SideId;
use serde::Serialize;

use super::claims::{self, Claim};
use super::translation::negated;
use super::{Block, Doc, Part};
use crate::persona::Persona;
use crate::text::{QuoteIndex, word_count};

/// What differs between two editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum DifferenceKind {
    /// A number, amount, percentage or date in one edition and not the other.
    Fact,
    /// A side's quotations differ in number or in negation.
    Quotation,
    /// A side present in one edition only.
    Side,
    /// A side's share of the words differs by more than the balance slack.
    Share,
}

/// Where a difference is, in one edition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Place {
    /// `lede`, `perspective japan, stated position`, … (empty when absent).
    pub(crate) location: String,
    pub(crate) text: String,
}

/// One difference between the editions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Difference {
    pub(crate) kind: DifferenceKind,
    /// The fact, side or quotation that differs.
    pub(crate) claim: String,
    pub(crate) edition: Place,
    pub(crate) against: Place,
}

fn place(block: Option<&Block>) -> Place {
    block.map_or(
        Place {
            location: "(absent)".into(),
            text: String::new(),
        },
        |b| Place {
            location: b.location.clone(),
            text: b.text.clone(),
        },
    )
}

/// The block of `doc` in the same place as `b` in its own edition: the same
/// side and part, else the same kind of part at the same position.
fn counterpart<'d>(doc: &'d Doc, from: &Doc, b: &Block) -> Option<&'d Block> {
    let same = |x: &&Block| x.perspective == b.perspective && x.part == b.part;
    let nth = from
        .blocks
        .iter()
        .filter(|x| same(x))
        .position(|x| std::ptr::eq(x, b))?;
    doc.blocks
        .iter()
        .filter(same)
        .nth(nth)
        .or_else(|| doc.blocks.iter().find(same))
}

/// Compare edition `a` against edition `b`: their text, not their headings,
/// which one edition read from Markdown does not have as parts.
pub(crate) fn compare(a: &Doc, b: &Doc, persona: &Persona) -> Vec<Difference> {
    let (a, b) = (&without_subheads(a), &without_subheads(b));
    let mut out = facts(a, b);
    out.extend(facts(b, a).into_iter().map(|d| Difference {
        edition: d.against,
        against: d.edition,
        ..d
    }));
    out.extend(sides(a, b, persona));
    out
}

fn without_subheads(d: &Doc) -> Doc {
    Doc {
        blocks: d
            .blocks
            .iter()
            .filter(|b| b.part != Part::Subhead)
            .cloned()
            .collect(),
        sides: d.sides.clone(),
        labelled: d.labelled,
    }
}

/// Facts of `a` that `b` does not hold anywhere.
fn facts(a: &Doc, b: &Doc) -> Vec<Difference> {
    let text_b: String = b
        .blocks
        .iter()
        .map(|x| x.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let found_b = super::support::held(&text_b);
    let none = QuoteIndex::default();
    let supported = |claim: &Claim| claims::supported(claim, &found_b, &none);
    let script_b = crate::lang::script::script(&text_b);
    let mut out = Vec::new();
    for block in &a.blocks {
        let across = crate::lang::script::script(&block.text) != script_b;
        // The facts a quotation gives are facts of the edition too.
        let found: Vec<claims::Found> = claims::extract(&block.text)
            .into_iter()
            .flat_map(|c| match &c.claim {
                Claim::Quote(q) => claims::extract(q),
                _ => vec![c],
            })
            .collect();
        for c in found {
            if matches!(c.claim, Claim::Quote(_))
                || supported(&c.claim)
                || super::readings::otherwise(&c, &block.text, supported, &[text_b.as_str()], across)
            {
                continue;
            }
            out.push(Difference {
                kind: DifferenceKind::Fact,
                claim: c.text,
                edition: place(Some(block)),
                against: place(counterpart(b, a, block)),
            });
        }
    }
    out
}

/// Per side: presence, quotations and share of the words.
fn sides(a: &Doc, b: &Doc, persona: &Persona) -> Vec<Difference> {
    let mut out = Vec::new();
    let (words_a, words_b) = (side_words(a), side_words(b));
    for p in &persona.spec.perspectives {
        let in_a = a.sides.iter().any(|s| s.id == p.id);
        let in_b = b.sides.iter().any(|s| s.id == p.id);
        let first = |d: &Doc| place(d.blocks.iter().find(|x| x.perspective.as_ref() == Some(&p.id)));
        if in_a != in_b {
            out.push(Difference {
                kind: DifferenceKind::Side,
                claim: p.id.to_string(),
                edition: first(a),
                against: first(b),
            });
            continue;
        }
        let (qa, qb) = (quotes(a, &p.id), quotes(b, &p.id));
        let negation = |q: &[(String, &Block)]| q.iter().filter(|(x, _)| negated(x)).count();
        if qa.len() != qb.len() || negation(&qa) != negation(&qb) {
            let at = |q: &[(String, &Block)], d: &Doc| match q.first() {
                Some((_, block)) => place(Some(block)),
                None => first(d),
            };
            out.push(Difference {
                kind: DifferenceKind::Quotation,
                claim: format!(
                    "{}: {} quotation(s), {} negated, against {}, {} negated",
                    p.id,
                    qa.len(),
                    negation(&qa),
                    qb.len(),
                    negation(&qb)
                ),
                edition: at(&qa, a),
                against: at(&qb, b),
            });
        }
        let share = |w: &[(SideId, usize)]| {
            let total: usize = w.iter().map(|(_, n)| n).sum();
            let mine = w.iter().find(|(id, _)| id == &p.id).map_or(0, |(_, n)| *n);
            if total == 0 {
                0.0
            } else {
                mine as f64 / total as f64
            }
        };
        let (sa, sb) = (share(&words_a), share(&words_b));
        // The persona's tolerance of the larger share, and five points more for
        // what translation does to word counts (Korean runs shorter than English).
        if (sa - sb).abs() > persona.spec.balance.tolerance * sa.max(sb) + 0.05 {
            out.push(Difference {
                kind: DifferenceKind::Share,
                claim: format!(
                    "{}: {:.0}% of the words against {:.0}%",
                    p.id,
                    sa * 100.0,
                    sb * 100.0
                ),
                edition: first(a),
                against: first(b),
            });
        }
    }
    out
}

fn side_words(d: &Doc) -> Vec<(SideId, usize)> {
    d.sides
        .iter()
        .map(|s| {
            let words = d
                .blocks
                .iter()
                .filter(|b| b.perspective.as_ref() == Some(&s.id) && b.part != Part::Headline)
                .map(|b| word_count(&b.text))
                .sum();
            (s.id.clone(), words)
        })
        .collect()
}

/// The quotations in a side's section, with the block each stands in.
fn quotes<'d>(d: &'d Doc, side: &crate::ids::SideId) -> Vec<(String, &'d Block)> {
    d.blocks
        .iter()
        .filter(|b| b.perspective.as_deref() == Some(side))
        .flat_map(|b| {
            claims::extract(&b.text)
                .into_iter()
                .filter_map(move |c| match c.claim {
                    Claim::Quote(q) => Some((q, b)),
                    _ => None,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fact_inside_a_quotation_is_a_fact_of_the_edition() {
        let persona = crate::persona::load("prism", &[]).unwrap();
        let parse = |md: &str| super::super::markdown::parse(md, &persona);
        let en = parse("# Missiles\n\nMao Ning said: \"China will never accept 300 missiles.\"\n");
        let ko =
            "# 미사일\n\n마오닝 대변인은 \"중국은 미사일 300기를 결코 받아들이지 않을 것\"이라고 말했다.\n";
        assert!(compare(&parse(ko), &en, &persona).is_empty());
        let changed = compare(&parse(&ko.replace("300기", "400기")), &en, &persona);
        assert!(
            changed
                .iter()
                .any(|d| d.kind == DifferenceKind::Fact && d.claim.contains("400")),
            "{changed:#?}"
        );
    }
}
