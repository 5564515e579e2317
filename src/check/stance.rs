//! A side's stance reported the other way round: the article says a side
//! welcomed what the sources say it opposed (or the reverse), in any of the
//! four languages (歓迎 against 反対, 欢迎 against 反对, 환영 against 반대). A
//! contradiction is proven only where the two statements are the same one: the
//! same side, most of the same words once the stance words are set aside, and
//! neither negated (a negation leaves the stance open).

use super::translation::negated;
use super::words::content_words;
use crate::ids::SideId;
use crate::source::Statement;

/// +1 for a stance for, -1 against, from the first stance word of the verb,
/// else of what was said; none when there is none or both kinds.
pub(super) fn polarity(verb: &str, content: &str) -> Option<i8> {
    [verb, content].iter().find_map(|t| {
        let lower = t.to_lowercase();
        let has = |words: &[&str]| {
            words.iter().any(|w| {
                if w.is_ascii() {
                    lower
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|x| x.starts_with(w))
                } else {
                    lower.contains(w)
                }
            })
        };
        let stated = |against: bool| {
            crate::lang::LANGUAGES.iter().any(|l| {
                let (welcomes, opposes) = l.stance;
                has(if against { opposes } else { welcomes })
            })
        };
        match (stated(false), stated(true)) {
            (true, false) => Some(1),
            (false, true) => Some(-1),
            _ => None,
        }
    })
}

/// Every language's stance words, for and against.
fn stance_words() -> impl Iterator<Item = &'static str> {
    crate::lang::LANGUAGES
        .iter()
        .flat_map(|l| l.stance.0.iter().chain(l.stance.1))
        .copied()
}

/// Content words without the stance words, so that "welcomed the deal" and
/// "opposed the deal" are about the same thing.
fn topic(s: &str) -> std::collections::BTreeSet<String> {
    content_words(s)
        .into_iter()
        .filter(|w| !stance_words().any(|p| w.starts_with(p) || (!p.is_ascii() && p.contains(w.as_str()))))
        .collect()
}

/// The statement among the sources' `said` that `s` (given to `side`) reports
/// with the opposite stance, if there is one.
pub(super) fn reversed<'s>(
    mut said: impl Iterator<Item = &'s Statement>,
    s: &Statement,
    side: &Option<SideId>,
) -> Option<&'s Statement> {
    let side = side.as_ref()?;
    let ours = polarity(&s.verb, &s.content)?;
    if negated(&s.content) || negated(&s.verb) {
        return None;
    }
    let words = topic(&s.content);
    // What a stance verb takes ("welcomes Tokyo's move") may be short.
    let least = if polarity(&s.verb, "").is_some() { 2 } else { 3 };
    if words.len() < least {
        return None;
    }
    said.find(|st| {
        if st.side.as_ref() != Some(side) || negated(&st.content) || negated(&st.verb) {
            return false;
        }
        let theirs = topic(&st.content);
        let shared = words.intersection(&theirs).count() as f64;
        // The same statement, or one that holds the article's words with its
        // stance word right beside them ("… and that Beijing \"firmly opposes\"
        // Tokyo's move").
        let same = shared >= 0.7 * words.len().max(theirs.len()) as f64
            || shared >= 0.8 * words.len() as f64 && beside_stance(&st.content, &words);
        polarity(&st.verb, &st.content) == Some(-ours) && same
    })
}

/// Whether a stance word of `content` stands within four words of one of
/// `words` (space-separated text only).
fn beside_stance(content: &str, words: &std::collections::BTreeSet<String>) -> bool {
    let tokens: Vec<String> = content
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    tokens.iter().enumerate().any(|(i, t)| {
        let stance = stance_words().any(|p| p.is_ascii() && t.starts_with(p));
        stance
            && tokens[i.saturating_sub(4)..(i + 5).min(tokens.len())]
                .iter()
                .any(|x| words.contains(x))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stance_words_in_four_languages() {
        assert_eq!(polarity("welcomed", "the agreement"), Some(1));
        assert_eq!(polarity("said", "it opposed the agreement"), Some(-1));
        assert_eq!(polarity("表明した", "合意を歓迎する"), Some(1));
        assert_eq!(polarity("表示", "坚决反对该协议"), Some(-1));
        assert_eq!(polarity("밝혔다", "합의를 환영한다"), Some(1));
        assert_eq!(polarity("said", "the talks went well"), None);
        assert_eq!(polarity("said", "it supports talks but opposes sanctions"), None);
    }
}
