//! Turning the stages' answers into the typed article.

use crate::ids::SideId;
use std::collections::BTreeMap;

use super::Job;
use crate::article::{
    Article, Byline, CallRecord, Metadata, Paragraph, PerspectiveSection, Section, SourceRef,
};
use crate::config::ProviderKind;
use crate::lang::labels::{self, Labels};
use crate::llm::Usage;
use crate::persona::Perspective;
use crate::stage::Stage;
use crate::stage::{Brief, Claim, Finish, Opening, PerspectiveDraft};

/// Every answer an article is made from; revisions replace parts of it.
#[derive(Debug, Clone)]
pub(crate) struct Drafts {
    pub(crate) brief: Brief,
    pub(crate) opening: Opening,
    /// By perspective id; sides with no stated position have none.
    pub(crate) perspectives: BTreeMap<SideId, PerspectiveDraft>,
    pub(crate) finish: Finish,
}

fn para(c: &Claim) -> Paragraph {
    Paragraph {
        text: c.text.trim().to_string(),
        cites: c.cites.clone(),
    }
}

/// An empty optional part says that the sources are silent.
fn or_silent(p: Paragraph, silent: &str) -> Paragraph {
    if p.text.is_empty() {
        Paragraph {
            text: silent.to_string(),
            cites: Vec::new(),
        }
    } else {
        p
    }
}

/// The perspective sections in the persona's order; a side without a draft is
/// shown as having no stated position, never invented.
pub(crate) fn perspective_sections(
    perspectives: &[Perspective],
    drafts: &BTreeMap<SideId, PerspectiveDraft>,
    labels: &Labels,
) -> Vec<PerspectiveSection> {
    perspectives
        .iter()
        .map(|p| match drafts.get(&p.id) {
            Some(d) => PerspectiveSection {
                id: p.id.clone(),
                label: p.label.clone(),
                subhead: d.subhead.trim().to_string(),
                stated: true,
                position: para(&d.position),
                reasons: or_silent(para(&d.reasons), &labels.no_reasons_beyond(&p.label)),
                implications: or_silent(para(&d.implications), &labels.no_meaning(&p.label)),
            },
            None => {
                let none = |text: String| Paragraph { text, cites: vec![] };
                PerspectiveSection {
                    id: p.id.clone(),
                    label: p.label.clone(),
                    subhead: p.label.clone(),
                    stated: false,
                    position: none(labels.no_position(&p.label)),
                    reasons: none(labels.no_reasons(&p.label)),
                    implications: none(labels.no_meaning(&p.label)),
                }
            }
        })
        .collect()
}

/// Reasons, or what it means, left out for every side when no side's sources
/// give any: one notice repeated under every side says nothing, and the
/// sections keep one structure.
fn without_silent_parts(mut sections: Vec<PerspectiveSection>) -> Vec<PerspectiveSection> {
    type Get = fn(&mut PerspectiveSection) -> &mut Paragraph;
    let parts: [Get; 2] = [|s| &mut s.reasons, |s| &mut s.implications];
    for part in parts {
        if sections.len() > 1 && sections.iter_mut().all(|s| part(s).cites.is_empty()) {
            for s in &mut sections {
                part(s).text.clear();
            }
        }
    }
    sections
}

/// The models that answered, in call order, without repeats: `a, b`.
fn distinct_models(calls: &[CallRecord]) -> Option<crate::llm::Model> {
    let mut seen: Vec<&str> = Vec::new();
    for c in calls {
        if !seen.contains(&&*c.model) {
            seen.push(&c.model);
        }
    }
    (!seen.is_empty()).then(|| crate::llm::Model::reported(seen.join(", ")))
}

/// A source as the article lists it. A gathered item (it carries a licence)
/// quoted in an article in another language is marked as used in
/// translation, as the licences that allow translation ask.
fn source_ref(s: &crate::source::Source, language: &crate::ids::Lang) -> SourceRef {
    let primary = |l: &str| l.split('-').next().unwrap_or(l).to_string();
    let translated = s.meta.licence.is_some()
        && s.meta
            .language
            .as_ref()
            .is_some_and(|l| primary(l) != primary(language));
    let mut provenance = s.meta.provenance.clone();
    if translated {
        provenance.push(
            crate::lang::labels::for_language(language)
                .translated_use
                .to_string(),
        );
    }
    SourceRef {
        index: s.index,
        title: s
            .meta
            .title
            .clone()
            .unwrap_or_else(|| format!("Source {}", s.index)),
        publisher: s.meta.publisher.clone(),
        published: s.meta.published,
        url: s.meta.url.clone(),
        fetched: s.meta.fetched,
        origin: s.origin.clone(),
        passages: s.passages.iter().map(|p| p.id.clone()).collect(),
        licence: s.meta.licence.clone(),
        provenance,
    }
}

pub(crate) fn assemble(job: &Job<'_>, d: &Drafts, calls: &[CallRecord], elapsed_ms: u64) -> Article {
    let persona = &job.persona.spec;
    let o = job.options;
    let mut usage = Usage::default();
    let mut cost = Some(0.0);
    for c in calls {
        usage += c.usage;
        cost = cost.zip(c.cost_usd).map(|(a, b)| a + b);
    }
    let extractive = o.kind == ProviderKind::Extractive;
    let labels = labels::for_language(&persona.language);
    let mut notes = Vec::new();
    if extractive {
        notes.push(labels.extractive_note.into());
    }
    let closing = Some(para(&d.finish.closing)).filter(|c| !c.text.is_empty());
    let pull_quote = Some(d.opening.pull_quote.trim().to_string()).filter(|q| !q.is_empty());
    Article {
        headline: d.finish.headline.trim().to_string(),
        deck: d.finish.deck.trim().to_string(),
        lede: para(&d.opening.lede),
        pull_quote,
        sections: d
            .opening
            .sections
            .iter()
            .map(|s| Section {
                subhead: s.subhead.trim().to_string(),
                paragraphs: s.paragraphs.iter().map(para).collect(),
            })
            .collect(),
        perspectives: without_silent_parts(perspective_sections(
            &persona.perspectives,
            &d.perspectives,
            labels,
        )),
        closing,
        byline: Byline {
            persona: persona.id.clone(),
            name: persona.name.clone(),
            beat: persona.beat.clone(),
            bio: persona.bio.clone(),
        },
        sources: job
            .sources
            .iter()
            .map(|s| source_ref(s, &persona.language))
            .collect(),
        related: Vec::new(),
        quotations: Vec::new(),
        meta: Metadata {
            persona: persona.id.clone(),
            provider: o.provider.clone(),
            model: distinct_models(calls).unwrap_or_else(|| o.model_for(&Stage::Opening)),
            extractive,
            date: o.date,
            language: persona.language.clone(),
            generator: concat!("parallax ", env!("CARGO_PKG_VERSION")).into(),
            usage,
            cost_usd: cost,
            calls: calls.to_vec(),
            elapsed_ms,
            notes,
            editions: Vec::new(),
            integrity: None,
        },
    }
}
