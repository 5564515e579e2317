//! Disputed terms: the persona's glossary says how each is named (both names at
//! first mention, each name attributed to its side, or the neutral name only), and
//! the article is held to it.

use super::{Check, Doc, Finding, Part, TermStatus};
use crate::article::integrity::FindingKind;
use crate::ids::SideId;
use crate::lang::sentences::sentences;
use crate::persona::Policy;
use crate::persona::{GlossaryEntry, Persona, TermName};
use crate::text::contains_word;

/// Whether `name` occurs in `sentence` outside quotation marks.
fn unquoted(sentence: &str, name: &str) -> bool {
    let mut depth = false;
    let mut plain = String::new();
    for c in sentence.chars() {
        match c {
            '“' | '”' | '"' => depth = c == '“' || (c == '"' && !depth),
            _ if !depth => plain.push(c),
            _ => plain.push(' '),
        }
    }
    contains_word(&plain, name)
}

pub(crate) fn check(doc: &Doc, persona: &Persona) -> (Vec<TermStatus>, Vec<Finding>) {
    let mut statuses = Vec::new();
    let mut findings = Vec::new();
    for entry in &persona.spec.glossary {
        let before = findings.len();
        let mentions = check_term(doc, persona, entry, &mut findings);
        statuses.push(TermStatus {
            term: entry.id.clone(),
            mentions,
            ok: findings.len() == before,
        });
    }
    (statuses, findings)
}

fn check_term(doc: &Doc, persona: &Persona, entry: &GlossaryEntry, findings: &mut Vec<Finding>) -> usize {
    let mut mentions = 0;
    let mut first_seen = false;
    for block in doc
        .blocks
        .iter()
        .filter(|b| !matches!(b.part, Part::Headline | Part::Deck | Part::Subhead))
    {
        for sentence in sentences(&block.text) {
            let named: Vec<&TermName> = entry
                .names
                .iter()
                .filter(|n| contains_word(sentence, &n.name))
                .collect();
            if named.is_empty() {
                continue;
            }
            mentions += named.len();
            let problems = match entry.policy {
                // The language the sentence is written in, whatever the persona's.
                Policy::FirstMentionBoth if !first_seen => {
                    first_mention(entry, sentence, crate::lang::script::script(sentence))
                }
                Policy::Attribute => unattributed(persona, &named, sentence),
                Policy::NeutralOnly => not_neutral(entry, &named, sentence),
                _ => Vec::new(),
            };
            findings.extend(
                problems
                    .into_iter()
                    .map(|(kind, claim, expected)| block.finding(Check::Glossary, kind, claim, expected)),
            );
            first_seen = true;
        }
    }
    mentions
}

type Problem = (FindingKind, String, String);

/// Whether `name` is written as `language` writes it: Hangul for Korean;
/// kana, or Han characters in their Japanese forms, for Japanese; simplified
/// Han characters for Chinese; Latin letters otherwise.
fn in_language(name: &str, language: crate::lang::script::Script) -> bool {
    use crate::lang::script::{han, hangul, kana};
    let simplified = || crate::lang::cjk::fold(name) == name;
    let hanzi = name.chars().any(han) && !name.chars().any(|c| kana(c) || hangul(c));
    use crate::lang::script::Script;
    match language {
        Script::Korean => name.chars().any(hangul),
        Script::Japanese => name.chars().any(kana) || (hanzi && !simplified()),
        Script::Chinese => hanzi && simplified(),
        Script::Latin => name.chars().all(|c| !han(c) && !kana(c) && !hangul(c)),
    }
}

/// At first mention, every side's name is given, in the article's language (a
/// Japanese article writes 尖閣諸島 and 釣魚島, not the English, Chinese and
/// Korean names as well). A side whose names the persona gives in no form of
/// that language may be named in any.
fn first_mention(
    entry: &GlossaryEntry,
    sentence: &str,
    language: crate::lang::script::Script,
) -> Vec<Problem> {
    let mut sides: Vec<&SideId> = entry.names.iter().flat_map(|n| &n.used_by).collect();
    sides.sort();
    sides.dedup();
    let names_of = |side: &SideId| -> Vec<&TermName> {
        let all: Vec<&TermName> = entry.names.iter().filter(|n| n.used_by.contains(side)).collect();
        let own: Vec<&TermName> = all
            .iter()
            .copied()
            .filter(|n| in_language(&n.name, language))
            .collect();
        if own.is_empty() { all } else { own }
    };
    let missing: Vec<&str> = sides
        .iter()
        .filter(|side| !names_of(side).iter().any(|n| contains_word(sentence, &n.name)))
        .flat_map(|side| names_of(side).into_iter().map(|n| n.name.as_str()))
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let all_names = entry
        .names
        .iter()
        .map(|n| n.name.as_str())
        .collect::<Vec<_>>()
        .join(" / ");
    let expected = format!(
        "first mention of {all_names} gives every side's name (missing: {})",
        missing.join(", ")
    );
    vec![(FindingKind::FirstMention, sentence.trim().to_string(), expected)]
}

/// A side's name is used only with that side named in the sentence.
fn unattributed(persona: &Persona, named: &[&TermName], sentence: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    for n in named.iter().filter(|n| !n.used_by.is_empty()) {
        // "Sea of Japan" does not attribute itself to Japan.
        let rest = sentence.replace(&n.name, " ");
        let sides = persona
            .spec
            .perspectives
            .iter()
            .filter(|p| n.used_by.contains(&p.id));
        let attributed = sides
            .clone()
            .any(|p| contains_word(&rest, &p.label) || p.keywords.iter().any(|k| contains_word(&rest, k)));
        if !attributed {
            let who = sides.map(|p| p.label.as_str()).collect::<Vec<_>>().join(", ");
            let expected = format!("attribute `{}` to {who}, who use it", n.name);
            out.push((FindingKind::Attribution, n.name.clone(), expected));
        }
    }
    out
}

/// Only the neutral name outside quotations.
fn not_neutral(entry: &GlossaryEntry, named: &[&TermName], sentence: &str) -> Vec<Problem> {
    let neutral: Vec<&str> = entry
        .names
        .iter()
        .filter(|x| x.used_by.is_empty())
        .map(|x| x.name.as_str())
        .collect();
    named
        .iter()
        .filter(|n| !n.used_by.is_empty() && unquoted(sentence, &n.name))
        .map(|n| {
            let expected = format!("use the neutral name ({}) outside quotations", neutral.join(", "));
            (FindingKind::NeutralName, n.name.clone(), expected)
        })
        .collect()
}

#[cfg(test)]
mod tests;
