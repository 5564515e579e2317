//! The fairness panel from hand-built rows: shares, silences and publishers.

use std::collections::BTreeMap;

use super::*;
use crate::review::SideName;

fn row(id: &str, stated: &[&str], shares: &[(&str, f64)], publishers: &[&str], status: Status) -> Row {
    let side = |id: &str| SideName {
        id: id.into(),
        label: id.to_uppercase(),
    };
    Row {
        id: id.into(),
        headline: String::new(),
        status,
        degraded: 0,
        findings: BTreeMap::new(),
        shares: shares.iter().map(|(k, v)| ((*k).into(), *v)).collect(),
        language: Some("en".into()),
        cost_usd: None,
        error: None,
        decision: None,
        changed: Vec::new(),
        file: None,
        sides: ["kr", "us", "jp"].iter().map(|s| side(s)).collect(),
        stated: stated.iter().map(|s| (*s).into()).collect(),
        publishers: publishers.iter().map(|s| s.to_string()).collect(),
        elapsed_ms: None,
        published: Vec::new(),
    }
}

#[test]
fn each_side_is_counted_over_the_stories_that_cover_it() {
    let rows = [
        row(
            "a",
            &["kr", "us"],
            &[("kr", 0.6), ("us", 0.4)],
            &["Yonhap"],
            Status::Done,
        ),
        row("b", &["kr"], &[("kr", 1.0)], &["Yonhap", "AP"], Status::Degraded),
        row(
            "c",
            &["us", "jp"],
            &[("us", 0.5), ("jp", 0.5)],
            &["AP"],
            Status::Done,
        ),
        row("d", &[], &[], &[], Status::Failed),
    ];
    let f = of(&rows);
    assert_eq!(f.stories, 3, "a failed story has no article");
    let kr = &f.sides[0];
    assert_eq!(
        (kr.id.as_str(), kr.stories, kr.stated, kr.silent),
        ("kr", 3, 2, 1)
    );
    assert!((kr.stated_share - 2.0 / 3.0).abs() < 1e-9);
    assert!(
        (kr.mean_share - 0.8).abs() < 1e-9,
        "mean over the stories where it speaks"
    );
    let jp = &f.sides[2];
    assert_eq!((jp.stated, jp.silent), (1, 2));
    assert!((jp.mean_share - 0.5).abs() < 1e-9);

    let names: Vec<&str> = f.publishers.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["AP", "Yonhap"], "most-cited first, then by name");
    let ap = &f.publishers[0];
    assert_eq!(ap.stories, 2);
    assert_eq!(ap.sides[0].stated, 1, "kr speaks in one AP story");
    assert_eq!(ap.sides[2].stated, 1);
}

#[test]
fn no_stories_gives_an_empty_panel_not_a_division_by_zero() {
    let f = of(&[]);
    assert_eq!(f.stories, 0);
    assert!(f.sides.is_empty() && f.publishers.is_empty());
}
