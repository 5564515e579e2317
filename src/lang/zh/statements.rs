//! Statements in Chinese news. The speaker comes before the verb, its title
//! before the name (外交部发言人毛宁表示，…; 毛宁说：“…”), or after a leading
//! quotation (“……”，她说。); 据……报道 is "according to". A setting between the
//! speaker and the verb (在例行记者会上, 2日, 当天) and adverbs (还, 也, 再次)
//! are not part of the speaker. A pronoun or 该官员 continues the previous
//! speaker. Declining to comment (拒绝置评) is no statement.

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::cjk::{declines, mask, quotations, statement};
use crate::lang::statement::Statement;

/// Reporting verbs, longest first where one holds another.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(补充说|补充道|答问时说|表示|说道|声称|宣称|坚称|指出|强调|认为|宣布|重申|敦促|呼吁|批评|回应|",
        r"介绍|透露|谴责|警告|提到|表态|抗议|抨击|反驳|否认|提出|说|称|表明)"
    ))
});
static ACCORDING: LazyLock<Regex> =
    LazyLock::new(|| re(r"据([^，。,；]{2,30}?)(报道|称|消息|介绍|透露|表示|报导|披露)[，,：:]?"));
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚间|晚上|晚|早些时候|凌晨)?$|(?:当天|当日|同日|今天|昨天|日前|此前|近日|随后|周[一二三四五六日])$",
    )
});

/// Words between a speaker and its verb.
const ADVERBS: &[&str] = &[
    "还",
    "也",
    "又",
    "再次",
    "进一步",
    "同时",
    "则",
    "并",
    "亦",
    "曾",
    "均",
    "都",
    "已",
    "明确",
    "再度",
    "随即",
    "公开",
    "就此",
    "对此",
    "特别",
    "更",
    "一再",
    "多次",
    "反复",
];
/// Where a setting starts after the speaker (在例行记者会上, 就…问题, 对…).
const SETTINGS: &[&str] = &[
    "在", "于", "就", "针对", "对", "向", "通过", "接受", "当天", "当日", "同日", "今天", "昨天", "日前",
];
/// Words that open a sentence without being its speaker.
const OPENERS: &[&str] = &[
    "对此",
    "此外",
    "同时",
    "另外",
    "与此同时",
    "另据",
    "而",
    "但",
    "不过",
    "随后",
    "然而",
    "此前",
];
/// Speakers that refer back to an earlier one.
const BACK: &[&str] = &[
    "他",
    "她",
    "他们",
    "她们",
    "该官员",
    "该发言人",
    "该部",
    "对方",
    "这位官员",
    "该人士",
];

/// The statement of one Chinese sentence, if it reports one.
pub(super) fn extract(sentence: &str) -> Option<Statement> {
    if declines(sentence) {
        return None;
    }
    let masked = mask(sentence);
    if let Some(c) = ACCORDING.captures(&masked) {
        let (whole, who) = (c.get(0)?, c.get(1)?);
        let content = sentence[whole.end()..].trim_end_matches('。').trim().to_string();
        let speaker = sentence[who.range()].to_string();
        return (!content.is_empty()).then(|| statement(speaker, "据…报道", content));
    }
    for m in VERB.find_iter(&masked) {
        if !cue(&masked, m.start(), m.end()) {
            continue;
        }
        let Some(speaker) = speaker(&sentence[..m.start()], &masked[..m.start()]) else {
            continue;
        };
        let after = sentence[m.end()..]
            .trim_start_matches(['：', ':', '，', ',', ' '])
            .trim_end_matches(['。', '！'])
            .trim();
        let before_quotes = quotations(&sentence[..m.start()]);
        let only_quotes = mask(after)
            .trim_matches(|c: char| c.is_whitespace() || "“”。，,".contains(c))
            .is_empty();
        let (content, quote) = if !before_quotes.is_empty() && only_quotes {
            let all = quotations(sentence).join(" … ");
            (all.clone(), Some(all))
        } else if after.chars().count() >= 2 {
            let q = quotations(after);
            (after.to_string(), (!q.is_empty()).then(|| q.join(" … ")))
        } else if !before_quotes.is_empty() {
            (before_quotes.join(" … "), Some(before_quotes.join(" … ")))
        } else {
            continue;
        };
        let mut s = statement(speaker.clone(), m.as_str(), content);
        s.quote = quote;
        s.anaphor = BACK.contains(&speaker.as_str()) || speaker.starts_with('该');
        return Some(s);
    }
    None
}

/// Whether the verb at `start..end` reports speech here: 说 and 称 only before
/// a colon, comma, quotation or the sentence's end, and not in words they merely
/// form (据说, 小说, 称为).
fn cue(masked: &str, start: usize, end: usize) -> bool {
    let verb = &masked[start..end];
    let next = masked[end..].chars().next();
    let prev = masked[..start].chars().next_back();
    let punct = |c: Option<char>| c.is_none_or(|c| "：:，,“\"。 「".contains(c));
    match verb {
        "说" => punct(next) && !prev.is_some_and(|c| "据小听来是所传".contains(c)),
        "称" => {
            !prev.is_some_and(|c| "名简对号俗堪".contains(c))
                && !next.is_some_and(|c| "为作之号赞".contains(c))
        }
        "提出" | "表明" => punct(next),
        _ => true,
    }
}

/// The speaker before a verb: the last clause's subject, without the setting,
/// time and adverbs between it and the verb.
fn speaker(text: &str, masked: &str) -> Option<String> {
    let start = masked
        .rfind(['，', '。', '；', '：', ',', ';', '”', '」', '！', '？'])
        .map_or(0, |i| i + masked[i..].chars().next().map_or(1, char::len_utf8));
    let mut s = text[start..].trim();
    for o in OPENERS {
        s = s.strip_prefix(o).unwrap_or(s).trim_start_matches(['，', ',']);
    }
    loop {
        let before = s;
        for a in ADVERBS {
            s = s.strip_suffix(a).unwrap_or(s);
        }
        if let Some(m) = TIME.find(s) {
            s = &s[..m.start()];
        }
        if s == before {
            break;
        }
    }
    let cut = SETTINGS
        .iter()
        .filter_map(|w| {
            s.match_indices(w)
                .map(|(i, _)| i)
                .find(|&i| s[..i].chars().count() >= 2)
        })
        .min();
    if let Some(i) = cut {
        s = &s[..i];
        if let Some(m) = TIME.find(s) {
            s = &s[..m.start()];
        }
    }
    let s = s.trim();
    let n = s.chars().count();
    ((2..=30).contains(&n) || BACK.contains(&s)).then(|| s.to_string())
}

#[cfg(test)]
mod tests;
