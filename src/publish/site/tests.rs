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
        record: "{}",
        before: None,
        edition: Some("ko"),
        draft: true,
    };
    let today = Date::ymd(2026, 12, 7);
    let hugo = bundle(SiteKind::Hugo, &page, today);
    let names: Vec<&str> = hugo.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "index.ko.md",
            "article.ko.json",
            "article.ko.html",
            "provenance.ko.json"
        ]
    );
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
    // The reader sees the integrity report's verdict under the article.
    let verdict = match a.meta.integrity.as_ref().map(|r| r.findings.len()) {
        Some(0) => "Integrity report: all checks passed.".to_string(),
        Some(n) => format!("Integrity report: {n} findings."),
        None => panic!("the example article carries its integrity report"),
    };
    assert!(index.trim_end().ends_with(&format!("*{verdict}*")), "{index}");
}

/// Zola's documented page front matter (its content docs): a page that names a
/// field outside these, or gives one the wrong type, does not build.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ZolaPage {
    title: Option<String>,
    description: Option<String>,
    date: Option<toml::value::Datetime>,
    updated: Option<toml::value::Datetime>,
    weight: Option<u64>,
    draft: Option<bool>,
    slug: Option<String>,
    path: Option<String>,
    aliases: Option<Vec<String>>,
    authors: Option<Vec<String>>,
    in_search_index: Option<bool>,
    template: Option<String>,
    taxonomies: Option<toml::Table>,
    extra: Option<toml::Table>,
}

#[test]
fn zola_reads_the_front_matter_with_its_own_fields() {
    let a = article();
    let page = Page {
        article: &a,
        body: "Body.\n",
        html: None,
        provenance: None,
        record: "{}",
        before: None,
        edition: None,
        draft: false,
    };
    let files = bundle(SiteKind::Zola, &page, Date::ymd(2026, 12, 7));
    let index = &files[0].1;
    let header = index
        .strip_prefix("+++\n")
        .and_then(|r| r.split("\n+++\n").next())
        .unwrap();
    let parsed: ZolaPage = toml::from_str(header).unwrap_or_else(|e| panic!("{e}\n{header}"));
    assert_eq!(parsed.title.as_deref(), Some(a.headline.as_str()));
    assert_eq!(parsed.draft, Some(false));
    let date = parsed.date.unwrap();
    assert!(
        date.time.is_none() && date.date.is_some(),
        "a date, not a time: {date}"
    );
    assert_eq!(parsed.extra.unwrap()["persona"].as_str(), Some("prism"));
}

#[test]
fn an_update_that_changes_a_fact_says_what_changed() {
    let before = article();
    let mut now = article();
    now.lede.text = "The council approved 1,250 new ships on March 3, 2031.".into();
    let page = |before| Page {
        article: &now,
        body: "Body.\n",
        html: None,
        provenance: None,
        record: "{}",
        before,
        edition: None,
        draft: false,
    };
    let today = Date::ymd(2026, 12, 7);
    let index = bundle(SiteKind::Hugo, &page(Some(&before)), today)[0].1.clone();
    assert!(
        index.contains("*Updated 2026-12-07: this article now states 1,250"),
        "{index}"
    );
    assert!(index.contains("no longer states"), "{index}");
    // The first publication, and an update that changes no fact, say nothing.
    let first = bundle(SiteKind::Hugo, &page(None), today)[0].1.clone();
    assert!(!first.contains("Updated"), "{first}");
    let same = Page {
        article: &before,
        ..page(Some(&before))
    };
    assert!(!bundle(SiteKind::Hugo, &same, today)[0].1.contains("Updated"));
    // The record travels with the bundle, for the next update.
    let names: Vec<String> = bundle(SiteKind::Hugo, &page(None), today)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert!(names.contains(&"article.json".to_string()), "{names:?}");
}
