//! Text helpers every layer shares: whole-word matching in any script,
//! excerpts, and the one quotation matcher used both to validate a model's
//! answer and to check an article. Quotations follow newsroom style
//! (AP, Reuters): a quotation may drop words with an ellipsis (each piece stays
//! verbatim), insert `[bracketed]` clarifications, change the case of its first
//! letter, and put its punctuation inside or outside the marks; typographic and
//! straight quotes are the same. Any other change to the words is refused.

mod markdown;

use crate::lang::script;

pub(crate) use markdown::{Kind as BlockKind, blocks};

/// `s` safe to print on a terminal: control characters (escape sequences
/// among them) and bidirectional overrides shown as `\u{1b}`, not obeyed.
pub(crate) fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| {
            if unsafe_char(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Tokens in `s`, estimated: four bytes a token in Latin script, a token a
/// character in Hangul, kana and Han (where a character is a word or near one).
pub(crate) fn tokens(s: &str) -> usize {
    // Counted on bytes (every prompt is counted, some more than once): an
    // ASCII byte is an ASCII character; a byte from 0xC0 up starts any other.
    let bytes = s.as_bytes();
    let ascii = bytes.iter().filter(|b| b.is_ascii()).count();
    let other = bytes.iter().filter(|&&b| b >= 0xC0).count();
    ascii.div_ceil(4) + other
}

/// Whether `needle` occurs in `hay` as a whole word. Hangul words may carry a
/// particle after them (`한국은`); Chinese and Japanese text has no spaces.
pub(crate) fn contains_word(hay: &str, needle: &str) -> bool {
    word_at(hay, needle).is_some()
}

/// The byte offset of the first whole-word occurrence of `needle` in `hay`.
pub(crate) fn word_at(hay: &str, needle: &str) -> Option<usize> {
    let last = needle.chars().next_back()?;
    let first = needle.chars().next()?;
    use script::{hangul, unspaced};
    let whole = |i: &usize| {
        let i = *i;
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        let start_ok = unspaced(first) || !before.is_some_and(char::is_alphanumeric);
        let end_ok = unspaced(last) || hangul(last) || !after.is_some_and(char::is_alphanumeric);
        start_ok && end_ok
    };
    // A speaker span is short and is asked for every keyword of a persona: a
    // plain scan costs less there than building a substring searcher each time.
    if hay.len() <= 256 {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        (0..(h.len() + 1).saturating_sub(n.len()))
            .filter(|&i| h[i] == n[0] && h[i..].starts_with(n) && hay.is_char_boundary(i))
            .find(whole)
    } else {
        hay.match_indices(needle).map(|(i, _)| i).find(whole)
    }
}

/// Words in `s`: whitespace-separated words, and for Chinese and Japanese,
/// which put no spaces between words, one word for every two characters of
/// Han or kana (a common estimate of their word length).
pub(crate) fn word_count(s: &str) -> usize {
    let cjk = s.chars().filter(|c| script::unspaced(*c)).count();
    let spaced = s
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric() && !script::unspaced(c)))
        .count();
    spaced + cjk.div_ceil(2)
}

/// Fold whitespace and typographic quotes so texts compare by their words;
/// characters hidden from a reader (a zero-width space) are no part of them.
pub(crate) fn fold(s: &str) -> String {
    strip_hidden(s)
        .replace(['“', '”', '„', '「', '」', '『', '』'], "\"")
        .replace(['‘', '’', '‚'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most `max` characters of `s`, on one line, with `…` when cut.
pub(crate) fn excerpt(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max).collect();
    format!("{cut}…")
}

/// A text prepared for quotation look-ups: folded, with a lower-cased copy.
#[derive(Debug, Clone, Default)]
pub(crate) struct QuoteIndex {
    lower: String,
    /// Letters and digits only, for quotations in scripts without spaces.
    compact: String,
    /// Most of its letters are Latin ones.
    latin: bool,
    /// Quotations already looked up: the checks ask again after every revision.
    asked: crate::memo::Memo<String, bool>,
}

impl QuoteIndex {
    pub(crate) fn new(text: &str) -> Self {
        let lower = format!(" {} ", words_key(text));
        let (latin, other) =
            lower
                .chars()
                .filter(|c| c.is_alphabetic())
                .fold((0usize, 0usize), |(l, o), c| {
                    if c.is_ascii_alphabetic() {
                        (l + 1, o)
                    } else {
                        (l, o + 1)
                    }
                });
        Self {
            compact: compact(&lower),
            lower,
            latin: latin > other,
            asked: crate::memo::Memo::default(),
        }
    }

    /// Whether some word of the text begins as `word` does (its first five
    /// letters, or the whole of a shorter word), so `doubles` finds `doubled`.
    pub(crate) fn has_word_like(&self, word: &str) -> bool {
        let stem: String = word.to_lowercase().chars().take(5).collect();
        self.lower.contains(&format!(" {stem}"))
    }

    /// Whether most of the text's letters are Latin ones: only then do its
    /// words tell whether an English (or French…) headline is made of them.
    pub(crate) fn is_latin(&self) -> bool {
        self.latin
    }

    /// Whether `quote` is a quotation of this text under newsroom rules: every
    /// piece occurs, as whole words, in the text. A piece in Chinese or Japanese
    /// has no word boundaries: its characters must occur in order, punctuation
    /// aside.
    pub(crate) fn contains(&self, quote: &str) -> bool {
        self.asked.get_or(quote, |q| self.holds(q))
    }

    fn holds(&self, quote: &str) -> bool {
        // A quotation the text holds as it stands, its own brackets and
        // ellipses included (`[W]e are`, `that…. They're`).
        let whole = spelled(&words_only(&unquote(&fold(quote))));
        if whole.chars().any(char::is_alphanumeric) && self.lower.contains(&format!(" {whole} ")) {
            return true;
        }
        let pieces = quote_pieces(quote);
        !pieces.is_empty()
            && pieces.iter().all(|p| {
                if p.chars().any(script::unspaced) {
                    self.compact.contains(&compact(p))
                } else {
                    self.lower.contains(&format!(" {p} "))
                }
            })
    }
}

/// A text's words as quotations compare them: folded, lower-cased, without
/// quotation marks and the punctuation newsroom style moves.
pub(crate) fn words_key(s: &str) -> String {
    spelled(&words_only(&unquote(&fold(s))))
}

/// Lower-cased words in one spelling (British and American meet; `U.S.` is
/// `US`), so a quotation respelt by an edition still reads as the same words.
fn spelled(s: &str) -> String {
    let lower = s.to_lowercase();
    let words: Vec<_> = lower
        .split(' ')
        .map(crate::lang::en::spelling::canonical)
        .collect();
    words.join(" ")
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The verbatim pieces a quotation claims, lower-cased and without edge
/// punctuation: split at ellipses and bracketed insertions. Japanese, Chinese
/// and Korean papers put their insertions in round brackets as well
/// (「（ミサイル発射は）容認できない」).
pub(crate) fn quote_pieces(quote: &str) -> Vec<String> {
    let folded = fold(quote);
    let east_asian = folded.chars().any(|c| script::unspaced(c) || script::hangul(c));
    let opens = |c: char| matches!(c, '[' | '（' | '〔') || (east_asian && c == '(');
    let closes = |c: char| matches!(c, ']' | '）' | '〕') || (east_asian && c == ')');
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if opens(c) => {
                depth += 1;
                pieces.push(std::mem::take(&mut current));
            }
            c if closes(c) && depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            '…' => pieces.push(std::mem::take(&mut current)),
            '.' if chars.peek() == Some(&'.') => {
                while chars.peek() == Some(&'.') {
                    chars.next();
                }
                pieces.push(std::mem::take(&mut current));
            }
            _ => current.push(c),
        }
    }
    pieces.push(current);
    pieces
        .iter()
        .map(|p| spelled(&words_only(&unquote(p))))
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .collect()
}

/// Quotation marks as spaces, so a Korean particle glued to a closing mark
/// (`한다"고`) leaves the quoted words whole; an apostrophe inside a word
/// (`Pyongyang's`) stays.
fn unquote(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let letter = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            '"' => ' ',
            '\'' if !(letter(chars.get(i.wrapping_sub(1))) && letter(chars.get(i + 1))) => ' ',
            c => *c,
        })
        .collect()
}

/// Text with edge punctuation and quotation marks dropped, and punctuation that
/// newsroom style moves (`,` `.` `;` `:` `!` `?` and quotation marks) removed
/// before spaces and at the end, so `"a," b` and `a, b` compare equal.
fn words_only(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        let w =
            w.trim_matches(|c: char| matches!(c, '"' | '\'' | ',' | '.' | ';' | ':' | '!' | '?' | '(' | ')'));
        // A dash or a stray mark is no word ("so much -." reads "so much").
        if !w.chars().any(char::is_alphanumeric) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        // Asterisks are Markdown's emphasis or a word's letters starred out
        // (`f***`): an article read as Markdown loses them, its source not.
        out.extend(w.chars().filter(|c| *c != '*'));
    }
    out
}

#[cfg(test)]
mod tests;

/// Whether `s` is an `http://` or `https://` URL, in any letter case (schemes
/// are case-insensitive: `HTTP://` is a URL, not a path).
pub(crate) fn is_web_url(s: &str) -> bool {
    let s = s.trim_start();
    ["http://", "https://"]
        .iter()
        .any(|p| s.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)))
}

/// Whether a character is hidden from a reader but not from a terminal or a
/// model: control characters (ESC starts terminal sequences; newline and tab
/// stay), bidi overrides, isolates and marks, zero-width spaces and joiners
/// that are not needed to spell words (ZWJ and ZWNJ stay: Persian, Indic
/// scripts and emoji need them), the byte-order mark and Unicode tag characters.
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{180e}' | '\u{feff}'
        )
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2060}'..='\u{2064}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || ('\u{e0000}'..='\u{e007f}').contains(&c)
}

/// `s` without its hidden characters (see [`is_hidden`]).
pub(crate) fn strip_hidden(s: &str) -> String {
    s.chars().filter(|c| !is_hidden(*c)).collect()
}

/// Every string in a JSON value without its hidden characters.
pub(crate) fn strip_hidden_json(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) if s.chars().any(is_hidden) => *s = strip_hidden(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_hidden_json),
        serde_json::Value::Object(map) => map.values_mut().for_each(strip_hidden_json),
        _ => {}
    }
}
