//! What a phrase set off by commas beside a speaker is: the setting ("On
//! Monday", "speaking at …"), an age, a clause, a description ("the
//! ministry's spokesperson") or a bare name. The speaker reader keeps the
//! name and its description and drops the rest.

/// "On Monday", "In a statement", "Speaking to reporters": context, not a speaker.
pub(super) fn is_adverbial(s: &str) -> bool {
    const LEADS: &[&str] = &[
        "On ",
        "In ",
        "At ",
        "During ",
        "After ",
        "Before ",
        "Earlier ",
        "Later ",
        "Last ",
        "This ",
        "Meanwhile",
        "However",
        "Separately",
        "Also",
        "Still",
        "Yet",
        "Instead",
        "Since ",
        "Following ",
        "As ",
        "For its part",
        "For their part",
        "Asked ",
        "When asked",
    ];
    const PARTICIPLES: &[&str] = &[
        "Speaking",
        "Addressing",
        "Writing",
        "Responding",
        "Testifying",
        "Appearing",
        "Commenting",
        "Reacting",
        "Referring",
        "Citing",
        "Visiting",
        "Meeting",
        "Talking",
        "Answering",
        "Replying",
        "Standing",
        "Opening",
        "Closing",
        "Announcing",
        "Briefing",
    ];
    // "like Obama", "unlike his rival": a comparison, not the speaker.
    const COMPARISONS: &[&str] = &["like ", "Like ", "unlike ", "Unlike ", "including ", "Including "];
    // "Trump, in Kentucky, said": a place or a time set off after the name.
    const SETTINGS: &[&str] = &[
        "in", "on", "at", "during", "after", "before", "from", "via", "outside", "inside", "earlier", "later",
    ];
    let first = s.split_whitespace().next().unwrap_or("");
    LEADS.iter().chain(COMPARISONS).any(|l| s.starts_with(l))
        || PARTICIPLES.contains(&first)
        || SETTINGS.contains(&first)
}

/// An age set off after a name ("Ramos, 58, said", "Smith, 41 years old,").
pub(super) fn is_age(s: &str) -> bool {
    let s = s.strip_prefix("aged ").unwrap_or(s);
    let s = s.strip_suffix(" years old").unwrap_or(s);
    !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit())
}

/// A participial or relative clause inside the subject ("speaking at …",
/// "chaired by …", "who …"): it describes the setting, not the speaker.
pub(super) fn is_clause(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "who" | "who's" | "who’s" | "whom" | "which" | "whose" | "where" | "when" | "while"
    )
        || (first.ends_with("ing") && first.len() > 4 && first.chars().next().is_some_and(char::is_lowercase))
        || s.split_whitespace().nth(1).is_some_and(|w| w == "by") && first.ends_with("ed")
        // "first reported by …", "originally published by …".
        || first.chars().next().is_some_and(char::is_lowercase)
            && s.split_whitespace().nth(1).is_some_and(|w| w.ends_with("ed"))
            && s.split_whitespace().nth(2) == Some("by")
        // "released in December": a past participle describing the speaker.
        || (first.ends_with("ed") && first.len() > 4 && first.chars().next().is_some_and(char::is_lowercase))
}

/// "the canal's third-largest user", "a spokesperson for …", "China's top diplomat".
pub(super) fn is_description(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    matches!(first, "the" | "a" | "an" | "its" | "his" | "her" | "their") || first.ends_with("'s")
}

/// "Mao Ning": capitalised words only.
pub(super) fn is_bare_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            // A party and state after a name: "(D-Md.)".
            w.chars().next().is_some_and(char::is_uppercase) || w.starts_with('(') && w.ends_with(')')
        })
}

/// A lower-case adverb that may stand beside a speaker: `quickly`, `often`.
pub(super) fn is_adverb(w: &str) -> bool {
    const NOUNS: &[&str] = &[
        "family", "assembly", "ally", "rally", "supply", "reply", "monopoly", "bully", "tally",
    ];
    let w = w.trim_end_matches(',');
    w.chars().next().is_some_and(char::is_lowercase)
        && w.len() > 4
        && w.ends_with("ly")
        && !NOUNS.contains(&w)
        || matches!(
            w,
            "often" | "further" | "also" | "later" | "again" | "still" | "then" | "once"
        )
        || matches!(w, "Recently" | "Separately" | "Meanwhile" | "Later" | "Earlier")
}
