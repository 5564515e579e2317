//! Tests of `markdown`.

use super::*;

#[test]
fn cites_are_split_off() {
    assert_eq!(
        split_cites("Kim said so. [S1, S3]"),
        ("Kim said so.".into(), vec!["S1".into(), "S3".into()])
    );
    assert_eq!(split_cites("No cites."), ("No cites.".into(), vec![]));
}

#[test]
fn reads_our_own_layout() {
    let persona = crate::persona::load("prism", &[]).unwrap();
    let md = "---\ntitle: x\n---\n\n# Head\n\n*The deck.*\n\n> “A quote here”\n\nThe lede. [S1]\n\n## Background\n\nMore. [S2]\n\n## Where each side stands\n\n### Japan: Tokyo worries\n\n**Stated position.** Tokyo said no. [S3]\n\n**Reasons and interests.** Because. [S3]\n\n### China\n\n**Stated position.** No stated position from China in the sources.\n\n## What to watch\n\nNext week. [S2]\n\n---\n\n## About the author\n\nBio 2024.\n";
    let doc = parse(md, &persona);
    let parts: Vec<(Part, &str)> = doc.blocks.iter().map(|b| (b.part, b.text.as_str())).collect();
    assert_eq!(
        parts,
        [
            (Part::Headline, "Head"),
            (Part::Deck, "The deck."),
            (Part::Body, "“A quote here”"),
            (Part::Lede, "The lede."),
            (Part::Body, "More."),
            (Part::Position, "Tokyo said no."),
            (Part::Reasons, "Because."),
            (Part::Position, "No stated position from China in the sources."),
            (Part::Closing, "Next week."),
        ]
    );
    assert_eq!(
        doc.sides,
        [
            Side {
                id: "japan".into(),
                stated: true,
                shared: false,
            },
            Side {
                id: "china".into(),
                stated: false,
                shared: false,
            }
        ]
    );
    assert_eq!(doc.blocks[5].cites, ["S3"]);
    assert_eq!(doc.blocks[8].section, crate::stage::Section::Finish);
}

#[test]
fn a_side_that_has_not_commented_states_no_position() {
    let persona = crate::persona::load("prism", &[]).unwrap();
    for silence in [
        "The U.S. State Department has not commented.",
        "미 국무부는 논평하지 않았다.",
        "米国務省はコメントを出していない。",
        "美国国务院尚未就此发表评论。",
    ] {
        let md = format!("# Head\n\n## Japan\n\nTokyo said no.\n\n## United States\n\n{silence}\n");
        let doc = parse(&md, &persona);
        let us = doc.sides.iter().find(|s| s.id == "united-states");
        assert_eq!(us.map(|s| s.stated), Some(false), "{silence}");
        let japan = doc.sides.iter().find(|s| s.id == "japan");
        assert_eq!(japan.map(|s| s.stated), Some(true), "{silence}");
    }
}
