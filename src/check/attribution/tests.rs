//! The attribution check on a table of article sentences, each in a section of
//! one side, against sources in English and Korean: every planted
//! misattribution is found, and nothing is raised on the clean ones.

use super::*;

/// The attribution check on `doc`, the sources indexed for it.
fn check(doc: &Doc, corpus: &Corpus<'_>, persona: &Persona) -> Vec<Finding> {
    check_with(
        doc,
        &Sources::new(&corpus.passages, &corpus.title_folded),
        persona,
    )
}
use crate::check::{Block, Corpus, Part};
use crate::persona;
use crate::source::{self, Source};
use crate::stage::Section;

const EN_SOURCE: &str = "\
China's foreign ministry spokesperson Mao Ning said the canal \"must remain neutral and open to all nations\".

\"We firmly oppose any attempt to coerce Panama,\" Mao Ning said.

She added that China \"respects Panama's sovereignty\".

U.S. Secretary of State Marco Rubio said Washington \"will not allow China to control the canal\".

Japan, the canal's third-largest user, has called for \"stable and predictable access\" for shipping.

Panama's foreign minister, speaking at a UN debate chaired by China's foreign minister Wang Yi, said \"dialogue must prevail over confrontation\".

South Korea's foreign ministry said it hoped the dispute would be \"resolved through dialogue\".

Iran's foreign minister Abbas Araghchi called the deal \"a Persian-style peace\".

Chinese foreign ministry spokesperson Lin Jian said Beijing \"welcomes all efforts toward peace\".

Trump said the Iran deal was \"largely negotiated\".

Tokyo has said it is deeply concerned about the security of shipping lanes in the region.

Washington accused Beijing of \"economic coercion\" in the region.

China has said that North Korea and Russia are two independent sovereign states and that how they develop their relations is their own affair.
";

/// (section side, sentence, misattributed?)
const EN_CASES: &[(&str, &str, bool)] = &[
    (
        "china",
        "Mao Ning said the canal \"must remain neutral and open to all nations\".",
        false,
    ),
    (
        "china",
        "China's foreign ministry said the canal \"must remain neutral and open to all nations.\"",
        false,
    ),
    (
        "china",
        "\"We firmly oppose any attempt to coerce Panama,\" Mao Ning said.",
        false,
    ),
    (
        "china",
        "Beijing said it would \"firmly oppose any attempt to coerce Panama\".",
        false,
    ),
    (
        "united-states",
        "Rubio said Washington \"will not allow China to control the canal.\"",
        false,
    ),
    (
        "japan",
        "Japan, the canal's third-largest user, has called for \"stable and predictable access\".",
        false,
    ),
    (
        "japan",
        "Tokyo called for \"stable and predictable access\" for shipping.",
        false,
    ),
    (
        "south-korea",
        "Seoul said it hoped the dispute would be \"resolved through dialogue\".",
        false,
    ),
    (
        "",
        "Iran's foreign minister called the deal \"a Persian-style peace\".",
        false,
    ),
    ("", "Araghchi called it \"a Persian-style peace\".", false),
    ("", "Trump said the deal was \"largely negotiated\".", false),
    ("", "Trump Says Iran Deal 'Largely Negotiated'", false),
    (
        "china",
        "She added that China \"respects Panama's sovereignty\".",
        false,
    ),
    (
        "japan",
        "Tokyo has said it is deeply concerned about the security of shipping lanes in the region.",
        false,
    ),
    (
        "united-states",
        "Washington accused Beijing of \"economic coercion\" in the region.",
        false,
    ),
    (
        "",
        "Panama's foreign minister said \"dialogue must prevail over confrontation\".",
        false,
    ),
    (
        "china",
        "In a statement, the ministry said the canal \"must remain neutral and open to all nations\".",
        false,
    ),
    (
        "china",
        "Lin Jian said Beijing \"welcomes all efforts toward peace\".",
        false,
    ),
    (
        "",
        "Mao Ning, a spokesperson for China's foreign ministry, said \"We firmly oppose any attempt to coerce Panama.\"",
        false,
    ),
    (
        "japan",
        "China, by contrast, said the canal \"must remain neutral and open to all nations\".",
        false,
    ),
    (
        "china",
        "Mao said the canal \"must remain neutral and open to all nations.\"",
        false,
    ),
    (
        "united-states",
        "The State Department said Washington \"will not allow China to control the canal\".",
        false,
    ),
    (
        "china",
        "China has said that North Korea and Russia are two independent sovereign states.",
        false,
    ),
    (
        "japan",
        "Tokyo said the canal \"must remain neutral and open to all nations\".",
        true,
    ),
    (
        "china",
        "Beijing called for \"stable and predictable access\" for shipping.",
        true,
    ),
    ("", "Lin Jian called the deal \"a Persian-style peace\".", true),
    (
        "",
        "Mao Ning said \"dialogue must prevail over confrontation\".",
        true,
    ),
    (
        "china",
        "The canal, in this view, offers \"stable and predictable access\" for shipping.",
        true,
    ),
    (
        "japan",
        "Japan said it would \"firmly oppose any attempt to coerce Panama\".",
        true,
    ),
    (
        "united-states",
        "Washington said the dispute should be \"resolved through dialogue\".",
        true,
    ),
    (
        "south-korea",
        "Seoul said it \"will not allow China to control the canal\".",
        true,
    ),
    (
        "japan",
        "Tokyo said North Korea and Russia are two independent sovereign states and that how they develop their relations is their own affair.",
        true,
    ),
    (
        "china",
        "Beijing said it is deeply concerned about the security of shipping lanes in the region.",
        true,
    ),
    ("", "Rubio called the deal \"a Persian-style peace\".", true),
    (
        "china",
        "The spokesperson said the country \"will not allow China to control the canal\".",
        true,
    ),
    ("", "Trump called the deal \"a Persian-style peace\".", true),
    (
        "japan",
        "Japan warned of \"economic coercion\" in the region.",
        true,
    ),
    (
        "south-korea",
        "The dispute, officials hope, will end with \"stable and predictable access\" for shipping.",
        true,
    ),
    (
        "united-states",
        "Araghchi said Washington \"will not allow China to control the canal\".",
        true,
    ),
    (
        "china",
        "Rubio said the canal \"must remain neutral and open to all nations\".",
        true,
    ),
    (
        "japan",
        "\"Dialogue must prevail over confrontation,\" Tokyo said.",
        true,
    ),
    (
        "china",
        "Lin Jian said the canal \"must remain neutral and open to all nations\".",
        true,
    ),
];

const KO_SOURCE: &str = "\
중국 외교부 마오닝 대변인은 \"운하는 중립적이고 모든 나라에 개방돼야 한다\"고 밝혔다.

일본 정부는 \"안정적인 통항 보장\"을 촉구했다.

미 국무부는 \"중국의 운하 통제를 허용하지 않겠다\"고 말했다.

한국 외교부는 \"대화를 통한 해결\"을 희망한다고 밝혔다.
";

const KO_CASES: &[(&str, &str, bool)] = &[
    (
        "china",
        "마오닝 대변인은 \"운하는 중립적이고 모든 나라에 개방돼야 한다\"고 말했다.",
        false,
    ),
    ("japan", "일본 정부는 \"안정적인 통항 보장\"을 요구했다.", false),
    (
        "united-states",
        "미국은 \"중국의 운하 통제를 허용하지 않겠다\"고 밝혔다.",
        false,
    ),
    (
        "south-korea",
        "정부는 \"대화를 통한 해결\"을 희망한다고 밝혔다.",
        false,
    ),
    (
        "china",
        "중국 외교부는 \"운하는 중립적이고 모든 나라에 개방돼야 한다\"고 강조했다.",
        false,
    ),
    (
        "japan",
        "일본 정부는 \"운하는 중립적이고 모든 나라에 개방돼야 한다\"고 밝혔다.",
        true,
    ),
    (
        "china",
        "마오닝 대변인은 \"안정적인 통항 보장\"을 촉구했다.",
        true,
    ),
    (
        "united-states",
        "미 국무부는 \"대화를 통한 해결\"을 희망한다고 밝혔다.",
        true,
    ),
    (
        "south-korea",
        "한국 정부는 \"중국의 운하 통제를 허용하지 않겠다\"고 말했다.",
        true,
    ),
    (
        "japan",
        "운하는 \"중국의 운하 통제를 허용하지 않겠다\"는 입장의 대상이 됐다.",
        true,
    ),
];

fn sources(text: &str, persona: &Persona) -> Vec<Source> {
    let mut s = vec![source::parse(std::path::Path::new("s.md"), text, 1, 1).unwrap()];
    source::tag_perspectives(&mut s, persona).unwrap();
    s
}

fn block(side: &str, text: &str) -> Block {
    let perspective = (!side.is_empty()).then(|| crate::ids::SideId::from(side));
    Block {
        section: match &perspective {
            Some(id) => Section::Perspective(id.clone()),
            None => Section::Lede,
        },
        perspective,
        part: Part::Body,
        location: "test".into(),
        text: text.into(),
        cites: vec![],
        at: None,
        also: vec![],
    }
}

fn run_cases(persona_id: &str, source_text: &str, cases: &[(&str, &str, bool)]) -> Vec<String> {
    let persona = persona::load(persona_id, &[]).unwrap();
    let srcs = sources(source_text, &persona);
    let corpus = Corpus::new(&srcs, &persona);
    let mut wrong = Vec::new();
    for (side, sentence, planted) in cases {
        let doc = Doc {
            blocks: vec![block(side, sentence)],
            sides: vec![],
            labelled: false,
        };
        let found = check(&doc, &corpus, &persona);
        if found.is_empty() == *planted {
            wrong.push(format!(
                "[{side}] {sentence}: expected {planted}, found {found:#?}"
            ));
        }
    }
    wrong
}

#[test]
fn english_misattributions_are_found_and_clean_sentences_pass() {
    assert!(EN_CASES.len() >= 40);
    let wrong = run_cases("prism", EN_SOURCE, EN_CASES);
    assert!(
        wrong.is_empty(),
        "{} of {} cases wrong:\n{}",
        wrong.len(),
        EN_CASES.len(),
        wrong.join("\n")
    );
}

#[test]
fn korean_misattributions_are_found_and_clean_sentences_pass() {
    assert!(KO_CASES.len() >= 10);
    let wrong = run_cases("nuri", KO_SOURCE, KO_CASES);
    assert!(
        wrong.is_empty(),
        "{} of {} cases wrong:\n{}",
        wrong.len(),
        KO_CASES.len(),
        wrong.join("\n")
    );
}

#[test]
fn a_finding_names_both_speakers_and_the_passage() {
    let persona = persona::load("prism", &[]).unwrap();
    let srcs = sources(EN_SOURCE, &persona);
    let corpus = Corpus::new(&srcs, &persona);
    let doc = Doc {
        blocks: vec![block(
            "japan",
            "Tokyo said the canal \"must remain neutral and open to all nations\".",
        )],
        sides: vec![],
        labelled: false,
    };
    let f = check(&doc, &corpus, &persona);
    let m = f[0].attribution.as_ref().unwrap();
    assert_eq!(m.quotation, "must remain neutral and open to all nations");
    assert_eq!(
        (m.article_speaker.as_str(), m.article_side.as_deref()),
        ("Tokyo", Some("japan"))
    );
    assert_eq!(m.source_side.as_deref(), Some("china"));
    assert!(m.source_speaker.contains("Mao Ning"), "{m:?}");
    assert_eq!(m.passage, "S1");
}

mod sections;
mod translated;
