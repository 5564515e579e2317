//! Briefings read turn by turn. A government's press briefing is a transcript:
//! each turn opens with a label that says who speaks, and only the answering
//! side's turns are its words. A reporter's question is never a position, so a
//! question makes no statement, whatever it quotes. The label styles are the
//! ones the four governments publish:
//!
//! - `MR MILLER:` / `QUESTION:` (US State Department);
//! - `Mao Ning:` / `CCTV:`, older `Q:` / `A:`, and `毛宁：` / `总台央视记者：` / `问：` /
//!   `答：` (China's foreign ministry);
//! - `【岸田外務大臣】` / `【NHK 大谷記者】` (Japan's foreign ministry), and
//!   `CHIEF CABINET SECRETARY MATSUNO:` / `REPORTER:` (the Prime Minister's Office);
//! - `<질문> … (연합뉴스 기자)` / `<답변>` (South Korea's foreign ministry).
//!
//! A turn runs on over unlabelled paragraphs until the next label. A text is
//! read as a transcript only when it has both a question's label and an
//! answer's.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use super::Statement;
use crate::lang::en::statement;

/// Who speaks in a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Role {
    Spokesperson,
    Official,
    Reporter,
    Moderator,
}

/// One turn's label: its role, the speaker's name where given, and for a
/// reporter the outlet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Label {
    pub(crate) role: Role,
    pub(crate) name: Option<String>,
    pub(crate) outlet: Option<String>,
}

/// `MR MILLER:`, `MS. PSAKI:`.
static HONORIFIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:MR|MS|MRS|DR)\.?\s+([A-Z][A-Z'\-]+(?:\s[A-Z][A-Z'\-]+)?)\s*:"));
/// `CHIEF CABINET SECRETARY MATSUNO:`, `Press Secretary Ohtaka:`, `Mr. Ohtaka Masato, Press Secretary:`.
static OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:mr\.?\s+([A-Za-z]+(?:\s[A-Za-z]+)?),\s+)?(chief cabinet secretary|press secretary|prime minister|foreign minister|deputy spokesperson|spokesperson|secretary)\s*([A-Za-z]+)?\s*:",
    )
});
/// A label of a few words and a colon: `Mao Ning:`, `CCTV:`, `Asahi Shimbun:`, `Q:`.
static NAMED: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([A-Z][A-Za-z'.\-]*(?:\s[A-Z][A-Za-z'.\-]*){0,3})\s*:"));
/// `毛宁：`, `总台央视记者：`, `问：`.
static HAN: LazyLock<Regex> = LazyLock::new(|| re(r"^(\p{Han}{1,12})[：:]"));
/// `【岸田外務大臣】`, `【NHK 大谷記者】`.
static BRACKET: LazyLock<Regex> = LazyLock::new(|| re(r"^【([^】]{1,30})】"));
/// `<질문>`, `<답변>`.
static KOREAN: LazyLock<Regex> = LazyLock::new(|| re(r"^<\s*(질문|답변)\s*>"));
/// A Korean question's outlet and reporter, at its end: `(연합뉴스 김소정 기자)`.
static KO_OUTLET: LazyLock<Regex> = LazyLock::new(|| re(r"\(([^()]+?)\s*기자\)\s*$"));

/// Words that make a label a news outlet.
const OUTLET_WORDS: &[&str] = &[
    "Reuters",
    "Bloomberg",
    "Kyodo",
    "Yonhap",
    "Xinhua",
    "Sputnik",
    "Anadolu",
    "Nikkei",
    "Yomiuri",
    "Mainichi",
    "Sankei",
    "Asahi",
    "Jazeera",
    "Bernama",
    "Phoenix",
    "Associated",
    "News",
    "TV",
    "Times",
    "Daily",
    "Shimbun",
    "Press",
    "Agency",
    "Radio",
    "Media",
    "Post",
    "Journal",
    "Network",
    "Broadcasting",
    "Group",
    "Service",
    "Global",
    "Review",
    "Herald",
    "Tribune",
    "Telegraph",
    "Novosti",
];

/// A label of `role`, with the name and outlet it gives, if any.
fn make(role: Role, name: Option<&str>, outlet: Option<&str>) -> Label {
    Label {
        role,
        name: name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        outlet: outlet.map(|o| o.trim().to_string()).filter(|o| !o.is_empty()),
    }
}

/// The label that opens `paragraph`, and the text after it.
pub(crate) fn label(paragraph: &str) -> Option<(Label, &str)> {
    let p = paragraph.trim_start();
    if let Some(c) = KOREAN.captures(p) {
        let rest = &p[c[0].len()..];
        return Some(if &c[1] == "질문" {
            let outlet = KO_OUTLET.captures(rest.trim_end()).map(|o| o[1].to_string());
            (make(Role::Reporter, None, outlet.as_deref()), rest)
        } else {
            (make(Role::Spokesperson, None, None), rest)
        });
    }
    if let Some(c) = BRACKET.captures(p) {
        let inner = c[1].trim();
        let rest = &p[c[0].len()..];
        let role = if inner.contains("記者") {
            Role::Reporter
        } else if inner.contains("司会") {
            Role::Moderator
        } else {
            Role::Official
        };
        let label = match role {
            Role::Reporter => {
                let words: Vec<&str> = inner.trim_end_matches("記者").split_whitespace().collect();
                let (outlet, name) = match words.as_slice() {
                    [outlet, name] => (Some(*outlet), Some(*name)),
                    [one] => (Some(*one), None),
                    _ => (None, None),
                };
                make(role, name, outlet)
            }
            _ => make(role, Some(inner), None),
        };
        return Some((label, rest));
    }
    if let Some(c) = HONORIFIC.captures(p) {
        return Some((
            make(Role::Spokesperson, Some(&title_case(&c[1])), None),
            &p[c[0].len()..],
        ));
    }
    if let Some(c) = OFFICE.captures(p) {
        let name = c.get(1).or_else(|| c.get(3)).map(|m| title_case(m.as_str()));
        let office = title_case(&c[2]);
        let name = name.map_or(office.clone(), |n| format!("{office} {n}"));
        return Some((make(Role::Official, Some(&name), None), &p[c[0].len()..]));
    }
    if let Some(c) = HAN.captures(p) {
        let who = &c[1];
        let rest = &p[c[0].len()..];
        let label = match who {
            "问" | "問" => make(Role::Reporter, None, None),
            "答" => make(Role::Spokesperson, None, None),
            _ if who.ends_with("记者") || who.ends_with("記者") => make(
                Role::Reporter,
                None,
                Some(who.trim_end_matches("记者").trim_end_matches("記者")),
            ),
            _ if who.chars().count() <= 4 => make(Role::Spokesperson, Some(who), None),
            _ => return None,
        };
        return Some((label, rest));
    }
    named(p)
}

/// A label of a few words and a colon: `Mao Ning:` (the one who answers),
/// `CCTV:` or `Asahi Shimbun:` (an outlet asking), `Q:` / `A:`.
fn named(p: &str) -> Option<(Label, &str)> {
    let c = NAMED.captures(p)?;
    let who = c[1].trim();
    let rest = &p[c[0].len()..];
    let label = match who {
        "QUESTION" | "Q" | "REPORTER" | "Question" | "Reporter" => make(Role::Reporter, None, None),
        "MODERATOR" | "Moderator" => make(Role::Moderator, None, None),
        "A" | "ANSWER" | "Answer" => make(Role::Spokesperson, None, None),
        _ if outlet(who) => make(Role::Reporter, None, Some(who)),
        // One word that asks something: an outlet no list knows.
        _ if !who.contains(' ') && rest.contains('?') => make(Role::Reporter, None, Some(who)),
        // A person's name, two or three words written as names: the one who answers.
        _ if (2..=3).contains(&who.split_whitespace().count())
            && who.split_whitespace().all(|w| w.chars().any(char::is_lowercase)) =>
        {
            make(Role::Spokesperson, Some(who), None)
        }
        _ => return None,
    };
    Some((label, rest))
}

/// Whether a label names a news outlet: an acronym (`CCTV`, `AFP`) or words
/// outlets use (`Asahi Shimbun`, `Phoenix TV`, `China News Service`).
fn outlet(who: &str) -> bool {
    const NOT: &[&str] = &["NOTE", "READ", "MORE", "PHOTO", "VIDEO", "WATCH", "NEWS"];
    let acronym = (2..=5).contains(&who.len())
        && who.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !NOT.contains(&who);
    acronym || who.split_whitespace().any(|w| OUTLET_WORDS.contains(&w))
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Whether `paragraphs` are a transcript: some open with a question's label
/// and some with an answer's (an article with "UPDATE:" paragraphs is not one).
pub(crate) fn is_transcript<'p>(paragraphs: impl Iterator<Item = &'p str>) -> bool {
    let (mut asked, mut answered) = (false, false);
    for (l, _) in paragraphs.filter_map(label) {
        asked |= l.role == Role::Reporter;
        answered |= matches!(l.role, Role::Spokesperson | Role::Official);
        if asked && answered {
            return true;
        }
    }
    false
}

/// Reads a transcript's paragraphs in order, carrying the current turn.
#[derive(Default)]
pub(crate) struct Turns {
    current: Option<Label>,
    /// The last answering speaker's name, for `A:` and `答：` turns.
    answerer: Option<String>,
}

impl Turns {
    /// The statements of one paragraph: the answering side's words, with its
    /// speaker (the name, else the office's); none for a question, a
    /// moderator or a paragraph before the first label.
    pub(crate) fn statements(&mut self, paragraph: &str) -> Vec<Statement> {
        let text = match label(paragraph) {
            Some((mut l, rest)) => {
                if l.role == Role::Spokesperson && l.name.is_none() {
                    l.name = self.answerer.clone();
                }
                if matches!(l.role, Role::Spokesperson | Role::Official) && l.name.is_some() {
                    self.answerer = l.name.clone();
                }
                self.current = Some(l);
                rest
            }
            None => paragraph,
        };
        let Some(turn) = &self.current else {
            return Vec::new();
        };
        let content = text.trim().trim_start_matches([':', '：']).trim().to_string();
        if !matches!(turn.role, Role::Spokesperson | Role::Official) || content.is_empty() {
            return Vec::new();
        }
        let speaker = turn
            .name
            .clone()
            .unwrap_or_else(|| default_speaker(&content).to_string());
        let mut s = statement(speaker, "said", content);
        s.span = (0, paragraph.len());
        s.plausible = true;
        vec![s]
    }
}

/// The answering office when the transcript names no one, in the language of
/// what was said.
fn default_speaker(content: &str) -> &'static str {
    use crate::lang::script::{Script, script};
    match script(content) {
        Script::Korean => "외교부 대변인",
        Script::Japanese => "報道官",
        Script::Chinese => "外交部发言人",
        Script::Latin => "the spokesperson",
    }
}

#[cfg(test)]
mod tests;
