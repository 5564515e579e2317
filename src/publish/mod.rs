//! Publishing: an article's files. Renders every format asked for, lists related
//! articles from the folder's index, writes the provenance record beside them,
//! and writes everything atomically.

mod api;
pub(crate) mod blocks;
pub(crate) mod ghost;
mod output;
mod record;
mod site;
pub(crate) mod wordpress;

use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::drafter::Drafted;
use crate::error::{Error, Result};
use crate::fsutil;
use crate::related::{self, Index};
use crate::render::{Format, Json, Markdown, Render};
use crate::voice::Voice;

pub(crate) use output::{Edition, Target, outputs, slug, stems, target, with_ext};
pub(crate) use record::{
    Published, RemotePost, Revision, append as record, latest as records, story_hash, story_hash_of,
};
pub(crate) use site::{Page, bundle, updated};

/// One article in one format, with the voice's HTML page template.
pub(crate) fn render(voice: &Voice, article: &Article, format: Format) -> Result<String> {
    let renderer: &dyn Render = match format {
        Format::Md => &Markdown {
            mark_translations: voice.persona.spec.mark_translations,
        },
        Format::Json => &Json,
        Format::Html => &voice.html,
    };
    Ok(renderer.render(article)?)
}

/// Write `drafted` as `base.md`, `base.html`, `base.json` (as `formats` asks)
/// and `base.provenance.json`; with `related`, first list the related articles
/// of the folder's index and add this one to it. Returns the article's files.
pub(crate) fn write(
    voice: &Voice,
    drafted: &mut Drafted,
    base: &Path,
    formats: &[Format],
    related: bool,
) -> Result<Vec<PathBuf>> {
    let dir = base
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let id = base
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or("article")
        .to_string();
    std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    let written: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
    let mut index = related.then(|| Index::open(dir));
    let entry = related::entry(&id, &drafted.article, &written);
    if let Some(index) = &index {
        drafted.article.related = index.related(&id, &entry.terms, related::MAX_RELATED);
    }
    let mut files = rendered(voice, &drafted.article, base, formats)?;
    let provenance = serde_json::to_vec_pretty(&drafted.provenance).map_err(Error::internal)?;
    files.push((with_ext(base, "provenance.json"), provenance));
    write_together(dir, &files)?;
    // Listed in the index only once its files are there.
    if let Some(index) = &mut index {
        index.add(entry).map_err(|e| {
            Error::io(
                format!("updating the related-articles index in {}", dir.display()),
                e,
            )
        })?;
    }
    files.pop();
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// Rewrite an article written in `formats` at `base` with a new list of related
/// articles: its JSON record read back, every format rendered again by the
/// voice `voice_of` gives for it, and written together.
pub(crate) fn relink(
    base: &Path,
    formats: &[Format],
    related: Vec<crate::article::Related>,
    voice_of: impl FnOnce(&Article) -> Result<std::sync::Arc<Voice>>,
) -> Result<()> {
    let json = with_ext(base, "json");
    let text = fsutil::read_text(&json, 64 * 1024 * 1024)
        .map_err(|e| Error::io(format!("reading {}", json.display()), e))?;
    let mut article: Article =
        serde_json::from_str(&text).map_err(|e| Error::Usage(format!("{}: {e}", json.display())))?;
    article.related = related;
    let voice = voice_of(&article)?;
    let files = rendered(&voice, &article, base, formats)?;
    write_together(base.parent().unwrap_or(Path::new(".")), &files)
}

/// Every format rendered in full before any file is written.
fn rendered(
    voice: &Voice,
    article: &Article,
    base: &Path,
    formats: &[Format],
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    formats
        .iter()
        .map(|f| {
            Ok((
                with_ext(base, f.extension()),
                render(voice, article, *f)?.into_bytes(),
            ))
        })
        .collect()
}

/// Stage every file, then put them all in place: an article appears in all its
/// formats, or in none.
fn write_together(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let mut staged = Vec::new();
    for (path, bytes) in files {
        staged.push(
            fsutil::stage(path, bytes).map_err(|e| Error::io(format!("writing {}", path.display()), e))?,
        );
    }
    fsutil::commit(staged)
        .map_err(|e| Error::io(format!("writing the article's files in {}", dir.display()), e))
}

/// Write a value as pretty JSON, atomically.
pub(crate) fn write_json(path: &Path, value: &impl serde::Serialize) -> Result<()> {
    let json = serde_json::to_vec_pretty(value).map_err(Error::internal)?;
    write_file(path, &json)
}

/// Write a file atomically, with the path in any error.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    fsutil::write_atomic(path, bytes).map_err(|e| Error::io(format!("writing {}", path.display()), e))
}
