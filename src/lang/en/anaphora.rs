//! Who a pronoun is. "She said" continues the nearest earlier speaker who can
//! be a she: not a group ("police", "human rights groups", "Neither Clinton nor
//! her allies") and not a Mr.; "they" continues anyone. With no earlier speaker
//! in the story, it is the nearest person the text named before it (see
//! `antecedent`).

/// Plural words for those who speak, capitalised when they open a sentence.
const SOURCES: &[&str] = &[
    "sources",
    "officials",
    "experts",
    "analysts",
    "critics",
    "aides",
    "advisers",
    "observers",
];

/// Whether `speaker` can be what `pronoun` refers back to.
pub(crate) fn compatible(pronoun: &str, speaker: &str) -> bool {
    let pronoun = pronoun.trim().to_lowercase();
    if !matches!(pronoun.as_str(), "he" | "she") {
        return true;
    }
    // A name with its role set off ("Jennifer Green, director of the Mommy
    // and Me program"): the name decides.
    let speaker = match speaker.split_once(',') {
        Some((name, _))
            if !name.trim().is_empty()
                && name.split_whitespace().all(|w| w.starts_with(char::is_uppercase)) =>
        {
            name
        }
        _ => speaker,
    };
    let lower = speaker.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let Some(last) = words.last() else {
        return false;
    };
    // A plural ("the lawyers", "Sources") is no "he" or "she".
    let original_last = speaker.split_whitespace().last().unwrap_or_default();
    let plural = original_last.len() > 3
        && original_last.ends_with('s')
        && !["ss", "us", "is", "'s", "’s"]
            .iter()
            .any(|e| original_last.ends_with(e))
        && (original_last.starts_with(char::is_lowercase) || words.len() == 1 && SOURCES.contains(last));
    // Another person of speech ("You", "I", "We") is no "he" or "she".
    let person = matches!(
        lower.as_str(),
        "you"
            | "i"
            | "we"
            | "they"
            | "me"
            | "us"
            | "nobody"
            | "everyone"
            | "everybody"
            | "someone"
            | "somebody"
            | "anyone"
            | "no one"
    );
    // A lone lower-case word ("would") names no one, nor does a phrase that
    // holds a pronoun among other words ("where she", "he and Brafman"); "both
    // of whom" are two.
    let pronoun_inside = words.len() > 1
        && words
            .iter()
            .any(|w| matches!(*w, "he" | "she" | "they" | "i" | "we"))
        && !words.iter().any(|w| w.ends_with("'s") || w.ends_with("’s"));
    let nobody = words.len() == 1 && speaker.trim().starts_with(char::is_lowercase) || pronoun_inside;
    let two = words.iter().any(|w| matches!(*w, "both" | "whom"));
    let thing = is_thing(&lower) && !speaker.contains(',');
    let group = plural
        || thing
        || super::places::is_place(speaker)
        || person
        || nobody
        || two
        || GROUPS.contains(last)
        || words.iter().any(|w| matches!(*w, "and" | "nor" | "neither"))
        || is_pronoun(speaker)
        || crate::lang::cjk::is_pronoun(speaker);
    let other = match pronoun.as_str() {
        "she" => words.iter().any(|w| matches!(*w, "mr." | "mr" | "he" | "his")),
        _ => words
            .iter()
            .any(|w| matches!(*w, "mrs." | "ms." | "mrs" | "ms" | "she" | "her")),
    };
    !group && !other
}

/// Plural bodies of people, never "he" or "she".
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

/// A thing or a body ("the complaint", "the Democratic National Committee"),
/// which is "it": judged by its head noun, the word before "of" or "for"
/// ("chair of the Platform Committee" is a chair).
fn is_thing(lower: &str) -> bool {
    let head = [" of ", " for ", " at ", " in ", " from "]
        .iter()
        .filter_map(|p| lower.find(p))
        .min()
        .map_or(lower, |at| &lower[..at]);
    head.split_whitespace()
        .last()
        .is_some_and(|w| THINGS.contains(&w.trim_end_matches(|c: char| !c.is_alphanumeric())))
}

/// Nouns for a document or a body, which "he" or "she" never refers to.
const THINGS: &[&str] = &[
    "statement",
    "report",
    "letter",
    "poll",
    "survey",
    "study",
    "memo",
    "document",
    "complaint",
    "lawsuit",
    "indictment",
    "release",
    "filing",
    "article",
    "editorial",
    "website",
    "newspaper",
    "ministry",
    "department",
    "agency",
    "office",
    "government",
    "embassy",
    "committee",
    "council",
    "court",
    "campaign",
    "company",
    "group",
    "party",
    "commission",
    "administration",
    "parliament",
    "congress",
    "senate",
    "house",
    "union",
    "times",
    "post",
    "journal",
    "network",
    "video",
    "speech",
    "ad",
    "tweet",
    "book",
    "count",
    "analysis",
    "tally",
    "estimate",
    "interview",
    "transcript",
    "excerpts",
    "records",
    "data",
    "ruling",
    "order",
    "bill",
    "law",
    "plan",
    "proposal",
];

/// The person a definite role stands for ("the governor", "the presumptive
/// Republican nominee", "the two-term president"): the nearest of `earlier`
/// (speakers, nearest last) whom the text before has called by that role
/// ("Gov. Chris Christie", "businessman Donald Trump"). A role the text never
/// gave anyone named ("the mayor" of a town nobody named) stays as written.
pub(crate) fn role_holder<'a>(
    speaker: &str,
    earlier: impl Iterator<Item = &'a str>,
    before: &str,
) -> Option<&'a str> {
    let role = role(speaker)?;
    let lower = before.to_lowercase();
    let titles: Vec<String> = std::iter::once(role.to_string())
        .chain(abbreviation(role).map(str::to_string))
        .collect();
    earlier
        .filter(|name| {
            (compatible("he", name) || compatible("she", name))
                && !name.to_lowercase().starts_with("the ")
                && !name.contains(',')
        })
        .find(|name| {
            let Some(surname) = name.split_whitespace().last() else {
                return false;
            };
            let surname = surname.to_lowercase();
            lower.match_indices(&surname).any(|(at, _)| {
                // The role stands just before the name ("Gov. Chris
                // Christie", "nominee Donald Trump"), or in an apposition
                // after it ("Christie, the governor").
                let before: Vec<&str> = lower[..at].split_whitespace().rev().take(3).collect();
                let after = &lower[at + surname.len()..];
                let apposition: Vec<&str> = after
                    .strip_prefix(',')
                    .map(|a| a.split_whitespace().take(5).collect())
                    .unwrap_or_default();
                let is_title = |w: &&str| {
                    let w = w.trim_matches(|c: char| matches!(c, ',' | '(' | ')'));
                    titles.iter().any(|t| w == t)
                };
                before.iter().any(is_title) || apposition.iter().any(is_title)
            })
        })
}

/// The role word a definite description ends on, when it names one person's
/// office or trade and nothing ties it to another ("of", a possessive).
pub(crate) fn role(speaker: &str) -> Option<&'static str> {
    const ROLES: &[&str] = &[
        "governor",
        "senator",
        "president",
        "candidate",
        "nominee",
        "businessman",
        "businesswoman",
        "billionaire",
        "mogul",
        "congressman",
        "congresswoman",
        "congressmember",
        "mayor",
        "secretary",
        "chairman",
        "chairwoman",
        "speaker",
        "minister",
        "premier",
        "chancellor",
        "vice president",
        "prime minister",
        "frontrunner",
        "front-runner",
    ];
    let lower = speaker.trim().to_lowercase();
    let rest = lower.strip_prefix("the ")?;
    // A role with a proper name in it ("the South Carolina senator") already
    // says who it is.
    if speaker.trim().chars().skip(4).any(char::is_uppercase) {
        return None;
    }
    if rest.split_whitespace().count() > 4
        || rest.contains(" of ")
        || rest.contains('\'')
        || rest.contains('’')
        || rest.contains(',')
    {
        return None;
    }
    ROLES
        .iter()
        .copied()
        .find(|r| rest == *r || rest.ends_with(&format!(" {r}")))
}

/// The abbreviated title of a role, as it stands before a name.
fn abbreviation(role: &str) -> Option<&'static str> {
    Some(match role {
        "governor" => "gov.",
        "senator" => "sen.",
        "congressman" | "congresswoman" | "congressmember" => "rep.",
        "secretary" => "sec.",
        "president" => "pres.",
        _ => return None,
    })
}

/// Whether an anaphoric English speaker stands for the person it continues (a
/// pronoun, or a continuation with no subject of its own), rather than
/// describing one ("the ministry"), which is kept as written.
pub(crate) fn is_pronoun(speaker: &str) -> bool {
    let lower = speaker.to_lowercase();
    speaker.trim().is_empty() || super::lexicon::ANAPHORS.contains(&lower.as_str()) || continuation(speaker)
}

/// A speaker span that is no one, only the words that join its sentence to the
/// one before ("but", "When", "Typically", "or simply", "whom he"): the
/// statement continues the speaker before it.
pub(super) fn continuation(speaker: &str) -> bool {
    const JOINS: &[&str] = &[
        "and",
        "but",
        "or",
        "so",
        "then",
        "when",
        "while",
        "typically",
        "usually",
        "often",
        "some",
        "will",
        "as",
        "to",
        "whom",
        "who",
        "which",
        "also",
        "later",
        "again",
        "enraged",
    ];
    let mut words = speaker.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let first = first.to_lowercase();
    // "Some experts" are people of their own; "some" alone joins.
    if first == "some" && speaker.split_whitespace().count() > 1 {
        return false;
    }
    JOINS.contains(&first.as_str()) && !words.any(|w| w.chars().next().is_some_and(char::is_uppercase))
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
        // Plurals, other persons of speech and lone lower-case words are no
        // "he" or "she"; a surname ending in s is.
        for nobody in [
            "the lawyers",
            "Sources",
            "You",
            "would",
            "Graham and Paul, both of whom",
        ] {
            assert!(!compatible("he", nobody), "{nobody}");
        }
        assert!(compatible("he", "Sanders"));
        assert!(compatible("he", "Chris Christie"));
    }

    #[test]
    fn a_definite_role_is_the_person_the_text_gave_it() {
        let before = "Gov. Chris Christie spoke in Trenton. Mayor Ras Baraka listened.";
        let earlier = ["Gov. Chris Christie", "Ras Baraka"];
        assert_eq!(
            role_holder("the governor", earlier.iter().rev().copied(), before),
            Some("Gov. Chris Christie")
        );
        // A role nobody named holds, a role tied to a place, a group: as written.
        assert_eq!(
            role_holder("the senator", earlier.iter().rev().copied(), before),
            None
        );
        assert_eq!(role("the governor of Ohio"), None);
        assert_eq!(role("the South Carolina senator"), None);
        assert_eq!(
            role_holder("the governor", ["the governors"].into_iter(), "the governors met"),
            None
        );
    }
}
