//! A source pack on disk: one source file per item, its front matter saying
//! whose words these are, and `pack.json`. An item is named by its address, so
//! a second gather finds it again: unchanged, it is left alone; edited
//! upstream, the earlier snapshot is kept in `.snapshots/` and the item says so.

use std::path::Path;

use super::listing::{self, Entry};
use super::polite::Polite;
use super::{Channel, Item, Report};
use crate::error::{Error, Result};
use crate::fetch::extract;
use crate::fsutil::{sha256_hex, write_atomic};

/// Fetch the item `entry` lists (unless the listing carried its body);
/// written to `out` and returned when it is on the topic, none when it is not,
/// the reason when it cannot be read.
pub(super) async fn item(
    fetcher: &mut Polite<'_>,
    ch: &Channel,
    entry: &Entry,
    published: Option<crate::clock::Date>,
    topic: &[String],
    out: &Path,
) -> std::result::Result<Option<Item>, String> {
    let link = entry.link.as_str();
    let (title, text, fetched) = read(fetcher, ch, entry).await?;
    if !on_topic(&format!("{title}\n{text}"), topic) {
        return Ok(None);
    }
    let json = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut front = vec![
        format!("title: {}", json(&title)),
        format!("url: {}", json(link)),
        format!("publisher: {}", json(&ch.attribution)),
        format!("perspective: {}", json(&ch.side)),
        format!("fetched: {}", json(&fetched.to_string())),
        format!("channel: {}", json(&ch.id)),
        format!("office: {}", json(&ch.office)),
        format!("language: {}", json(&ch.language)),
        format!("licence: {}", json(&ch.licence)),
        format!("kind: {}", json(&format!("{:?}", ch.format).to_lowercase())),
    ];
    if let Some(p) = &published {
        front.push(format!("published: {}", json(&p.to_string())));
    }
    if !ch.flags.is_empty() {
        front.push("provenance:".into());
        front.extend(ch.flags.iter().map(|f| format!("  - {}", json(f))));
    }
    let file = format!("{}-{}.md", ch.side, &sha256_hex(link.as_bytes())[..10]);
    let body = format!("---\n{}\n---\n\n{}\n", front.join("\n"), text.trim());
    let sha = sha256_hex(text.trim().as_bytes());
    let path = out.join(&file);
    // The same item again: unchanged it stays; edited, the first snapshot is kept.
    if let Ok(old) = std::fs::read_to_string(&path) {
        let old_text = old
            .split_once("\n---\n")
            .map_or("", |(_, t)| t)
            .trim()
            .to_string();
        if sha256_hex(old_text.as_bytes()) == sha {
            return Ok(Some(kept(file, ch, link, title, published, sha)));
        }
        let keep = out.join(".snapshots").join(format!(
            "{}.{}.md",
            file.trim_end_matches(".md"),
            &sha256_hex(old_text.as_bytes())[..10]
        ));
        if let Some(dir) = keep.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        write_atomic(&keep, old.as_bytes()).map_err(|e| e.to_string())?;
        tracing::warn!(
            "{link}: edited since first fetched; the earlier snapshot is {}",
            keep.display()
        );
    }
    write_atomic(&path, body.as_bytes()).map_err(|e| e.to_string())?;
    Ok(Some(kept(file, ch, link, title, published, sha)))
}

/// An item's title, text and when it was read: from the listing when it
/// carried the body, else from the item's page (by the channel's body selector,
/// else the page's main text).
async fn read(
    fetcher: &mut Polite<'_>,
    ch: &Channel,
    entry: &Entry,
) -> std::result::Result<(String, String, crate::clock::Instant), String> {
    let title = || entry.title.clone().unwrap_or_default();
    if let Some(body) = &entry.body {
        return Ok((title(), listing::fragment_text(body), crate::clock::now()));
    }
    let page = fetcher.fetch(&entry.link, ch.pace()).await?;
    let (title, text) = match &ch.body {
        _ if !page.content_type.contains("html") => (String::new(), page.body.clone()),
        Some(css) => (title(), listing::body_text(&page.body, css)?),
        None => {
            let x = extract::html(&page.body, &page.final_url)?;
            (x.title.unwrap_or_else(title), x.text)
        }
    };
    Ok((title, text, page.fetched))
}

fn kept(
    file: String,
    ch: &Channel,
    link: &str,
    title: String,
    published: Option<crate::clock::Date>,
    sha: String,
) -> Item {
    Item {
        file,
        side: ch.side.clone(),
        channel: ch.id.clone(),
        url: link.to_string(),
        title,
        published,
        sha256: sha,
    }
}

/// Whether `text` holds any word of the topic (whole words in Latin script;
/// as they stand in Chinese and Japanese; an empty topic holds everything).
fn on_topic(text: &str, topic: &[String]) -> bool {
    let lower = text.to_lowercase();
    topic.is_empty()
        || topic
            .iter()
            .any(|w| crate::text::contains_word(&lower, &w.to_lowercase()))
}

/// `pack.json`: the topic, the items per side, and what was skipped and why.
pub(super) fn write_index(out: &Path, report: &Report) -> Result<()> {
    let path = out.join("pack.json");
    let text = serde_json::to_string_pretty(report).map_err(Error::internal)?;
    write_atomic(&path, text.as_bytes()).map_err(|e| Error::io(format!("writing {}", path.display()), e))
}
