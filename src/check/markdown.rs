//! Reading a Markdown article (ours, or one a person wrote) into the form the
//! checks read: titles, paragraphs with their `[S1, S2]` citations, and the
//! perspective sections found by their headings.

use std::sync::LazyLock;

use regex::Regex;

use super::{Block, Doc, Part, Side};
use crate::ident::Section;
use crate::labels;
use crate::persona::Persona;

static CITES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\[(S\d+(?:\s*,\s*S\d+)*)\]")
        .unwrap_or_else(|e| panic!("built-in pattern is invalid: {e}"))
});

/// Headings after which nothing is checked (byline, source list, related links).
fn is_trailer(heading: &str) -> bool {
    let h = heading.to_lowercase();
    ["related articles", "related", "authors"].contains(&h.as_str())
        || labels::ALL
            .iter()
            .any(|(_, l)| h == l.about_author.to_lowercase() || h == l.sources.to_lowercase())
}

/// A perspective paragraph's bold lead-in, in any language we write.
fn part_of(label: &str) -> Option<Part> {
    let key = label.to_lowercase();
    match key.as_str() {
        "position" => return Some(Part::Position),
        "reasons" => return Some(Part::Reasons),
        "implications" => return Some(Part::Implications),
        _ => {}
    }
    labels::ALL.iter().find_map(|(_, l)| {
        [
            (l.stated_position, Part::Position),
            (l.reasons, Part::Reasons),
            (l.implications, Part::Implications),
        ]
        .into_iter()
        .find(|(name, _)| name.to_lowercase() == key)
        .map(|(_, p)| p)
    })
}

/// Text without its citation markers, and the passage ids they named.
pub fn split_cites(text: &str) -> (String, Vec<String>) {
    let mut ids = Vec::new();
    for c in CITES.captures_iter(text) {
        ids.extend(c[1].split(',').map(|s| s.trim().to_string()));
    }
    (CITES.replace_all(text, "").trim().to_string(), ids)
}

fn strip_front_matter(text: &str) -> &str {
    for fence in ["---", "+++"] {
        if let Some(rest) = text
            .strip_prefix(fence)
            .and_then(|r| r.strip_prefix('\n').or(r.strip_prefix("\r\n")))
        {
            let close = format!("\n{fence}");
            if let Some(end) = rest.find(&close) {
                let after = &rest[end + close.len()..];
                return after.split_once('\n').map_or("", |(_, body)| body);
            }
        }
    }
    text
}

/// Which perspective a heading names, by label.
fn heading_side<'a>(heading: &str, persona: &'a Persona) -> Option<&'a str> {
    let h = heading.to_lowercase();
    persona
        .spec
        .perspectives
        .iter()
        .find(|p| {
            let label = p.label.to_lowercase();
            h == label
                || h.starts_with(&format!("{label}:"))
                || h.starts_with(&format!("{label} —"))
                || h.starts_with(&format!("{label} -"))
        })
        .map(|p| p.id.as_str())
}

/// The bold lead-in of a perspective paragraph (`**Stated position.**`), if any.
fn part_label(text: &str) -> Option<(Part, String)> {
    let rest = text.strip_prefix("**")?;
    let (label, after) = rest.split_once("**")?;
    let part = part_of(label.trim().trim_end_matches(['.', ':']))?;
    Some((part, after.trim().to_string()))
}

fn plain(text: &str) -> String {
    text.replace("**", "").replace('*', "").trim().to_string()
}

/// Parse a Markdown article for checking.
pub fn parse(text: &str, persona: &Persona) -> Doc {
    let body = strip_front_matter(text);
    let mut doc = Doc::default();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        let t = line.trim();
        let is_item = t.starts_with("- ") || t.starts_with("* ") || t.starts_with('>');
        if t.is_empty() || t.starts_with('#') || is_item || t == "---" {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            if !t.is_empty() {
                paragraphs.push(t.to_string());
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(t);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }

    let mut section = Section::Lede;
    let mut side: Option<(String, usize)> = None;
    let mut seen_lede = false;
    let mut seen_title = false;
    let mut in_closing = false;
    let mut count = 0;
    for p in paragraphs {
        if p == "---" {
            continue;
        }
        if let Some(h) = p.strip_prefix('#') {
            let level = 1 + h.chars().take_while(|c| *c == '#').count();
            let heading = h.trim_start_matches('#').trim();
            if level == 1 && !seen_title {
                seen_title = true;
                doc.blocks.push(block(
                    Section::Finish,
                    None,
                    Part::Headline,
                    "headline".into(),
                    heading,
                ));
                continue;
            }
            if is_trailer(heading) {
                break;
            }
            if let Some(id) = heading_side(heading, persona) {
                side = Some((id.to_string(), level));
                section = Section::Perspective(id.to_string());
                doc.sides.push(Side {
                    id: id.to_string(),
                    stated: true,
                });
                continue;
            }
            if side.as_ref().is_some_and(|(_, l)| level <= *l) {
                side = None;
                section = Section::Finish;
                in_closing = true;
            }
            continue;
        }
        if let Some(quote) = p.strip_prefix('>') {
            let (text, cites) = split_cites(&plain(quote));
            // A pull quote is a quotation even when its marks were left off.
            let text = if text.starts_with(['“', '"']) {
                text
            } else {
                format!("“{text}”")
            };
            let mut b = block(
                section.clone(),
                side.as_ref().map(|(id, _)| id.as_str()),
                Part::Body,
                "pull quote".into(),
                &text,
            );
            b.cites = cites;
            doc.blocks.push(b);
            continue;
        }
        let item = p
            .strip_prefix("- ")
            .or_else(|| p.strip_prefix("* "))
            .unwrap_or(&p)
            .to_string();
        let (part, text) = match (&side, part_label(&item)) {
            (Some(_), Some((part, rest))) => (part, rest),
            // Unlabelled paragraphs of a side are read in order as its position,
            // reasons and what it means.
            (Some((id, _)), None) => {
                let n = doc
                    .blocks
                    .iter()
                    .filter(|b| b.perspective.as_deref() == Some(id))
                    .count();
                let part = [Part::Position, Part::Reasons, Part::Implications]
                    .get(n)
                    .copied()
                    .unwrap_or(Part::Body);
                (part, item)
            }
            (None, _)
                if seen_title && !seen_lede && item.starts_with('*') && item.ends_with('*') && count == 0 =>
            {
                count += 1;
                doc.blocks.push(block(
                    Section::Finish,
                    None,
                    Part::Deck,
                    "deck".into(),
                    &plain(&item),
                ));
                continue;
            }
            (None, _) if !seen_lede => {
                seen_lede = true;
                (Part::Lede, item)
            }
            (None, _) if in_closing => (Part::Closing, item),
            (None, _) => (Part::Body, item),
        };
        count += 1;
        let (text, cites) = split_cites(&plain(&text));
        if text.is_empty() {
            continue;
        }
        let perspective = side.as_ref().map(|(id, _)| id.clone());
        let location = match &perspective {
            Some(id) => format!("perspective {id}, {}", part.label()),
            None => format!("{} {count}", part.label()),
        };
        if let (Some(id), Part::Position) = (&perspective, part)
            && labels::ALL.iter().any(|(_, l)| l.is_no_position(&text))
            && let Some(s) = doc.sides.iter_mut().find(|s| &s.id == id)
        {
            s.stated = false;
        }
        let mut b = block(section.clone(), perspective.as_deref(), part, location, &text);
        b.cites = cites;
        doc.blocks.push(b);
    }
    doc
}

fn block(section: Section, perspective: Option<&str>, part: Part, location: String, text: &str) -> Block {
    Block {
        section,
        perspective: perspective.map(str::to_string),
        part,
        location,
        text: text.to_string(),
        cites: Vec::new(),
    }
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
