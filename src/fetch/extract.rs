//! From a fetched body to source text: decode the charset (header, then `<meta>`,
//! then UTF-8), and pull the article out of a web page (title, byline, date,
//! publisher, main text) with a Readability port, leaving navigation, ads and
//! comments behind.

use dom_smoothie::{Config, Readability, TextMode};

/// What a page says about itself, and its main text as Markdown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub(crate) title: Option<String>,
    pub(crate) byline: Option<String>,
    pub(crate) publisher: Option<String>,
    /// When the page says it was published; a value that is no date is left out.
    pub(crate) published: Option<crate::clock::Published>,
    pub(crate) text: String,
}

/// The charset a `Content-Type` header names.
fn header_charset(content_type: &str) -> Option<&str> {
    content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'']))
        .next()
}

/// The charset a page declares in its first kilobytes (`<meta charset>` or
/// `http-equiv="Content-Type"`).
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = &head[at + 8..];
    let value: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Decode a body to text by its declared charset; UTF-8 (lossy) otherwise.
pub fn decode(bytes: &[u8], content_type: &str) -> String {
    let label = header_charset(content_type)
        .map(str::to_string)
        .or_else(|| meta_charset(bytes));
    let encoding = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode(bytes).0.into_owned()
}

/// Class and id words that mark a block as an advertisement or a promotion.
const AD_SELECTORS: &str = "[class~=ad], [class~=ads], [class~=advert], [class~=advertisement], \
    [class^=ad-], [class*=' ad-'], [class^=ad_], [class*=advert], [class*=sponsor], [class*=promo], \
    [class*=newsletter], [class*=subscribe], [id~=ad], [id^=ad-], [id^=ad_], [id*=advert], \
    [id*=sponsor], [id*=promo], [id*=newsletter], [data-ad], [aria-label=advertisement]";

/// Openings of a short block that is an advertisement or a promotion, whatever
/// its markup says.
const AD_TEXT: &[&str] = &[
    "sponsored",
    "advertisement",
    "advertising",
    "subscribe",
    "sign up for",
    "promoted",
    "paid content",
    "partner content",
    "read more:",
    "recommended for you",
];

/// A page without its advertisements and promotions, so that none becomes a
/// passage: blocks marked as such by class or id, and short blocks whose text
/// opens like one.
fn without_ads(page: &str) -> String {
    let doc = dom_query::Document::from(page);
    doc.select(AD_SELECTORS).remove();
    for block in doc.select("div, p, aside, section, span, li, figure").iter() {
        let text = block.text();
        let t = text.trim().to_lowercase();
        if t.chars().count() <= 200 && AD_TEXT.iter().any(|m| t.starts_with(m)) {
            block.remove();
        }
    }
    doc.html().to_string()
}

/// The deepest nesting and the most elements a page may have. Readability's
/// work grows with the square of the depth (100,000 nested `<div>`s would run
/// for minutes); real articles stay far below both.
pub(crate) const MAX_DEPTH: usize = 512;
pub(crate) const MAX_ELEMENTS: usize = 100_000;

/// Elements that never have content or a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];

/// The nesting depth and element count of a page, read from its tags without
/// parsing it (script and style bodies skipped).
pub(crate) fn shape(page: &str) -> (usize, usize) {
    let b = page.as_bytes();
    let (mut depth, mut deepest, mut elements, mut i) = (0usize, 0usize, 0usize, 0usize);
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|c| *c == b'<')) {
        i += off + 1;
        match b.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name_len = b[i..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
                let name = page.get(i..i + name_len).unwrap_or("").to_ascii_lowercase();
                let end = b[i..].iter().position(|c| *c == b'>').map_or(b.len(), |e| i + e);
                elements += 1;
                if name == "script" || name == "style" {
                    let close = format!("</{name}");
                    let rest = page.get(end..).unwrap_or("").to_ascii_lowercase();
                    i = rest.find(&close).map_or(b.len(), |k| end + k);
                    continue;
                }
                let self_closing = end > 0 && b.get(end - 1) == Some(&b'/');
                if !VOID.contains(&name.as_str()) && !self_closing {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                i = end;
            }
            _ => {}
        }
    }
    (deepest, elements)
}

/// The article in an HTML page.
pub fn html(page: &str, url: &str) -> Result<Extracted, String> {
    let (depth, elements) = shape(page);
    if depth > MAX_DEPTH || elements > MAX_ELEMENTS {
        return Err(format!(
            "the page nests elements {depth} deep in {elements} elements (at most {MAX_DEPTH} deep and {MAX_ELEMENTS} elements are read); refused rather than read for minutes"
        ));
    }
    let cfg = Config {
        text_mode: TextMode::Markdown,
        ..Config::default()
    };
    let page = without_ads(page);
    let mut r = Readability::new(page.as_str(), Some(url), Some(cfg))
        .map_err(|e| format!("cannot read the page: {e}"))?;
    let a = r
        .parse()
        .map_err(|e| format!("no article found in the page: {e}"))?;
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Extracted {
        title: nonempty(Some(a.title.clone())),
        byline: nonempty(a.byline.clone()),
        publisher: nonempty(a.site_name.clone()),
        // The day, as the page's own clock had it.
        published: nonempty(a.published_time.clone())
            .and_then(|d| d.parse::<crate::clock::Published>().ok())
            .map(|p| crate::clock::Published::Day(p.day())),
        text: a.text_content.to_string(),
    })
}

#[cfg(test)]
mod tests;
