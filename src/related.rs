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
pub const INDEX: &str = "related-index.jsonl";
/// How many related articles an article lists.
pub const MAX_RELATED: usize = 4;
/// Terms kept per article.
const TERMS: usize = 16;

/// One article in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub headline: String,
    pub deck: String,
    pub terms: Vec<String>,
}

const STOP: &[&str] = &[
    "about", "after", "again", "against", "their", "there", "these", "those", "which", "while", "would",
    "could", "should", "where", "other", "being", "under", "until", "since", "because", "before", "between",
    "through", "sources", "source", "position", "stated", "reasons", "means", "spell", "said", "says",
    "also", "into", "with", "from", "that", "this", "have", "has", "been", "were", "will", "what", "than",
    "them", "they", "said.",
];

/// An article's terms: its names, then its most frequent longer words.
pub fn terms(a: &Article) -> Vec<String> {
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

pub fn entry(id: &str, a: &Article) -> Entry {
    Entry {
        id: id.to_string(),
        headline: a.headline.clone(),
        deck: a.deck.clone(),
        terms: terms(a),
    }
}

/// The index of one output folder.
pub struct Index {
    path: PathBuf,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
}

impl Index {
    /// Read the folder's index (empty when there is none yet).
    pub fn open(dir: &Path) -> Index {
        let path = dir.join(INDEX);
        let mut index = Index {
            path,
            entries: Vec::new(),
            by_id: HashMap::new(),
        };
        if let Ok(f) = std::fs::File::open(&index.path) {
            for line in BufReader::new(f).lines().map_while(Result::ok) {
                if let Ok(e) = serde_json::from_str::<Entry>(&line) {
                    index.insert(e);
                }
            }
        }
        index
    }

    fn insert(&mut self, e: Entry) {
        match self.by_id.get(&e.id) {
            Some(&i) => self.entries[i] = e,
            None => {
                self.by_id.insert(e.id.clone(), self.entries.len());
                self.entries.push(e);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Record an article (appending one line), replacing any earlier entry of its id.
    pub fn add(&mut self, e: Entry) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(&e).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let mut f = OpenOptions::new().create(true).append(true).open(&self.path)?;
        f.write_all(&line)?;
        self.insert(e);
        Ok(())
    }

    /// The articles most related to `terms`, never `id` itself. A term in a fifth
    /// or more of a large index says nothing and is skipped; each shared term adds
    /// `ln(1 + N / df)`. At least two shared terms are needed.
    pub fn related(&self, id: &str, terms: &[String], max: usize) -> Vec<Related> {
        let n = self.entries.len();
        let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
        let wanted: HashSet<&str> = terms.iter().map(String::as_str).collect();
        for (i, e) in self.entries.iter().enumerate() {
            for t in &e.terms {
                if wanted.contains(t.as_str()) {
                    postings.entry(t.as_str()).or_default().push(i);
                }
            }
        }
        let mut scores: HashMap<usize, (f64, usize)> = HashMap::new();
        for (_, docs) in postings {
            let df = docs.len();
            if n >= 20 && df * 5 > n {
                continue;
            }
            let weight = (1.0 + n as f64 / df as f64).ln();
            for i in docs {
                let s = scores.entry(i).or_insert((0.0, 0));
                s.0 += weight;
                s.1 += 1;
            }
        }
        let mut ranked: Vec<(usize, f64)> = scores
            .into_iter()
            .filter(|(i, (_, shared))| *shared >= 2 && self.entries[*i].id != id)
            .map(|(i, (score, _))| (i, score))
            .collect();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.entries[a.0].id.cmp(&self.entries[b.0].id))
        });
        ranked
            .into_iter()
            .take(max)
            .map(|(i, score)| {
                let e = &self.entries[i];
                Related {
                    id: e.id.clone(),
                    headline: e.headline.clone(),
                    deck: e.deck.clone(),
                    score: (score * 1000.0).round() / 1000.0,
                }
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "related_tests.rs"]
mod tests;
