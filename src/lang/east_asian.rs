//! Numbers and dates as Korean, Japanese and Chinese news write them: digits
//! glued to a counter (4隻, 140家, 8回目, 1,100킬로미터), the units of ten thousand,
//! a hundred million and a trillion (180万, 60억, 1.1兆), kanji and hanzi numerals
//! (七隻, 十四人, 两艘), percentages (40％, 百分之四十, 90퍼센트) and dates
//! (2026年3月2日, 3월 1일; Japanese era years and middle-dot decimals are in `ja`).
//! Patterns and values only; `claims` turns them into claims.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::NUM;

mod uncounted;
pub(crate) use uncounted::blank_uncounted;

/// Kanji and hanzi numerals, with their place units.
const NUMERAL: &str = "[〇零一二三四五六七八九十百千两兩]+";
/// Scale units: thousand (Korean 천 only), ten thousand, a hundred million, a
/// trillion (Chinese writes it 万亿, ten thousand hundred millions).
const SCALE: &str = "천|千|백|百|万亿|萬億|万|萬|만|亿|億|억|兆|조";
/// "More than", between a number and its scale: `200多万` is over two
/// million, `30余万` over three hundred thousand.
const MORE: &str = "多|余|餘";
/// Currencies written after the amount.
const CURRENCY: &str = "달러|원|위안|엔|유로|파운드|루블|円|元|ドル|美元|ユーロ|欧元|人民币|日元|韩元|ウォン|ポンド|ルーブル|英镑|英鎊|卢布|盧布";
/// Counters a kanji numeral takes in news (ships, people, times, items, countries).
const COUNTER: &str =
    "隻|艘|人|名|回|次|件|発|发|機|机|架|台|家|个|個|枚|倍|カ国|か国|ヵ国|か所|カ所|项|項|条|輌|辆";

/// `2026年3月2日`, `3월 1일`, `2026년 10월`, `1895（明治28）年7月`; a year by its
/// last two digits before a month is of this century or, from 50, the last
/// (`26年3月期`, the year to March 2026).
pub(crate) static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:(\d{4}|\d{2})\s*(?:[（(][^）)]{1,8}[）)])?\s*[年년]\s*)?(\d{1,2})\s*[月월](?:\s*(\d{1,2})\s*[日일])?",
    )
});
/// A month (and day) in kanji or hanzi numerals: `六月`, `十月份`, `十月一日`.
pub(crate) static HAN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"([一二三四五六七八九十]{1,3})\s*月(?:份)?(?:\s*([一二三四五六七八九十]{1,3})\s*[日号])?")
});
/// A decade by its century, as Chinese writes it: `20 世纪 30 年代`, `上世纪八十年代`.
pub(crate) static CENTURY_DECADE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:(\d{2}|二十|二十一|十九)\s*世纪|(上)世纪)\s*(\d0|[一二三四五六七八九]十)\s*年代")
});
/// A year alone: `2026年`, `2026년`.
pub(crate) static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4})\s*[年년]"));
/// An event named by its month and day (`9.11テロ`, `9·11 테러`, `9·11事件`,
/// `911事件`; a month and day run together are read month first, and must be a
/// date).
pub(crate) static EVENT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|[^\d.])(\d{1,2}?)\s?[.·‧・]?\s?(\d{1,2})\s?(?:テロ|事件|同時多発|袭击|恐袭|恐怖袭击|事变|테러|사태)",
    )
});
/// A day alone, its month from the context: `1日午前`, `19日`; not `10日間`.
/// The second group, when present, rules the match out.
pub(crate) static DAY: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{1,2})\s*(?:日|일)([本間间]|간)?"));
/// An amount with its currency after it: `60억 달러`, `1.1兆円`, `60億ドル`; a
/// currency sign before it names the currency that a generic `元` does not
/// (`£28億元` is in pounds).
pub(crate) static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(US\$|\$|€|£|¥|₩)?\s?({NUM}|{NUMERAL})\s?(?:{MORE}\s?)?({SCALE})?(?:\s?(천|千|万|만|億|亿|억|兆|조))?\s?({CURRENCY})"
    ))
});
/// A number in several units (`1만5000`, `1억2000만 달러`, `3兆5000億円`,
/// `5億8千5百万`), with its
/// currency if one follows.
pub(crate) static COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
    let num = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?";
    let big = "조|兆|万亿|萬億|억|億|亿|만|万|萬";
    re(&format!(
        r"((?:{num}\s?(?:(?:천|백|千|百)\s?(?:{big})?|{big})\s?){{2,4}}|{num}\s?(?:{big})\s?(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,4}})(?:\.\d+)?)\s?({CURRENCY})?"
    ))
});
static PART: LazyLock<Regex> = LazyLock::new(|| {
    re(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s?(천|백|千|百)?\s?(조|兆|万亿|萬億|억|億|亿|만|万|萬)?")
});

/// The value of a compound number: within each group of ten thousand, digits
/// times 천 and 백 add up (`3천5백`); a large unit multiplies its group
/// (`3천5백만` is 35,000,000; `1억2000만` 120,000,000).
pub(crate) fn compound(s: &str) -> Option<f64> {
    let (mut total, mut group) = (0.0, 0.0);
    for c in PART.captures_iter(s) {
        let n = c[1].replace(',', "").parse::<f64>().ok()?;
        group += n * scale(c.get(2).map(|m| m.as_str()));
        if let Some(big) = c.get(3) {
            total += group * scale(Some(big.as_str()));
            group = 0.0;
        }
    }
    Some(total + group)
}

/// A number with a scale unit: `180万`, `180만`, `3千`, `19百萬`, `3백만`.
pub(crate) static SCALED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"({NUM}|{NUMERAL})\s?(?:{MORE}\s?)?({SCALE})(?:\s?(천|千|万|萬|만|億|亿|억))?"
    ))
});
/// `百分之四十`, `40％`, `90퍼센트`, `約90パーセント`.
pub(crate) static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"百分之({NUM}|{NUMERAL}(?:点{NUMERAL})?)|({NUM})\s?(?:％|パーセント|퍼센트|프로|个百分点)"
    ))
});
/// A share in tenths, as Japanese, Korean and Chinese give one: `3割`, `3할`
/// and `三成` are 30%; a batting average adds hundredths and thousandths
/// (`1割8分2厘` and `1할8푼2리` are 18.2%). Not `成` opening a word (`成为`,
/// `成功`, `成员`, `成本`…).
pub(crate) static TENTHS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d{1,2}(?:\.\d)?|[一二三四五六七八九十两])\s?(?:割|할)(?:(\d)(?:分|푼))?(?:(\d)(?:厘|리))?|([一二三四五六七八九两]|\d)成(?:[^为為功立员員本绩績熟长長果分就交不]|$)",
    )
});
/// A decade by its last two digits: `90年代`, `90년대` (the 1990s; `20年代` the 2020s).
pub(crate) static SHORT_DECADE: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[^\d])(\d0)\s?(?:年代|년대)"));
/// A kanji or hanzi numeral with its counter: `七隻`, `两艘`, `十四人`.
pub(crate) static COUNTED: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"({NUMERAL})(?:{COUNTER})")));
/// A score or a tally as Korean, Japanese and Chinese write it, each side a
/// number: `1-3で`, `2대3`, `0:4落后`, `3比1`, `3対1`. Not a code or a
/// decimal (`F-15`, `1.5-2`).
pub(crate) static SCORE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:^|[^\dA-Za-z.,\-:：])(\d{1,3})\s?(?:-|–|:|：|対|대|比|对|對)\s?(\d{1,3})(?:$|[^\dA-Za-z.,\-:：])")
});
/// Digits glued to a word in Hangul, kanji or kana: `4隻`, `140家`, `1,100킬로미터`.
/// Not digits that end a Latin code or model name (`F2は`, `G7で`, `A380の`).
pub(crate) static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:^|[^A-Za-z0-9.,\-]|[^0-9][,.])({NUM})[가-힣\p{{Han}}\p{{Hiragana}}\p{{Katakana}}]"
    ))
});

/// The value of a scale unit.
pub(crate) fn scale(s: Option<&str>) -> f64 {
    match s {
        Some("백" | "百") => 1e2,
        Some("천" | "千") => 1e3,
        Some("만" | "万" | "萬") => 1e4,
        Some("억" | "億" | "亿") => 1e8,
        Some("조" | "兆" | "万亿" | "萬億") => 1e12,
        _ => 1.0,
    }
}

/// The currency code of a currency written after an amount.
pub(crate) fn currency(s: &str) -> &'static str {
    match s {
        "달러" | "ドル" | "美元" => "USD",
        "원" | "ウォン" | "韩元" => "KRW",
        "엔" | "円" | "日元" => "JPY",
        "유로" | "ユーロ" | "欧元" => "EUR",
        "파운드" | "ポンド" | "英镑" | "英鎊" => "GBP",
        "루블" | "ルーブル" | "卢布" | "盧布" => "RUB",
        _ => "CNY",
    }
}

/// The value of digits (`1,100`, `1.1`) or a kanji numeral (`十四`, `二〇二六`).
pub(crate) fn value(s: &str) -> Option<f64> {
    if s.chars().any(|c| c.is_ascii_digit()) {
        return s
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect::<String>()
            .parse()
            .ok();
    }
    // A decimal in hanzi: `二点五` is 2.5.
    if let Some((whole, fraction)) = s.split_once('点') {
        let digits: String = fraction
            .chars()
            .map(|c| numeral(&c.to_string()).map(|d| char::from(b'0' + d as u8)))
            .collect::<Option<_>>()?;
        return format!("{}.{digits}", numeral(whole)?).parse().ok();
    }
    numeral(s)
}

/// The value of a kanji or hanzi numeral: `十四` 14, `二十` 20, `百五` 105,
/// `两` 2; digit by digit when it has no place unit (`二〇二六` 2026).
fn numeral(s: &str) -> Option<f64> {
    let digit = |c: char| {
        "〇一二三四五六七八九".chars().position(|d| d == c).or(match c {
            '零' => Some(0),
            '两' | '兩' => Some(2),
            _ => None,
        })
    };
    if !s.chars().any(|c| matches!(c, '十' | '百' | '千')) {
        let mut v = 0.0;
        for c in s.chars() {
            v = v * 10.0 + digit(c)? as f64;
        }
        return Some(v);
    }
    let (mut total, mut pending) = (0.0, None::<usize>);
    for c in s.chars() {
        let place = match c {
            '十' => 10.0,
            '百' => 100.0,
            '千' => 1000.0,
            _ => {
                pending = Some(digit(c)?);
                continue;
            }
        };
        total += pending.take().unwrap_or(1) as f64 * place;
    }
    Some(total + pending.unwrap_or(0) as f64)
}

/// Full-width digits, stops and thousands' commas as ASCII (`１８０` → `180`,
/// `１７５，０００` → `175,000`), so every pattern reads them.
pub(crate) fn ascii_digits(s: &str) -> String {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let chars: Vec<char> = s.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            // A full-width comma between groups of thousands (`１７５，０００`).
            '，' if i > 0
                && digit(chars[i - 1])
                && chars
                    .get(i + 1..i + 4)
                    .is_some_and(|g| g.iter().all(|&d| digit(d)))
                && !chars.get(i + 4).is_some_and(|&d| digit(d)) =>
            {
                ','
            }
            c => c,
        })
        .collect()
}

/// A Chinese weekday's numeral (周五, 星期一, 礼拜三) is no count: it is blanked,
/// once quotations have been taken whole.
pub(crate) fn blank_weekdays(s: &str) -> String {
    let mut prev = ' ';
    s.chars()
        .map(|c| {
            let weekday = matches!(prev, '周' | '期' | '拜') && "一二三四五六".contains(c);
            prev = c;
            if weekday { ' ' } else { c }
        })
        .collect()
}

/// Years Japanese, Chinese and Korean write by their last two digits, read
/// only to support a
/// claim: after a year in full they take its century (`1825～69年` ends in
/// 1869, the `2019/20` season in 2020); alone (`18年の知事選`, `04～05年`) they may be of this century or the
/// last. Not a count of years (`18年間`, `18年前`, `18年ぶり`).
pub(crate) fn short_years(text: &str) -> Vec<i32> {
    static RANGE_END: LazyLock<Regex> =
        LazyLock::new(|| re(r"(\d{2})\d{2}\s?[～〜~\-－–/／]\s?(\d{2})(?:[^\d]|$)"));
    static SHORT: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?:^|[^\d.,])(\d{2})\s?(?:（[^）]{1,8}）)?\s?[年년](間|间|前|ぶり|余|以上|간|전|만|이상)?")
    });
    // The start of a range of two short years (`04～05年`).
    static START: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?:^|[^\d.,])(\d{2})\s?[～〜~\-－–]\s?\d{2}\s?[年년]"));
    if !text.contains(['年', '년', '/', '／', '~', '～', '〜', '-', '－', '–']) {
        return Vec::new();
    }
    let text = ascii_digits(text);
    let mut out: Vec<i32> = RANGE_END
        .captures_iter(&text)
        .filter_map(|c| Some(c[1].parse::<i32>().ok()? * 100 + c[2].parse::<i32>().ok()?))
        .collect();
    for c in SHORT.captures_iter(&text).chain(START.captures_iter(&text)) {
        // A count of years (`18年間`) is no year.
        if c.get(2).is_none()
            && let Ok(n) = c[1].parse::<i32>()
        {
            out.extend([1900 + n, 2000 + n]);
        }
    }
    out
}

/// The values words in `table` stand for wherever `text` holds them: `半` is a
/// half, `夫婦` and `双方` are two, `半数` is fifty per cent. Read only to
/// support a claim written in digits ("0.5インチ" from `半英寸`), never as one.
/// Ordinals in kanji or hanzi numerals (`第二`, `第十四回`) count too, so "the
/// second-largest" rests on `第二大`, and years and a half (`1年半` holds 1.5
/// and "18 months").
pub(crate) fn words_for(
    text: &str,
    table: &[(&str, f64, crate::lang::Kind)],
) -> Vec<(f64, crate::lang::Kind)> {
    static ORDINAL: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"第\s?({NUMERAL})")));
    // Years and a half (`1年半`, `一年半`): as years, and as months ("18 months").
    static AND_A_HALF: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"({NUM}|{NUMERAL})\s?年半")));
    let halves = AND_A_HALF
        .captures_iter(text)
        .filter_map(|c| value(&c[1]))
        .flat_map(|n| [n + 0.5, n * 12.0 + 6.0].map(|v| (v, crate::lang::Kind::Number)));
    let ordinals = ORDINAL
        .captures_iter(text)
        .filter_map(|c| value(&c[1]))
        .map(|v| (v, crate::lang::Kind::Number));
    table
        .iter()
        .filter(|(word, ..)| text.contains(word))
        .map(|&(_, value, kind)| (value, kind))
        .chain(ordinals)
        .chain(halves)
        .collect()
}
