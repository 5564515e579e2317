//! Around the stories: the formats every story is written in, a feed read as the
//! manifest (its entries as stories), each article written and indexed, and the
//! related-articles pass over the whole output folder.

use std::path::Path;

use super::manifest::{self, Item, LineError, SourceSpec};
use crate::drafter::Drafted;
use crate::error::{Error, InputError, Result};
use crate::publish::{self, with_ext, write_file};
use crate::related::{self, Index};
use crate::render::Format;
use crate::session::Session;
use crate::voice::Voice;

/// A feed given as the manifest (a URL, or a `.xml`/`.rss`/`.atom` file): its
/// entries as stories. Other manifests are streamed instead.
pub(super) async fn feed_items(
    session: &Session,
    list: &str,
) -> Result<Option<Vec<std::result::Result<Item, LineError>>>> {
    let is_url = crate::text::is_web_url(list);
    let is_feed_file = [".xml", ".rss", ".atom"].iter().any(|e| list.ends_with(e));
    let body = if is_url {
        session.fetcher().fetch(list).await?.body
    } else if is_feed_file {
        crate::fsutil::read_text(Path::new(list), 50 * 1024 * 1024)
            .map_err(|e| Error::io(format!("reading {list}"), e))?
    } else {
        return Ok(None);
    };
    Ok(Some(feed(list, body.as_bytes())?))
}

/// The formats of a batch: those asked for (Markdown by default), and JSON.
pub(super) fn formats(asked: &[Format]) -> Vec<Format> {
    let mut f = if asked.is_empty() {
        vec![Format::Md]
    } else {
        asked.to_vec()
    };
    if !f.contains(&Format::Json) {
        f.push(Format::Json);
    }
    f
}

/// Write one article of a story (`stem`: its id, or `ID.LANG` for an edition)
/// and add it to the related-articles index.
pub(super) fn publish(
    run: &super::Run<'_>,
    voice: &Voice,
    drafted: &mut Drafted,
    stem: String,
) -> Result<()> {
    publish::write(voice, drafted, &run.out.join(&stem), &run.formats, false)?;
    let written: Vec<&str> = run.formats.iter().map(|f| f.extension()).collect();
    let entry = related::entry(&stem, &drafted.article, &written);
    if let Ok(mut index) = run.index.lock() {
        index
            .add(entry)
            .map_err(|e| Error::io("updating the related-articles index", e))?;
    }
    if let Ok(mut f) = run.finished.lock() {
        f.push(stem);
    }
    Ok(())
}

/// After the stories are done: list each new article's related ones from the
/// whole folder's index and rewrite its files. One article is in memory at a time.
pub(super) fn fill_related(
    session: &Session,
    index: &Index,
    out: &Path,
    ids: &[String],
    formats: &[Format],
) -> Result<()> {
    for id in ids {
        let base = out.join(id);
        let json_path = with_ext(&base, "json");
        let text = std::fs::read_to_string(&json_path)
            .map_err(|e| Error::io(format!("reading {}", json_path.display()), e))?;
        let mut article: crate::article::Article =
            serde_json::from_str(&text).map_err(|e| Error::Usage(format!("{}: {e}", json_path.display())))?;
        if !index.contains(id) {
            continue;
        }
        let related = index.related_to(id, related::MAX_RELATED);
        if related == article.related {
            continue;
        }
        article.related = related;
        let voice = session
            .voices()
            .get(Some(&article.meta.persona))
            .or_else(|_| session.voices().get(None))?;
        for f in formats {
            let text = publish::render(&voice, &article, *f)?;
            write_file(&with_ext(&base, f.extension()), text.as_bytes())?;
        }
    }
    Ok(())
}

/// The entries of an RSS or Atom feed as stories: the entry's link is its
/// source; an entry without one is drafted from its own text.
fn feed(list: &str, bytes: &[u8]) -> Result<Vec<Result<Item, LineError>>, Error> {
    let feed = feed_rs::parser::parse(bytes)
        .map_err(|e| InputError::new(list, None, format!("not an RSS or Atom feed: {e}")))?;
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let line = i + 1;
            let link = e.links.first().map(|l| l.href.clone());
            let title = e.title.map(|t| t.content);
            let text = e.content.and_then(|c| c.body).or(e.summary.map(|s| s.content));
            let key = link.clone().unwrap_or_else(|| e.id.clone());
            let id = manifest::hashed_id("entry", &key);
            let sources = match (link, text) {
                (Some(url), _) if crate::text::is_web_url(&url) => vec![SourceSpec::Url(url)],
                (_, Some(text)) => vec![SourceSpec::Inline { title, text }],
                _ => {
                    return Err(LineError {
                        line,
                        reason: "the entry has no link and no text".into(),
                    });
                }
            };
            Ok(Item {
                line,
                id,
                persona: None,
                sources,
                model: None,
                language: None,
            })
        })
        .collect())
}
