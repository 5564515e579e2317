//! Publishing: an article's files. Renders every format asked for, lists related
//! articles from the folder's index, writes the provenance record beside them,
//! and writes everything atomically.

use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::error::{Error, Result};
use crate::fsutil;
use crate::related::{self, Index};
use crate::render::{Format, Json, Markdown, Render};
use crate::session::{Drafted, Voice};

/// One article in one format, with the voice's HTML page template.
pub fn render(voice: &Voice, article: &Article, format: Format) -> Result<String> {
    let renderer: &dyn Render = match format {
        Format::Md => &Markdown,
        Format::Json => &Json,
        Format::Html => &voice.html,
    };
    Ok(renderer.render(article)?)
}

/// Write `drafted` as `base.md`, `base.html`, `base.json` (as `formats` asks)
/// and `base.provenance.json`; with `related`, first list the related articles
/// of the folder's index and add this one to it. Returns the article's files.
pub fn write(
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
    if related {
        let mut index = Index::open(dir);
        let written: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
        let entry = related::entry(&id, &drafted.article, &written);
        drafted.article.related = index.related(&id, &entry.terms, related::MAX_RELATED);
        index.add(entry).map_err(|e| {
            Error::io(
                format!("updating the related-articles index in {}", dir.display()),
                e,
            )
        })?;
    }
    let mut written = Vec::new();
    for f in formats {
        let text = render(voice, &drafted.article, *f)?;
        let path = with_ext(base, f.extension());
        write_file(&path, text.as_bytes())?;
        written.push(path);
    }
    write_json(&with_ext(base, "provenance.json"), &drafted.provenance)?;
    Ok(written)
}

/// Write a value as pretty JSON, atomically.
pub fn write_json(path: &Path, value: &impl serde::Serialize) -> Result<()> {
    let json = serde_json::to_vec_pretty(value).map_err(Error::internal)?;
    write_file(path, &json)
}

/// `base` + `.ext` (a base may itself contain dots).
pub fn with_ext(base: &Path, ext: &str) -> PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    s.into()
}

/// Write a file atomically, with the path in any error.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    fsutil::write_atomic(path, bytes).map_err(|e| Error::io(format!("writing {}", path.display()), e))
}
