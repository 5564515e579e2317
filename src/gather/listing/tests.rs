//! Each kind of listing read from its text, and what a listing that cannot be
//! read says.

use super::*;

#[test]
fn dates_as_sitemaps_and_wordpress_write_them() {
    let noon = "2026-12-01T12:00:00Z".parse::<Timestamp>().unwrap();
    assert_eq!(utc("2026-12-01T12:00:00Z"), Some(noon));
    assert_eq!(utc("2026-12-01T21:00:00+09:00"), Some(noon));
    assert_eq!(
        utc("2026-12-01T12:00:00"),
        Some(noon),
        "WordPress's date_gmt is UTC"
    );
    assert_eq!(utc("2026-12-01"), "2026-12-01T00:00:00Z".parse().ok());
    assert_eq!(utc("last Tuesday"), None);
}

#[test]
fn a_wordpress_collection_gives_links_titles_and_bodies() {
    let body = r#"[{"link":"https://example.org/a/","date_gmt":"2026-12-01T12:00:00","title":{"rendered":"A &amp; B"},"content":{"rendered":"<p>One.</p><p>Two.</p>"}}]"#;
    let entries = wordpress(body).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].title.as_deref(), Some("A & B"));
    assert_eq!(fragment_text(entries[0].body.as_deref().unwrap()), "One.\n\nTwo.");
    assert!(
        wordpress("<html>Oops</html>")
            .unwrap_err()
            .contains("not a WordPress collection")
    );
}

#[test]
fn a_sitemap_gives_its_addresses_and_an_index_says_what_to_do() {
    let map = "<urlset><url><loc> https://example.org/b </loc><lastmod>2026-12-01</lastmod></url><url><loc>https://example.org/c</loc></url></urlset>";
    let entries = sitemap(map).unwrap();
    let links: Vec<&str> = entries.iter().map(|e| e.link.as_str()).collect();
    assert_eq!(links, ["https://example.org/b", "https://example.org/c"]);
    assert!(entries[0].published.is_some() && entries[1].published.is_none());
    let index = "<sitemapindex><sitemap><loc>https://example.org/s1.xml</loc></sitemap></sitemapindex>";
    assert!(sitemap(index).unwrap_err().contains("sitemap index"));
}

#[test]
fn an_html_listing_resolves_its_links_and_says_when_its_format_changed() {
    let page = r#"<main><a class="i" href="/x">X</a><a class="i" href="/x">again</a><a class="i" href="mailto:a@b">m</a><a class="i" href="https://other.org/y">Y</a></main>"#;
    let entries = html(page, "https://example.org/list/", "main a.i").unwrap();
    let links: Vec<&str> = entries.iter().map(|e| e.link.as_str()).collect();
    assert_eq!(links, ["https://example.org/x", "https://other.org/y"]);
    assert!(
        html(page, "https://example.org/", "nav a")
            .unwrap_err()
            .contains("format changed")
    );
    assert!(
        html(page, "https://example.org/", "main a[")
            .unwrap_err()
            .contains("not a CSS selector")
    );
    assert!(
        body_text("<p>x</p>", "div.gone")
            .unwrap_err()
            .contains("format changed")
    );
}

#[test]
fn a_listing_nested_beyond_any_real_page_is_refused() {
    let deep = "<div>".repeat(10_000);
    assert!(
        html(&deep, "https://example.org/", "a")
            .unwrap_err()
            .contains("refused")
    );
}
