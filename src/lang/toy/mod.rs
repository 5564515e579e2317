//! A toy fifth language, registered only in tests, written in Greek letters:
//! one reporting cue (`είπε ότι`, "said that"), one silence form (`δεν
//! σχολίασε`, "did not comment"), one negator and two number words. It proves
//! that a language is its folder plus one registration line: the statement
//! reader and the checks take it with no change anywhere else.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, Language, Statement};

pub(super) static LANGUAGE: Language = Language {
    code: "xx",
    writes: |s| {
        s.chars()
            .any(|c| ('α'..='ω').contains(&c) || ('Α'..='Ω').contains(&c))
    },
    statements,
    silent: |s| s.contains("δεν σχολίασε"),
    negated: |s| s.split_whitespace().any(|w| w == "δεν"),
    stance: (&["υποστήριξ"], &["καταδίκασ"]),
    numbers: |s| {
        let words = [("τρία", 3.0), ("επτά", 7.0)];
        s.split(|c: char| !c.is_alphanumeric())
            .filter_map(|w| words.iter().find(|(n, _)| *n == w))
            .map(|(_, v)| (*v, Kind::Number))
            .collect()
    },
    labels: super::en::LANGUAGE.labels,
};

static SAID: LazyLock<Regex> = LazyLock::new(|| re(r"^(.+?) (είπε) ότι (.+?)\.?$"));

fn statements(sentence: &str) -> Vec<Statement> {
    SAID.captures(sentence.trim())
        .map(|c| Statement::new(c[1].to_string(), &c[2], c[3].to_string()))
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests;
