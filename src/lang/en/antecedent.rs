//! Who a pronoun may refer back to when no earlier speaker will do: the names
//! the text gave before it, the nearest last, and the name the sentence before
//! it opened on.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

/// Capitalised words that open a sentence or name no one.
const NOT: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "In",
    "On",
    "At",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "There",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "If",
    "So",
    "American",
    "Americans",
    "Then",
    "Now",
    "Still",
    "Yet",
    "Also",
    "However",
    "Meanwhile",
    "For",
    "With",
    "Without",
    "Over",
    "Under",
    "Since",
    "Although",
    "Though",
    "Because",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "Your",
    "Some",
    "Many",
    "Most",
    "Other",
    "One",
    "Two",
    "Last",
    "Next",
    "New",
    "Former",
    "Every",
    "No",
    "Not",
    "All",
    "Even",
    "Only",
    "Just",
    "To",
    "Of",
    "By",
    "From",
    "Asked",
];

/// Verbs that follow a subject and begin its predicate ("Trump is thanking").
const FINITE: &[&str] = &[
    "is", "was", "has", "had", "will", "would", "can", "could", "did", "does", "should", "may", "might",
    "must",
];

/// Titles that open a person's name.
const TITLES: &[&str] = &["Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "President"];

/// Leads that set a subordinate clause off before the subject ("Despite
/// efforts to stop him, Trump says …").
const SUBORDINATE: &[&str] = &[
    "Despite", "Although", "Though", "Because", "While", "When", "Amid", "If", "With", "After", "Before",
    "During", "Since",
];

/// The person a sentence opens on, when it opens on a name ("Trump was
/// defending …", "On Friday, Mrs. Clinton told …"), not on a pronoun, a
/// description or a group.
fn named_subject(sentence: &str) -> Option<String> {
    // An age set off after the name ("Ramos, 58, is …") is no part of it.
    static AGE: LazyLock<Regex> = LazyLock::new(|| re(r", (?:aged )?\d{1,3},"));
    let sentence = &*AGE.replace(sentence, "");
    let sentence = match sentence.split_once(", ") {
        Some((lead, rest))
            if lead
                .split_whitespace()
                .next()
                .is_some_and(|w| SUBORDINATE.contains(&w)) =>
        {
            rest
        }
        _ => sentence,
    };
    if reports_at_end(sentence) {
        return None;
    }
    let subject = super::speaker::lead_subject(sentence).or_else(|| before_present(sentence))?;
    name_of(subject.split_whitespace().collect())
}

/// A name right before a verb in the present ("Mr. Trump tries …"), or
/// before "is" or "has" when it has two words or a title ("Donald Trump is
/// thanking …"), not a country ("Germany is …").
fn before_present(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let run = words
        .iter()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let verb = words.get(run)?;
    let present = verb.len() > 2 && verb.ends_with('s') && verb.chars().all(|c| c.is_ascii_lowercase());
    let person = run > 1 || words.first().is_some_and(|w| TITLES.contains(w));
    (run > 0 && (present || FINITE.contains(verb) && person)).then(|| words[..run].join(" "))
}

/// Whether a sentence reports someone's words at its end ("Cruz electrified
/// the crowds, Stovall said."): its subject is what was said, not a speaker.
fn reports_at_end(sentence: &str) -> bool {
    static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r",\s+(?:(?:[A-Z][\w.'’-]*|the|a|an)\s+){0,5}(?:said|says|added|told|explained|noted|wrote)\b|,\s+(?:said|says|added|told|explained|noted|wrote)\s+\S",
        )
    });
    let mut tail = sentence.len().saturating_sub(120);
    while !sentence.is_char_boundary(tail) {
        tail += 1;
    }
    REPORTED.is_match(&sentence[tail..])
}

/// The name a sentence's subject gives, without what stands around it: a
/// time after it ("Cruz on Friday"), an adverb or an auxiliary ("Obama
/// passionately", "Canova has repeatedly"), a description before it
/// ("Democratic front-runner Hillary Clinton"). None when what is left is no
/// person's name.
fn name_of(mut words: Vec<&str>) -> Option<String> {
    if let Some(i) = words.iter().position(|w| matches!(*w, "on" | "last" | "this"))
        && i > 0
        && i + 1 < words.len()
        && words[i + 1..]
            .iter()
            .all(|w| super::lexicon::CALENDAR_NAMES.contains(w) || *w == "night")
    {
        words.truncate(i);
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| super::setoff::is_adverb(w) || super::lexicon::AUXILIARIES.contains(w))
    {
        words.pop();
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let tail = words.iter().rev().take_while(|w| capital(w)).count();
    if tail >= 2 && tail < words.len() && words[words.len() - tail - 1].ends_with(char::is_lowercase) {
        words.drain(..words.len() - tail);
    }
    let subject = words.join(" ");
    let named = !words.is_empty()
        && words.len() <= 5
        && words
            .iter()
            .all(|w| capital(w) || matches!(*w, "of" | "de" | "van"))
        && !NOT.contains(&words[0])
        && !super::places::is_place(&subject);
    named.then_some(subject)
}

/// Whether `text` opens on `pronoun`, alone or after "and", "but" or "then"
/// ("And he's predicted …").
fn opens_on(text: &str, pronoun: &str) -> bool {
    let opening: Vec<String> = text
        .split_whitespace()
        .take(2)
        .map(|w| {
            let w = w.split(['\'', '’']).next().unwrap_or_default();
            w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
        })
        .collect();
    opening.first().is_some_and(|w| w == pronoun)
        || (matches!(opening.first().map(String::as_str), Some("and" | "but" | "then"))
            && opening.get(1).is_some_and(|w| w == pronoun))
}

/// The nearest person `before` names: the last run of capitalised words that
/// is not a sentence's opening word alone, a weekday or a month.
pub(crate) fn named_before(before: &str) -> Option<String> {
    static NAME: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?:^|[^\w.])((?:Mr\.|Mrs\.|Ms\.|Dr\.)?\s?[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)"));

    NAME.captures_iter(before)
        .filter_map(|c| c.get(1))
        // A word set off alone ("Enraged, definitely.") or cut from a
        // contraction ("Don't"): no name.
        .filter(|m| {
            let word = m.as_str().trim();
            let after = &before[m.end()..];
            let contraction = after
                .strip_prefix(['\'', '’'])
                .is_some_and(|a| a.starts_with(['t', 'l', 'v', 'r', 'd']));
            (!contraction || word.contains(' '))
                && !(after.starts_with(',')
                    && !word.contains(' ')
                    && word.len() > 5
                    && (word.ends_with("ed") || word.ends_with("ly")))
        })
        // A run's opening words that are no name ("On Monday", "The Trumps").
        .map(|m| {
            m.as_str()
                .split_whitespace()
                .skip_while(|w| NOT.contains(w) || super::lexicon::CALENDAR_NAMES.contains(w))
                .filter(|w| !NOT.contains(w))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|n| !n.is_empty() && !super::lexicon::CALENDAR_NAMES.contains(&n.as_str()))
        // A word alone that the text also writes in lower case is a common
        // word ("Sometimes", "Things"), not a name.
        .filter(|n| {
            let lower = n.to_lowercase();
            n.contains(' ') || !before.split(|c: char| !c.is_alphanumeric()).any(|w| w == lower)
        })
        .filter(|n| !super::places::is_place(n))
        .last()
}

/// The name the statement's own sentence opens on before its pronoun
/// ("Trump was talking about … when he told"): `sentence` runs up to the
/// pronoun.
pub(crate) fn subject_within(sentence: &str) -> Option<String> {
    // Only a pronoun that opens a clause joined to the subject's own ("…
    // when he told", "… and she said"), not one inside what was said.
    let last = sentence.split_whitespace().next_back()?;
    matches!(
        last,
        "when" | "as" | "after" | "before" | "while" | "because" | "and" | "but" | "until"
    )
    .then(|| named_subject(sentence))
    .flatten()
}

/// The name the sentence before a statement opens on, if it opens on one: the
/// last sentence of `passage` (the passage up to the statement), or at a
/// passage's start, of `before` (the story's earlier passages). "He" or "she"
/// right after it continues that name.
pub(crate) fn subject_before(pronoun: &str, before: &str, passage: &str) -> Option<String> {
    // The tail of the story's earlier passages, then the passage up to the
    // statement.
    let mut start = before.len().saturating_sub(1200);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    let text = format!("{}\n\n{passage}", &before[start..]);
    // A line break ends a sentence too (a dateline, "10:25 p.m.").
    let sentences = text
        .lines()
        .rev()
        .flat_map(|l| crate::lang::sentences::sentences(l).into_iter().rev());
    // Sentences that open on the same pronoun ("And he's predicted …")
    // continue the name before them.
    let same = pronoun.trim().to_lowercase();
    for sentence in sentences.filter(|s| !s.trim().is_empty()).take(4) {
        if let Some(name) = named_subject(sentence) {
            return Some(name);
        }
        // What a short phrase sets off before the pronoun ("In a later
        // interview, she …") does not break the chain.
        let after_lead = match sentence.split_once(", ") {
            Some((lead, rest)) if lead.split_whitespace().count() <= 8 => Some(rest),
            _ => None,
        };
        let continues = opens_on(sentence, &same) || after_lead.is_some_and(|rest| opens_on(rest, &same));
        if !continues {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_named_person_before_a_pronoun() {
        assert_eq!(
            named_before("The Trumps arrived late. Melanie waved to the crowd. Then"),
            Some("Melanie".into())
        );
        assert_eq!(named_before("On Monday, the crowd waited. "), None);
        // A word set off alone at a sentence's head is no name.
        assert_eq!(
            named_before("Melanie was anxious, sure. Enraged, definitely. "),
            Some("Melanie".into())
        );
        assert_eq!(
            named_before("Melanie begged him. \"Don't you do it,\" "),
            Some("Melanie".into())
        );
    }

    #[test]
    fn a_sentence_opening_on_a_name_and_an_age() {
        assert_eq!(
            subject_before("he", "", "Ramos, 58, is a journalist. "),
            Some("Ramos".into())
        );
    }
}
