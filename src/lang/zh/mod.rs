//! Chinese: statements (外交部发言人毛宁表示，…; 据……报道), silence (拒绝置评),
//! negation (不, 没, 未) and parallax's own words in Chinese. What Chinese
//! shares with Japanese is in `cjk`; numbers and dates in `east_asian`.

mod statements;

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use super::script::{Script, script};
use super::{Kind, Labels, Language};

pub(super) static LANGUAGE: Language = Language {
    code: "zh",
    writes: |s| script(s) == Script::Chinese,
    statements: |s| statements::extract(s).into_iter().collect(),
    silent: |s| SILENCE.is_match(s),
    // Not `别` or `莫`, which spell much besides "don't" (`特别`, `分别`, and
    // names by sound: `莫里伍德`).
    negated: |s| super::cjk::negated(s, &["不", "没", "沒", "未", "无", "無", "非", "勿"], &[]),
    stance: (
        &["欢迎", "歡迎", "支持", "赞成", "贊成", "赞赏"],
        &["反对", "反對", "谴责", "譴責", "批判", "批评", "抗议", "拒绝"],
    ),
    numbers: |s| {
        let mut out = super::east_asian::words_for(s, WORDS_FOR_NUMBERS);
        out.extend(discounts(s));
        out
    },
    labels: &ZH,
};

/// Words that stand for a number: a half, a couple, both sides, the year (or
/// day) before last.
const WORDS_FOR_NUMBERS: &[(&str, f64, Kind)] = &[
    ("半", 0.5, Kind::Number),
    ("一半", 50.0, Kind::Percent),
    ("半数", 50.0, Kind::Percent),
    ("夫妇", 2.0, Kind::Number),
    ("夫婦", 2.0, Kind::Number),
    ("夫妻", 2.0, Kind::Number),
    ("一对", 2.0, Kind::Number),
    ("一對", 2.0, Kind::Number),
    ("双方", 2.0, Kind::Number),
    ("雙方", 2.0, Kind::Number),
    ("两人", 2.0, Kind::Number),
    ("兩人", 2.0, Kind::Number),
    ("两国", 2.0, Kind::Number),
    ("兩國", 2.0, Kind::Number),
    ("搭档", 2.0, Kind::Number),
    ("搭檔", 2.0, Kind::Number),
    ("前年", 2.0, Kind::Number),
    ("前天", 2.0, Kind::Number),
    ("全部", 100.0, Kind::Percent),
    ("半年", 6.0, Kind::Number),
    ("五五开", 50.0, Kind::Number),
    ("一半一半", 50.0, Kind::Number),
];

/// A discount as Chinese gives one: `9折` is the price times nine tenths, ten
/// per cent off (`10％オフ`).
fn discounts(text: &str) -> Vec<(f64, Kind)> {
    static DISCOUNT: LazyLock<Regex> = LazyLock::new(|| re(r"([1-9]|[一二三四五六七八九])\s?折"));
    if !text.contains('折') {
        return Vec::new();
    }
    DISCOUNT
        .captures_iter(text)
        .filter_map(|c| super::east_asian::value(&c[1]))
        .map(|n| (100.0 - n * 10.0, Kind::Percent))
        .collect()
}

static SILENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        "(?:拒绝|不予|未予|暂未|尚未|没有|未|并未|不愿)[^，。,]{0,8}(?:置评|评论|回应|表态|答复)|",
        "无可奉告|保持沉默",
    ))
});

pub(super) static ZH: Labels = Labels {
    sides_heading: "各方立场",
    stated_position: "表明的立场",
    reasons: "理由与利益",
    implications: "意味着什么",
    what_to_watch: "后续看点",
    about_author: "关于作者",
    sources: "来源",
    related: "相关文章",
    integrity: "核查报告",
    review_marks: "在文中标出问题",
    passed: "全部核查通过",
    findings: "处问题",
    revised: "核查后修改的部分",
    translated: "译文",
    translated_use: "经翻译引用，非原文措辞",
    no_position: "来源中没有{}表明的立场。",
    earlier_no_position: &[],
    no_reasons: "来源未说明{}的理由。",
    no_reasons_beyond: "除这一表态外，来源未说明{}的其他理由。",
    no_meaning: "来源未说明{}这一立场意味着什么。",
    earlier_silence: &[
        "来源未说明理由。",
        "除这一表态外，来源未说明其他理由。",
        "来源未说明这一立场意味着什么。",
    ],
    extractive_note: "未使用语言模型：每一段都是来源原文 (extractive provider)。",
    context_subheads: ["发生了什么", "背景", "更多背景"],
};
