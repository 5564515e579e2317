//! Which script, and so which language, a text is written in: Hangul is
//! Korean, kana Japanese, Han characters without kana Chinese. The one home of
//! these character ranges.

/// The language a text is written in, judged by its script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Korean,
    Japanese,
    Chinese,
}

/// Hiragana or katakana.
pub(crate) fn kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30ff}')
}

/// A Han character (kanji, hanzi, hanja).
pub(crate) fn han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// A Hangul syllable.
pub(crate) fn hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7a3}')
}

impl Script {
    /// The language code of the script (`en`, `ko`, `ja`, `zh`).
    pub(crate) fn code(self) -> &'static str {
        match self {
            Script::Latin => "en",
            Script::Korean => "ko",
            Script::Japanese => "ja",
            Script::Chinese => "zh",
        }
    }
}

/// The script of `text`: Hangul is Korean, kana Japanese, Han without kana
/// Chinese; a text mostly in Latin letters is Latin whatever it quotes.
pub(crate) fn script(text: &str) -> Script {
    let (mut latin, mut ko, mut ja, mut zh) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if hangul(c) {
            ko += 1;
        } else if kana(c) {
            ja += 1;
        } else if han(c) {
            zh += 1;
        }
    }
    // Each CJK character carries about as much as a Latin word's letters.
    let cjk = (ko + ja + zh) * 3;
    if cjk <= latin {
        Script::Latin
    } else if ko >= ja + zh {
        Script::Korean
    } else if ja * 10 >= ja + zh {
        Script::Japanese
    } else {
        Script::Chinese
    }
}

/// A character of a script written without spaces between words (Han, kana).
pub(crate) fn unspaced(c: char) -> bool {
    han(c) || kana(c)
}
