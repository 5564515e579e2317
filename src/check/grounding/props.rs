//! A property of the checks: any text, checked against itself as its source,
//! gets no hard grounding finding, whatever numbers, dates, scores, amounts,
//! quotations and brackets it mixes, in any of the four languages.

use proptest::prelude::*;

/// Pieces of text in the four languages, joined at random.
const PIECES: &[&str] = &[
    "1",
    "19",
    "2,500",
    ".268",
    "3.5",
    "-",
    ":",
    "：",
    "/",
    "(",
    ")",
    "（",
    "）",
    "약 ",
    "約",
    "about ",
    "$",
    "£",
    "달러",
    "円",
    "ドル",
    "원",
    "억",
    "만",
    "万",
    "萬",
    "百",
    "백",
    "千",
    "割",
    "할",
    "푼",
    "리",
    "分",
    "대",
    "対",
    "比",
    "번째",
    "여덟 ",
    "두 ",
    "周",
    "週",
    "一",
    "四",
    "日",
    "天",
    "星期",
    "年",
    "월",
    "일",
    "月",
    "m²",
    "-square-foot",
    " miles",
    "km",
    "last year",
    "去年",
    "「",
    "」",
    " ",
    "。",
    "The minister said ",
    "Monday",
    "Sept. 30, 2018",
    "2018年9月30日",
    "the 1980s",
    "two-thirds",
    "第八",
    "\n\n",
    "\"",
    "“",
    "”",
    "'",
    "‘",
    "’",
    "…",
    "...",
    "[",
    "]",
    " he said",
    "Hayashi",
    "林官房長官は",
    "と述べた",
    "毛宁说：",
    "외교부는 ",
    "밝혔다",
    "not ",
    "never ",
    "않",
    "ない",
    "不",
    "three",
    "a dozen",
    "half",
    "1.5",
    "%",
    "percent",
    "％",
    "퍼센트",
    "Tuesday",
    "火曜",
    "화요일",
    ", ",
    "12:30",
    "3pm",
    "午後3時",
    "오후 3시",
    "下午3点",
    "No.",
    "F-35",
    "COVID-19",
    "G7",
];

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(PIECES)
}
proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    #[test]
    fn any_text_checked_against_itself_has_no_hard_finding(pieces in prop::collection::vec(piece(), 1..30)) {
        let text: String = pieces.concat();
        let text = text.trim();
        prop_assume!(!text.is_empty() && !text.starts_with(['#', '-']));
        let source = format!("---\ntitle: \"T\"\n---\n\n{text}\n");
        let report = super::tests::report_on(&source, &format!("# T\n\n{text}\n"));
        let hard: Vec<(&str, &str)> = report
            .findings
            .iter()
            .filter(|f| f.is_hard() && f.check == crate::check::Check::Grounding)
            .map(|f| (f.claim.as_str(), f.expected.as_str()))
            .collect();
        prop_assert!(hard.is_empty(), "{text:?}: {hard:?}");
    }
}
