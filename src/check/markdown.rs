//! Reading a Markdown article (ours, or one a person wrote) into the form the
//! checks read: titles, paragraphs with their `[S1, S2]` citations, and the
//! perspective sections found by their headings.

use crate::ids::SideId;
use crate::pattern::re;
use std::sync::LazyLock;

use regex::Regex;

use super::paragraphs::{paragraphs, plain_to_markdown};
use super::{Block, Doc, Part, Side};
use crate::lang::labels;
use crate::persona::Persona;
use crate::source::PassageId;
use crate::stage::Section;

static CITES: LazyLock<Regex> = LazyLock::new(|| re(r"\s*\[(S\d+(?:\s*,\s*S\d+)*)\]"));

/// Headings after which nothing is checked (byline, source list, related links).
fn is_trailer(heading: &str) -> bool {
    let h = heading.to_lowercase();
    [
        "related articles",
        "related",
        "authors",
        "author",
        "thoughts",
        "관련 기사",
    ]
    .contains(&h.as_str())
        || labels::all().any(|(_, l)| h == l.about_author.to_lowercase() || h == l.sources.to_lowercase())
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
    labels::all().find_map(|(_, l)| {
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
pub(crate) fn split_cites(text: &str) -> (String, Vec<PassageId>) {
    let mut ids = Vec::new();
    for c in CITES.captures_iter(text) {
        ids.extend(c[1].split(',').map(|s| PassageId::from(s.trim())));
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

/// The perspectives a heading names: one label (`China`, `China: …`), or
/// several joined (`Japan and South Korea`, `일본과 한국`), which cover each.
fn heading_sides<'a>(heading: &str, persona: &'a Persona) -> Vec<&'a SideId> {
    let h = heading.to_lowercase();
    // A heading names a side by its label or, in another language's article,
    // by one of its keywords (日本, 中国).
    let one = persona.spec.perspectives.iter().find(|p| {
        std::iter::once(&p.label).chain(&p.keywords).any(|name| {
            let label = name.to_lowercase();
            h == label
                || [":", "：", " —", " -"]
                    .iter()
                    .any(|sep| h.starts_with(&format!("{label}{sep}")))
        })
    });
    if let Some(p) = one {
        return vec![&p.id];
    }
    let mut rest = h.clone();
    let mut found = Vec::new();
    let mut labels: Vec<_> = persona.spec.perspectives.iter().collect();
    labels.sort_by_key(|p| std::cmp::Reverse(p.label.len()));
    for p in labels {
        let label = p.label.to_lowercase();
        if rest.contains(&label) {
            rest = rest.replacen(&label, " ", 1);
            found.push((h.find(&label).unwrap_or(0), &p.id));
        }
    }
    let joiners = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '&' | '/' | '·'))
        .all(|w| {
            matches!(
                w,
                "" | "and" | "와" | "과" | "및" | "と" | "和" | "与" | "、" | "・"
            )
        });
    if found.len() < 2 || !joiners {
        return Vec::new();
    }
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// The bold lead-in of a perspective paragraph (`**Stated position.**`), if any.
fn part_label(text: &str) -> Option<(Part, String)> {
    let rest = text.strip_prefix("**")?;
    let (label, after) = rest.split_once("**")?;
    let part = part_of(label.trim().trim_end_matches(['.', ':']))?;
    Some((part, after.trim().to_string()))
}

/// A paragraph's text without emphasis marks, backslash escapes or the HTML
/// entities our renderer writes, as the sources said it.
fn plain(text: &str) -> String {
    let t = text.replace("**", "").replace('*', "");
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// Where the reader is in the article.
struct Reader<'a> {
    persona: &'a Persona,
    doc: Doc,
    section: Section,
    /// The perspective section being read: its sides and heading level.
    side: Option<(Vec<SideId>, usize)>,
    seen_lede: bool,
    seen_title: bool,
    in_closing: bool,
    count: usize,
    /// The context section being read: its number, subhead and paragraphs so
    /// far, for locations in the same form as parallax's own articles.
    subhead: Option<(usize, String, usize)>,
    sections: usize,
}

/// Parse a Markdown article (or a plain-text one) for checking.
pub(crate) fn parse(text: &str, persona: &Persona) -> Doc {
    let body = strip_front_matter(text);
    match plain_to_markdown(body) {
        Some(md) => parse_markdown(&md, persona),
        None => parse_markdown(body, persona),
    }
}

fn parse_markdown(body: &str, persona: &Persona) -> Doc {
    let mut r = Reader {
        persona,
        doc: Doc::default(),
        section: Section::Lede,
        side: None,
        seen_lede: false,
        seen_title: false,
        in_closing: false,
        count: 0,
        subhead: None,
        sections: 0,
    };
    for p in paragraphs(body) {
        if p == "---" {
            continue;
        }
        if let Some(h) = p.strip_prefix('#') {
            if !r.heading(h) {
                break;
            }
        } else if let Some(quote) = p.strip_prefix('>') {
            r.pull_quote(quote);
        } else if is_trailer(p.trim_end_matches(':')) {
            break;
        } else {
            r.paragraph(&p);
        }
    }
    r.doc
}

impl Reader<'_> {
    /// The side a block belongs to, and any others its section covers.
    fn sides(&self) -> (Option<SideId>, Vec<SideId>) {
        match &self.side {
            Some((ids, _)) => (ids.first().cloned(), ids.iter().skip(1).cloned().collect()),
            None => (None, Vec::new()),
        }
    }

    /// Read a heading; false at the trailer (byline, sources, related).
    fn heading(&mut self, h: &str) -> bool {
        let level = 1 + h.chars().take_while(|c| *c == '#').count();
        let heading = h.trim_start_matches('#').trim();
        if level == 1 && !self.seen_title {
            self.seen_title = true;
            let b = block(Section::Finish, None, Part::Headline, "headline".into(), heading);
            self.doc.blocks.push(b);
            return true;
        }
        if is_trailer(heading) {
            return false;
        }
        let ids = heading_sides(heading, self.persona);
        if let Some(first) = ids.first() {
            self.section = Section::Perspective((*first).clone());
            for id in &ids {
                self.doc.sides.push(Side {
                    id: (*id).clone(),
                    stated: true,
                    shared: ids.len() > 1,
                });
            }
            self.side = Some((ids.iter().map(|s| (*s).clone()).collect(), level));
            return true;
        }
        if self.side.as_ref().is_some_and(|(_, l)| level <= *l) {
            self.side = None;
            self.section = Section::Finish;
            self.in_closing = true;
        }
        if self.side.is_none() && !self.in_closing {
            self.sections += 1;
            self.subhead = Some((self.sections, heading.to_string(), 0));
        }
        true
    }

    fn pull_quote(&mut self, quote: &str) {
        let (text, cites) = split_cites(&plain(quote));
        // A pull quote is a quotation even when its marks were left off.
        let text = if text.starts_with(['“', '"']) {
            text
        } else {
            format!("“{text}”")
        };
        let (perspective, also) = self.sides();
        let mut b = block(
            self.section.clone(),
            perspective.as_deref(),
            Part::Body,
            "pull quote".into(),
            &text,
        );
        b.cites = cites;
        b.also = also;
        self.doc.blocks.push(b);
    }

    fn paragraph(&mut self, p: &str) {
        let item = p
            .strip_prefix("- ")
            .or_else(|| p.strip_prefix("* "))
            .unwrap_or(p)
            .to_string();
        let Some((part, text)) = self.part(item) else {
            return;
        };
        self.count += 1;
        let (text, cites) = split_cites(&plain(&text));
        if text.is_empty() {
            return;
        }
        let (perspective, also) = self.sides();
        let location = match (&perspective, part, self.subhead.as_mut()) {
            (Some(id), _, _) => format!("perspective {id}, {}", part.label()),
            (None, Part::Lede | Part::Closing, _) => part.label().to_string(),
            (None, _, Some((n, subhead, k))) => {
                *k += 1;
                format!("section {n} \"{subhead}\", paragraph {k}")
            }
            (None, _, None) => format!("{} {}", part.label(), self.count),
        };
        if let (Some(id), Part::Position) = (&perspective, part)
            && (labels::all().any(|(_, l)| l.is_no_position(&text))
                || crate::lang::cjk::declines(&text)
                || only_silence(&text))
            && let Some(s) = self.doc.sides.iter_mut().find(|s| &s.id == id)
        {
            s.stated = false;
        }
        let mut b = block(
            self.section.clone(),
            perspective.as_deref(),
            part,
            location,
            &text,
        );
        b.cites = cites;
        b.also = also;
        self.doc.blocks.push(b);
    }

    /// The part a paragraph is, and its text without a label; `None` for the
    /// deck, which is pushed here.
    fn part(&mut self, item: String) -> Option<(Part, String)> {
        if let Some((id, _)) = self.side.as_ref().map(|(ids, l)| (ids[0].clone(), *l)) {
            if let Some((part, rest)) = part_label(&item) {
                self.doc.labelled = true;
                return Some((part, rest));
            }
            // Unlabelled paragraphs of a side are read in order as its position,
            // reasons and what it means.
            let n = self
                .doc
                .blocks
                .iter()
                .filter(|b| b.perspective.as_deref() == Some(&id))
                .count();
            let part = [Part::Position, Part::Reasons, Part::Implications]
                .get(n)
                .copied()
                .unwrap_or(Part::Body);
            return Some((part, item));
        }
        let deck = self.seen_title && !self.seen_lede && item.starts_with('*') && item.ends_with('*');
        if deck && self.count == 0 {
            self.count += 1;
            let b = block(Section::Finish, None, Part::Deck, "deck".into(), &plain(&item));
            self.doc.blocks.push(b);
            return None;
        }
        if !self.seen_lede {
            self.seen_lede = true;
            return Some((Part::Lede, item));
        }
        Some((
            if self.in_closing {
                Part::Closing
            } else {
                Part::Body
            },
            item,
        ))
    }
}

fn block(section: Section, perspective: Option<&str>, part: Part, location: String, text: &str) -> Block {
    Block {
        section,
        perspective: perspective.map(SideId::from),
        part,
        also: Vec::new(),
        location,
        text: text.to_string(),
        cites: Vec::new(),
        at: None,
    }
}

/// Whether every sentence of `text` says that nothing was said ("The State
/// Department has not commented."): silence, in any language, is no position.
fn only_silence(text: &str) -> bool {
    let sentences = crate::lang::sentences::sentences(text);
    !sentences.is_empty() && sentences.iter().all(|s| (crate::lang::of(s).silent)(s))
}

#[cfg(test)]
mod tests;
