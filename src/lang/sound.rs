//! How a foreign name sounds, to tell a name written in katakana or Hangul
//! against the Latin names of the sources. Both scripts write a name by its
//! sound, and neither tells apart some sounds Latin letters do (l and r, b, v
//! and p, f and p in Korean, g and k…): a name is reduced to its consonants
//! with those merged, and the Latin word to every way its letters may sound.

/// The consonants of a name read back from katakana or Hangul, to look up
/// among [`latin_skeletons`]. The Latin word is read each way its letters may
/// sound (`th` as in Thomas or in Smith, a soft or hard g and c, `ch` as in
/// Charles or DeChambeau), and an r that no vowel follows, which Japanese and
/// Korean leave out (`フォード`, `포드`: Ford), may be missing.
pub(crate) fn skeleton_of(romaji: &str) -> String {
    skeleton(romaji, &[])
}

/// The ways a Latin word's letters may sound, as rewritings.
const READINGS: &[&[(&str, &str)]] = &[
    &[("th", "t")],
    &[("ge", "je"), ("gi", "ji"), ("gy", "jy")],
    &[("ce", "che"), ("ci", "chi")],
    &[("ch", "sh")],
    &[("r", "R")],
    &[("ds", "s"), ("mbs", "ms")],
    &[("ng", "n"), ("gh", "g"), ("ph", "p")],
    &[("tion", "shon"), ("ti", "chi")],
    &[("v", "f"), ("z", "ts")],
];

/// Every skeleton of a Latin word: as written, each reading alone, and all.
pub(crate) fn latin_skeletons(word: &str) -> Vec<String> {
    let mut out = vec![skeleton(word, &[])];
    for reading in READINGS {
        out.push(skeleton(word, &[reading]));
    }
    out.push(skeleton(word, READINGS));
    out.sort();
    out.dedup();
    out
}

/// The consonants of `s` once `readings` are applied and the sounds katakana
/// and Hangul do not tell apart are merged. An `R` (from the silent-r reading) is
/// dropped where no vowel follows it.
fn skeleton(s: &str, readings: &[&[(&str, &str)]]) -> String {
    const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u'];
    let mut t: String = s
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ï' => 'i',
            'ó' | 'ö' | 'ô' | 'ø' => 'o',
            'ú' | 'ü' => 'u',
            'ç' | 'č' | 'ć' => 'c',
            c => c,
        })
        .filter(char::is_ascii_lowercase)
        .collect();
    for (from, to) in readings.iter().flat_map(|r| r.iter()) {
        t = t.replace(from, to);
    }
    for (from, to) in [
        ("tch", "ch"),
        ("sch", "sh"),
        ("ph", "f"),
        ("gh", ""),
        ("dge", "je"),
        ("dg", "j"),
        ("th", "s"),
        ("ck", "k"),
        ("ch", "k"),
        ("sh", "s"),
        ("ce", "se"),
        ("ci", "si"),
        ("cy", "sy"),
        ("c", "k"),
        ("q", "k"),
        ("x", "ks"),
        ("z", "s"),
        ("j", "s"),
        ("l", "r"),
        ("v", "b"),
        ("h", ""),
        ("w", ""),
        ("y", ""),
        ("nb", "mb"),
        ("np", "mp"),
        ("nm", "mm"),
        ("g", "k"),
        ("d", "t"),
        ("b", "p"),
        ("f", "p"),
    ] {
        t = t.replace(from, to);
    }
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let vowel_next = chars.get(i + 1).is_some_and(|n| VOWELS.contains(n));
        let c = if c == 'R' {
            if vowel_next { 'r' } else { continue }
        } else {
            c
        };
        if VOWELS.contains(&c) || out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}
