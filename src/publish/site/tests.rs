//! Tests of `site`: front matter in each generator's fields, inert text.

use super::*;

/// The example article the snapshot tests keep.
fn article() -> Article {
    let snap = include_str!(
        "../../../tests/integration/snapshots/integration__snapshots__prism_extractive_json.snap"
    );
    let json = snap.splitn(3, "---\n").nth(2).expect("an insta snapshot");
    serde_json::from_str(&json.replace("\"[ms]\"", "1")).expect("the example article")
}

#[test]
fn a_bundle_in_each_generators_fields_never_in_the_future() {
    let mut a = article();
    a.headline = "Seoul \"welcomes\" talks".into();
    a.meta.date = Date::ymd(2031, 5, 1);
    let page = Page {
        article: &a,
        body: "Body {{< shortcode >}} and {% raw %} and {{ x }}.\n",
        html: Some("<html></html>"),
        provenance: Some("{}"),
        edition: Some("ko"),
        draft: true,
    };
    let today = Date::ymd(2026, 12, 7);
    let hugo = bundle(SiteKind::Hugo, &page, today);
    let names: Vec<&str> = hugo.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["index.ko.md", "article.ko.html", "provenance.ko.json"]);
    let index = &hugo[0].1;
    assert!(index.contains("title = 'Seoul \"welcomes\" talks'"), "{index}");
    assert!(
        index.contains("date = 2026-12-07T00:00:00Z") && index.contains("draft = true"),
        "{index}"
    );
    assert!(index.contains("[params]"), "{index}");
    assert!(!index.contains("{{") && !index.contains("{%"), "{index}");
    let zola = bundle(SiteKind::Zola, &page, today);
    assert!(zola[0].1.contains("date = 2026-12-07\n") && zola[0].1.contains("[extra]"));
}
