//! Tests of `stage`.

use super::*;

fn rules_fixture() -> (BTreeSet<PassageId>, Vec<String>) {
    (
        [PassageId::numbered(1), PassageId::numbered(2)].into(),
        vec!["a".to_string(), "b".to_string()],
    )
}

#[test]
fn brief_needs_every_perspective_and_known_cites() {
    let (ids, persp) = rules_fixture();
    let rules = Rules {
        passage_ids: &ids,
        perspective_ids: &persp,
        corpus: &crate::text::QuoteIndex::new(""),
        lenient: false,
    };
    let pos = |stated, cites: &[&str]| Position {
        stated,
        position: "p".into(),
        cites: cites.iter().map(|s| PassageId::from(*s)).collect(),
    };
    let mut b = Brief {
        key_facts: vec![Claim {
            text: "f".into(),
            cites: vec!["S1".into()],
        }],
        perspectives: [("a".into(), pos(true, &["S2"])), ("b".into(), pos(false, &[]))].into(),
    };
    rules.brief(&b).unwrap();
    b.perspectives.remove("b");
    assert!(rules.brief(&b).unwrap_err().contains("expected exactly"));
    b.perspectives.insert("b".into(), pos(true, &["S9"]));
    assert!(rules.brief(&b).unwrap_err().contains("S9"));
}

#[test]
fn pull_quote_must_come_from_passages() {
    let (ids, persp) = rules_fixture();
    let rules = Rules {
        passage_ids: &ids,
        perspective_ids: &persp,
        corpus: &crate::text::QuoteIndex::new("he said \"a precious common asset\" today"),
        lenient: false,
    };
    let mut o = Opening {
        lede: Claim {
            text: "x".into(),
            cites: vec!["S1".into()],
        },
        pull_quote: "“a precious  common asset”".into(),
        sections: vec![],
    };
    rules.opening(&o).unwrap();
    o.pull_quote = "a priceless asset".into();
    assert!(rules.opening(&o).is_err());
}

#[test]
fn schema_is_strict_and_lists_ids() {
    let s = Stage::Brief.schema(&["S1".into()], &["a".into()]);
    assert_eq!(s["additionalProperties"], json!(false));
    assert_eq!(s["properties"]["perspectives"]["required"], json!(["a"]));
    assert_eq!(
        s["properties"]["key_facts"]["items"]["properties"]["cites"]["items"]["enum"],
        json!(["S1"])
    );
}
