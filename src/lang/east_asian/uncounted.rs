//! Numerals in Japanese and Chinese text that count nothing, blanked before
//! numbers are read: vague quantities, "one or two", a numeral pointing back
//! after a demonstrative, a numeral inside a word.

/// Numerals that count nothing exactly, blanked before numbers are read (as
/// English "millions" and "one or two" are no claims):
/// - a vague quantity: `何百万`, `数千`, `几十`, `幾百`, `数10億`;
/// - a numeral inside a word that counts nothing (`唯一`, `统一`, `零件`, `二次`
///   without `第`, `第二天`);
/// - two neighbouring digits, "one or two", "three or four": `一两`, `三四`;
/// - a small numeral after a demonstrative, "these two" (`这两个`, `その三つ`),
///   which points back rather than counts, as "the two countries" does.
pub(crate) fn blank_uncounted(s: &str) -> String {
    const DIGITS: &str = "一二三四五六七八九";
    let digit = |c: char| {
        DIGITS
            .chars()
            .position(|d| d == c)
            .or(matches!(c, '两' | '兩').then_some(1))
    };
    let numeral = |c: char| "〇零一二三四五六七八九十百千两兩万萬億亿".contains(c);
    let chars: Vec<char> = s.chars().collect();
    let mut blank = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        // `数10億` ("several billion") is as vague as `数十億`; not `者数30万`, a
        // number of people that a word ending in `数` counts.
        let after_word = i > 0 && crate::lang::script::han(chars[i - 1]);
        let vague = "何数數几幾".contains(c)
            && next.is_some_and(|n| numeral(n) || (n.is_ascii_digit() && !after_word));
        // A numeral inside a word is no count: `唯一` only, `统一` unified, `同一`
        // same, `零件` parts, `二次销售` resale; nor is `第二天` (the next day).
        let word = (c == '一' && i > 0 && "唯统統同单單划劃专專".contains(chars[i - 1]))
            || (c == '零' && chars.get(i + 1).is_some_and(|n| "件部售食钱錢下".contains(*n)))
            || (c == '二' && i > 0 && chars[i - 1] == '第' && chars.get(i + 1) == Some(&'天'))
            || (c == '二' && chars.get(i + 1) == Some(&'次') && (i == 0 || chars[i - 1] != '第'));
        if word {
            blank[i] = true;
            i += 1;
            continue;
        }
        // Not two digits of a numeral written digit by digit (`二〇二三年`).
        let run = |c: Option<&char>| c.is_some_and(|&c| digit(c).is_some() || "〇零".contains(c));
        let pair = matches!((digit(c), next.and_then(digit)), (Some(a), Some(b)) if b == a + 1)
            && !run(i.checked_sub(1).and_then(|k| chars.get(k)))
            && !run(chars.get(i + 2));
        let pointing = (POINTING.iter().any(|p| ends_with(&chars[..=i], p)))
            && next.is_some_and(|n| "二三四五六七八九两兩".contains(n))
            && !chars.get(i + 2).is_some_and(|&n| numeral(n));
        if vague || pair || pointing {
            // The marker (kept unless it is a numeral) and the whole numeral after it.
            let mut j = i + 1;
            while j < chars.len()
                && (numeral(chars[j]) || (vague && (chars[j].is_ascii_digit() || chars[j] == ',')))
            {
                blank[j] = true;
                j += 1;
            }
            blank[i] = pair;
            i = j;
        } else {
            i += 1;
        }
    }
    chars
        .iter()
        .zip(blank)
        .map(|(&c, b)| if b { ' ' } else { c })
        .collect()
}

/// Demonstratives a numeral may follow to point back (`这`, `該`, `その`).
const POINTING: &[&str] = &[
    "这",
    "這",
    "那",
    "该",
    "該",
    "此",
    "其",
    "上述",
    "この",
    "その",
    "あの",
    "これら",
];

fn ends_with(chars: &[char], word: &str) -> bool {
    let n = word.chars().count();
    chars.len() >= n && chars[chars.len() - n..].iter().copied().eq(word.chars())
}
