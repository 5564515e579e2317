//! What a channel lists: its items' addresses, dates and, where the channel
//! gives them, titles and bodies (a feed's `content:encoded`, a WordPress
//! post's content). Each kind of channel is read its own way:
//! a feed (RSS, Atom, RDF) by `feed-rs`; a WordPress REST collection as the
//! JSON array of posts it is, bodies included; a sitemap by its `<loc>` and
//! `<lastmod>`; an HTML listing page by the channel's link selector. A
//! listing whose selectors find nothing has changed its format, and says so.

use jiff::Timestamp;
use serde::Deserialize;

use super::channel::{Channel, Kind};
use super::polite::Polite;

/// One item a channel lists.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) link: String,
    pub(crate) published: Option<Timestamp>,
    /// The item's title, when the listing gives it.
    pub(crate) title: Option<String>,
    /// The item's body as HTML, when the listing carries it (WordPress), so
    /// that it need not be fetched again.
    pub(crate) body: Option<String>,
}

/// A channel's listing: its entries, newest first where dated, and the
/// address it was finally read from (another than the channel's when it moved).
pub(crate) struct Listing {
    pub(crate) entries: Vec<Entry>,
    pub(crate) final_url: String,
}

/// Read the listing of `ch`, or say why it cannot be read.
pub(crate) async fn read(polite: &mut Polite<'_>, ch: &Channel) -> Result<Listing, String> {
    let page = polite.fetch(&ch.url, ch.pace()).await?;
    let mut entries = match ch.kind {
        Kind::Feed => feed(&page.body)?,
        Kind::Wordpress => wordpress(&page.body)?,
        Kind::Sitemap => sitemap(&page.body)?,
        Kind::Html => html(
            &page.body,
            &page.final_url,
            ch.links.as_deref().unwrap_or("a[href]"),
        )?,
    };
    entries.sort_by_key(|e| std::cmp::Reverse(e.published));
    Ok(Listing {
        entries,
        final_url: page.final_url,
    })
}

fn feed(body: &str) -> Result<Vec<Entry>, String> {
    let feed = feed_rs::parser::parse(body.as_bytes())
        .map_err(|_| "not a feed (the address answers with something else)".to_string())?;
    Ok(feed
        .entries
        .iter()
        .filter_map(|e| {
            Some(Entry {
                link: e.links.first()?.href.clone(),
                published: e
                    .published
                    .or(e.updated)
                    .and_then(|d| Timestamp::from_second(d.timestamp()).ok()),
                title: e.title.as_ref().map(|t| fragment_text(&t.content)),
                // A feed that carries each item whole (`content:encoded`, Atom
                // `content`) needs no page fetched; a summary is only a teaser.
                body: e
                    .content
                    .as_ref()
                    .and_then(|c| c.body.clone())
                    .filter(|b| !b.trim().is_empty()),
            })
        })
        .collect())
}

/// A post of a WordPress REST collection (`/wp-json/wp/v2/posts`), the fields read.
#[derive(Deserialize)]
struct Post {
    link: String,
    /// The post's date in UTC, without its zone (`2026-12-01T09:30:00`).
    #[serde(default)]
    date_gmt: Option<String>,
    #[serde(default)]
    title: Option<Rendered>,
    #[serde(default)]
    content: Option<Rendered>,
}

#[derive(Deserialize)]
struct Rendered {
    #[serde(default)]
    rendered: String,
}

fn wordpress(body: &str) -> Result<Vec<Entry>, String> {
    let posts: Vec<Post> = serde_json::from_str(body)
        .map_err(|_| "not a WordPress collection (the address answers with something else)".to_string())?;
    Ok(posts
        .into_iter()
        .map(|p| Entry {
            link: p.link,
            published: p.date_gmt.as_deref().and_then(utc),
            title: p.title.map(|t| fragment_text(&t.rendered)),
            body: p.content.map(|c| c.rendered).filter(|c| !c.trim().is_empty()),
        })
        .collect())
}

fn sitemap(body: &str) -> Result<Vec<Entry>, String> {
    if !body.contains("<urlset") {
        return Err(if body.contains("<sitemapindex") {
            "a sitemap index: name one of the sitemaps it lists".to_string()
        } else {
            "not a sitemap (the address answers with something else)".to_string()
        });
    }
    let doc = parse(body)?;
    Ok(doc
        .select("url")
        .iter()
        .filter_map(|u| {
            let link = u.select("loc").text().trim().to_string();
            (!link.is_empty()).then(|| Entry {
                link,
                published: utc(u.select("lastmod").text().trim()),
                title: None,
                body: None,
            })
        })
        .collect())
}

fn html(body: &str, base: &str, links: &str) -> Result<Vec<Entry>, String> {
    let matcher = selector(links)?;
    let doc = parse(body)?;
    let base = reqwest::Url::parse(base).map_err(|e| format!("{base}: {e}"))?;
    let mut out: Vec<Entry> = Vec::new();
    for a in doc.select_matcher(&matcher).iter() {
        let Some(href) = a.attr("href") else { continue };
        let Ok(url) = base.join(href.trim()) else { continue };
        if !matches!(url.scheme(), "http" | "https") || out.iter().any(|e| e.link == url.as_str()) {
            continue;
        }
        let title = a.text().split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(Entry {
            link: url.to_string(),
            published: None,
            title: (!title.is_empty()).then_some(title),
            body: None,
        });
    }
    if out.is_empty() {
        return Err(format!(
            "format changed: the link selector `{links}` finds no link on the listing page"
        ));
    }
    Ok(out)
}

static BR: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| crate::pattern::re(r"(?i)<br\s*/?>"));

/// A channel's CSS selector, compiled (a channel file's are checked when it
/// is loaded; this is the second guard).
pub(crate) fn selector(css: &str) -> Result<dom_query::Matcher, String> {
    dom_query::Matcher::new(css).map_err(|_| format!("`{css}` is not a CSS selector"))
}

/// The text of an HTML fragment (a WordPress post's title or content), its
/// blocks a paragraph each and its entities decoded.
pub(crate) fn fragment_text(html: &str) -> String {
    body_text(html, "body").unwrap_or_default()
}

/// A page parsed, if its shape is within what a real page has.
fn parse(body: &str) -> Result<dom_query::Document, String> {
    let (depth, elements) = crate::fetch::extract::shape(body);
    if depth > crate::fetch::extract::MAX_DEPTH || elements > crate::fetch::extract::MAX_ELEMENTS {
        return Err(format!(
            "refused: the page nests {depth} deep with {elements} elements, beyond any real listing"
        ));
    }
    Ok(dom_query::Document::from(body))
}

/// A date as sitemaps and WordPress write it: RFC 3339, a date and time
/// without a zone (UTC), or a date alone.
fn utc(s: &str) -> Option<Timestamp> {
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t);
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        return dt.to_zoned(jiff::tz::TimeZone::UTC).ok().map(|z| z.timestamp());
    }
    s.parse::<jiff::civil::Date>()
        .ok()?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// The text a channel's body selector picks out of an item's page, its blocks
/// a paragraph each; an error when the selector finds nothing.
pub(crate) fn body_text(page: &str, css: &str) -> Result<String, String> {
    let matcher = selector(css)?;
    // A line break is a line of text (`<br>`-separated turns).
    let page = BR.replace_all(page, "\n");
    let doc = parse(&page)?;
    let found = doc.select_matcher(&matcher);
    if found.is_empty() {
        return Err(format!(
            "format changed: the body selector `{css}` finds nothing on the item's page"
        ));
    }
    let blocks = found.select("p, li, h1, h2, h3, h4, blockquote, pre");
    let paragraphs: Vec<String> = if blocks.is_empty() {
        // Text without blocks: its blank lines part paragraphs, else its lines.
        let text = found.text().to_string();
        let parts: Vec<&str> = if text.contains("\n\n") {
            text.split("\n\n").collect()
        } else {
            text.lines().collect()
        };
        parts.into_iter().map(str::to_string).collect()
    } else {
        blocks.iter().map(|b| b.text().to_string()).collect()
    };
    Ok(paragraphs
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n"))
}

#[cfg(test)]
mod tests;
