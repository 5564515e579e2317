//! Sources of any length. A 200-page report holds far more passages than a
//! model's context, so when they do not all fit a stage's token budget, each
//! stage gets a selection: first the passages where each side it writes about
//! speaks (that side's own words must reach it), then the passages most
//! relevant to its task by BM25, then the leads of each source. Passages keep
//! their ids and their order, so citations stay valid.

use crate::ids::SideId;
use std::collections::{BTreeSet, HashMap};

use crate::source::Passage;

/// The prompt budget when the model's context is not configured
/// (`[provider] context`): room for the instructions, the passages and the
/// answer in the 16k-token context most models offer at least.
pub(crate) const DEFAULT_PROMPT_TOKENS: usize = 16_384;

use crate::text::tokens;

/// Tokens the answer of `stage` may take, in an article of `words` words over
/// `sides` sides: about 1.4 tokens a word of what the stage writes (three in
/// Chinese, Japanese and Korean), its JSON and citations, and 15% to spare;
/// never more than `max_tokens` (a cut-off answer is asked again with twice
/// the room). A brief or a side's
/// section is a few hundred tokens, so a small window is left to the passages
/// rather than to an answer that never comes.
pub(crate) fn answer_tokens(
    stage: &crate::stage::Stage,
    words: u32,
    sides: usize,
    cjk: bool,
    max_tokens: u32,
) -> u32 {
    use crate::stage::{Section, Stage};
    let (words, sides) = (words as usize, sides.max(1));
    let written = match stage {
        Stage::Brief => 150 + 30 * sides,
        Stage::Opening | Stage::Revise(Section::Lede) => words * 35 / 100 + 60,
        Stage::Perspective(_) | Stage::Revise(Section::Perspective(_)) => words * 55 / 100 / sides + 20,
        Stage::Finish | Stage::Revise(Section::Finish) => 80,
    };
    let per_word = if cjk { 3.0 } else { 1.4 };
    let tokens = ((written as f64 * per_word + 80.0) * 1.15).ceil() as u32;
    tokens.min(max_tokens)
}

/// Estimated prompt tokens of a passage: its text and its statement lines.
pub(crate) fn cost(p: &Passage) -> usize {
    let statements: usize = p
        .statements
        .iter()
        .map(|st| tokens(&st.speaker) + tokens(&st.content) + 12)
        .sum();
    tokens(&p.text) + statements + 8
}

/// BM25 over one article's passages, with each passage's size in a prompt.
pub(crate) struct Selector {
    terms: Vec<HashMap<String, usize>>,
    lengths: Vec<usize>,
    df: HashMap<String, usize>,
    avg_len: f64,
    /// Estimated prompt tokens of each passage (its text and statement lines).
    pub(crate) cost: Vec<usize>,
    /// The sides each passage has a statement of.
    speaks: Vec<BTreeSet<SideId>>,
    /// Whether a passage opens its source (news leads carry the story).
    lead: Vec<bool>,
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect()
}

impl Selector {
    pub(crate) fn new<'p>(passages: impl Iterator<Item = &'p Passage>) -> Selector {
        let mut s = Selector {
            terms: Vec::new(),
            lengths: Vec::new(),
            df: HashMap::new(),
            avg_len: 0.0,
            cost: Vec::new(),
            speaks: Vec::new(),
            lead: Vec::new(),
        };
        let mut last_source = 0;
        for p in passages {
            let w = words(&p.text);
            let mut tf: HashMap<String, usize> = HashMap::new();
            for t in &w {
                *tf.entry(t.clone()).or_insert(0) += 1;
            }
            for t in tf.keys() {
                *s.df.entry(t.clone()).or_insert(0) += 1;
            }
            s.lengths.push(w.len());
            s.terms.push(tf);
            s.cost.push(cost(p));
            s.speaks
                .push(p.statements.iter().filter_map(|st| st.side.clone()).collect());
            s.lead.push(p.source != last_source);
            last_source = p.source;
        }
        s.avg_len = s.lengths.iter().sum::<usize>() as f64 / s.lengths.len().max(1) as f64;
        s
    }

    fn score(&self, i: usize, query: &[String]) -> f64 {
        let (k1, b) = (1.2, 0.75);
        let n = self.terms.len() as f64;
        let len = self.lengths[i] as f64;
        query
            .iter()
            .filter_map(|q| {
                let tf = *self.terms[i].get(q)? as f64;
                let df = *self.df.get(q)? as f64;
                let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                Some(idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * len / self.avg_len.max(1.0))))
            })
            .sum()
    }

    /// The passages a stage gets within `budget` tokens, in source order:
    /// the statements of each of `sides` (taken in turn, so every side gets its
    /// share), then the most relevant to `query`, then the leads.
    pub(crate) fn select(&self, sides: &[SideId], query: &str, budget: usize) -> Vec<usize> {
        let q = words(query);
        let mut ranked: Vec<(usize, f64)> = (0..self.cost.len())
            .map(|i| (i, self.score(i, &q) + if self.lead[i] { 0.5 } else { 0.0 }))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // Each side's statement passages, best first.
        let mut per_side: Vec<Vec<usize>> = sides
            .iter()
            .map(|side| {
                ranked
                    .iter()
                    .map(|(i, _)| *i)
                    .filter(|i| self.speaks[*i].contains(side))
                    .collect()
            })
            .collect();
        let mut order = Vec::new();
        while per_side.iter().any(|v| !v.is_empty()) {
            for v in per_side.iter_mut().filter(|v| !v.is_empty()) {
                order.push(v.remove(0));
            }
        }
        order.extend(ranked.iter().map(|(i, _)| *i));
        let mut chosen = BTreeSet::new();
        let mut used = 0;
        for i in order {
            if chosen.contains(&i) || used + self.cost[i] > budget {
                continue;
            }
            used += self.cost[i];
            chosen.insert(i);
        }
        chosen.into_iter().collect()
    }
}

#[cfg(test)]
mod tests;
