//! Finding the speaker before a reporting verb: the last clause's subject,
//! without auxiliaries and time phrases, keeping a descriptive apposition
//! ("Mao Ning, a spokesperson for …") and dropping the setting ("speaking at a
//! debate chaired by …"), which gives no side.

use super::cues::{cues, mask_quotes};
use super::lexicon::CALENDAR_NAMES;
use super::lexicon::{ANAPHORS, AUXILIARIES, SPEAKER_NOUNS};
use super::setoff::{self, is_adverbial, is_age, is_bare_name, is_clause, is_description};

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
    // The shared subject opens the clause the verbs stand in ("Some in the
    // crowd booed, and when Rubio thanked Miami and said"), else the sentence.
    let opening = shared
        .then(|| {
            let whole = s.trim_end_matches("and").trim_end_matches("but").trim_end();
            let clause = last_clause(whole, &reporting);
            let subordinate = [
                " when ",
                " after ",
                " as ",
                " while ",
                " because ",
                " before ",
                " though ",
            ]
            .iter()
            .any(|c| whole[..whole.len() - clause.len()].ends_with(c));
            // A clause of its own: a subject and a verb ("when Rubio thanked
            // Miami"), not a preposition's object ("went after Hillary Clinton").
            let subject = opening_subject(clause);
            (subordinate && subject.len() < clause.len())
                .then(|| head_phrase(subject))
                .flatten()
                .filter(|h| plausible(h))
                .or_else(|| head_phrase(opening_subject(s)))
        })
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

/// "Monday", "Tuesday night": a time that ends the phrase, not one that
/// opens a clause after it ("Sunday, when she").
fn is_time(s: &str) -> bool {
    CALENDAR_NAMES.iter().any(|d| s.starts_with(d)) && !s.contains(',') && s.split_whitespace().count() <= 3
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
        // "the candidate, whom he described as".
        " whom ",
        " in which ",
        " under which ",
        " by which ",
        " during which ",
        " at which ",
    ];
    // A relative clause set off before the verb ("Clinton, who served when
    // the decision was made,"): its own boundaries are not the sentence's.
    let bare = s.trim_end();
    let bare = match bare.rsplit_once(' ') {
        Some((head, last)) if super::setoff::is_adverb(last) => head,
        _ => bare,
    };
    let s = match bare.trim_end().strip_suffix(',') {
        Some(inner) => [
            ", who ",
            ", which ",
            ", whose ",
            ", after ",
            ", when ",
            ", while ",
            ", before ",
        ]
        .iter()
        .filter_map(|r| inner.rfind(r))
        .max()
        .map_or(s, |at| &s[..at]),
        None => s,
    };
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
    // A second subject joined by "and" right before the verb ("a woman asked
    // for a photo and Clinton said"): a clause of its own.
    if let Some(i) = s.rfind(" and ")
        && setoff::is_bare_name(&s[i + 5..])
        && s[..i].split_whitespace().any(|w| is_past(w) && w.ends_with("ed"))
    {
        cut = cut.max(i + " and ".len());
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
        // Adverbs alone ("then loudly"): no part of the speaker.
        .filter(|s| !s.split_whitespace().all(super::setoff::is_adverb))
        .collect();
    let last = *kept.last()?;
    // A short description before a name ("the ministry's spokesperson, Mao
    // Ning"), not a clause ("The debate is predictable - Trump").
    // The description names a person or a body ("the ministry's
    // spokesperson", "the group's founder"), not an event ("the rape").
    let short = |s: &str| {
        let head = s.split_whitespace().last().unwrap_or_default().to_lowercase();
        let person = SPEAKER_NOUNS.contains(&head.as_str())
            || super::anaphora::role(&format!("the {head}")).is_some()
            || ["er", "or", "ist", "ant", "ent", "ian"]
                .iter()
                .any(|e| head.ends_with(e))
            || s.starts_with(char::is_uppercase);
        person && s.split_whitespace().count() <= 7 && !s.split_whitespace().any(|w| PAST.contains(&w))
    };
    // A role set off after a name ("Jennifer Green, director of the literacy
    // program"): the name with its role.
    let role =
        |s: &str| s.starts_with(char::is_lowercase) && !PAST.iter().any(|p| s.contains(&format!(" {p} ")));
    let phrase = if kept.len() >= 2
        && (is_description(last)
            || is_bare_name(last) && short(kept[kept.len() - 2])
            || role(last) && is_bare_name(kept[kept.len() - 2]))
    {
        format!("{}, {}", kept[kept.len() - 2], last)
    } else {
        last.to_string()
    };
    let phrase = phrase
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (!phrase.is_empty() && phrase.split_whitespace().count() <= 16).then_some(phrase)
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
