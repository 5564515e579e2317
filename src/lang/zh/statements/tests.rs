//! Chinese news forms, read by the statement reader.

use crate::source::statements::extract;

/// (sentence, speaker, verb, content) for Chinese news forms.
#[test]
fn chinese_forms() {
    let cases = [
        (
            "外交部发言人毛宁19日在例行记者会上表示，中方坚决反对美方滥用出口管制措施。",
            "外交部发言人毛宁",
            "表示",
            "中方坚决反对美方滥用出口管制措施",
        ),
        (
            "毛宁说：“中方将采取必要措施。”",
            "毛宁",
            "说",
            "“中方将采取必要措施。”",
        ),
        (
            "“美方的做法严重违反市场经济原则，”毛宁说。",
            "毛宁",
            "说",
            "美方的做法严重违反市场经济原则，",
        ),
        (
            "她还敦促美方立即纠正错误做法。",
            "她",
            "敦促",
            "美方立即纠正错误做法",
        ),
        (
            "日本内阁官房长官林芳正当天表示，日本将与盟国密切合作。",
            "日本内阁官房长官林芳正",
            "表示",
            "日本将与盟国密切合作",
        ),
        (
            "据路透社报道，受影响企业的对美出口额约占40%。",
            "路透社",
            "据…报道",
            "受影响企业的对美出口额约占40%",
        ),
        (
            "美国商务部长在声明中称：“这些措施旨在保护国家安全。”",
            "美国商务部长",
            "称",
            "“这些措施旨在保护国家安全。”",
        ),
    ];
    for (sentence, speaker, verb, content) in cases {
        let s = extract(sentence);
        assert_eq!(s.len(), 1, "{sentence}: {s:?}");
        assert_eq!(
            (s[0].speaker.as_str(), s[0].verb.as_str()),
            (speaker, verb),
            "{sentence}"
        );
        assert_eq!(s[0].content, content, "{sentence}");
    }
}

#[test]
fn chinese_words_that_are_not_cues() {
    assert!(extract("韩国产业通商资源部当天拒绝置评。").is_empty());
    assert!(extract("据说这部小说很受欢迎。").is_empty());
    assert!(extract("这一地区被称为东亚的十字路口。").is_empty());
    assert!(s_anaphor("该官员指出，谈判仍在继续。"));
}

fn s_anaphor(sentence: &str) -> bool {
    extract(sentence).first().is_some_and(|s| s.anaphor)
}
