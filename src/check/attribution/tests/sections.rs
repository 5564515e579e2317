//! Who may speak where: the same speaker is never misattributed, and a side's
//! section never carries another side's statement.

use super::*;

#[test]
fn the_same_speaker_with_the_same_side_is_never_misattributed() {
    let persona = persona::load("prism", &[]).unwrap();
    let srcs = sources("中国商務省は「輸出管理を強化する」と発表した。\n", &persona);
    let corpus = Corpus::new(&srcs, &persona);
    let doc = Doc {
        blocks: vec![block("china", "中国商務省は「輸出管理を強化する」と発表した。")],
        sides: vec![],
        labelled: false,
    };
    let found = check(&doc, &corpus, &persona);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_same_speaker_of_no_side_is_never_misattributed() {
    let persona = persona::load("prism", &[]).unwrap();
    let text = "官庁職員は警告発令中に波が来たと述べているが、土曜日に当局は批判された。\n";
    let srcs = sources(text, &persona);
    let corpus = Corpus::new(&srcs, &persona);
    let doc = Doc {
        blocks: vec![block("", text.trim())],
        sides: vec![],
        labelled: false,
    };
    let found = check(&doc, &corpus, &persona);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn another_sides_statement_in_any_part_of_our_side_section_is_misattributed() {
    use crate::article::place::{At, Part};
    let persona = persona::load("prism", &[]).unwrap();
    let srcs = sources(EN_SOURCE, &persona);
    let corpus = Corpus::new(&srcs, &persona);
    let text = "China's foreign ministry said the canal \"must remain neutral and open to all nations\".";
    for part in [Part::Subhead, Part::Reasons, Part::Implications] {
        let mut b = block("united-states", text);
        b.at = Some(At::Side(0, part));
        let doc = Doc {
            blocks: vec![b],
            sides: vec![],
            labelled: true,
        };
        let f = check(&doc, &corpus, &persona);
        assert!(
            f.iter()
                .any(|f| f.attribution.as_ref().and_then(|m| m.source_side.as_deref()) == Some("china")),
            "{part:?}: {f:#?}"
        );
    }
    // In China's own section, or in a person's article, it is China's words, rightly given.
    let mut own = block("china", text);
    own.at = Some(At::Side(0, Part::Reasons));
    let doc = Doc {
        blocks: vec![own, block("", text)],
        sides: vec![],
        labelled: true,
    };
    assert!(check(&doc, &corpus, &persona).is_empty());
}

#[test]
fn an_office_that_names_no_country_takes_the_side_of_its_section() {
    let persona = persona::load("prism", &[]).unwrap();
    let text = "중국 외교부 대변인은 \"대만 문제는 중국의 내정\"이라고 말했다.\n\n한국 외교부는 \"상황을 주시하고 있다\"고 밝혔다.\n";
    let srcs = sources(text, &persona);
    let corpus = Corpus::new(&srcs, &persona);
    let doc = Doc {
        blocks: vec![block(
            "china",
            "외교부 대변인은 \"대만 문제는 중국의 내정\"이라고 말했다.",
        )],
        sides: vec![],
        labelled: true,
    };
    let found = check(&doc, &corpus, &persona);
    assert!(found.is_empty(), "{found:#?}");
    // The same bare office in South Korea's section, with China's words.
    let doc = Doc {
        blocks: vec![block(
            "south-korea",
            "외교부 대변인은 \"대만 문제는 중국의 내정\"이라고 말했다.",
        )],
        sides: vec![],
        labelled: true,
    };
    assert!(!check(&doc, &corpus, &persona).is_empty());
}

#[test]
fn a_stance_reported_the_other_way_round_is_a_contradiction() {
    let persona = persona::load("prism", &[]).unwrap();
    for (source, faithful, reversed) in [
        (
            "Japan's foreign ministry welcomed the agreement on fishing quotas in the East China Sea.\n",
            "Japan's foreign ministry welcomed the agreement on fishing quotas in the East China Sea.",
            "Japan's foreign ministry condemned the agreement on fishing quotas in the East China Sea.",
        ),
        (
            "中国外交部发言人表示，中方坚决反对美方对华芯片出口管制措施。\n",
            "中国外交部发言人表示，中方坚决反对美方对华芯片出口管制措施。",
            "中国外交部发言人表示，中方欢迎美方对华芯片出口管制措施。",
        ),
    ] {
        let srcs = sources(source, &persona);
        let corpus = Corpus::new(&srcs, &persona);
        let doc = |text: &str| Doc {
            blocks: vec![block("", text)],
            sides: vec![],
            labelled: false,
        };
        assert!(check(&doc(faithful), &corpus, &persona).is_empty(), "{faithful}");
        let found = check(&doc(reversed), &corpus, &persona);
        assert!(
            found.iter().any(|f| f.kind == FindingKind::Stance),
            "{reversed}: {found:#?}"
        );
    }
}

#[test]
fn an_article_repeating_its_source_title_and_passage_is_not_misattributed() {
    let persona = persona::load("prism", &[]).unwrap();
    // The reader may take a clause for the speaker of the passage ("first
    // reported by …") and a headline's second verb for the words said; an
    // article repeating the title and the passage says what they say.
    let title = "Ken Starr praises, laments Bill Clinton's legacy.";
    let passage = "Starr's remarks, first reported by a newspaper on Tuesday, suggested a tinge of regret about the role his investigations played in coloring Bill Clinton's legacy.";
    let srcs = sources(&format!("---\ntitle: \"{title}\"\n---\n\n{passage}\n"), &persona);
    let corpus = Corpus::new(&srcs, &persona);
    let doc = Doc {
        blocks: vec![block("", title), block("", passage)],
        sides: vec![],
        labelled: true,
    };
    let found = check(&doc, &corpus, &persona);
    assert!(found.is_empty(), "{found:#?}");
}
