//! Quotations in translation. A quotation in an article whose cited passages are
//! in another language cannot match word for word; it is checked for what a
//! translation must keep: the passages hold something said to translate, the
//! numbers and dates inside it are the original's, and it says "not" exactly
//! where the original does (not/never, 않/없, ない/ず, 不/没有/未).

use super::claims::{self, Claim};
use crate::article::{Original, Quotation};
use crate::lang::en::numbers as number_words;
use crate::lang::script::{Script, script};
use crate::source::Passage;

/// Why a translated quotation does not hold, if it does not.
pub(super) enum Unfaithful {
    /// The cited passages quote nobody and report no statement.
    NothingSaid,
    /// A number or date in the quotation is not in the passages.
    Fact(String),
    /// The quotation says "not" where every candidate original does not, or the
    /// reverse.
    Negation,
    /// It shares its numbers or names with one original alone, and says "not"
    /// where that original does not, or the reverse: the original is the proof.
    Flipped(String),
    /// In a side's section, it says "not" where nothing that side said does, or
    /// the reverse: a note, since what a side said is read less surely than
    /// what was said at all.
    SideNegation,
}

/// The script of the passages a block cites, read once per block.
pub(super) fn script_of(passages: &[&Passage]) -> Script {
    let text: String = passages
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    script(&text)
}

/// Whether `text` is in another language than its passages (of script `cited`).
pub(super) fn is_translation(text: &str, cited: Option<Script>) -> bool {
    cited.is_some_and(|c| script(text) != c)
}

/// Whether a quotation is written in Han characters alone (`「非公開」`), which
/// Japanese and Chinese share: in an article in the other language it is a
/// translation, whatever its script says.
pub(super) fn han_only(quote: &str) -> bool {
    let mut letters = quote.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(crate::lang::script::han)
}

/// Whether a quotation mixes the passages' Latin script with another
/// (`“救助儿童会（Save the Children）”`): a translation that glosses its original.
pub(super) fn glossed(quote: &str, cited: Option<Script>) -> bool {
    cited == Some(Script::Latin)
        && quote
            .chars()
            .any(|c| crate::lang::script::unspaced(c) || crate::lang::script::hangul(c))
}

/// Check a translated quotation against the statements of its passages, whose
/// claims are `found`.
pub(super) fn check(
    quote: &str,
    passages: &[&Passage],
    found: &[claims::Found],
    side: Option<&str>,
) -> Option<Unfaithful> {
    let all = || passages.iter().flat_map(|p| &p.statements);
    // In a side's section a quotation is that side's: it translates something
    // that side said (quoted or reported), when the passages give it anything.
    let own = |s: &&crate::source::Statement| side.is_some() && s.side.as_deref() == side;
    let side_disagrees = all().any(|s| own(&s)) && {
        // What the side said: its quotations where it was quoted, else what was
        // reported.
        let said: Vec<String> = all()
            .filter(own)
            .flat_map(|s| {
                let quoted: Vec<String> = crate::lang::quotes::QUOTES
                    .captures_iter(&s.content)
                    .map(|c| crate::lang::quotes::first_group(&c))
                    .collect();
                if quoted.is_empty() {
                    vec![s.content.clone()]
                } else {
                    quoted
                }
            })
            .collect();
        let polarity = negated(quote);
        !said.iter().any(|o| negated(o) == polarity || polarity_unsure(o))
    };
    let whole = against_all(quote, passages, found);
    if whole.is_none() && side_disagrees {
        return Some(Unfaithful::SideNegation);
    }
    whole
}

/// A translated quotation against everything its passages say.
fn against_all(quote: &str, passages: &[&Passage], found: &[claims::Found]) -> Option<Unfaithful> {
    let statements = || passages.iter().flat_map(|p| &p.statements);
    // A quotation translates a quotation when the passages hold one, whether or
    // not its speaker was read; else what was reported.
    let mut quoted: Vec<&str> = statements().filter_map(|s| s.quote.as_deref()).collect();
    for p in passages {
        for c in crate::lang::quotes::QUOTES.captures_iter(&p.text) {
            if let Some(q) = crate::lang::quotes::first_match(&c)
                && !quoted.iter().any(|o| o.contains(q))
            {
                quoted.push(q);
            }
        }
    }
    let originals: Vec<&str> = if quoted.is_empty() {
        statements().map(|s| s.content.as_str()).collect()
    } else {
        quoted
    };
    if originals.is_empty() {
        return Some(Unfaithful::NothingSaid);
    }
    let no_index = crate::text::QuoteIndex::default();
    let supported = |claim: &Claim| claims::supported(claim, found, &no_index);
    let texts: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
    for c in claims::extract(quote) {
        // A counter that means "one" or "a" (一家, 1つ) translates an article.
        if c.claim == Claim::Number(1.0) {
            continue;
        }
        if !matches!(c.claim, Claim::Quote(_))
            && !supported(&c.claim)
            && !super::readings::otherwise(&c, quote, supported, &texts, true)
        {
            return Some(Unfaithful::Fact(c.text));
        }
    }
    let polarity = negated(quote);
    if let Some(original) = tied(quote, &originals)
        && negated(original) != polarity
        && !polarity_unsure(original)
        && !polarity_unsure(quote)
    {
        return Some(Unfaithful::Flipped(original.to_string()));
    }
    (!originals
        .iter()
        .any(|o| negated(o) == polarity || polarity_unsure(o)))
    .then_some(Unfaithful::Negation)
}

/// The one original a translated quotation shares the most anchors with:
/// numbers and dates by value (other than one), and words in Latin letters
/// that both write alike (`NATO`, `THAAD`). None when no original shares any,
/// or two share as many: then what it translates is not known.
pub(super) fn tied<'o>(quote: &str, originals: &[&'o str]) -> Option<&'o str> {
    let facts: Vec<Claim> = claims::extract(quote)
        .into_iter()
        .map(|f| f.claim)
        .filter(|c| !matches!(c, Claim::Quote(_)) && *c != Claim::Number(1.0))
        .collect();
    let latin: Vec<&str> = quote
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 2 && w.chars().any(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    if facts.is_empty() && latin.is_empty() {
        return None;
    }
    let score = |original: &str| {
        shared_facts(&facts, original) + latin.iter().filter(|w| latin_word_in(original, w)).count()
    };
    let mut scored: Vec<(usize, &str)> = originals.iter().map(|o| (score(o), *o)).collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    match scored.as_slice() {
        [(best, original), rest @ ..] if *best > 0 && rest.first().is_none_or(|(next, _)| next < best) => {
            Some(original)
        }
        _ => None,
    }
}

/// Whether `text` holds `word`, a word in Latin letters, between anything but
/// Latin letters and digits: Korean and Japanese glue their particles to it
/// (`NATO와`, `EUに`).
fn latin_word_in(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// How many of `facts` (numbers and dates) `words` hold by value.
fn shared_facts(facts: &[Claim], words: &str) -> usize {
    let found = claims::extract(words);
    let no_index = crate::text::QuoteIndex::default();
    facts
        .iter()
        .filter(|c| claims::supported(c, &found, &no_index))
        .count()
}

/// Whether what `s` says holds whichever way a translation negates it: it
/// negates twice, or only inside a relative clause ("things that I couldn't
/// do", which a translation may give as "beyond me").
pub(super) fn polarity_unsure(s: &str) -> bool {
    double_negative(s) || crate::lang::en::negated_only_within(s)
}

/// Whether `s` negates twice ("not unconcerned"): what it says holds either way
/// in a language that says it once (`무관심하지 않다`).
pub(super) fn double_negative(s: &str) -> bool {
    crate::lang::en::has_negator(s) && !negated(s)
}

/// Every quotation of `doc`: where it is, whether it translates its cited
/// passages, and then the words it most likely translates (a statement of the
/// same polarity that holds the most of its numbers and dates).
pub(super) fn quotations(doc: &super::Doc, corpus: &super::Corpus<'_>) -> Vec<Quotation> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        let known = corpus.known(&block.cites);
        let passages: Vec<&Passage> = corpus
            .select(&known)
            .into_iter()
            .map(|i| corpus.passages[i])
            .collect();
        let cited = (!passages.is_empty()).then(|| script_of(&passages));
        for c in claims::extract(&block.text) {
            let Claim::Quote(q) = c.claim else { continue };
            let translated = is_translation(&q, cited);
            out.push(Quotation {
                original: translated.then(|| original(&q, &passages)).flatten(),
                text: q,
                location: block.location.clone(),
                translated,
            });
        }
    }
    out
}

/// The statement of `passages` that `quote` most likely translates.
fn original(quote: &str, passages: &[&Passage]) -> Option<Original> {
    let facts: Vec<Claim> = claims::extract(quote)
        .into_iter()
        .map(|f| f.claim)
        .filter(|c| !matches!(c, Claim::Quote(_)))
        .collect();
    let polarity = negated(quote);
    let score = |words: &str| usize::from(negated(words) == polarity) * 1_000 + shared_facts(&facts, words);
    let candidates = passages.iter().flat_map(|p| {
        p.statements
            .iter()
            .map(move |s| (p, s.quote.as_deref().unwrap_or(&s.content)))
    });
    let mut best: Option<(usize, &Passage, &str)> = None;
    for (p, words) in candidates {
        let s = score(words);
        if best.is_none_or(|(b, _, _)| s > b) {
            best = Some((s, p, words));
        }
    }
    best.map(|(_, p, words)| Original {
        passage: p.id.clone(),
        text: words.to_string(),
    })
}

/// Small numbers written as words before what they count ("four ships"), not
/// after a determiner ("the two countries"): in a translation they stand for
/// the source's digits (4隻).
pub(super) fn counted_words(text: &str) -> Vec<claims::Found> {
    const DETERMINERS: &[&str] = &[
        "the", "these", "those", "both", "all", "its", "their", "his", "her", "our",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let counted = super::support::small_numbers(bare);
        let after_determiner = i > 0 && DETERMINERS.contains(&words[i - 1].to_lowercase().as_str());
        // Not a name of two numbers ("Seven-Eleven"), which is no number.
        let words_for_numbers = bare
            .split('-')
            .filter(|p| number_words::value(p).is_some())
            .count();
        let named = words_for_numbers > 1 && number_words::value(bare).is_none();
        if !named
            && let Some(found) = counted.into_iter().next()
            && found.claim != Claim::Number(1.0)
            && !after_determiner
            && words
                .get(i + 1)
                .is_some_and(|n| n.chars().all(char::is_alphabetic) && n != &"of")
        {
            out.push(found);
        }
    }
    out
}

/// Whether a statement is negated, in its own language.
pub(super) fn negated(s: &str) -> bool {
    (crate::lang::of(s).negated)(s)
}

#[cfg(test)]
mod tests;
