//! Who a pronoun is. "She said" continues the nearest earlier speaker who can
//! be a she: not a group ("police", "human rights groups", "Neither Clinton nor
//! her allies") and not a Mr.; "they" continues anyone. With no earlier speaker
//! in the story, it is the nearest person the text named before it.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

/// Whether `speaker` can be what `pronoun` refers back to.
pub(crate) fn compatible(pronoun: &str, speaker: &str) -> bool {
    let pronoun = pronoun.trim().to_lowercase();
    if !matches!(pronoun.as_str(), "he" | "she") {
        return true;
    }
    let lower = speaker.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let Some(last) = words.last() else {
        return false;
    };
    const GROUPS: &[&str] = &[
        "police",
        "authorities",
        "officials",
        "groups",
        "allies",
        "critics",
        "democrats",
        "republicans",
        "supporters",
        "protesters",
        "lawmakers",
        "members",
        "aides",
        "people",
        "voters",
        "leaders",
        "states",
    ];
    let group = GROUPS.contains(last)
        || words.iter().any(|w| matches!(*w, "and" | "nor" | "neither"))
        || crate::lang::is_pronoun(speaker);
    let other = match pronoun.as_str() {
        "she" => words.iter().any(|w| matches!(*w, "mr." | "mr" | "he" | "his")),
        _ => words
            .iter()
            .any(|w| matches!(*w, "mrs." | "ms." | "mrs" | "ms" | "she" | "her")),
    };
    !group && !other
}

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

/// The nearest person `before` names: the last run of capitalised words that
/// is not a sentence's opening word alone, a weekday or a month.
pub(crate) fn named_before(before: &str) -> Option<String> {
    static NAME: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?:^|[^\w.])((?:Mr\.|Mrs\.|Ms\.|Dr\.)?\s?[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)"));

    NAME.captures_iter(before)
        .filter_map(|c| c.get(1))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pronoun_continues_someone_it_can_be() {
        assert!(compatible("she", "Rakeyia Scott"));
        assert!(!compatible("she", "police"));
        assert!(!compatible("he", "Neither Clinton nor her allies"));
        assert!(!compatible("she", "Mr. Podesta"));
        assert!(compatible("they", "police"));
    }

    #[test]
    fn the_nearest_named_person_before_a_pronoun() {
        assert_eq!(
            named_before("The Trumps arrived late. Melanie waved to the crowd. Then"),
            Some("Melanie".into())
        );
        assert_eq!(named_before("On Monday, the crowd waited. "), None);
    }
}
