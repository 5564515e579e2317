//! Batch manifests, read as a stream so memory stays flat however long they are:
//! JSONL or CSV (one story a line), a folder of source files, or a glob. A bad
//! line is reported with its number and the rest still run.

mod checks;

use crate::ids::Lang;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::list::List;
use crate::error::{Error, InputError};

/// Where one source of a story comes from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SourceSpec {
    Path(PathBuf),
    Url(String),
    /// Text given in the manifest itself.
    Inline {
        title: Option<String>,
        text: String,
    },
}

/// One story of a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// 1-based line (or entry) number in the manifest.
    pub(crate) line: usize,
    /// Stable: given, or derived from the story's content; names its output files.
    pub(crate) id: String,
    pub(crate) persona: Option<String>,
    pub(crate) sources: Vec<SourceSpec>,
    pub(crate) model: Option<crate::llm::Model>,
    pub(crate) language: Option<Lang>,
}

/// A manifest entry that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct LineError {
    pub line: usize,
    pub(crate) reason: String,
}

/// One JSONL line or CSV row.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    id: Option<String>,
    persona: Option<String>,
    source: Option<String>,
    /// JSONL: a list; CSV: `;`-separated.
    #[serde(default, deserialize_with = "one_or_many")]
    sources: Vec<String>,
    text: Option<String>,
    title: Option<String>,
    model: Option<crate::llm::Model>,
    language: Option<Lang>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::One(s)) => s
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        Some(OneOrMany::Many(v)) => v,
    })
}

/// A story id: letters, digits, `.`, `_`, `-`; at most 100 characters.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

fn spec(base: &Path, s: &str) -> SourceSpec {
    if crate::text::is_web_url(s) {
        SourceSpec::Url(s.to_string())
    } else {
        SourceSpec::Path(base.join(s))
    }
}

impl Row {
    fn into_item(self, base: &Path, line: usize, raw: &str) -> Result<Item, String> {
        let mut sources: Vec<SourceSpec> = self
            .source
            .iter()
            .chain(&self.sources)
            .map(|s| spec(base, s))
            .collect();
        if let Some(text) = self.text.filter(|t| !t.trim().is_empty()) {
            sources.push(SourceSpec::Inline {
                title: self.title,
                text,
            });
        }
        if sources.is_empty() {
            return Err("no source: give `source`, `sources` or `text`".into());
        }
        let id = match self.id {
            Some(id) if let Some(why) = checks::reserved(&id) => return Err(why),
            Some(id) if valid_id(&id) => id,
            Some(id) => {
                return Err(format!(
                    "`{}` is not a valid id (letters, digits, `.`, `_`, `-`; at most 100)",
                    crate::text::printable(&id)
                ));
            }
            None => hashed_id("story", raw.trim()),
        };
        Ok(Item {
            line,
            id,
            persona: self.persona,
            sources,
            model: self.model,
            language: self.language,
        })
    }
}

/// An id for a story that names none: `prefix-` and a hash of what defines it
/// (its line, its link), the same on every run.
pub(crate) fn hashed_id(prefix: &str, key: &str) -> String {
    let hex = crate::fsutil::hex(&Sha256::digest(key.as_bytes())[..5]);
    format!("{prefix}-{hex}")
}

/// How a manifest is read.
enum Kind {
    Jsonl(std::io::Lines<BufReader<File>>),
    Csv(Box<csv::StringRecordsIntoIter<File>>, csv::StringRecord),
    Files(std::vec::IntoIter<PathBuf>),
    /// Stories known up front (a feed's entries).
    Items(std::vec::IntoIter<Result<Item, LineError>>),
}

/// The stories of a manifest, one at a time.
pub struct Manifest {
    kind: Kind,
    base: PathBuf,
    line: usize,
    /// First line of each id, to refuse duplicates.
    seen: HashMap<String, usize>,
    /// The folder (resolved) a JSONL or CSV manifest's source paths must stay in.
    confine: Option<PathBuf>,
}

fn files_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|x| x == "md" || x == "txt" || x == "markdown")
        })
        .collect();
    files.sort();
    Ok(files)
}

impl Manifest {
    /// Open a manifest: `*.jsonl`/`*.ndjson`, `*.csv`, a folder, or a glob.
    pub fn open(list: &str) -> Result<Manifest, Error> {
        Self::open_list(&List::parse(list))
    }

    /// Open the manifest `list` names (a feed is read elsewhere: it is a path here).
    pub(crate) fn open_list(list: &List) -> Result<Manifest, Error> {
        let (path, glob) = match list {
            List::Glob(g) => (Path::new(g.as_str()), Some(g.as_str())),
            List::FeedUrl(u) => (Path::new(u.as_str()), None),
            List::FeedFile(p) | List::Path(p) => (p.as_path(), None),
        };
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let kind = if let Some(list) = glob {
            let paths = glob::glob(list).map_err(|e| Error::Usage(format!("bad glob `{list}`: {e}")))?;
            let mut files: Vec<PathBuf> = paths.flatten().filter(|p| p.is_file()).collect();
            files.sort();
            if files.is_empty() {
                return Err(Error::Usage(format!("`{list}` matches no file")));
            }
            Kind::Files(files.into_iter())
        } else if path.is_dir() {
            Kind::Files(files_in(path)?.into_iter())
        } else {
            let file = crate::fsutil::open_regular(path).map_err(|e| {
                InputError::new(path, None, format!("cannot read the manifest: {e}"))
                    .hint("give a .jsonl or .csv file, a folder of sources, or a quoted glob")
            })?;
            match path.extension().and_then(|e| e.to_str()) {
                Some("csv") => {
                    if let Some(line) = checks::unclosed_quote(path) {
                        return Err(InputError::new(
                            path,
                            Some(line),
                            "a quote opened on this line is never closed: every later row would be read into one story",
                        )
                        .hint("close the quote; write a quote inside a quoted field as \"\"")
                        .into());
                    }
                    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(file);
                    let headers = reader
                        .headers()
                        .map_err(|e| InputError::new(path, Some(1), format!("bad CSV header: {e}")))?
                        .clone();
                    Kind::Csv(Box::new(reader.into_records()), headers)
                }
                Some("jsonl" | "ndjson" | "json") => Kind::Jsonl(BufReader::new(file).lines()),
                _ => {
                    return Err(InputError::new(path, None, "unknown manifest type")
                        .hint("name it .jsonl or .csv, or give a folder of sources")
                        .into());
                }
            }
        };
        let confine = matches!(kind, Kind::Jsonl(_) | Kind::Csv(..)).then(|| checks::resolved(&base));
        Ok(Manifest {
            kind,
            base,
            line: 0,
            seen: HashMap::new(),
            confine,
        })
    }

    /// Let source paths point outside the manifest's folder (`--allow-outside`).
    pub(crate) fn allow_outside(mut self, yes: bool) -> Manifest {
        if yes {
            self.confine = None;
        }
        self
    }

    /// A manifest of stories already read (a feed's entries).
    pub(crate) fn from_items(items: Vec<Result<Item, LineError>>) -> Manifest {
        Manifest {
            kind: Kind::Items(items.into_iter()),
            base: PathBuf::new(),
            line: 0,
            seen: HashMap::new(),
            confine: None,
        }
    }

    fn next_raw(&mut self) -> Option<Result<Item, String>> {
        loop {
            self.line += 1;
            let line = self.line;
            match &mut self.kind {
                Kind::Items(items) => {
                    return Some(match items.next()? {
                        Ok(item) => {
                            self.line = item.line;
                            Ok(item)
                        }
                        Err(e) => {
                            self.line = e.line;
                            Err(e.reason)
                        }
                    });
                }
                Kind::Files(files) => {
                    let file = files.next()?;
                    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("story");
                    return Some(Ok(Item {
                        line,
                        id: checks::slug(stem),
                        persona: None,
                        sources: vec![SourceSpec::Path(file)],
                        model: None,
                        language: None,
                    }));
                }
                Kind::Jsonl(lines) => {
                    let text = match lines.next()? {
                        Ok(t) => t,
                        Err(e) => return Some(Err(format!("cannot read the line: {e}"))),
                    };
                    // A byte-order mark some editors put before the first line.
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
                    if text.trim().is_empty() || text.trim_start().starts_with("//") {
                        continue;
                    }
                    return Some(
                        serde_json::from_str::<Row>(&text)
                            .map_err(|e| format!("not a valid story ({e})"))
                            .and_then(|row| row.into_item(&self.base, line, &text)),
                    );
                }
                Kind::Csv(records, headers) => {
                    let record = match records.next()? {
                        Ok(r) => r,
                        Err(e) => return Some(Err(format!("bad CSV row: {e}"))),
                    };
                    // Line 1 is the header.
                    let line = record.position().map_or(line + 1, |p| p.line() as usize);
                    self.line = line;
                    let raw = record.iter().collect::<Vec<_>>().join(",");
                    return Some(
                        record
                            .deserialize::<Row>(Some(headers))
                            .map_err(|e| format!("not a valid story ({e})"))
                            .and_then(|row| row.into_item(&self.base, line, &raw)),
                    );
                }
            }
        }
    }
}

impl Iterator for Manifest {
    type Item = Result<Item, LineError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_raw()?;
        let line = self.line;
        let item = item.and_then(|item| match &self.confine {
            Some(base) => checks::confined(base, item),
            None => Ok(item),
        });
        Some(
            item.map_err(|reason| LineError { line, reason })
                .and_then(|item| match self.seen.get(&item.id.to_ascii_lowercase()) {
                    Some(first) => Err(LineError {
                        line,
                        reason: format!("duplicate id `{}` (first on line {first})", item.id),
                    }),
                    None => {
                        self.seen.insert(item.id.to_ascii_lowercase(), line);
                        Ok(item)
                    }
                }),
        )
    }
}

#[cfg(test)]
mod tests;
