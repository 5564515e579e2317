//! Every kind of finding, at every place, marked in the right element of the
//! page: the example article (the extractive PRISM draft the snapshot tests
//! keep) with planted findings, rendered by the built-in template.

use strum::VariantArray;

use super::*;
use crate::article::integrity::{Check, Report, Severity};
use crate::article::place::Part;
use crate::render::Html;

fn article() -> Article {
    let snap = include_str!(
        "../../../tests/integration/snapshots/integration__snapshots__prism_extractive_json.snap"
    );
    let json = snap.splitn(3, "---\n").nth(2).expect("an insta snapshot");
    // The snapshot redacts times; any number will do.
    serde_json::from_str(&json.replace("\"[ms]\"", "1")).expect("the example article")
}

/// The places a finding can have, and whether it has one at all.
fn places() -> Vec<(Option<At>, Section)> {
    let side = |k: usize, part| {
        (
            Some(At::Side(k, part)),
            Section::Perspective(crate::ids::SideId::default()),
        )
    };
    vec![
        (Some(At::Headline), Section::Finish),
        (Some(At::Deck), Section::Finish),
        (Some(At::Lede), Section::Lede),
        (Some(At::Body(0, 0)), Section::Lede),
        side(1, Part::Position),
        side(2, Part::Reasons),
        side(3, Part::Implications),
        (Some(At::Closing), Section::Finish),
        (None, Section::Perspective("japan".into())),
    ]
}

/// The innermost of `p`, `h1`, `h3` holding byte `at` of `html`, with the
/// last section and side article opened before it.
fn holder(html: &str, at: usize) -> (&str, &str, usize) {
    let before = &html[..at];
    let open = ["<p", "<h1", "<h3"]
        .iter()
        .filter_map(|t| before.rfind(t).map(|i| (i, *t)))
        .max()
        .unwrap();
    for close in ["</p>", "</h1>", "</h3>"] {
        assert!(
            !before[open.0..].contains(close),
            "the mark is inside its element"
        );
    }
    let section = before
        .rfind("<section class=\"")
        .map_or("", |i| &before[i + 16..i + 40]);
    let sides = before.matches("<article class=\"perspective").count();
    (open.1, section, sides)
}

#[test]
fn every_kind_of_finding_is_marked_in_its_own_element() {
    let mut a = article();
    let places = places();
    let mut findings = Vec::new();
    for (n, kind) in FindingKind::VARIANTS.iter().enumerate() {
        let (at, section) = places[n % places.len()].clone();
        findings.push(Finding {
            check: Check::Grounding,
            kind: *kind,
            severity: Severity::of(Check::Grounding, *kind),
            section,
            location: format!("place {n}"),
            at,
            claim: format!("claim {n}"),
            expected: format!("expected {n}"),
            attribution: None,
        });
    }
    a.meta.integrity = Some(Report {
        findings,
        ..Report::default()
    });
    a.closing = Some(crate::article::Paragraph {
        text: "What to watch next.".into(),
        cites: vec![],
    });
    for p in &mut a.perspectives {
        for part in [&mut p.reasons, &mut p.implications] {
            if part.text.is_empty() {
                part.text = "Some text.".into();
            }
        }
    }
    assert!(
        !a.sections.is_empty() && a.perspectives.len() == 4,
        "the example has every part"
    );
    let html = Html::load(&[]).unwrap().page(&a).unwrap();
    for (n, kind) in FindingKind::VARIANTS.iter().enumerate() {
        let id = format!("id=\"finding-{}\"", n + 1);
        let at = html.find(&id).unwrap_or_else(|| panic!("no mark for {kind}"));
        let (tag, section, sides) = holder(&html, at);
        let want = match n % places.len() {
            0 => ("<h1", 0),
            1 => ("<p", 0),
            2 => ("<p", 0),
            3 => ("<p", 0),
            4 => ("<p", 2),
            5 => ("<p", 3),
            6 => ("<p", 4),
            7 => ("<p", 4),
            _ => ("<h3", 3),
        };
        assert_eq!((tag, sides), want, "{kind} at {:?}", places[n % places.len()].0);
        let wanted_section = match n % places.len() {
            2 => "column lede",
            3 => "column context",
            7 => "column closing",
            4..=6 | 8 => "wide",
            _ => "",
        };
        assert!(section.starts_with(wanted_section), "{kind}: in {section}");
        if n % places.len() == 1 {
            assert!(
                html[..at].rfind("<p class=\"deck\">") > html[..at].rfind("<h1>"),
                "the deck"
            );
        }
        let built = html[..at].rfind("<mark").map(|i| &html[i..at]).unwrap_or("");
        assert_eq!(
            built.contains("built"),
            *kind == FindingKind::Degraded,
            "{kind}: {built}"
        );
    }
    assert!(html.contains("id=\"review-toggle\""), "the switch");
}

#[test]
fn an_article_without_findings_has_no_switch_and_no_mark() {
    let mut a = article();
    a.meta.integrity = Some(Report::default());
    let html = Html::load(&[]).unwrap().page(&a).unwrap();
    assert!(!html.contains("id=\"review-toggle\"") && !html.contains("<mark "));
}
