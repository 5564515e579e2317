//! Fairness across a batch, the question a desk editor is asked: for each side,
//! in how many stories it states a position, its mean share of the words where
//! it does, and how many stories leave it silent; and the same for the stories
//! of each source publisher. Failed and pending stories have no article and do
//! not count.

use crate::ids::SideId;
use serde::Serialize;

use super::{Row, Status};
use crate::article::integrity::SideTally;

/// One side over a set of stories.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Side {
    pub(crate) id: SideId,
    pub(crate) label: String,
    /// Stories whose persona covers this side.
    pub(crate) stories: usize,
    /// Stories in which it states a position.
    pub(crate) stated: usize,
    /// `stated ÷ stories`, 0–1.
    pub(crate) stated_share: f64,
    /// Its mean share of the words over the stories where it states a position, 0–1.
    pub(crate) mean_share: f64,
    /// Stories that leave it silent.
    pub(crate) silent: usize,
}

/// The sides over the stories that cite one publisher.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Publisher {
    pub(crate) name: String,
    pub(crate) stories: usize,
    pub(crate) sides: Vec<Side>,
}

/// The desk's fairness panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Fairness {
    /// Stories with an article.
    pub(crate) stories: usize,
    pub(crate) sides: Vec<Side>,
    /// Publishers by how many stories cite them, most first.
    pub(crate) publishers: Vec<Publisher>,
}

/// The panel for `rows`.
pub(crate) fn of(rows: &[Row]) -> Fairness {
    let written: Vec<&Row> = rows
        .iter()
        .filter(|r| matches!(r.status, Status::Done | Status::Degraded))
        .collect();
    let mut names: Vec<String> = Vec::new();
    for r in &written {
        for p in &r.publishers {
            if !names.contains(p) {
                names.push(p.clone());
            }
        }
    }
    let mut publishers: Vec<Publisher> = names
        .into_iter()
        .map(|name| {
            let cited: Vec<&Row> = written
                .iter()
                .copied()
                .filter(|r| r.publishers.contains(&name))
                .collect();
            Publisher {
                stories: cited.len(),
                sides: sides(&cited),
                name,
            }
        })
        .collect();
    publishers.sort_by(|a, b| b.stories.cmp(&a.stories).then_with(|| a.name.cmp(&b.name)));
    Fairness {
        stories: written.len(),
        sides: sides(&written),
        publishers,
    }
}

/// Each side that any of `rows` covers, in the order the rows first name them.
fn sides(rows: &[&Row]) -> Vec<Side> {
    let mut tally = Vec::new();
    for r in rows {
        for s in &r.sides {
            let share = r.shares.get(&s.id).copied().unwrap_or(0.0);
            SideTally::add(&mut tally, &s.id, &s.label, r.stated.contains(&s.id), share);
        }
    }
    tally
        .into_iter()
        .map(|t| Side {
            stated_share: ratio(t.stated as f64, t.stories),
            silent: t.stories - t.stated,
            id: t.id,
            label: t.label,
            stories: t.stories,
            stated: t.stated,
            mean_share: t.mean_share,
        })
        .collect()
}

fn ratio(part: f64, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part / whole as f64 }
}

#[cfg(test)]
mod tests;
