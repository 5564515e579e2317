//! Korean: statements (`…라고 밝혔다`, `X에 따르면`), silence (언급하지 않았다),
//! negation (않, 없, 못) and parallax's own words in Korean. Numbers and dates
//! are read with the other East Asian languages (`east_asian`).

pub(crate) mod names;
pub(crate) mod numbers;
mod statements;

use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use super::script::{Script, script};
use super::{Labels, Language};

/// Korean titles and bodies, never a person's name.
pub(crate) const TITLES: &[&str] = &[
    "대변인",
    "장관",
    "대통령",
    "정부",
    "외교부",
    "국무부",
    "관계자",
    "총리",
    "대사",
    "외무성",
    "국방부",
    "당국",
];

pub(super) static LANGUAGE: Language = Language {
    code: "ko",
    writes: |s| script(s) == Script::Korean,
    statements: |s| statements::extract(s).into_iter().collect(),
    silent: |s| SILENCE.is_match(s),
    negated: |s| {
        super::cjk::negated(
            s,
            &["않", "없", "못", "아니", "안 ", "말라", "불가", "모르", "모릅"],
            &[],
        )
    },
    stance: (
        &["환영", "지지", "찬성"],
        &["반대", "비난", "규탄", "비판", "항의", "거부"],
    ),
    numbers: numbers::in_words,
    labels: &KO,
};

static SILENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?:언급|논평|답변|응답|반응|입장\s?표명|입장)(?:을|를|은|는|도)?\s?(?:하지|내놓지|보이지|밝히지|내지)\s?않",
        r"|언급을 피했|논평을 거부|답하지 않았|(?:요청|질의)에\s?(?:응하지|답하지)\s?않|침묵을 지켰",
    ))
});

pub(super) static KO: Labels = Labels {
    sides_heading: "각 측의 입장",
    stated_position: "공식 입장",
    reasons: "이유와 이해관계",
    implications: "의미",
    what_to_watch: "주목할 점",
    about_author: "필자 소개",
    sources: "출처",
    related: "관련 기사",
    integrity: "검증 보고서",
    review_marks: "기사 안에 지적 사항 표시",
    passed: "모든 검증 통과",
    findings: "건 지적",
    revised: "검증 후 수정한 부분",
    translated: "번역",
    translated_use: "번역하여 인용함(원문 표현이 아님)",
    no_position: "출처에 {}의 공식 입장은 나와 있지 않다.",
    earlier_no_position: &[],
    no_reasons: "출처에 {}의 이유는 나와 있지 않다.",
    no_reasons_beyond: "출처에는 {}의 이 발언 외의 이유가 나와 있지 않다.",
    no_meaning: "출처에 {}의 이 입장이 갖는 의미는 나와 있지 않다.",
    earlier_silence: &[
        "출처에 이유는 나와 있지 않다.",
        "출처에는 이 발언 외의 이유가 나와 있지 않다.",
        "출처에 이 입장이 갖는 의미는 나와 있지 않다.",
    ],
    extractive_note: "언어 모델을 쓰지 않았다: 모든 문단은 출처의 문장 그대로다 (extractive provider).",
    context_subheads: ["무슨 일이 있었나", "배경", "추가 맥락"],
};
