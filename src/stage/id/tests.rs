//! Tests of the stage identities: every name round-trips through its string form.

use super::*;

#[test]
fn stage_names_round_trip() {
    let stages = [
        Stage::Brief,
        Stage::Opening,
        Stage::Perspective("south-korea".into()),
        Stage::Finish,
        Stage::Revise(Section::Lede),
        Stage::Revise(Section::Perspective("japan".into())),
        Stage::Revise(Section::Finish),
    ];
    let names: Vec<String> = stages.iter().map(Stage::to_string).collect();
    assert_eq!(
        names,
        [
            "brief",
            "lede",
            "perspective:south-korea",
            "finish",
            "revise:lede",
            "revise:perspective:japan",
            "revise:finish"
        ]
    );
    for (s, n) in stages.iter().zip(&names) {
        assert_eq!(&n.parse::<Stage>().unwrap(), s);
        assert_eq!(serde_json::to_value(s).unwrap(), serde_json::json!(n));
    }
}

#[test]
fn unknown_names_are_refused() {
    for bad in ["", "perspective:", "revise:brief", "revise:", "lede:x", "Brief"] {
        assert!(bad.parse::<Stage>().is_err(), "{bad} parsed");
    }
    assert!(serde_json::from_str::<Section>("\"nope\"").is_err());
}

#[test]
fn revisions_use_the_model_and_round_of_their_kind() {
    let r = Stage::Revise(Section::Perspective("china".into()));
    assert_eq!(r.kind(), StageKind::Perspective);
    assert_eq!(r.group(), "revise");
    assert_eq!(r.round(), 3);
    assert_eq!(Stage::Finish.round(), 2, "the finish is written beside the lede");
    assert_eq!(r.section(), Some(Section::Perspective("china".into())));
    assert_eq!(Stage::Brief.section(), None);
}

#[test]
fn stage_kinds_parse_from_their_names() {
    for k in <StageKind as strum::VariantArray>::VARIANTS {
        assert_eq!(k.as_str().parse::<StageKind>().unwrap(), *k);
        assert_eq!(serde_json::to_value(k).unwrap(), serde_json::json!(k.as_str()));
    }
    assert!("revise".parse::<StageKind>().is_err());
    assert_eq!(StageKind::names(), "brief, lede, perspective, finish");
}
