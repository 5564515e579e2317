//! What parallax knows about each language it reads and writes, one folder per
//! language: how a statement is cued and who its speaker is, how silence and
//! negation are said, the words parallax itself prints, and (for Korean,
//! Japanese and Chinese) how numbers and dates are written. Beside the folders
//! sit what several languages share: scripts, sentences, quotation marks, the
//! statement every reader produces, and the numerals of East Asian text.
//!
//! A language is one [`Language`] value in its folder and one line in
//! [`LANGUAGES`]. A sentence is read in the first language that claims it,
//! English (the last) taking whatever no other does. docs/statements.md says
//! how to add one.

pub(crate) mod cjk;
pub(crate) mod east_asian;
pub(crate) mod en;
pub(crate) mod ja;
pub(crate) mod ko;
pub(crate) mod labels;
pub(crate) mod quotes;
pub(crate) mod script;
pub(crate) mod sentences;
pub(crate) mod sound;
pub(crate) mod statement;
#[cfg(test)]
mod toy;
mod zh;

pub(crate) use labels::Labels;
pub(crate) use statement::Statement;

/// A number in digits, with or without thousands separators (`15,000`, `15 000`,
/// `1.5`), or grouped as Indian English groups it (`3,80,000`).
pub(crate) const NUM: &str =
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:[,\u{a0}\u{202f} ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";

/// What a value written in words stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Number,
    Percent,
    Month,
    Year,
}

/// One language: what it answers for a sentence written in it.
pub(crate) struct Language {
    /// Its code (`en`, `ko`, `ja`, `zh`), as personas name their language.
    pub(crate) code: &'static str,
    /// Whether a sentence is written in this language.
    pub(crate) writes: fn(&str) -> bool,
    /// The statements of one sentence: speaker, verb and content as written.
    pub(crate) statements: fn(&str) -> Vec<Statement>,
    /// Whether a sentence says that someone did not speak ("has not commented",
    /// コメントを控えた): silence, which is no position.
    pub(crate) silent: fn(&str) -> bool,
    /// Whether a statement is negated.
    pub(crate) negated: fn(&str) -> bool,
    /// Words that report a stance: for, then against. Words in Latin letters
    /// match as word starts ("welcom"), others anywhere.
    pub(crate) stance: (&'static [&'static str], &'static [&'static str]),
    /// Values the text writes in words ("in June", `네 명`), read only to
    /// support a claim written in digits, never as a claim.
    pub(crate) numbers: fn(&str) -> Vec<(f64, Kind)>,
    /// The words parallax prints in this language.
    pub(crate) labels: &'static Labels,
}

/// Every language parallax reads, English last: it takes any sentence no
/// other language claims.
pub(crate) static LANGUAGES: &[&Language] = &[
    &ko::LANGUAGE,
    &ja::LANGUAGE,
    &zh::LANGUAGE,
    #[cfg(test)]
    &toy::LANGUAGE,
    &en::LANGUAGE,
];

/// The language a sentence is written in.
pub(crate) fn of(sentence: &str) -> &'static Language {
    LANGUAGES
        .iter()
        .find(|l| (l.writes)(sentence))
        .copied()
        .unwrap_or(&en::LANGUAGE)
}

/// Whether an anaphoric speaker stands for the person it continues (a pronoun,
/// or a continuation with no subject of its own), rather than describing one
/// ("the ministry", 该官员), which is kept as written.
pub(crate) fn is_pronoun(speaker: &str) -> bool {
    en::is_pronoun(speaker) || cjk::is_pronoun(speaker)
}
