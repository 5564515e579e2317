//! English statements: `X said (that) …`, `"…," X said`, `"…," said X`,
//! `according to X, …`, `X has called for / condemned / urged …`, apposition
//! (`Japan, the canal's third-largest user, has called …`) and a mixed
//! quotation, with the clause-level forms in `clauses`. It finds the speaker
//! span as written; which side that speaker belongs to is decided later, from
//! the speaker span only, never from who else the sentence mentions.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use super::clauses;
use super::cues::{cues, mask_quotes};
use super::lexicon::{AUXILIARIES, VERBS};
use super::said::statement;
use super::speaker::{plausible, subject};
use crate::lang::quotes::{QUOTES, first_group, quotation};
use crate::lang::statement::Statement;

static QUOTE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    // Double marks may hold apostrophes (“We don’t …,”); single ones may not.
    re(r#"^\s*(?:["“]([^"”]{2,}?)[,.!?]?["”]|[‘']([^’']{2,}?)[,.!?]?[’']),?\s+(.+)$"#)
});
/// `according to X`, X running to the next punctuation, a title's period
/// (`Mrs.`, `U.S.`) included.
static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\baccording to ((?:(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Prof|Lt|Col|St|Jr|U\.S|U\.N|D\.C)\.|[^,.;])+)",
    )
});

/// The statements of one English sentence.
pub(super) fn extract(sentence: &str) -> Vec<Statement> {
    if let Some(s) = quote_first(sentence) {
        return vec![s];
    }
    if let Some(c) = ACCORDING.captures(sentence) {
        let (Some(whole), Some(sp)) = (c.get(0), c.get(1)) else {
            return Vec::new();
        };
        let speaker = sp.as_str().trim().to_string();
        if plausible(&speaker) {
            let content = format!("{} {}", &sentence[..whole.start()], &sentence[whole.end()..]);
            let content = content
                .trim_matches(|c: char| c == ',' || c.is_whitespace())
                .to_string();
            return vec![statement(speaker, "according to", content)];
        }
    }
    if let Some(s) = quote_then_verb(sentence) {
        return vec![s];
    }
    if let Some(s) = inverted(sentence)
        .or_else(|| clauses::quoted_as_saying(sentence))
        .or_else(|| clauses::trailing(sentence))
        .or_else(|| clauses::parenthetical(sentence))
    {
        return vec![s];
    }
    // A relative clause on a speaker ("X, who says …, said …") is a statement of
    // its own, and hidden from the main clause's reading.
    let (relative, sentence) = match clauses::relative(sentence) {
        Some((s, clause)) => {
            let mut rest = sentence.to_string();
            let blank = " ".repeat(clause.len());
            rest.replace_range(clause, &blank);
            (Some(s), std::borrow::Cow::Owned(rest))
        }
        None => (None, std::borrow::Cow::Borrowed(sentence)),
    };
    let mut out: Vec<Statement> = relative.into_iter().collect();
    out.extend(main_clause(&sentence));
    out
}

/// The statements of a sentence's main clauses.
fn main_clause(sentence: &str) -> Vec<Statement> {
    let masked = mask_quotes(sentence);
    let found: Vec<(usize, &str, String)> = cues(&masked)
        .into_iter()
        .filter_map(|(at, verb)| subject(&sentence[..at]).map(|sp| (at, verb, sp)))
        .collect();
    // With no subject that can speak ("he still has a way to claim"), a
    // participle after the main clause may still report one.
    if !found.iter().any(|(_, _, sp)| plausible(sp))
        && let Some(s) = clauses::participle(sentence)
    {
        return vec![s];
    }
    // A later cue inside what was said ("…liked the way she responded") is part
    // of it; one after a clause boundary starts a statement of its own.
    let found: Vec<(usize, &str, String)> = found
        .into_iter()
        .enumerate()
        .filter(|(k, (at, _, speaker))| *k == 0 || starts_clause(sentence, *at, speaker))
        .map(|(_, f)| f)
        .collect();
    let mut out = Vec::new();
    for (k, (at, verb, speaker)) in found.iter().enumerate() {
        let end = match found.get(k + 1) {
            Some((next_at, _, next_speaker)) => sentence[..*next_at]
                .rfind(next_speaker.as_str())
                .unwrap_or(*next_at),
            None => sentence.len(),
        };
        let end = end.max(at + verb.len());
        let content = sentence[at + verb.len()..end]
            .trim_start_matches([',', ':'])
            .trim_start()
            .trim_start_matches("that ")
            .trim_end_matches(['.', ' ', ','])
            .trim_end_matches(" while")
            .trim_end_matches(" and")
            .trim_end_matches(" but")
            .trim_end_matches(',')
            .to_string();
        // "…, officials said.": what was said comes before the speaker.
        let content = if content.is_empty() && k == 0 {
            match sentence[..*at].rfind(speaker.as_str()) {
                Some(i) => sentence[..i].trim_end().trim_end_matches(',').trim().to_string(),
                None => content,
            }
        } else {
            content
        };
        let aux = sentence[..*at].trim_end();
        let verb_written = match AUXILIARIES.iter().find(|a| aux.ends_with(&format!(" {a}"))) {
            Some(a) if matches!(*a, "has" | "have" | "had") => format!("{a} {verb}"),
            _ => verb.to_string(),
        };
        out.push(statement(speaker.clone(), &verb_written, content));
    }
    out
}

/// Whether the speaker before the cue at `at` opens a clause of its own: a
/// name, or any speaker after a comma, semicolon or conjunction.
fn starts_clause(sentence: &str, at: usize, speaker: &str) -> bool {
    let Some(i) = sentence[..at].rfind(speaker) else {
        return true;
    };
    let before = sentence[..i].trim_end();
    let named = speaker.starts_with(char::is_uppercase) && !matches!(speaker, "He" | "She" | "They" | "It");
    named
        || before.ends_with([',', ';', ':'])
        || [" and", " but", " while", " whereas", " as"]
            .iter()
            .any(|w| before.ends_with(w))
}

/// A quotation inside the sentence, then the verb and speaker after it:
/// `The move was "unacceptable," said Lin Jian.` or `… "unacceptable," Lin said.`
fn quote_then_verb(sentence: &str) -> Option<Statement> {
    let closing = sentence.rfind([',', '?', '!'].as_slice()).filter(|&i| {
        let after = &sentence[i + 1..];
        after.starts_with(['"', '”', '’'])
    })?;
    let quote_end = closing + 1 + sentence[closing + 1..].chars().next()?.len_utf8();
    let rest = sentence[quote_end..].trim().trim_end_matches(['.', ' ']);
    let quote = QUOTES
        .captures_iter(&sentence[..quote_end])
        .last()
        .map(|c| first_group(&c))?;
    let mut s = after_quote(rest, &quote, true)?;
    // A mixed quotation (Beijing "firmly opposes" what she called "coercion"):
    // what was said is the whole clause, its quoted words the quotation.
    let prefix = &sentence[..quote_end];
    let unquoted = mask_quotes(prefix);
    if unquoted
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
        >= 3
    {
        let mark = prefix.chars().next_back().unwrap_or('"');
        let body = prefix
            .trim_end_matches(['"', '”', '’'])
            .trim_end_matches([',', ' ']);
        s.content = format!("{body}{mark}");
        s.quote = quotation(&s.content);
    }
    Some(s)
}

/// `"…," X said.` and `"…," said X, …`.
fn quote_first(sentence: &str) -> Option<Statement> {
    let c = QUOTE_FIRST.captures(sentence)?;
    let quote = c.get(1).or_else(|| c.get(2))?.as_str().trim().to_string();
    let rest = c.get(3)?.as_str().trim_end_matches(['.', ' ']);
    after_quote(rest, &quote, false)
}

/// The speaker and verb after a quotation: `said X, …` or `X said`. Inside a
/// sentence (`inside`), the speaker after the verb must be a name, and a
/// speaker before the verb must close the sentence.
fn after_quote(rest: &str, quote: &str, inside: bool) -> Option<Statement> {
    let quoted = |speaker: String, verb: &str| {
        let mut s = statement(speaker, verb, quote.to_string());
        s.quote = Some(quote.trim_end_matches([',', '.']).to_string());
        s
    };
    for verb in VERBS {
        if let Some(after) = rest.strip_prefix(verb)
            && after.starts_with(' ')
        {
            let speaker = after.trim();
            let head = speaker.split(',').next().unwrap_or(speaker).trim();
            let named = !inside || head.chars().next().is_some_and(char::is_uppercase);
            if plausible(head) && named {
                return Some(quoted(speaker.to_string(), verb));
            }
        }
    }
    // Verbs that report speech only right after a quotation ("…?" she continued).
    for verb in ["continued", "shot back", "went on", "chimed in"] {
        if let Some(who) = rest.strip_suffix(verb).map(str::trim_end)
            && let Some(speaker) = subject(who).filter(|sp| plausible(sp))
        {
            return Some(quoted(speaker, verb));
        }
    }
    let (at, verb) = cues(&mask_quotes(rest)).into_iter().next()?;
    // `"…" that Sanders can win, said Steve Elmendorf, …`: the name after the
    // verb speaks, not the subject of the words before it. Only after words
    // that go on from the quotation, and a verb with no object ("told AFP").
    let after = rest[at + verb.len()..].trim();
    let head = after.split(',').next().unwrap_or(after).trim();
    let intransitive = matches!(
        verb,
        "said" | "says" | "added" | "adds" | "wrote" | "writes" | "noted"
    );
    if intransitive
        && rest.starts_with(char::is_lowercase)
        && rest[..at].trim_end().ends_with(',')
        && head.starts_with(char::is_uppercase)
        && plausible(head)
    {
        return Some(quoted(after.to_string(), verb));
    }
    let speaker = subject(&rest[..at])?;
    // Inside a sentence, the verb closes it, or only a short phrase follows
    // ("…," Obama told reporters on Tuesday).
    let tail = rest[at + verb.len()..].split(',').next().unwrap_or("");
    let ends = tail.split_whitespace().count() <= 5;
    (!inside || ends).then(|| quoted(speaker, verb))
}

/// `…, said Christine Link, director of …`: the speaker after a sentence-final
/// verb, what was said before it.
fn inverted(sentence: &str) -> Option<Statement> {
    let masked = mask_quotes(sentence);
    let (at, verb) = cues(&masked).into_iter().last()?;
    let before = masked[..at].trim_end();
    if !before.ends_with(',') || before.len() < 12 {
        return None;
    }
    let speaker = sentence[at + verb.len()..].trim().trim_end_matches(['.', ' ']);
    let head = speaker.split(',').next().unwrap_or(speaker).trim();
    // The speaker is a name or a short description that ends the sentence.
    // A name, or a description ending in one ("political scientist Dossym Satpayev").
    let words: Vec<&str> = head.split_whitespace().collect();
    let name = words.len() <= 6 && words.last().is_some_and(|w| w.starts_with(char::is_uppercase));
    let described =
        (head.starts_with("the ") || head.starts_with("a ")) && head.split_whitespace().count() <= 4;
    let quoted = speaker.contains(['"', '“', '”']);
    // "…, Michael McFaul, a fellow, said of RT": what follows the verb is no speaker.
    let tail = crate::lang::en::is_clause_tail(head);
    if quoted || tail || !(name || described) || !plausible(head) || speaker.split_whitespace().count() > 20 {
        return None;
    }
    let content = sentence[..at].trim_end().trim_end_matches(',').trim();
    let content = content.trim_matches(['"', '“', '”']).trim_end_matches(',');
    Some(statement(speaker.to_string(), verb, content.to_string()))
}
