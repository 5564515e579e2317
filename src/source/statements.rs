//! Statements: who says what in a passage. Each sentence is read in its own
//! script's language: Japanese and Chinese by their own readers (`japanese`,
//! `chinese`), Korean (`…라고 밝혔다`, `X은/는 …고 말했다`, `X에 따르면`) and
//! English here, with the clause-level English forms in `clauses`. The English
//! forms: `X said (that) …`, `"…," X said`, `"…," said X`, `according to X, …`,
//! `X has called for / condemned / urged …`, apposition (`Japan, the canal's
//! third-largest user, has called …`), a mixed quotation, and a floating quotation
//! after an attributed one, which carries on that statement. It finds the speaker
//! span as written; which side that speaker belongs to is `sides`' job, from the
//! speaker span only, never from who else the sentence mentions.

use std::sync::LazyLock;

use regex::Regex;

use super::cues::{cues, mask_quotes};
use super::lexicon::{AUXILIARIES, VERBS};
use super::speaker::{plausible, subject};
use super::statement::Statement;
use super::statement::{QUOTES, first_group, quotation, statement};
use super::{chinese, clauses, japanese};
use crate::text::script::{Script, script};
use crate::text::sentences;

static QUOTE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    // Double marks may hold apostrophes (“We don’t …,”); single ones may not.
    Regex::new(r#"^\s*(?:["“]([^"”]{2,}?)[,.!?]?["”]|[‘']([^’']{2,}?)[,.!?]?[’']),?\s+(.+)$"#)
        .unwrap_or_else(|e| panic!("{e}"))
});
static ACCORDING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\baccording to ([^,.;]+)").unwrap_or_else(|e| panic!("{e}")));
static KO_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(밝혔다|말했다|강조했다|전했다|주장했다|비판했다|지적했다|덧붙였다|설명했다|언급했다|발표했다|촉구했다|요구했다|경고했다|규탄했다|비난했다|환영했다|반박했다|부인했다|일축했다|우려했다|표명했다|확인했다|요청했다|평가했다|밝혔습니다|말했습니다|강조했습니다|전했습니다)")
        .unwrap_or_else(|e| panic!("{e}"))
});
static KO_ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([^\s,.]+(?:\s+[^\s,.]+){0,4})에\s*따르면").unwrap_or_else(|e| panic!("{e}"))
});

/// Every statement in `text`, in order.
pub fn extract(text: &str) -> Vec<Statement> {
    // Two apostrophes as a quotation mark (''…''), read as one: the same length,
    // so spans stay true.
    let text = &text.replace("''", "\" ");
    let mut out: Vec<Statement> = Vec::new();
    for sentence in sentences(text) {
        let start = offset(text, sentence);
        let span = (start, start + sentence.len());
        let found = match script(sentence) {
            Script::Korean => korean(sentence).into_iter().collect(),
            Script::Japanese => japanese::extract(sentence),
            Script::Chinese => chinese::extract(sentence).into_iter().collect(),
            Script::Latin => english(sentence),
        };
        // Silence is not a position: "has not commented", コメントを控えた,
        // 未予置评, 언급하지 않았다 say that nothing was said.
        if silent(sentence) {
            continue;
        }
        if !found.is_empty() {
            for mut s in found {
                s.span = span;
                out.push(s);
            }
        } else if let (Some(prev), Some(q)) = (out.last_mut(), whole_quote(sentence)) {
            // A quotation standing alone right after an attributed one carries on
            // the same statement (a floating quote): one statement, its pieces
            // joined as a quotation with a gap.
            prev.content = format!("{} {q}", prev.content);
            prev.quote = Some(match prev.quote.take() {
                Some(before) => format!("{before} … {q}"),
                None => q,
            });
            prev.span.1 = span.1;
        }
    }
    out
}

static SILENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:has|have|had|did|does|do)(?: not|n't)(?: yet| immediately)? (?:comment|respond|return|reply)",
        r"|\b(?:declined|refused) to comment|\bno comment\b|\bcould not be reached\b|\bhas yet to comment",
        r"|\bnot available for comment|\bwould not comment|\bwouldn't comment",
        r"|コメントしていない|コメントを控え|コメントは控え|コメントしなかった|回答を控え|返答はなかった",
        r"|未予置评|不予置评|拒绝置评|未作回应|没有回应|尚未回应|未回应",
        r"|언급하지 않았다|언급을 피했다|논평을 거부|응답하지 않았다|답하지 않았다|입장을 밝히지 않았다"
    ))
    .unwrap_or_else(|e| panic!("{e}"))
});

/// Whether a sentence says that someone did not speak.
fn silent(sentence: &str) -> bool {
    SILENCE.is_match(sentence)
}

fn offset(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len())
}

/// The quotation of a sentence that is nothing but a quotation.
fn whole_quote(sentence: &str) -> Option<String> {
    let t = sentence.trim();
    if let Some(q) = QUOTES.captures(t)
        && let Some(m) = q.get(0)
    {
        return (m.start() == 0 && t.len() - m.end() <= 2).then(|| first_group(&q));
    }
    // A quotation left open at the end of a paragraph: it runs on into the next.
    let open = t.strip_prefix(['"', '“'])?;
    (!open.contains(['"', '“', '”']) && open.split_whitespace().count() >= 3).then(|| open.trim().to_string())
}

fn english(sentence: &str) -> Vec<Statement> {
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
    if quoted || !(name || described) || !plausible(head) || speaker.split_whitespace().count() > 20 {
        return None;
    }
    let content = sentence[..at].trim_end().trim_end_matches(',').trim();
    let content = content.trim_matches(['"', '“', '”']).trim_end_matches(',');
    Some(statement(speaker.to_string(), verb, content.to_string()))
}

fn korean(sentence: &str) -> Option<Statement> {
    if let Some(c) = KO_ACCORDING.captures(sentence) {
        let whole = c.get(0)?;
        let speaker = c.get(1)?.as_str().trim().to_string();
        let content = sentence[whole.end()..].trim().to_string();
        return Some(statement(speaker, "에 따르면", content));
    }
    let verb = KO_VERB.find(sentence)?;
    let before = &sentence[..verb.start()];
    let quote_at = before.find(['"', '“', '\'', '‘', '「']).unwrap_or(before.len());
    let speaker = ko_subject(&before[..quote_at])?;
    let content_start = before.find(&speaker).map_or(0, |i| i + speaker.len());
    let content = before[content_start..]
        .trim_start_matches(['은', '는', '이', '가'])
        .trim()
        .to_string();
    let mut s = statement(speaker, verb.as_str(), content);
    s.anaphor = false;
    Some(s)
}

/// The Korean subject: words up to the first topic (`은/는`) or subject
/// (`이/가`) marker, without the particle.
fn ko_subject(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let marked = |w: &&str, ps: &[char]| w.chars().count() >= 2 && w.ends_with(ps);
    let end = words
        .iter()
        .position(|w| marked(w, &['은', '는']))
        .or_else(|| words.iter().position(|w| marked(w, &['이', '가'])))?;
    let mut phrase = words[..=end].join(" ");
    phrase.pop();
    let phrase = phrase.trim().to_string();
    (!phrase.is_empty()).then_some(phrase)
}

#[cfg(test)]
mod tests;
