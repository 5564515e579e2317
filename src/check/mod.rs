//! Editorial integrity, checked by code rather than trusted to the model: every
//! claim against the passages it cites (`grounding`), each perspective's presence
//! and share (`balance`), and the persona's disputed terms (`glossary`). Works on
//! our own articles and on any Markdown article (`markdown`).

pub(crate) mod attribution;
pub(crate) mod balance;
pub(crate) mod claims;
mod echo;
mod exchange;
mod framing;
pub(crate) mod glossary;
pub(crate) mod grounding;
mod hedge;
pub(crate) mod markdown;
mod names;
mod paragraphs;
pub(crate) mod parity;
mod readings;
mod stance;
mod support;
mod translation;
mod units;
mod words;

pub(crate) use crate::article::integrity::{Check, Finding, Report, Share, TermStatus};
use crate::article::integrity::{FindingKind, Severity};
use crate::article::place::{At, Part};
use crate::article::{Article, Paragraph};
use crate::ids::SideId;
use crate::persona::Persona;
use crate::source::PassageId;
use crate::source::{Passage, Source};
use crate::stage::Section;

/// One paragraph (or title) of an article under check.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Block {
    /// The revisable unit it belongs to.
    pub(crate) section: Section,
    pub(crate) perspective: Option<SideId>,
    pub(crate) part: Part,
    /// Human-readable place, e.g. `perspective south-korea, stated position`.
    pub(crate) location: String,
    pub(crate) text: String,
    pub(crate) cites: Vec<PassageId>,
    /// Other sides the block's section covers, when its heading names several.
    pub(crate) also: Vec<SideId>,
    /// Where it sits in one of our own articles (none for an article read from Markdown).
    pub(crate) at: Option<At>,
}

impl Block {
    /// A finding about this block (no attribution).
    pub(crate) fn finding(
        &self,
        check: Check,
        kind: FindingKind,
        claim: String,
        expected: String,
    ) -> Finding {
        Finding {
            check,
            kind,
            severity: Severity::of(check, kind),
            section: self.section.clone(),
            location: self.location.clone(),
            at: self.at,
            claim,
            expected,
            attribution: None,
        }
    }
}

/// A perspective section as found in the article.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Side {
    pub(crate) id: SideId,
    /// False when the section says the sources give no position.
    pub(crate) stated: bool,
    /// The section covers several sides ("Japan and South Korea"); its share of
    /// words is not measured against single sides.
    pub(crate) shared: bool,
}

/// An article reduced to what the checks read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Doc {
    pub(crate) blocks: Vec<Block>,
    pub(crate) sides: Vec<Side>,
    /// The article labels its perspective parts ("Stated position", …), as
    /// parallax's own articles do; only then is every part required.
    pub(crate) labelled: bool,
}

impl Doc {
    /// Whether any block carries passage ids.
    pub(crate) fn has_cites(&self) -> bool {
        self.blocks.iter().any(|b| !b.cites.is_empty())
    }

    /// The doc of one of our own articles.
    pub(crate) fn from_article(a: &Article) -> Doc {
        let plain = |t: &str| Paragraph {
            text: t.to_string(),
            cites: vec![],
        };
        let (finish, lede) = (Section::Finish, Section::Lede);
        let mut parts: Vec<(Section, Option<&str>, At, String, Paragraph)> = vec![
            (
                finish.clone(),
                None,
                At::Headline,
                "headline".into(),
                plain(&a.headline),
            ),
            (finish.clone(), None, At::Deck, "deck".into(), plain(&a.deck)),
            (lede.clone(), None, At::Lede, "lede".into(), a.lede.clone()),
        ];
        for (i, s) in a.sections.iter().enumerate() {
            let location = format!("section {} subhead", i + 1);
            parts.push((lede.clone(), None, At::Subhead(i), location, plain(&s.subhead)));
            for (j, p) in s.paragraphs.iter().enumerate() {
                let location = format!("section {} \"{}\", paragraph {}", i + 1, s.subhead, j + 1);
                parts.push((lede.clone(), None, At::Body(i, j), location, p.clone()));
            }
        }
        for (k, p) in a.perspectives.iter().enumerate() {
            let section = Section::Perspective(p.id.clone());
            for (part, para) in [
                (Part::Subhead, plain(&p.subhead)),
                (Part::Position, p.position.clone()),
                (Part::Reasons, p.reasons.clone()),
                (Part::Implications, p.implications.clone()),
            ] {
                let location = format!("perspective {}, {}", p.id, part.label());
                parts.push((section.clone(), Some(&p.id), At::Side(k, part), location, para));
            }
        }
        if let Some(c) = &a.closing {
            parts.push((finish, None, At::Closing, "closing".into(), c.clone()));
        }
        let blocks = parts
            .into_iter()
            .filter(|(.., p)| !p.text.trim().is_empty())
            .map(|(section, perspective, at, location, p)| Block {
                section,
                perspective: perspective.map(SideId::from),
                part: at.part(),
                location,
                text: p.text,
                cites: p.cites,
                also: Vec::new(),
                at: Some(at),
            })
            .collect();
        let sides = a
            .perspectives
            .iter()
            .map(|p| Side {
                id: p.id.clone(),
                stated: p.stated,
                shared: false,
            })
            .collect();
        Doc {
            blocks,
            sides,
            labelled: true,
        }
    }
}

/// The sources an article is checked against.
pub(crate) struct Corpus<'a> {
    pub(crate) passages: Vec<&'a Passage>,
    found: Vec<Vec<claims::Found>>,
    folded: Vec<String>,
    /// The claims of the sources' own titles: a headline may state what a
    /// source's headline states.
    title_found: Vec<claims::Found>,
    /// The sources' titles, folded for quotation look-ups.
    title_folded: String,
    /// All source text plus the persona's names, for entity look-ups.
    pub(crate) names_text: String,
    /// `names_text` with Japanese and traditional characters folded to simplified.
    folded_names: String,
    /// Names of the persona's actors that the sources name in no script.
    unattested: Vec<String>,
    /// The words the prompts asked with and the sources' own, for the echo
    /// check: built the first time an article is checked, kept for its revisions.
    prompted: std::sync::OnceLock<echo::Prompted>,
    /// The sources' statements indexed for the attribution and framing checks:
    /// built the first time an article is checked, kept for its revisions.
    said: std::sync::OnceLock<attribution::Sources<'a>>,
    /// The passages each set of citations rests on, indexed: built the first
    /// time a block cites that set, kept for the article's revisions.
    pools: grounding::Pools<'a>,
    /// How the names of `names_text` written by their sound may sound: built
    /// the first time a block names someone in katakana or Hangul.
    name_sounds: std::sync::OnceLock<std::collections::HashSet<String>>,
}

impl<'a> Corpus<'a> {
    pub(crate) fn new(sources: &'a [Source], persona: &Persona) -> Self {
        let passages: Vec<&Passage> = sources.iter().flat_map(|s| &s.passages).collect();
        // What each passage holds, its relative days ("on Tuesday") dated by
        // its source's day of publication.
        let found = sources
            .iter()
            .flat_map(|s| {
                let day = s.meta.published.map(|p| p.day());
                s.passages.iter().map(move |p| {
                    let mut held = support::held(&p.text);
                    held.extend(day.map(|d| support::dated(&p.text, d)).unwrap_or_default());
                    held
                })
            })
            .collect();
        let folded = passages.iter().map(|p| crate::text::fold(&p.text)).collect();
        let titles: Vec<&str> = sources.iter().filter_map(|s| s.meta.title.as_deref()).collect();
        let title_found = titles.iter().flat_map(|t| support::held(t)).collect();
        let title_folded = titles
            .iter()
            .map(|t| crate::text::fold(t))
            .collect::<Vec<_>>()
            .join("\n");
        let mut names = vec![persona.spec.name.clone(), persona.spec.beat.clone()];
        for s in sources {
            names.extend(s.meta.title.clone());
            names.extend(s.meta.publisher.clone());
        }
        for p in &persona.spec.perspectives {
            names.push(p.label.clone());
            names.extend(p.keywords.iter().cloned());
        }
        for g in &persona.spec.glossary {
            names.extend(g.names.iter().map(|n| n.name.clone()));
        }
        names.extend(passages.iter().map(|p| p.text.clone()));
        // An actor named in the sources in any script is known by all its names.
        let mut names_text = names.join("\n");
        let mut folded_names = crate::lang::cjk::fold(&names_text).into_owned();
        let mut unattested = Vec::new();
        for group in persona.spec.perspectives.iter().flat_map(|p| &p.aliases) {
            let named = group
                .iter()
                .any(|n| crate::text::contains_word(&folded_names, &crate::lang::cjk::fold(n)));
            if !named {
                unattested.extend(group.iter().cloned());
                continue;
            }
            for n in group {
                names_text.push('\n');
                names_text.push_str(n);
                folded_names.push('\n');
                folded_names.push_str(&crate::lang::cjk::fold(n));
            }
        }
        Self {
            passages,
            found,
            folded,
            title_found,
            title_folded,
            folded_names,
            names_text,
            unattested,
            prompted: std::sync::OnceLock::new(),
            said: std::sync::OnceLock::new(),
            pools: grounding::Pools::default(),
            name_sounds: std::sync::OnceLock::new(),
        }
    }

    /// Every passage and every source title, one per line.
    fn all_text(&self) -> String {
        let mut text: Vec<&str> = self.passages.iter().map(|p| p.text.as_str()).collect();
        text.push(&self.title_folded);
        text.join("\n")
    }

    /// The ids among `cites` that name a passage.
    fn known(&self, cites: &[PassageId]) -> Vec<PassageId> {
        cites
            .iter()
            .filter(|c| self.passages.iter().any(|p| &p.id == *c))
            .cloned()
            .collect()
    }

    /// Indexes of the passages with these ids (all passages when `ids` is empty).
    fn select(&self, ids: &[PassageId]) -> Vec<usize> {
        if ids.is_empty() {
            return (0..self.passages.len()).collect();
        }
        (0..self.passages.len())
            .filter(|&i| ids.contains(&self.passages[i].id))
            .collect()
    }
}

/// Every quotation of `doc`, with the original of each one that translates
/// its cited passages.
pub(crate) fn quotations(doc: &Doc, corpus: &Corpus<'_>) -> Vec<crate::article::Quotation> {
    translation::quotations(doc, corpus)
}

/// Run every check on `doc`.
pub(crate) fn run(doc: &Doc, corpus: &Corpus<'_>, persona: &Persona) -> Report {
    let (mut findings, unverified) = grounding::check(doc, corpus);
    // The sources' statements, indexed once for both checks that read them.
    let said = corpus
        .said
        .get_or_init(|| attribution::Sources::new(&corpus.passages, &corpus.title_folded));
    findings.append(&mut attribution::check_with(doc, said, persona));
    findings.append(&mut framing::check(doc, said, persona));
    let prompted = corpus
        .prompted
        .get_or_init(|| echo::Prompted::new(corpus, persona));
    findings.append(&mut echo::check(doc, prompted));
    let (shares, mut more) = balance::check(doc, corpus, persona);
    findings.append(&mut more);
    let (terms, mut more) = glossary::check(doc, persona);
    findings.append(&mut more);
    Report {
        findings,
        balance: shares,
        glossary: terms,
        revised: Vec::new(),
        unverified,
    }
}
