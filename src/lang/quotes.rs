//! Quotation marks in the four languages: direct quotations ("…", “…”, ‘…’,
//! 「…」) and text masked inside them, so that cues and particles are found
//! outside what was quoted.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

pub(crate) static QUOTES: LazyLock<Regex> =
    LazyLock::new(|| re(r#"["“]([^"”]{2,})["”]|「([^」]+)」|‘([^’]{2,})’"#));

pub(crate) fn first_group(c: &regex::Captures) -> String {
    first_match(c).unwrap_or_default().to_string()
}

/// The first group a match of a quotation pattern has, trimmed, as it stands
/// in the text.
pub(crate) fn first_match<'t>(c: &regex::Captures<'t>) -> Option<&'t str> {
    (1..c.len()).find_map(|i| c.get(i)).map(|m| m.as_str().trim())
}

/// Direct quotations in `s`, joined with ` … `.
pub(crate) fn quotation(s: &str) -> Option<String> {
    let qs: Vec<String> = QUOTES
        .captures_iter(s)
        .map(|c| first_group(&c))
        // A one-word quotation counts when it is a distinctive word ("ironclad"),
        // not a scare-quoted short one.
        .filter(|q| q.split_whitespace().count() >= 2 || q.trim_end_matches([',', '.']).chars().count() >= 6)
        .collect();
    (!qs.is_empty()).then(|| qs.join(" … "))
}

/// How quotation marks open and close when a text is masked.
#[derive(Clone, Copy)]
pub(crate) enum Marks {
    /// Paired marks that nest (「」『』“”), kept, their inside blanked with
    /// spaces: for Japanese and Chinese.
    Nested,
    /// Double marks (" “ ”) that each open or close, blanked with their inside:
    /// an ASCII character becomes a space, a wider one (a curly mark, an
    /// accented letter) as many U+0001 bytes, so that no offset found in the
    /// mask (`", "`) falls inside a character of the text. For English.
    Toggled,
}

/// The text with every quotation's inside blanked, byte for byte.
pub(crate) fn mask(s: &str, marks: Marks) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        let (blank, fill) = match marks {
            Marks::Nested => {
                if matches!(c, '」' | '』' | '”') {
                    depth = depth.saturating_sub(1);
                }
                let inside = depth > 0;
                if matches!(c, '「' | '『' | '“') {
                    depth += 1;
                }
                (inside, ' ')
            }
            Marks::Toggled => {
                let mark = matches!(c, '"' | '“' | '”');
                if mark {
                    depth ^= 1;
                }
                (depth == 1 || mark, if c.is_ascii() { ' ' } else { '\u{1}' })
            }
        };
        if blank {
            out.extend(std::iter::repeat_n(fill, c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}
