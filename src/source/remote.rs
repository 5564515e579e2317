//! A fetched page as a source: the article extracted from HTML, a fact sheet from
//! JSON, a feed's entries from XML, or plain text as it is. The URL and the time
//! it was fetched stay with the source.

use std::path::Path;

use super::parse::parse;
use super::{Source, factsheet};
use crate::error::InputError;
use crate::fetch::{Page, extract};

pub(crate) fn from_page(page: &Page, index: usize, first_id: usize) -> Result<Source, InputError> {
    let mime = page
        .content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let origin = Path::new(&page.url);
    let mut source = match mime.as_str() {
        "text/html" | "application/xhtml+xml" => {
            let x =
                extract::html(&page.body, &page.final_url).map_err(|e| InputError::new(origin, None, e))?;
            let mut s = parse(origin, &x.text, index, first_id)?;
            s.meta.title = x.title.or(s.meta.title);
            s.meta.publisher = x.publisher.or(x.byline);
            s.meta.published = x.published;
            s
        }
        "application/json" => factsheet::parse(origin, &page.body, "json", index, first_id)?,
        "text/xml" | "application/xml" | "application/rss+xml" | "application/atom+xml" => {
            let feed = feed_rs::parser::parse(page.body.as_bytes())
                .map_err(|e| InputError::new(origin, None, format!("not a feed: {e}")))?;
            let text: Vec<String> = feed
                .entries
                .iter()
                .map(|e| {
                    let title = e.title.as_ref().map(|t| t.content.clone()).unwrap_or_default();
                    let summary = e.summary.as_ref().map(|t| t.content.clone()).unwrap_or_default();
                    format!("{title}. {summary}")
                })
                .collect();
            let mut s = parse(origin, &text.join("\n\n"), index, first_id)?;
            s.meta.title = feed.title.map(|t| t.content);
            s
        }
        _ => parse(origin, &page.body, index, first_id)?,
    };
    source.origin = page.url.clone();
    source.meta.url = Some(page.url.clone());
    source.meta.fetched = Some(page.fetched);
    Ok(source)
}
