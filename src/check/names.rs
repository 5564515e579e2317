//! Names in English prose: runs of capitalised words (people, places,
//! organisations), without the filler that opens sentences, and whether the
//! sources know a name whole or word by word.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::en::CALENDAR_NAMES;
use crate::lang::en::spelling;

/// A word; in a text that mixes scripts, a Latin word ends where Han, kana or
/// Hangul begins (`Morgan Spector等` names Morgan Spector).
static WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+|[\p{L}\p{N}][[\p{L}\p{N}'’.-]--[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]]*",
    )
});

/// Words that start sentences or join names without being names themselves.
const COMMON: &[&str] = &[
    "A",
    "An",
    "The",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "As",
    "When",
    "While",
    "After",
    "Before",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "His",
    "Her",
    "Their",
    "Our",
    "If",
    "Since",
    "According",
    "No",
    "Not",
    "Both",
    "Each",
    "Every",
    "Some",
    "Such",
    "With",
    "Without",
    "From",
    "To",
    "By",
    "Of",
    "Under",
    "Over",
    "Where",
    "What",
    "Why",
    "How",
    "Who",
    "Which",
    "There",
    "Here",
    "Yet",
    "So",
    "Also",
    "However",
    "Meanwhile",
    "Still",
    "Even",
    "Only",
    "Then",
    "Now",
    "Stated",
    "Reasons",
    "What",
    "I",
    "You",
];

const JOINERS: &[&str] = &["of", "the", "de", "del", "van", "von", "al", "bin", "and", "for"];

/// Capitalised names in `text`: runs of capitalised words (joined by `of`, `the`,
/// …), without sentence-opening filler words, and not a lone word that opens a
/// sentence (it may be capitalised only for that).
pub(crate) fn entities(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut run_opens = false;
    let mut opens = true;
    let mut prev_end = 0;
    for m in WORD.find_iter(text) {
        let gap = &text[prev_end..m.start()];
        prev_end = m.end();
        if gap.chars().any(|c| !c.is_whitespace()) {
            close(&mut run, run_opens, &mut names);
            opens |= gap.contains(['!', '?', ':', '“', '"', '‘']);
        }
        let raw = m.as_str();
        let ends_sentence = raw.ends_with('.') && !raw[..raw.len() - 1].contains('.');
        // A mark after a word closes a quotation ("‘Hans’ Geiger"): the run ends
        // with it.
        let closes_quote = raw.ends_with(['’', '\'']);
        let word = raw.trim_end_matches(['.', '-', '’', '\'']);
        if !names_nothing(word) && word.chars().next().is_some_and(char::is_uppercase) {
            if run.is_empty() {
                run_opens = opens;
            }
            run.push(word);
        } else if JOINERS.contains(&word) && !run.is_empty() {
            run.push(word);
        } else {
            close(&mut run, run_opens, &mut names);
        }
        opens = false;
        if closes_quote {
            close(&mut run, run_opens, &mut names);
        }
        if ends_sentence {
            close(&mut run, run_opens, &mut names);
            opens = true;
        }
    }
    close(&mut run, run_opens, &mut names);
    names.sort();
    names.dedup();
    names
}

/// Whether a capitalised word is no part of a name: a weekday after one ("the
/// U.N. General Assembly Saturday") or a contraction (`I’ve`, `Don’t`, `It’s`).
fn names_nothing(word: &str) -> bool {
    // The calendar's names that end in "day" are its weekdays.
    if CALENDAR_NAMES.contains(&word) && word.ends_with("day") {
        return true;
    }
    let Some((base, tail)) = word.split_once(['’', '\'']) else {
        return false;
    };
    matches!(tail, "ve" | "ll" | "re" | "m" | "d" | "t") || (tail == "s" && COMMON.contains(&base))
}

fn close(run: &mut Vec<&str>, opens: bool, names: &mut Vec<String>) {
    let mut words: Vec<&str> = std::mem::take(run);
    while words.last().is_some_and(|w| JOINERS.contains(w)) {
        words.pop();
    }
    let mut opens = opens;
    while words
        .first()
        .is_some_and(|w| COMMON.contains(w) || CALENDAR_NAMES.contains(w))
    {
        words.remove(0);
        opens = false;
    }
    if words.is_empty() || (opens && words.len() == 1) {
        return;
    }
    let mut name = words.join(" ");
    for suffix in ["'s", "’s"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped.to_string();
        }
    }
    names.push(name);
}

/// A name is known when it occurs in the sources (or the persona), or when each of
/// its capitalised words does.
pub(super) fn known_name(name: &str, corpus: &str) -> bool {
    if corpus.contains(name) || initials_of(name, corpus) {
        return true;
    }
    // A capitalised word may be a common noun that only opens a sentence
    // ("Spokesperson Mao Ning"): it is known if the sources use it in any case.
    let lower = corpus.to_lowercase();
    // Words in capitals throughout, several of them, are shouted, not an
    // acronym ("THANK YOU FOR STANDING UP"): known in any case.
    let shouted = name.split_whitespace().filter(|w| w.chars().count() > 1).count() > 1
        && !name.chars().any(char::is_lowercase);
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .all(|w| {
            crate::text::contains_word(corpus, w)
                || ((shouted || w.chars().skip(1).all(|c| !c.is_uppercase()))
                    && crate::text::contains_word(&lower, &w.to_lowercase()))
                || spelling::variants(w)
                    .iter()
                    .any(|v| crate::text::contains_word(corpus, v))
        })
}

/// Whether `name` is an acronym (`KCNA`, `IAEA`) of a run of capitalised words
/// in `corpus` ("Korean Central News Agency", "International Atomic Energy
/// Agency"; "of", "the", "and" and "for" inside are skipped).
fn initials_of(name: &str, corpus: &str) -> bool {
    let letters: Vec<char> = name.chars().collect();
    if !(2..=6).contains(&letters.len()) || !letters.iter().all(char::is_ascii_uppercase) {
        return false;
    }
    let words: Vec<&str> = corpus
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty() && !matches!(*w, "of" | "the" | "and" | "for"))
        .collect();
    words.windows(letters.len()).any(|run| {
        run.iter()
            .zip(&letters)
            .all(|(w, l)| w.starts_with(*l) && w.chars().nth(1).is_some_and(char::is_lowercase))
    })
}

/// The names in katakana (ボリス・ジョンソン氏) and in Hangul beside a title (보리스
/// 존슨 총리) in `text` that `corpus` neither holds nor has a name of that sounds
/// like each of their parts (`sounds`, from [`name_sounds`], asked for only when
/// `text` names someone so), each with its parts joined; none when the cited
/// passages are in Chinese (`cited`, their script).
pub(super) fn unheard<'s>(
    text: &str,
    corpus: &str,
    sounds: impl FnOnce() -> &'s std::collections::HashSet<String>,
    cited: Option<crate::lang::script::Script>,
) -> Vec<String> {
    use crate::lang::{ja::kana, ko, sound};
    let kana_names = kana::names(text);
    let hangul_names = ko::names::names(text);
    if kana_names.is_empty() && hangul_names.is_empty() {
        return Vec::new();
    }
    // Sources that write foreign names in Han characters (Chinese) cannot tell
    // one by its sound.
    if cited == Some(crate::lang::script::Script::Chinese) {
        return Vec::new();
    }
    let heard_in_sources = sounds();
    if heard_in_sources.is_empty() {
        return Vec::new();
    }
    let heard = |parts: &[String], latin_letters: &dyn Fn(&str) -> String| {
        parts.iter().all(|p| {
            let heard_as = sound::skeleton_of(&latin_letters(p));
            // A name of one part needs two consonants to be told.
            corpus.contains(p.as_str())
                || ((parts.len() > 1 || heard_as.chars().count() >= 2)
                    && heard_in_sources.contains(&heard_as))
        })
    };
    let kana_unheard = kana_names
        .into_iter()
        .filter(|parts| !heard(parts, &kana::romaji))
        .map(|parts| parts.join("・"));
    let hangul_unheard = hangul_names
        .into_iter()
        .filter(|parts| !heard(parts, &ko::names::romanize))
        .map(|parts| parts.join(" "));
    kana_unheard.chain(hangul_unheard).collect()
}

/// How every name of `corpus` written by its sound may sound: each Latin word
/// that opens on a capital, and the runs of two or three words it opens (a
/// Korean name is written as one word: `김정은`, Kim Jong Un); each word in
/// Hangul or katakana, read back.
pub(super) fn name_sounds(corpus: &str) -> std::collections::HashSet<String> {
    let words: Vec<&str> = corpus
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let mut sounds = std::collections::HashSet::new();
    for (i, word) in words.iter().enumerate() {
        if !word.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
            continue;
        }
        for run in (1..=3).filter_map(|n| words.get(i..i + n)) {
            sounds.extend(crate::lang::sound::latin_skeletons(&run.concat()));
        }
    }
    // Words in Hangul or katakana, a katakana name's parts each a word.
    for word in
        corpus.split(|c: char| !(crate::lang::script::hangul(c) || crate::lang::script::kana(c)) || c == '・')
    {
        let reads = if word.chars().any(crate::lang::script::hangul) {
            crate::lang::ko::names::read_back(word)
        } else {
            vec![crate::lang::ja::kana::romaji(word)]
        };
        for read in reads {
            let sound = crate::lang::sound::skeleton_of(&read);
            if sound.chars().count() >= 2 {
                sounds.insert(sound);
            }
        }
    }
    sounds
}
