//! Tests of `stage`.

use super::*;

fn rules_fixture() -> (BTreeSet<PassageId>, Vec<SideId>) {
    (
        [PassageId::numbered(1), PassageId::numbered(2)].into(),
        vec!["a".into(), "b".into()],
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
fn a_headline_of_noise_is_refused_and_a_paraphrase_is_not() {
    let (ids, persp) = rules_fixture();
    let passages = "North Korean leader Kim Jong-un sent a New Year greeting to Russian President \
        Vladimir Putin, hailing their alliance as a precious common asset forged in the same trench. \
        Seoul said the deepening military ties were a threat; Beijing called for restraint.";
    let latin = crate::text::QuoteIndex::new(passages);
    let hangul = crate::text::QuoteIndex::new(
        "김정은 위원장은 푸틴 대통령에게 신년 축전을 보냈다고 조선중앙통신이 보도했다.",
    );
    let finish = |headline: &str| Finish {
        headline: headline.into(),
        deck: "Kim hails the alliance with Russia".into(),
        closing: Claim::default(),
    };
    let rules = |corpus| Rules {
        passage_ids: &ids,
        perspective_ids: &persp,
        corpus,
        lenient: true,
    };
    for fine in [
        "Kim Jong-un Hails Russia Alliance in New Year Message to Putin",
        "Kim lauds Putin ties as Seoul weighs deepening military threat",
        "北朝鮮、ロシアとの同盟を称賛",
    ] {
        rules(&latin).finish(&finish(fine)).unwrap();
    }
    let noise = "byandfairastext these emptyquotationmilitary CommerceWorld developspeaker whosehttps stance";
    let err = rules(&latin).finish(&finish(noise)).unwrap_err();
    assert!(
        err.starts_with("headline: most of its words appear in no passage"),
        "{err}"
    );
    // An English edition of Korean sources: their words say nothing of its words.
    rules(&hangul).finish(&finish(noise)).unwrap();
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

/// Precision of the noise rule: no human-written headline or deck among the
/// check fixtures is refused over its own sources.
#[test]
fn no_human_headline_or_deck_of_the_fixtures_is_taken_for_noise() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap();
    let cases: serde_json::Value = serde_json::from_str(&read(&root.join("cases.json"))).unwrap();
    let (ids, persp) = rules_fixture();
    let mut checked = 0;
    for case in cases.as_array().unwrap() {
        let article = read(&root.join(case["article"].as_str().unwrap()));
        let sources: Vec<String> = case["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| read(&root.join(s.as_str().unwrap())))
            .collect();
        let corpus = crate::text::QuoteIndex::new(&sources.join("\n"));
        let Some(headline) = article.lines().find_map(|l| l.strip_prefix("# ")) else {
            continue;
        };
        let deck = article
            .lines()
            .find(|l| l.starts_with('*') && l.ends_with('*') && !l.starts_with("**"))
            .map_or("A deck.", |l| l.trim_matches('*'));
        let rules = Rules {
            passage_ids: &ids,
            perspective_ids: &persp,
            corpus: &corpus,
            lenient: true,
        };
        let finish = Finish {
            headline: headline.into(),
            deck: deck.into(),
            closing: Claim::default(),
        };
        assert_eq!(rules.finish(&finish), Ok(()), "{}", case["name"]);
        checked += 1;
    }
    assert!(checked >= 40, "{checked} articles");
}
