//! Related articles without a model: each article's names and salient words go
//! into an index kept in its output folder (`related-index.jsonl`, append-only);
//! a new article lists the ones it shares the most with, rarer terms weighing
//! more.

use std::collections::{HashMap, HashSet};
use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::article::{Article, Related};
use crate::check::grounding::entities;

/// The index file in an output folder.
pub(crate) const INDEX: &str = "related-index.jsonl";
/// How many related articles an article lists.
pub(crate) const MAX_RELATED: usize = 4;
/// Terms kept per article.
const TERMS: usize = 16;

/// One article in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) id: String,
    pub(crate) headline: String,
    pub(crate) deck: String,
    pub(crate) terms: Vec<String>,
    /// The formats written (`md`, `html`, `json`): what a link may point at.
    #[serde(default)]
    pub(crate) formats: Vec<String>,
}

const STOP: &[&str] = &[
    "about", "after", "again", "against", "their", "there", "these", "those", "which", "while", "would",
    "could", "should", "where", "other", "being", "under", "until", "since", "because", "before", "between",
    "through", "sources", "source", "position", "stated", "reasons", "means", "spell", "said", "says",
    "also", "into", "with", "from", "that", "this", "have", "has", "been", "were", "will", "what", "than",
    "them", "they", "said.",
];

/// An article's terms: its names, then its most frequent longer words.
pub(crate) fn terms(a: &Article) -> Vec<String> {
    let mut text = vec![a.headline.as_str(), a.deck.as_str(), a.lede.text.as_str()];
    text.extend(
        a.sections
            .iter()
            .flat_map(|s| s.paragraphs.iter().map(|p| p.text.as_str())),
    );
    text.extend(
        a.perspectives
            .iter()
            .filter(|p| p.stated)
            .map(|p| p.position.text.as_str()),
    );
    let text = text.join(" \n ");
    let mut out: Vec<String> = Vec::new();
    for e in entities(&text) {
        let e = e.to_lowercase();
        if !out.contains(&e) {
            out.push(e);
        }
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
        let w = w.to_lowercase();
        if w.chars().count() >= 5 && !STOP.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()) {
            *counts.entry(w).or_insert(0) += 1;
        }
    }
    let mut words: Vec<(String, usize)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (w, _) in words {
        if out.len() >= TERMS {
            break;
        }
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out.truncate(TERMS);
    out
}

pub(crate) fn entry(id: &str, a: &Article, formats: &[&str]) -> Entry {
    Entry {
        id: id.to_string(),
        headline: a.headline.clone(),
        deck: a.deck.clone(),
        terms: terms(a),
        formats: formats.iter().map(|f| f.to_string()).collect(),
    }
}

/// Whether an entry's article is still in `dir` in some format.
/// Whether an id can name a file in the folder and a relative link: no path
/// separators, no scheme (`javascript:`), no markup, no hidden characters.
fn linkable(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && !id.starts_with('.')
        && !id.chars().any(|c| {
            matches!(
                c,
                '/' | '\\' | ':' | '<' | '>' | '"' | '\'' | '`' | '(' | ')' | '[' | ']'
            ) || crate::text::is_hidden(c)
        })
}

/// Whether an index entry is sound (a linkable id, formats of ours) and its
/// article is still on disk: a line edited into `javascript:…` is skipped.
fn exists(dir: &Path, e: &Entry) -> bool {
    if !linkable(&e.id)
        || e.formats
            .iter()
            .any(|f| !["md", "html", "json"].contains(&f.as_str()))
    {
        return false;
    }
    let all = ["md", "html", "json"].map(String::from);
    let formats = if e.formats.is_empty() {
        &all[..]
    } else {
        &e.formats[..]
    };
    formats
        .iter()
        .any(|f| dir.join(format!("{}.{f}", e.id)).is_file())
}

/// One indexed article, its terms as ids into the index's term table.
struct Slot {
    id: String,
    headline: String,
    deck: String,
    terms: Vec<u32>,
    formats: Vec<String>,
}

/// The index of one output folder, with an inverted index from term to articles
/// so a look-up costs the articles that share a term, not the whole folder.
pub(crate) struct Index {
    path: PathBuf,
    slots: Vec<Slot>,
    by_id: HashMap<String, usize>,
    term_ids: HashMap<String, u32>,
    /// Each term id's term, to write an entry back.
    terms: Vec<String>,
    /// Articles (slot numbers) per term id.
    postings: Vec<Vec<u32>>,
}

impl Index {
    /// Read the folder's index (empty when there is none yet).
    pub(crate) fn open(dir: &Path) -> Index {
        let mut index = Index {
            path: dir.join(INDEX),
            slots: Vec::new(),
            by_id: HashMap::new(),
            term_ids: HashMap::new(),
            terms: Vec::new(),
            postings: Vec::new(),
        };
        let mut lines = 0;
        if let Ok(f) = std::fs::File::open(&index.path) {
            for line in BufReader::new(f).lines().map_while(Result::ok) {
                lines += 1;
                if let Ok(e) = serde_json::from_str::<Entry>(&line)
                    && exists(dir, &e)
                {
                    index.insert(e);
                }
            }
        }
        // Keyed by id, of articles still there: rewrite when reruns or deletions
        // left more lines than that.
        if lines > index.slots.len()
            && let Err(e) = index.rewrite()
        {
            tracing::debug!("could not compact {}: {e}", index.path.display());
        }
        index
    }

    /// Write the index anew, one line per article.
    fn rewrite(&self) -> std::io::Result<()> {
        let mut out = Vec::new();
        for s in &self.slots {
            out.extend(serde_json::to_vec(&self.entry(s)).map_err(std::io::Error::other)?);
            out.push(b'\n');
        }
        crate::fsutil::write_atomic(&self.path, &out)
    }

    /// Whether slot `s` is entry `e` already (compared in place, nothing built).
    fn holds(&self, s: &Slot, e: &Entry) -> bool {
        s.id == e.id
            && s.headline == e.headline
            && s.deck == e.deck
            && s.formats == e.formats
            && s.terms.len() == e.terms.len()
            && s.terms
                .iter()
                .zip(&e.terms)
                .all(|(&t, name)| self.terms[t as usize] == *name)
    }

    /// A slot as the entry it was made from (its terms by name, in order).
    fn entry(&self, s: &Slot) -> Entry {
        Entry {
            id: s.id.clone(),
            headline: s.headline.clone(),
            deck: s.deck.clone(),
            terms: s.terms.iter().map(|&t| self.terms[t as usize].clone()).collect(),
            formats: s.formats.clone(),
        }
    }

    fn term_id(&mut self, t: &str) -> u32 {
        if let Some(&id) = self.term_ids.get(t) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.term_ids.insert(t.to_string(), id);
        self.terms.push(t.to_string());
        self.postings.push(Vec::new());
        id
    }

    fn insert(&mut self, e: Entry) {
        let terms: Vec<u32> = e.terms.iter().map(|t| self.term_id(t)).collect();
        let slot = match self.by_id.get(&e.id) {
            Some(&i) => {
                for t in std::mem::take(&mut self.slots[i].terms) {
                    self.postings[t as usize].retain(|s| *s as usize != i);
                }
                i
            }
            None => {
                self.by_id.insert(e.id.clone(), self.slots.len());
                self.slots.push(Slot {
                    id: String::new(),
                    headline: String::new(),
                    deck: String::new(),
                    terms: Vec::new(),
                    formats: Vec::new(),
                });
                self.slots.len() - 1
            }
        };
        for &t in &terms {
            self.postings[t as usize].push(slot as u32);
        }
        self.slots[slot] = Slot {
            id: e.id,
            headline: e.headline,
            deck: e.deck,
            terms,
            formats: e.formats,
        };
    }

    pub(crate) fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// Record an article (appending one line), replacing any earlier entry of its id.
    pub(crate) fn add(&mut self, e: Entry) -> std::io::Result<()> {
        if self
            .by_id
            .get(&e.id)
            .is_some_and(|&i| self.holds(&self.slots[i], &e))
        {
            return Ok(());
        }
        let mut line = serde_json::to_vec(&e).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let mut f = OpenOptions::new().create(true).append(true).open(&self.path)?;
        f.write_all(&line)?;
        self.insert(e);
        Ok(())
    }

    /// The articles most related to the indexed article `id`.
    pub(crate) fn related_to(&self, id: &str, max: usize) -> Vec<Related> {
        match self.by_id.get(id) {
            Some(&i) => self.rank(id, &self.slots[i].terms, max),
            None => Vec::new(),
        }
    }

    /// The articles most related to `terms`, never `id` itself.
    pub(crate) fn related(&self, id: &str, terms: &[String], max: usize) -> Vec<Related> {
        let ids: Vec<u32> = terms
            .iter()
            .filter_map(|t| self.term_ids.get(t).copied())
            .collect();
        self.rank(id, &ids, max)
    }

    /// A term in a fifth or more of a large index says nothing and is skipped;
    /// each shared term adds `ln(1 + N / df)`. At least two shared terms are needed.
    fn rank(&self, id: &str, terms: &[u32], max: usize) -> Vec<Related> {
        let n = self.slots.len();
        let mut scores: HashMap<u32, (f64, usize)> = HashMap::new();
        let mut seen = HashSet::new();
        for &t in terms {
            if !seen.insert(t) {
                continue;
            }
            let docs = &self.postings[t as usize];
            let df = docs.len();
            if df == 0 || (n >= 20 && df * 5 > n) {
                continue;
            }
            let weight = (1.0 + n as f64 / df as f64).ln();
            for &d in docs {
                let s = scores.entry(d).or_insert((0.0, 0));
                s.0 += weight;
                s.1 += 1;
            }
        }
        let mut ranked: Vec<(usize, f64)> = scores
            .into_iter()
            .filter(|(d, (_, shared))| *shared >= 2 && self.slots[*d as usize].id != id)
            .map(|(d, (score, _))| (d as usize, score))
            .collect();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.slots[a.0].id.cmp(&self.slots[b.0].id))
        });
        ranked
            .into_iter()
            .take(max)
            .map(|(i, score)| {
                let e = &self.slots[i];
                Related {
                    id: e.id.clone(),
                    headline: e.headline.clone(),
                    deck: e.deck.clone(),
                    score: (score * 1000.0).round() / 1000.0,
                    formats: e.formats.clone(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
