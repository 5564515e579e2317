//! Tests of the passage selection.

use super::*;
use crate::source::{Passage, Statement};

fn passage(i: usize, source: usize, text: &str, side: Option<&str>) -> Passage {
    Passage {
        id: crate::source::PassageId::numbered(i),
        source,
        text: text.into(),
        perspectives: side.map(|s| vec![s.into()]).unwrap_or_default(),
        statements: side
            .map(|s| {
                vec![Statement {
                    speaker: "a spokesperson".into(),
                    mention: None,
                    side: Some(s.into()),
                    verb: "said".into(),
                    content: text.into(),
                    quote: None,
                    span: (0, text.len()),
                    anaphor: false,
                    plausible: true,
                }]
            })
            .unwrap_or_default(),
        url: None,
        fixed: None,
    }
}

#[test]
fn every_side_keeps_its_statements_and_relevance_fills_the_rest() {
    let mut ps = Vec::new();
    for i in 0..200 {
        ps.push(passage(
            i + 1,
            1,
            &format!("Paragraph {i} is about harbour dredging and budgets for the year."),
            None,
        ));
    }
    ps.push(passage(
        201,
        2,
        "Seoul said the treaty threatens the peninsula.",
        Some("south-korea"),
    ));
    ps.push(passage(
        202,
        2,
        "Beijing said the treaty is a bilateral matter.",
        Some("china"),
    ));
    ps.push(passage(
        203,
        1,
        "The treaty on troop deployments was signed in June.",
        None,
    ));
    let s = Selector::new(ps.iter());
    let budget = s.cost.iter().sum::<usize>() / 10;
    let sides = ["south-korea".into(), "china".into()];
    let keep = s.select(&sides, "treaty troops deployment", budget);
    assert!(
        keep.contains(&200) && keep.contains(&201),
        "both sides' statements: {keep:?}"
    );
    assert!(keep.contains(&202), "the most relevant passage: {keep:?}");
    assert!(keep.contains(&0), "the lead: {keep:?}");
    assert!(keep.windows(2).all(|w| w[0] < w[1]), "in source order");
    let used: usize = keep.iter().map(|i| s.cost[*i]).sum();
    assert!(used <= budget, "{used} > {budget}");
}

#[test]
fn tokens_count_hangul_and_han_by_character() {
    assert_eq!(tokens("abcd efgh"), 3);
    assert_eq!(tokens("한국은 우려를"), 7, "six syllables and a space");
}
