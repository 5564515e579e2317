//! Around the stories: the formats every story is written in, a feed read as the
//! manifest (its entries as stories), each article written and indexed, and the
//! related-articles pass over the whole output folder.

use std::path::Path;

use super::list::List;
use super::manifest::{self, Item, LineError, SourceSpec};
use crate::article::Related;
use crate::drafter::Drafted;
use crate::error::{Error, InputError, Result};
use crate::publish;
use crate::related::{self, Index};
use crate::render::Format;
use crate::session::Session;
use crate::voice::Voice;

/// A feed given as the manifest (a URL, or a `.xml`/`.rss`/`.atom` file): its
/// entries as stories. Other manifests are streamed instead.
pub(super) async fn feed_items(
    session: &Session,
    list: &List,
) -> Result<Option<Vec<std::result::Result<Item, LineError>>>> {
    let body = match list {
        List::FeedUrl(url) => session.fetcher().fetch(url).await?.body,
        List::FeedFile(path) => crate::fsutil::read_text(path, 50 * 1024 * 1024)
            .map_err(|e| Error::io(format!("reading {}", path.display()), e))?,
        List::Glob(_) | List::Path(_) => return Ok(None),
    };
    Ok(Some(feed(&list.to_string(), body.as_bytes())?))
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

/// Write one article of a story (`stem`: its id, or `ID.LANG` for an edition),
/// related to the folder's articles so far, and add it to the index.
pub(super) fn publish(
    run: &super::Run<'_>,
    voice: &Voice,
    drafted: &mut Drafted,
    stem: String,
) -> Result<()> {
    let written: Vec<&str> = run.formats.iter().map(|f| f.extension()).collect();
    let entry = related::entry(&stem, &drafted.article, &written);
    if let Ok(index) = run.index.lock() {
        drafted.article.related = index.related(&stem, &entry.terms, related::MAX_RELATED);
    }
    let listed = Listed::of(&drafted.article.related);
    publish::write(voice, drafted, &run.out.join(&stem), &run.formats, false)?;
    if let Ok(mut index) = run.index.lock() {
        index
            .add(entry)
            .map_err(|e| Error::io("updating the related-articles index", e))?;
    }
    if let Ok(mut f) = run.finished.lock() {
        f.push((stem, listed));
    }
    Ok(())
}

/// Which articles an article lists as related, as a digest: the pass after
/// the stories rewrites only the articles whose list changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Listed(u64);

impl Listed {
    fn of(related: &[Related]) -> Listed {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for r in related {
            (&r.id, &r.headline, &r.deck, &r.formats).hash(&mut h);
        }
        Listed(h.finish())
    }
}

/// After the stories are done: list each new article's related ones from the
/// whole folder's index; an article whose list changed is rewritten (one in
/// memory at a time).
pub(super) fn fill_related(
    session: &Session,
    index: &Index,
    out: &Path,
    finished: &[(String, Listed)],
    formats: &[Format],
) -> Result<()> {
    for (id, listed) in finished {
        if !index.contains(id) {
            continue;
        }
        let related = index.related_to(id, related::MAX_RELATED);
        if Listed::of(&related) == *listed {
            continue;
        }
        publish::relink(&out.join(id), formats, related, |article| {
            let voices = session.voices();
            voices
                .get(Some(&article.meta.persona))
                .or_else(|_| voices.get(None))
        })?;
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
