//! The words a statement is about, for telling whether two statements say the
//! same thing: lower-cased words of four letters or more without function
//! words, or pairs of characters in Chinese and Japanese.

use std::collections::BTreeSet;

/// Lower-cased words of four letters or more, without common function words.
pub(super) fn content_words(s: &str) -> BTreeSet<String> {
    // Chinese and Japanese have no spaces: pairs of characters stand for words.
    let han: Vec<char> = s
        .chars()
        .filter(|c| crate::lang::script::han(*c) || matches!(c, '\u{30a1}'..='\u{30ff}'))
        .collect();
    if han.len() * 2 > s.chars().filter(|c| !c.is_whitespace()).count() {
        return han.windows(2).map(|w| w.iter().collect()).collect();
    }
    const STOP: &[&str] = &[
        "that", "this", "with", "from", "have", "will", "would", "their", "there", "they", "which", "about",
        "been", "were", "said", "also", "into", "than", "them", "what", "when", "such",
    ];
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}
