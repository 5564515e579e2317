//! Hard findings never reach print. After revision, a part that still carries
//! one (a number, date, amount, quotation or name its passages do not hold;
//! another side's words; a position the side did not state) is replaced by the
//! smallest fallback that holds: first the sentences that carry the claim are
//! cut; a part left empty, or flagged as a whole, is rebuilt from the sources
//! (a side's own statements, the extractive lede, headline and deck), or, as a
//! last resort, left out. Each replacement is flagged as degraded.

use crate::article::integrity::{FindingKind, Severity};
use crate::article::place::{At, Part};
use crate::article::{Article, Paragraph};
use crate::check::{Check, Doc, Finding, Report};
use crate::lang::Labels;
use crate::stage::{Claim, Finish, Opening, PerspectiveDraft};

/// Whether a finding is one that must never reach print.
pub(crate) fn is_hard(f: &Finding) -> bool {
    f.is_hard()
}

/// The article's parts as the sources alone would write them.
pub(crate) struct Fallbacks {
    pub(crate) opening: Opening,
    pub(crate) finish: Finish,
    /// Per perspective of the article, in its order.
    pub(crate) sides: Vec<PerspectiveDraft>,
}

/// How hard a part is cut: its flagged sentences, the whole part from the
/// sources, or the part left out.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Cut {
    Sentences,
    Rebuild,
    Remove,
}

/// Replace every part of `article` that `report` flags with a hard finding, at
/// the strength `cut`; returns a degraded finding per part replaced.
pub(crate) fn replace(
    article: &mut Article,
    report: &Report,
    fallbacks: &Fallbacks,
    labels: &Labels,
    cut: Cut,
) -> Vec<Finding> {
    let doc = Doc::from_article(article);
    let mut out = Vec::new();
    // Body paragraphs are removed last to first, so indexes stay valid.
    let mut blocks: Vec<_> = doc.blocks.iter().filter(|b| b.at.is_some()).collect();
    blocks.sort_by_key(|b| std::cmp::Reverse(b.at.map(order)));
    for block in blocks {
        let hard: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| is_hard(f) && f.location == block.location)
            .collect();
        let Some(at) = block.at.filter(|_| !hard.is_empty()) else {
            continue;
        };
        let claims: Vec<&str> = hard
            .iter()
            .filter(|f| f.check == Check::Grounding)
            .map(|f| f.claim.as_str())
            .collect();
        let whole = claims.len() < hard.len();
        let how = match (cut, whole) {
            (Cut::Sentences, false) => {
                cut_sentences(&block.text, &claims).map(|text| (text, block.cites.clone()))
            }
            _ => None,
        };
        let what = hard.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("; ");
        let done = match how {
            Some((text, cites)) => {
                set(article, at, Some(Paragraph { text, cites }), labels);
                "the sentences holding it cut"
            }
            None if cut <= Cut::Rebuild => {
                // A part the article already holds elsewhere is not printed twice.
                let rebuilt = fallback(at, fallbacks).filter(|p| !holds(article, at, &p.text));
                let done = if rebuilt.is_some() || !matches!(at, At::Body(..)) {
                    "rebuilt from the sources"
                } else {
                    "left out"
                };
                set(article, at, rebuilt, labels);
                done
            }
            None => {
                set(article, at, None, labels);
                if at == At::Headline {
                    "rebuilt from the lede"
                } else {
                    "left out"
                }
            }
        };
        out.push(Finding {
            check: Check::Answer,
            kind: FindingKind::Degraded,
            severity: Severity::of(Check::Answer, FindingKind::Degraded),
            section: block.section.clone(),
            location: block.location.clone(),
            at: Some(at),
            claim: format!("{}: {done}", block.location),
            expected: format!("nothing its passages do not hold; it had: {what}"),
            attribution: None,
        });
    }
    out
}

/// Where a part comes in the article, for ordering.
fn order(at: At) -> (usize, usize, usize) {
    match at {
        At::Headline => (0, 0, 0),
        At::Deck => (1, 0, 0),
        At::Lede => (2, 0, 0),
        At::Body(i, j) => (3, i, j),
        At::Side(k, part) => (4, k, part as usize),
        At::Closing => (5, 0, 0),
        // Before its paragraphs, which may take the section with them.
        At::Subhead(i) => (3, i, usize::MAX),
    }
}

/// `text` without the sentences that hold any of `claims`; none when a claim
/// is in no sentence, or no sentence is left.
fn cut_sentences(text: &str, claims: &[&str]) -> Option<String> {
    let sentences = crate::lang::sentences::sentences(text);
    let holds = |s: &str| claims.iter().any(|c| s.contains(c));
    if claims.iter().any(|c| !sentences.iter().any(|s| s.contains(c))) {
        return None;
    }
    let kept: Vec<&str> = sentences.iter().map(|s| s.trim()).filter(|s| !holds(s)).collect();
    (!kept.is_empty()).then(|| kept.join(" "))
}

/// Whether `text` stands in another part of the article than `at`.
fn holds(a: &Article, at: At, text: &str) -> bool {
    let text = text.trim();
    let body = a.sections.iter().enumerate().any(|(i, s)| {
        s.paragraphs
            .iter()
            .enumerate()
            .any(|(j, p)| at != At::Body(i, j) && p.text.trim() == text)
    });
    let sides = a.perspectives.iter().any(|s| {
        [&s.position, &s.reasons, &s.implications]
            .iter()
            .any(|p| p.text.trim() == text)
    });
    body || sides || (at != At::Lede && a.lede.text.trim() == text)
}

/// A part as the sources alone give it (none: nothing to put there).
fn fallback(at: At, f: &Fallbacks) -> Option<Paragraph> {
    let para = |c: &Claim| {
        (!c.text.trim().is_empty()).then(|| Paragraph {
            text: c.text.clone(),
            cites: c.cites.clone(),
        })
    };
    let plain = |t: &str| {
        para(&Claim {
            text: t.to_string(),
            cites: vec![],
        })
    };
    match at {
        At::Headline => plain(&f.finish.headline),
        At::Deck => plain(&f.finish.deck),
        At::Lede => para(&f.opening.lede),
        // The offline draft's context section in the same place, if it has one.
        At::Body(i, j) => f
            .opening
            .sections
            .get(i)
            .and_then(|s| s.paragraphs.get(j))
            .and_then(para),
        At::Subhead(i) => f.opening.sections.get(i).and_then(|s| plain(&s.subhead)),
        At::Side(k, part) => f.sides.get(k).and_then(|s| match part {
            Part::Position => para(&s.position),
            Part::Reasons => para(&s.reasons),
            Part::Subhead => plain(&s.subhead),
            _ => para(&s.implications),
        }),
        At::Closing => para(&f.finish.closing),
    }
}

/// Put `p` at `at`; `None` leaves the part out (a side's position then says
/// it has none).
fn set(a: &mut Article, at: At, p: Option<Paragraph>, labels: &Labels) {
    let text = |p: &Option<Paragraph>| p.as_ref().map(|p| p.text.clone()).unwrap_or_default();
    match at {
        At::Headline => {
            a.headline = text(&p);
            if a.headline.trim().is_empty() {
                // An article keeps a headline: the lede's first sentence (parts
                // are replaced last to first, so the lede is already clean; the
                // checks read the headline again).
                a.headline = super::extractive::words(super::extractive::first_sentence(&a.lede.text), 14);
            }
        }
        At::Deck => a.deck = text(&p),
        At::Lede => {
            a.lede = p.unwrap_or(Paragraph {
                text: String::new(),
                cites: vec![],
            })
        }
        At::Body(i, j) => {
            if let Some(s) = a.sections.get_mut(i) {
                match p {
                    Some(p) => s.paragraphs[j] = p,
                    None => {
                        s.paragraphs.remove(j);
                    }
                }
            }
            a.sections.retain(|s| !s.paragraphs.is_empty());
        }
        At::Side(k, part) => {
            let Some(side) = a.perspectives.get_mut(k) else {
                return;
            };
            if part == Part::Subhead {
                side.subhead = text(&p);
                return;
            }
            let silent = match part {
                Part::Position => labels.no_position(&side.label),
                Part::Reasons => labels.no_reasons(&side.label),
                _ => labels.no_meaning(&side.label),
            };
            if part == Part::Position && p.is_none() {
                side.stated = false;
            }
            let p = p.unwrap_or(Paragraph {
                text: silent,
                cites: vec![],
            });
            match part {
                Part::Position => side.position = p,
                Part::Reasons => side.reasons = p,
                _ => side.implications = p,
            }
        }
        At::Closing => a.closing = p,
        At::Subhead(i) => {
            if let Some(s) = a.sections.get_mut(i) {
                // A section keeps a subhead: the offline draft's, or the first
                // words of its first paragraph.
                let first = s.paragraphs.first().map(|p| p.text.as_str()).unwrap_or_default();
                s.subhead = match p {
                    Some(p) => p.text,
                    None => super::extractive::words(super::extractive::first_sentence(first), 8),
                };
            }
        }
    }
}
