//! What to do with an answer that is still invalid after the repair round. Every
//! failure has a class and a fallback: optional parts (a pull quote, a subhead's
//! wording, the closing, reasons and implications) are dropped or replaced by the
//! sources-silent wording; citations of passages that do not exist are removed
//! (a paragraph left without one is flagged by the checks, not fatal); what is
//! still unusable is built from the sources instead. Each change is recorded.

use crate::ids::SideId;
use std::collections::BTreeSet;

use crate::lang::Labels;
use crate::source::PassageId;
use crate::stage::{Brief, Claim, Finish, Opening, PerspectiveDraft};

/// Drop citations of passages that do not exist; say what was dropped.
fn clean_cites(what: &str, c: &mut Claim, known: &BTreeSet<PassageId>, notes: &mut Vec<String>) {
    let before = c.cites.len();
    c.cites.retain(|id| known.contains(id));
    if c.cites.len() < before {
        notes.push(format!("{what}: citations of unknown passages removed"));
    }
}

/// Replace an optional part that is not usable by the sources-silent wording.
fn silence(what: &str, c: &mut Claim, silent: &str, notes: &mut Vec<String>) {
    if !c.text.trim().is_empty() && c.cites.is_empty() && c.text != silent {
        notes.push(format!("{what}: uncited text replaced by \"{silent}\""));
        c.text = silent.to_string();
    }
}

pub(crate) fn brief(b: &mut Brief, known: &BTreeSet<PassageId>, sides: &[SideId]) -> Vec<String> {
    let mut notes = Vec::new();
    for (i, f) in b.key_facts.iter_mut().enumerate() {
        clean_cites(&format!("key_facts[{i}]"), f, known, &mut notes);
    }
    b.perspectives.retain(|id, _| sides.contains(id));
    for id in sides {
        let p = b.perspectives.entry(id.clone()).or_default();
        let before = p.cites.len();
        p.cites.retain(|c| known.contains(c));
        if p.cites.len() < before {
            notes.push(format!(
                "perspectives.{id}: citations of unknown passages removed"
            ));
        }
        if p.stated && (p.cites.is_empty() || p.position.trim().is_empty()) {
            notes.push(format!(
                "perspectives.{id}: a position with no passage behind it is treated as not stated"
            ));
            p.stated = false;
        }
    }
    notes
}

pub(crate) fn opening(
    o: &mut Opening,
    known: &BTreeSet<PassageId>,
    labels: &Labels,
    quote_ok: bool,
) -> Vec<String> {
    let mut notes = Vec::new();
    if !quote_ok && !o.pull_quote.trim().is_empty() {
        notes.push(format!(
            "pull quote dropped: \"{}\" is not a quotation from the passages",
            crate::text::excerpt(&o.pull_quote, 80)
        ));
        o.pull_quote.clear();
    }
    clean_cites("the lede paragraph", &mut o.lede, known, &mut notes);
    for (i, s) in o.sections.iter_mut().enumerate() {
        if s.subhead.trim().is_empty() {
            s.subhead = labels.context_subheads[i % labels.context_subheads.len()].to_string();
            notes.push(format!(
                "sections[{i}].subhead: empty, replaced by \"{}\"",
                s.subhead
            ));
        }
        for (j, p) in s.paragraphs.iter_mut().enumerate() {
            clean_cites(&format!("sections[{i}].paragraphs[{j}]"), p, known, &mut notes);
        }
        s.paragraphs.retain(|p| !p.text.trim().is_empty());
    }
    o.sections.retain(|s| !s.paragraphs.is_empty());
    notes
}

pub(crate) fn perspective(
    p: &mut PerspectiveDraft,
    known: &BTreeSet<PassageId>,
    labels: &Labels,
    label: &str,
) -> Vec<String> {
    let mut notes = Vec::new();
    if p.subhead.trim().is_empty() {
        p.subhead = label.to_string();
        notes.push(format!("subhead: empty, replaced by \"{label}\""));
    }
    clean_cites("position", &mut p.position, known, &mut notes);
    clean_cites("reasons", &mut p.reasons, known, &mut notes);
    clean_cites("implications", &mut p.implications, known, &mut notes);
    silence(
        "reasons",
        &mut p.reasons,
        &labels.no_reasons_beyond(label),
        &mut notes,
    );
    silence(
        "implications",
        &mut p.implications,
        &labels.no_meaning(label),
        &mut notes,
    );
    notes
}

pub(crate) fn finish(f: &mut Finish, known: &BTreeSet<PassageId>) -> Vec<String> {
    let mut notes = Vec::new();
    clean_cites("closing", &mut f.closing, known, &mut notes);
    if !f.closing.text.trim().is_empty() && f.closing.cites.is_empty() {
        notes.push("closing: dropped, it cited no passage".into());
        f.closing.text.clear();
    }
    notes
}
