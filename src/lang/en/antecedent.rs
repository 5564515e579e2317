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

/// The person a sentence opens on, when it opens on a name ("Trump was
/// defending …", "On Friday, Mrs. Clinton told …"), not on a pronoun, a
/// description or a group.
fn named_subject(sentence: &str) -> Option<String> {
    // A name right before a verb in the present ("Mr. Trump tries …") too.
    let present = || {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let run = words
            .iter()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        let verb = words.get(run)?;
        (run > 0 && verb.len() > 2 && verb.ends_with('s') && verb.chars().all(|c| c.is_ascii_lowercase()))
            .then(|| words[..run].join(" "))
    };
    // An age set off after the name ("Ramos, 58, is …") is no part of it.
    static AGE: LazyLock<Regex> = LazyLock::new(|| re(r", (?:aged )?\d{1,3},"));
    let sentence = &*AGE.replace(sentence, "");
    let subject = super::speaker::lead_subject(sentence).or_else(present)?;
    let words: Vec<&str> = subject.split_whitespace().collect();
    let named = !words.is_empty()
        && words.len() <= 5
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || matches!(*w, "of" | "de" | "van"))
        && !NOT.contains(&words[0]);
    named.then_some(subject)
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
        .last()
}

/// The name the sentence before a statement opens on, if it opens on one: the
/// last sentence of `passage` (the passage up to the statement), or at a
/// passage's start, of `before` (the story's earlier passages). "He" or "she"
/// right after it continues that name.
pub(crate) fn subject_before(before: &str, passage: &str) -> Option<String> {
    let text = if passage.trim().is_empty() {
        // The last sentence lies in the text's tail.
        let mut start = before.len().saturating_sub(1200);
        while !before.is_char_boundary(start) {
            start += 1;
        }
        &before[start..]
    } else {
        passage
    };
    named_subject(crate::lang::sentences::sentences(text).last()?)
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
            subject_before("", "Ramos, 58, is a journalist. "),
            Some("Ramos".into())
        );
    }
}
