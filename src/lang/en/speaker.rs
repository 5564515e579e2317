//! Finding the speaker before a reporting verb: the last clause's subject,
//! without auxiliaries and time phrases, keeping a descriptive apposition
//! ("Mao Ning, a spokesperson for …") and dropping the setting ("speaking at a
//! debate chaired by …"), which gives no side.

use super::cues::{cues, mask_quotes};
use super::lexicon::CALENDAR_NAMES;
use super::lexicon::{ANAPHORS, AUXILIARIES, SPEAKER_NOUNS};

/// The speaker before a reporting verb: the last clause's subject, without
/// auxiliaries, time phrases and non-descriptive appositions.
pub(super) fn subject(pre: &str) -> Option<String> {
    let mut s = pre.trim_end();
    loop {
        let before = s;
        for a in AUXILIARIES {
            if let Some(rest) = s.strip_suffix(a)
                && (rest.is_empty() || rest.ends_with(' '))
            {
                s = rest.trim_end();
            }
        }
        if let Some(i) = s.rfind(" on ")
            && is_time(&s[i + 4..])
        {
            s = s[..i].trim_end();
        }
        if s == before {
            break;
        }
    }
    // A verb that shares its subject with one before that reports nothing
    // ("Clinton, like Obama, has encouraged … but has said"): the subject the
    // sentence opens with. After a reporting verb, the statement goes on.
    let reporting = cues(&mask_quotes(s));
    let reports = !reporting.is_empty();
    let shared = ["but", "and"]
        .iter()
        .any(|c| s.strip_suffix(c).is_some_and(|r| r.ends_with(' ')))
        && !reports;
    let opening = shared
        .then(|| head_phrase(opening_subject(s)))
        .flatten()
        .filter(|h| plausible(h));
    let head = match opening {
        Some(head) => head,
        None => head_phrase(last_clause(s, &reporting))?,
    };
    // A phrase that opens on a verb ("has invested a lot of time in",
    // "contrasted the candidate") is a predicate whose subject opens the
    // sentence; with none there, it names no one.
    let verb = head.split_whitespace().next().is_some_and(is_past);
    let head = if verb && !reports {
        head_phrase(opening_subject(s)).filter(|h| plausible(h) && h != &head)?
    } else {
        head
    };
    if matches!(head.to_lowercase().as_str(), "the" | "a" | "an") {
        return None;
    }
    // A lower-case phrase ("an industry association representing chipmakers")
    // is kept when short; it stands only if the persona names it (see `sides`).
    let words = head.split_whitespace().count();
    (plausible(&head) || words <= 8).then_some(head)
}

fn is_time(s: &str) -> bool {
    CALENDAR_NAMES.iter().any(|d| s.starts_with(d))
}

/// A sentence's words before its first verb ("Clinton, like Obama, has …" →
/// "Clinton, like Obama,").
fn opening_subject(s: &str) -> &str {
    let mut at = 0;
    for w in s.split_inclusive(' ') {
        if is_past(w.trim().trim_end_matches(',')) {
            return &s[..at];
        }
        at += w.len();
    }
    s
}

/// The text after the last clause boundary (a conjunction, semicolon, colon,
/// quotation mark, a relative clause with its own subject, or an earlier
/// reporting verb, `reporting` being the cues of `s`).
fn last_clause<'s>(s: &'s str, reporting: &[(usize, &str)]) -> &'s str {
    const BOUNDARIES: &[&str] = &[
        "; ",
        ": ",
        ", and ",
        ", but ",
        " but ",
        " while ",
        " whereas ",
        ", as ",
        " because ",
        " although ",
        " though ",
        " after ",
        " when ",
        " where ",
        " and then ",
        "\"",
        "“",
        "”",
        "(",
        ")",
        // "a lawsuit in which Democrats argued".
        " in which ",
        " under which ",
        " by which ",
        " during which ",
        " at which ",
    ];
    let mut cut = 0;
    for b in BOUNDARIES {
        if let Some(i) = s.rfind(b) {
            cut = cut.max(i + b.len());
        }
    }
    if let Some(i) = s.rfind(" that ")
        && !in_apposition(s, i)
    {
        cut = cut.max(i + " that ".len());
    }
    for (i, v) in reporting {
        cut = cut.max(i + v.len());
    }
    &s[cut.min(s.len())..]
}

/// Whether the "that" at `at` opens a relative clause inside an apposition set
/// off just before the verb ("Services, the agency that oversees …,").
fn in_apposition(s: &str, at: usize) -> bool {
    s.trim_end().ends_with(',')
        && s[..at].rfind(", ").is_some_and(|c| {
            let apposition = &s[c + 2..at];
            ["the ", "a ", "an "].iter().any(|d| apposition.starts_with(d))
                && apposition.split_whitespace().count() <= 4
        })
}

/// The speaker phrase of a clause: its last noun phrase with any descriptive
/// apposition, skipping leading adverbials and participial or relative clauses.
fn head_phrase(clause: &str) -> Option<String> {
    // Dashes set a phrase off as commas do ("predictable - Donald J. Trump",
    // "Clinton — who's called for … —").
    let dashed;
    let clause = if clause.contains(['—', '–']) || clause.contains(" - ") {
        dashed = clause
            .replace(" - ", ", ")
            .replace(" — ", ", ")
            .replace(" – ", ", ")
            .replace('—', ", ");
        dashed.as_str()
    } else {
        clause
    };
    // A comma between digits (`5,000 supporters`) sets nothing off.
    let bytes = clause.as_bytes();
    let digit = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
    let segments: Vec<&str> = clause
        .split_inclusive(',')
        .fold(Vec::<(usize, usize)>::new(), |mut acc, piece| {
            let start = acc.last().map_or(0, |&(_, end)| end);
            let end = start + piece.len();
            let glued = acc
                .last()
                .is_some_and(|&(_, e)| digit(e.checked_sub(2)) && digit(Some(e)));
            match acc.last_mut() {
                Some(last) if glued => last.1 = end,
                _ => acc.push((start, end)),
            }
            acc
        })
        .into_iter()
        .map(|(a, b)| clause[a..b].trim_end_matches(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let kept: Vec<&str> = segments
        .iter()
        .copied()
        .filter(|s| !is_adverbial(s) && !is_clause(s) && !is_age(s))
        .collect();
    let last = *kept.last()?;
    // A short description before a name ("the ministry's spokesperson, Mao
    // Ning"), not a clause ("The debate is predictable - Trump").
    let short =
        |s: &str| s.split_whitespace().count() <= 7 && !s.split_whitespace().any(|w| PAST.contains(&w));
    let phrase =
        if kept.len() >= 2 && (is_description(last) || is_bare_name(last) && short(kept[kept.len() - 2])) {
            format!("{}, {}", kept[kept.len() - 2], last)
        } else {
            last.to_string()
        };
    let phrase = phrase
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (!phrase.is_empty() && phrase.split_whitespace().count() <= 16).then_some(phrase)
}

/// "On Monday", "In a statement", "Speaking to reporters": context, not a speaker.
fn is_adverbial(s: &str) -> bool {
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
fn is_age(s: &str) -> bool {
    let s = s.strip_prefix("aged ").unwrap_or(s);
    let s = s.strip_suffix(" years old").unwrap_or(s);
    !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit())
}

/// A participial or relative clause inside the subject ("speaking at …",
/// "chaired by …", "who …"): it describes the setting, not the speaker.
fn is_clause(s: &str) -> bool {
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
fn is_description(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    matches!(first, "the" | "a" | "an" | "its" | "his" | "her" | "their") || first.ends_with("'s")
}

/// "Mao Ning": capitalised words only.
fn is_bare_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether a phrase can be a speaker: a name, a pronoun, or an organisation or
/// office.
pub(crate) fn plausible(head: &str) -> bool {
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.is_empty() || words.len() > 16 {
        return false;
    }
    // A span in Chinese or Japanese script names its speaker outright; so does a
    // share of those polled ("47 percent", "a third of voters").
    let polled = head.contains('%') || head.contains(" percent") || head.starts_with("Most ");
    if polled || head.chars().any(crate::lang::script::han) {
        return true;
    }
    let lower = head.to_lowercase();
    if ANAPHORS.contains(&lower.as_str()) {
        return true;
    }
    let capitalised = words.iter().any(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !matches!(*w, "The" | "A" | "An" | "It" | "This" | "That" | "There")
    });
    capitalised
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| SPEAKER_NOUNS.contains(&w))
}

/// A verb in the past (or an auxiliary), in lower case: `congratulated`,
/// `beamed`, `shook`, `has`.
pub(super) fn is_past(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && (w.len() > 4 && w.ends_with("ed") || PAST.contains(&w))
}

/// Irregular past forms that end a sentence's subject.
pub(super) const PAST: &[&str] = &[
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "did", "does", "made",
    "went", "took", "gave", "met", "held", "won", "lost", "ran", "spent", "sent", "wrote", "spoke", "left",
    "came", "put", "set", "kept", "got", "became", "began", "brought", "built", "told", "said", "led",
    "sought", "shook", "stood",
];

/// The subject a sentence opens with, before its first verb, without a leading
/// adverbial (`On Tuesday, the campaign released …` → `the campaign`).
pub(super) fn lead_subject(s: &str) -> Option<String> {
    let mut rest = s.trim();
    if let Some((head, tail)) = rest.split_once(", ")
        && is_adverbial(head)
    {
        rest = tail;
    }
    let mut words = Vec::new();
    for w in rest.split_whitespace() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = bare.chars().next().is_some_and(char::is_lowercase);
        if lower && (PAST.contains(&bare) || (bare.ends_with("ed") && bare.len() > 3)) {
            break;
        }
        words.push(w);
        if words.len() > 8 || w.ends_with(',') {
            return None;
        }
    }
    let phrase = words.join(" ");
    (!phrase.is_empty() && words.len() < rest.split_whitespace().count()).then_some(phrase)
}
