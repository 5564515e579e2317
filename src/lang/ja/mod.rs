//! Japanese: statements (「…」と述べた, …によると), silence (コメントを控える),
//! negation (ない, ず) and parallax's own words in Japanese. What Japanese
//! shares with Chinese is in `cjk`; numbers and dates in `east_asian`.

pub(crate) mod kana;
pub(crate) mod numbers;
mod statements;

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use super::script::{Script, script};
use super::{Kind, Labels, Language};

pub(super) static LANGUAGE: Language = Language {
    code: "ja",
    writes: |s| script(s) == Script::Japanese,
    statements: statements::extract,
    silent: |s| SILENCE.is_match(s),
    negated: |s| super::cjk::negated(s, &["ない", "ません", "ず", "不可"], NOT_NEGATING),
    stance: (
        &["歓迎", "支持", "賛成", "評価"],
        &["反対", "非難", "批判", "抗議", "拒否"],
    ),
    numbers: |s| super::east_asian::words_for(s, WORDS_FOR_NUMBERS),
    labels: &JA,
};

/// Japanese negates with `ない`, `ません`, `ず` or `不可` ending what is said;
/// `不`, `非` and `無` make words of their own (`不適切`, `非致死性`, `無料`), as
/// English "inappropriate" negates nothing said. These words hold a marker and
/// negate nothing: a word that only holds one (`必ず` surely, `まず` first,
/// `関わらず` regardless, `かつてない` unprecedented), an obligation
/// (`しなければならない` must), a rhetorical question (`のではないか`).
const NOT_NEGATING: &[&str] = &[
    "なければならない",
    "なくてはならない",
    "なければいけない",
    "なくてはいけない",
    "ないといけない",
    "ざるを得ない",
    "ざるをえない",
    "かつてない",
    "これまでにない",
    "今までにない",
    "この上ない",
    "間違いない",
    "違いない",
    "過ぎない",
    "すぎない",
    "しかない",
    "かもしれない",
    "ほかならない",
    "ではないか",
    "じゃないか",
    "ではないでしょうか",
    "ないし",
    "必ず",
    "まず",
    "わずか",
    "ずっと",
    "いずれ",
    "みずから",
    "はず",
    "ずつ",
    "関わらず",
    "かかわらず",
    "拘らず",
    "相変わらず",
    "少なからず",
    "絶えず",
    "思わず",
    "構わず",
    "不可欠",
];

/// Words that stand for a number: a half, a couple, both sides, the year (or
/// day) before last.
const WORDS_FOR_NUMBERS: &[(&str, f64, Kind)] = &[
    ("半", 0.5, Kind::Number),
    ("半数", 50.0, Kind::Percent),
    ("半分", 50.0, Kind::Percent),
    ("夫婦", 2.0, Kind::Number),
    ("夫妻", 2.0, Kind::Number),
    ("両者", 2.0, Kind::Number),
    ("両氏", 2.0, Kind::Number),
    ("双方", 2.0, Kind::Number),
    ("両国", 2.0, Kind::Number),
    ("ペア", 2.0, Kind::Number),
    ("コンビ", 2.0, Kind::Number),
    ("デュオ", 2.0, Kind::Number),
    ("カップル", 2.0, Kind::Number),
    ("一昨年", 2.0, Kind::Number),
    ("一昨日", 2.0, Kind::Number),
    ("おととし", 2.0, Kind::Number),
    ("おととい", 2.0, Kind::Number),
    // Numbers said in English and written in katakana (ベストナイン, the "best nine").
    ("ナイン", 9.0, Kind::Number),
    ("イレブン", 11.0, Kind::Number),
    ("ダブル", 2.0, Kind::Number),
    ("トリプル", 3.0, Kind::Number),
    // All of it: "100 per cent of the soil".
    ("すべて", 100.0, Kind::Percent),
    ("全て", 100.0, Kind::Percent),
    ("半年", 6.0, Kind::Number),
    // Even odds, "50/50".
    ("五分五分", 50.0, Kind::Number),
    ("五分五分", 50.0, Kind::Percent),
    ("半々", 50.0, Kind::Number),
    ("半々", 50.0, Kind::Percent),
];

static SILENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        "コメントしていない|コメントを控え|コメントは控え|コメントしなかった|コメントはなかった|",
        "コメントを出していない|回答を控え|返答はなかった|回答はなかった|反応はなかった|",
        "言及しなかった|言及していない|言及を避け|沈黙を守|",
        "(?:コメント|取材|問い合わせ|質問)[^。、]{0,6}に(?:応じ|回答し|答え)(?:なかった|ていない)",
    ))
});

pub(super) static JA: Labels = Labels {
    sides_heading: "各国の立場",
    stated_position: "表明された立場",
    reasons: "理由と利害",
    implications: "意味するもの",
    what_to_watch: "今後の焦点",
    about_author: "筆者について",
    sources: "出典",
    related: "関連記事",
    integrity: "検証レポート",
    review_marks: "記事中に指摘を表示",
    passed: "すべての検証を通過",
    findings: "件の指摘",
    revised: "検証後に修正した箇所",
    translated: "翻訳",
    translated_use: "翻訳して引用（原文の表現ではない）",
    no_position: "出典に{}の表明された立場はない。",
    earlier_no_position: &[],
    no_reasons: "出典に{}の理由は示されていない。",
    no_reasons_beyond: "出典には{}のこの発言以外の理由は示されていない。",
    no_meaning: "出典に{}のこの立場が持つ意味は示されていない。",
    earlier_silence: &[
        "出典に理由は示されていない。",
        "出典にはこの発言以外の理由は示されていない。",
        "出典にこの立場が持つ意味は示されていない。",
    ],
    extractive_note: "言語モデルは使っていない。各段落は出典の文そのものだ (extractive provider)。",
    context_subheads: ["何が起きたか", "背景", "その他の経緯"],
};
