//! Editorial integrity, checked by code rather than trusted to the model: every
//! claim against the passages it cites (`grounding`), each perspective's presence
//! and share (`balance`), and the persona's disputed terms (`glossary`). Works on
//! our own articles and on any Markdown article (`markdown`).

pub mod balance;
pub mod claims;
pub mod glossary;
pub mod grounding;
pub mod markdown;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::article::{Article, Paragraph};
use crate::persona::Persona;
use crate::source::{Passage, Source};

/// What a block of text is, for grouping findings and revising.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    Headline,
    Deck,
    Lede,
    Body,
    Position,
    Reasons,
    Implications,
    Closing,
}

impl Part {
    pub fn label(&self) -> &'static str {
        match self {
            Part::Headline => "headline",
            Part::Deck => "deck",
            Part::Lede => "lede",
            Part::Body => "paragraph",
            Part::Position => "stated position",
            Part::Reasons => "reasons and interests",
            Part::Implications => "what it means",
            Part::Closing => "closing",
        }
    }
}

/// One paragraph (or title) of an article under check.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The revisable unit it belongs to: `lede`, `perspective:ID` or `finish`.
    pub section: String,
    pub perspective: Option<String>,
    pub part: Part,
    /// Human-readable place, e.g. `perspective south-korea, stated position`.
    pub location: String,
    pub text: String,
    pub cites: Vec<String>,
}

/// A perspective section as found in the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub id: String,
    /// False when the section says the sources give no position.
    pub stated: bool,
}

/// An article reduced to what the checks read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub blocks: Vec<Block>,
    pub sides: Vec<Side>,
}

impl Doc {
    /// Whether any block carries passage ids.
    pub fn has_cites(&self) -> bool {
        self.blocks.iter().any(|b| !b.cites.is_empty())
    }

    /// The doc of one of our own articles.
    pub fn from_article(a: &Article) -> Doc {
        let mut blocks = Vec::new();
        let mut push =
            |section: &str, perspective: Option<&str>, part: Part, location: String, p: &Paragraph| {
                if !p.text.trim().is_empty() {
                    blocks.push(Block {
                        section: section.into(),
                        perspective: perspective.map(str::to_string),
                        part,
                        location,
                        text: p.text.clone(),
                        cites: p.cites.clone(),
                    });
                }
            };
        let plain = |t: &str| Paragraph {
            text: t.to_string(),
            cites: vec![],
        };
        push(
            "finish",
            None,
            Part::Headline,
            "headline".into(),
            &plain(&a.headline),
        );
        push("finish", None, Part::Deck, "deck".into(), &plain(&a.deck));
        push("lede", None, Part::Lede, "lede".into(), &a.lede);
        for (i, s) in a.sections.iter().enumerate() {
            for (j, p) in s.paragraphs.iter().enumerate() {
                push(
                    "lede",
                    None,
                    Part::Body,
                    format!("section {} \"{}\", paragraph {}", i + 1, s.subhead, j + 1),
                    p,
                );
            }
        }
        let mut sides = Vec::new();
        for p in &a.perspectives {
            sides.push(Side {
                id: p.id.clone(),
                stated: p.stated,
            });
            let section = format!("perspective:{}", p.id);
            for (part, para) in [
                (Part::Position, &p.position),
                (Part::Reasons, &p.reasons),
                (Part::Implications, &p.implications),
            ] {
                push(
                    &section,
                    Some(&p.id),
                    part,
                    format!("perspective {}, {}", p.id, part.label()),
                    para,
                );
            }
        }
        if let Some(c) = &a.closing {
            push("finish", None, Part::Closing, "closing".into(), c);
        }
        Doc { blocks, sides }
    }
}

/// Which check found something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    Grounding,
    Balance,
    Glossary,
    Language,
}

/// One problem, with where it is, what was claimed and what was expected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    pub check: Check,
    /// e.g. `number`, `date`, `quote`, `entity`, `citation`, `missing-perspective`,
    /// `lopsided`, `missing-part`, `invented-position`, `first-mention`, `attribution`,
    /// `neutral-name`, `loaded-language`.
    pub kind: String,
    pub section: String,
    pub location: String,
    pub claim: String,
    pub expected: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} `{}`: {}",
            self.location, self.kind, self.claim, self.expected
        )
    }
}

/// A perspective's share of the perspective sections' words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Share {
    pub perspective: String,
    pub words: usize,
    pub share: f64,
    pub stated: bool,
}

/// How one disputed term was handled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TermStatus {
    pub term: String,
    pub mentions: usize,
    pub ok: bool,
}

/// Everything the checks found about one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub balance: Vec<Share>,
    pub glossary: Vec<TermStatus>,
    /// Sections sent back to the model with their findings.
    #[serde(default)]
    pub revised: Vec<String>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.findings.is_empty()
    }
}

/// The sources an article is checked against.
pub struct Corpus<'a> {
    pub passages: Vec<&'a Passage>,
    found: Vec<Vec<claims::Found>>,
    folded: Vec<String>,
    /// All source text plus the persona's names, for entity look-ups.
    pub names_text: String,
}

impl<'a> Corpus<'a> {
    pub fn new(sources: &'a [Source], persona: &Persona) -> Self {
        let passages: Vec<&Passage> = sources.iter().flat_map(|s| &s.passages).collect();
        let found = passages.iter().map(|p| claims::extract(&p.text)).collect();
        let folded = passages.iter().map(|p| claims::fold_quote(&p.text)).collect();
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
        Self {
            passages,
            found,
            folded,
            names_text: names.join("\n"),
        }
    }

    /// Indexes of the passages with these ids (all passages when `ids` is empty).
    fn select(&self, ids: &[String]) -> Vec<usize> {
        if ids.is_empty() {
            return (0..self.passages.len()).collect();
        }
        (0..self.passages.len())
            .filter(|&i| ids.contains(&self.passages[i].id))
            .collect()
    }
}

/// Run every check on `doc`.
pub fn run(doc: &Doc, corpus: &Corpus<'_>, persona: &Persona) -> Report {
    let mut findings = grounding::check(doc, corpus);
    let (shares, mut more) = balance::check(doc, corpus, persona);
    findings.append(&mut more);
    let (terms, mut more) = glossary::check(doc, persona);
    findings.append(&mut more);
    Report {
        findings,
        balance: shares,
        glossary: terms,
        revised: Vec::new(),
    }
}
