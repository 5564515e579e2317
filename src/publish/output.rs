//! Where an article goes: what `-o` names (standard output, a folder, files
//! by format), the file name a headline gives in a folder, each edition's
//! names (`story.ko.md`), and every file one article occupies. The draft
//! command and the batch both follow these rules.

use crate::ids::Lang;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::Format;

/// Where `-o` sends the article. One rule: `-` is standard output; a folder
/// (existing, or written with a trailing `/`) receives `<slug>.<ext>`; a file's
/// extension chooses its format (`.md`, `.html`, `.json`) unless `--format`
/// names others, which are then written beside it; a name without an extension
/// gets one per format.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Target {
    Stdout,
    Folder(PathBuf, Vec<Format>),
    Files(PathBuf, Vec<Format>),
}

pub(crate) fn target(path: &Path, formats: &[Format]) -> Result<Target> {
    if path.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    let or_md = |named: Option<Format>| match (formats.is_empty(), named) {
        (false, _) => formats.to_vec(),
        (true, Some(f)) => vec![f],
        (true, None) => vec![Format::Md],
    };
    let text = path.to_string_lossy();
    if path.exists() && !path.is_dir() && !path.is_file() {
        return Err(Error::Usage(format!(
            "-o {}: not a regular file or a folder; use -o - for standard output (and redirect it where you like)",
            path.display()
        )));
    }
    if path.is_dir() || text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        return Ok(Target::Folder(path.to_path_buf(), or_md(None)));
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let named = ext.parse::<Format>().ok();
    if named.is_none() && !ext.is_empty() && ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(Error::Usage(format!(
            "-o {}: `.{ext}` is not an output format; name a .md, .html or .json file, a folder, or - for standard output",
            path.display()
        )));
    }
    let base = if named.is_some() {
        path.with_extension("")
    } else {
        path.to_path_buf()
    };
    Ok(Target::Files(base, or_md(named)))
}

/// A file name from a headline: lower-case words joined by `-`.
pub(crate) fn slug(headline: &str) -> String {
    let words: Vec<String> = headline
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut s = String::new();
    for w in words {
        if s.len() + w.len() > 60 {
            break;
        }
        if !s.is_empty() {
            s.push('-');
        }
        s.push_str(&w);
    }
    if s.is_empty() { "article".into() } else { s }
}

/// Which edition is being written: its language (when there are several) and
/// the name every edition shares in a folder.
pub(crate) struct Edition<'a> {
    pub(crate) lang: Option<&'a Lang>,
    pub(crate) stem: &'a str,
}

impl Edition<'_> {
    /// An output base (`out/story`, no extension yet) for this edition: `out/story.ko`.
    pub(crate) fn base(&self, base: &Path) -> PathBuf {
        match self.lang {
            Some(lang) => with_ext(base, lang.as_str()),
            None => base.to_path_buf(),
        }
    }

    /// A named file for this edition, its language before the extension
    /// (`run.json` → `run.ko.json`).
    pub(crate) fn file(&self, path: &Path) -> PathBuf {
        match (self.lang, path.extension()) {
            (Some(lang), Some(ext)) => path.with_extension(format!("{lang}.{}", ext.to_string_lossy())),
            (Some(lang), None) => with_ext(path, lang.as_str()),
            (None, _) => path.to_path_buf(),
        }
    }
}

/// The file stems of a story's articles: `ID`, or `ID.LANG` per edition when
/// several languages are written.
pub(crate) fn stems(id: &str, languages: &[Lang]) -> Vec<String> {
    match languages {
        [_, _, ..] => languages.iter().map(|l| format!("{id}.{l}")).collect(),
        _ => vec![id.to_string()],
    }
}

/// Every file an article written at `base` in `formats` occupies.
pub(crate) fn outputs(base: &Path, formats: &[Format]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = formats.iter().map(|f| with_ext(base, f.extension())).collect();
    out.push(with_ext(base, "provenance.json"));
    out
}

/// `base` + `.ext` (a base may itself contain dots).
pub(crate) fn with_ext(base: &Path, ext: &str) -> PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    s.into()
}

#[cfg(test)]
mod tests;
