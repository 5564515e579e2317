//! Tests of `transcript`: every label style, its role and speaker, and no
//! statement from a question.

use super::*;

fn roles(text: &str) -> Vec<(Role, Option<String>, Option<String>)> {
    text.split("\n\n")
        .filter_map(label)
        .map(|(l, _)| (l.role, l.name, l.outlet))
        .collect()
}

fn said(text: &str) -> Vec<(String, String)> {
    let mut turns = Turns::default();
    text.split("\n\n")
        .flat_map(|p| turns.statements(p))
        .map(|s| (s.speaker, s.content))
        .collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

const STATE: &str = "MR MILLER: Good afternoon. The Secretary will travel to Tokyo next week.\n\nQUESTION: Does the United States \"oppose\" the new controls?\n\nMR MILLER: We have been clear that we oppose them.\n\nWe will keep working with our allies.";
const MFA_EN: &str = "Mao Ning: China firmly opposes the moves.\n\nCCTV: What is China's comment on \"the new sanctions\"?\n\nMao Ning: The sanctions are unlawful.\n\nAsahi Shimbun: A follow-up question.\n\nQ: Will China respond?\n\nA: China will take necessary measures.";
const MFA_ZH: &str = "毛宁：中方坚决反对。\n\n总台央视记者：请问中方对此有何评论？\n\n毛宁：这是非法的。\n\n问：中方会回应吗？\n\n答：中方将采取必要措施。";
const MOFA_JA: &str = "【岸田外務大臣】冒頭、私から一点申し上げます。\n\n【NHK 大谷記者】中国の措置について伺います。\n\n【岸田外務大臣】強い懸念を表明します。";
const KANTEI: &str = "CHIEF CABINET SECRETARY MATSUNO: The Government will respond appropriately.\n\nREPORTER: Will Japan protest?\n\nCHIEF CABINET SECRETARY MATSUNO: We have lodged a protest.";
const MOFA_KO: &str = "<질문> 중국의 조치에 대한 입장은 무엇입니까? (연합뉴스 김소정 기자)\n\n<답변> 정부는 관련 동향을 면밀히 주시하고 있습니다.\n\n<질문> 추가 질문입니다. (미디어펜 박민수 기자)\n\n<답변> 앞서 말씀드린 대로입니다.";

#[test]
fn every_label_style_gives_each_turn_its_role_and_speaker() {
    assert_eq!(
        roles(STATE),
        [
            (Role::Spokesperson, s("Miller"), None),
            (Role::Reporter, None, None),
            (Role::Spokesperson, s("Miller"), None)
        ]
    );
    assert_eq!(
        roles(MFA_EN),
        [
            (Role::Spokesperson, s("Mao Ning"), None),
            (Role::Reporter, None, s("CCTV")),
            (Role::Spokesperson, s("Mao Ning"), None),
            (Role::Reporter, None, s("Asahi Shimbun")),
            (Role::Reporter, None, None),
            (Role::Spokesperson, None, None),
        ]
    );
    assert_eq!(
        roles(MFA_ZH),
        [
            (Role::Spokesperson, s("毛宁"), None),
            (Role::Reporter, None, s("总台央视")),
            (Role::Spokesperson, s("毛宁"), None),
            (Role::Reporter, None, None),
            (Role::Spokesperson, None, None),
        ]
    );
    assert_eq!(
        roles(MOFA_JA),
        [
            (Role::Official, s("岸田外務大臣"), None),
            (Role::Reporter, s("大谷"), s("NHK")),
            (Role::Official, s("岸田外務大臣"), None),
        ]
    );
    assert_eq!(
        roles(KANTEI),
        [
            (Role::Official, s("Chief Cabinet Secretary Matsuno"), None),
            (Role::Reporter, None, None),
            (Role::Official, s("Chief Cabinet Secretary Matsuno"), None),
        ]
    );
    assert_eq!(
        roles(MOFA_KO),
        [
            (Role::Reporter, None, s("연합뉴스 김소정")),
            (Role::Spokesperson, None, None),
            (Role::Reporter, None, s("미디어펜 박민수")),
            (Role::Spokesperson, None, None),
        ]
    );
}

#[test]
fn only_the_answering_side_speaks_and_a_question_is_never_a_position() {
    for text in [STATE, MFA_EN, MFA_ZH, MOFA_JA, KANTEI, MOFA_KO] {
        assert!(is_transcript(text.split("\n\n")), "{text}");
        let said = said(text);
        assert!(!said.is_empty(), "{text}");
        for (speaker, content) in &said {
            assert!(
                !content.contains('?') && !content.contains('？') && !content.contains("伺います"),
                "a question made a statement: {speaker}: {content}"
            );
        }
    }
    // A turn runs on over an unlabelled paragraph; `A:` takes the last answerer's name.
    let state = said(STATE);
    assert_eq!(
        state.last().unwrap(),
        &(
            "Miller".to_string(),
            "We will keep working with our allies.".to_string()
        )
    );
    assert_eq!(said(MFA_EN).last().unwrap().0, "Mao Ning");
    assert_eq!(said(MOFA_KO)[0].0, "외교부 대변인");
    assert!(!is_transcript(
        "Update: the talks resumed.\n\nThe council met on Monday.".split("\n\n")
    ));
    assert!(!is_transcript(
        "UPDATE: the talks resumed.\n\nEDITOR'S NOTE: corrected.\n\nThe council met.".split("\n\n")
    ));
}
