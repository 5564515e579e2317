//! Findings marked where they are. Each finding with a place in the article
//! gets a numbered mark beside its paragraph or part; a side's finding with no
//! finer place marks the side's heading. The page hides the marks until the
//! reader switches review on, so a reader who is not reviewing sees a clean
//! article.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::article::Article;
use crate::article::integrity::{Finding, FindingKind};
use crate::article::place::At;
use crate::stage::Section;

/// One mark: its number (the finding's place in the integrity report, from 1),
/// its kind, what was found, and whether the part was built from the sources.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Mark {
    pub(crate) n: usize,
    pub(crate) kind: &'static str,
    pub(crate) text: String,
    pub(crate) built: bool,
}

/// The marks of one article, by the place the page template names.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    places: BTreeMap<String, Vec<Mark>>,
    numbers: Vec<Option<usize>>,
}

impl Marks {
    /// The mark number of the report's `i`th finding, if it has a place.
    pub(crate) fn numbered(&self, i: usize) -> Option<usize> {
        self.numbers.get(i).copied().flatten()
    }

    /// Marks by place: `headline`, `deck`, `lede`, `body-I-J`, `side-K`,
    /// `side-K-position` (`-reasons`, `-implications`), `closing`.
    pub(crate) fn by_place(&self) -> &BTreeMap<String, Vec<Mark>> {
        &self.places
    }
}

/// The marks of `a`'s integrity report.
pub(crate) fn of(a: &Article) -> Marks {
    let mut marks = Marks::default();
    let Some(report) = &a.meta.integrity else {
        return marks;
    };
    for (i, f) in report.findings.iter().enumerate() {
        let Some(place) = place(f, a) else {
            marks.numbers.push(None);
            continue;
        };
        let n = i + 1;
        marks.numbers.push(Some(n));
        marks.places.entry(place).or_default().push(Mark {
            n,
            kind: f.kind.as_str(),
            text: f.to_string(),
            built: f.kind == FindingKind::Degraded,
        });
    }
    marks
}

/// Where a finding's mark goes, if anywhere.
fn place(f: &Finding, a: &Article) -> Option<String> {
    let side = |id: &str| a.perspectives.iter().position(|p| p.id == id);
    match (f.at, &f.section) {
        (Some(At::Headline), _) => Some("headline".into()),
        (Some(At::Deck), _) => Some("deck".into()),
        (Some(At::Lede), _) => Some("lede".into()),
        (Some(At::Body(i, j)), _) => Some(format!("body-{i}-{j}")),
        (Some(At::Side(k, part)), _) => Some(format!("side-{k}-{}", <&str>::from(part))),
        (Some(At::Closing), _) => Some("closing".into()),
        (Some(At::Subhead(i)), _) => Some(format!("body-{i}-0")),
        (None, Section::Perspective(id)) => side(id).map(|k| format!("side-{k}")),
        (None, Section::Lede) => Some("lede".into()),
        (None, Section::Finish) => Some("headline".into()),
    }
}

#[cfg(test)]
mod tests;
