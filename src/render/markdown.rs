//! Markdown with YAML front matter, ready for Hugo, Zola or Jekyll, in the anatomy
//! of a published article: headline, deck, pull quote, lede, sections, one section
//! per perspective, byline box and sources. Citations stay visible as `[S1, S2]`.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::Render;
use crate::article::{Article, CallRecord, Paragraph, PerspectiveSection, Quotation};
use crate::check::Report;
use crate::error::TemplateError;
use crate::lang::labels::{self, Labels};
use crate::llm::Usage;

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Markdown {
    /// Say "(translated)" after a quotation that translates its source.
    pub(crate) mark_translations: bool,
}

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    description: &'a str,
    date: crate::clock::Date,
    author: &'a str,
    persona: &'a str,
    language: &'a crate::ids::Lang,
    perspectives: Vec<&'a str>,
    sources: Vec<SourceEntry<'a>>,
    parallax: Meta<'a>,
}

#[derive(Serialize)]
struct SourceEntry<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fetched: Option<crate::clock::Instant>,
    passages: String,
}

#[derive(Serialize)]
struct Meta<'a> {
    generator: &'a str,
    provider: &'a str,
    model: &'a crate::llm::Model,
    extractive: bool,
    usage: UsageEntry,
    /// `None` (null) when a model has no price.
    cost_usd: Option<f64>,
    calls: usize,
    cached_calls: usize,
    stages: BTreeMap<&'a str, StageEntry>,
    elapsed_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    integrity: Option<IntegrityEntry<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

/// The integrity report in brief; the provenance record holds every finding.
#[derive(Serialize)]
struct IntegrityEntry<'a> {
    passed: bool,
    findings: usize,
    #[serde(skip_serializing_if = "<[crate::stage::Section]>::is_empty")]
    revised: &'a [crate::stage::Section],
    balance: BTreeMap<&'a str, f64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    glossary: BTreeMap<&'a str, &'static str>,
    /// Parts dropped, salvaged or built from the sources.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    degraded: Vec<&'a str>,
}

fn integrity(r: &Report) -> IntegrityEntry<'_> {
    IntegrityEntry {
        passed: r.passed(),
        findings: r.findings.len(),
        degraded: r.degraded().map(|f| f.claim.as_str()).collect(),
        revised: &r.revised,
        balance: r
            .balance
            .iter()
            .map(|s| (s.perspective.as_str(), (s.share * 1000.0).round() / 1000.0))
            .collect(),
        glossary: r
            .glossary
            .iter()
            .map(|t| (t.term.as_str(), if t.ok { "ok" } else { "violated" }))
            .collect(),
    }
}

#[derive(Serialize)]
struct UsageEntry {
    prompt_tokens: u64,
    cached_prompt_tokens: u64,
    completion_tokens: u64,
    total_tokens: u64,
}

impl From<Usage> for UsageEntry {
    fn from(u: Usage) -> Self {
        Self {
            prompt_tokens: u.prompt_tokens,
            cached_prompt_tokens: u.cached_prompt_tokens,
            completion_tokens: u.completion_tokens,
            total_tokens: u.total(),
        }
    }
}

/// Totals of one kind of stage (`perspective` sums every side's call).
#[derive(Serialize, Default)]
struct StageEntry {
    calls: usize,
    prompt_tokens: u64,
    completion_tokens: u64,
    cost_usd: Option<f64>,
}

fn stages(calls: &[CallRecord]) -> BTreeMap<&'static str, StageEntry> {
    let mut out: BTreeMap<&'static str, StageEntry> = BTreeMap::new();
    for c in calls {
        let kind = c.stage.group();
        let e = out.entry(kind).or_insert_with(|| StageEntry {
            cost_usd: Some(0.0),
            ..StageEntry::default()
        });
        e.calls += 1;
        e.prompt_tokens += c.usage.prompt_tokens;
        e.completion_tokens += c.usage.completion_tokens;
        e.cost_usd = e.cost_usd.zip(c.cost_usd).map(|(a, b)| a + b);
    }
    out
}

fn front_matter(a: &Article) -> String {
    let fm = FrontMatter {
        title: &a.headline,
        description: &a.deck,
        date: a.meta.date,
        author: &a.byline.name,
        persona: &a.byline.persona,
        language: &a.meta.language,
        perspectives: a.perspectives.iter().map(|p| p.label.as_str()).collect(),
        sources: a
            .sources
            .iter()
            .map(|s| SourceEntry {
                title: &s.title,
                url: s.url.as_deref(),
                publisher: s.publisher.as_deref(),
                fetched: s.fetched,
                passages: s.passage_span(),
            })
            .collect(),
        parallax: Meta {
            generator: &a.meta.generator,
            provider: &a.meta.provider,
            model: &a.meta.model,
            extractive: a.meta.extractive,
            usage: a.meta.usage.into(),
            cost_usd: a.meta.cost_usd.map(|c| (c * 1e6).round() / 1e6),
            calls: a.meta.calls.len(),
            cached_calls: a.meta.calls.iter().filter(|c| c.cached).count(),
            stages: stages(&a.meta.calls),
            elapsed_ms: a.meta.elapsed_ms,
            integrity: a.meta.integrity.as_ref().map(integrity),
            notes: &a.meta.notes,
        },
    };
    // Serialising a plain struct of strings and numbers cannot fail; fall back to an
    // empty mapping rather than panic if it ever did.
    serde_saphyr::to_string(&fm).unwrap_or_else(|_| "{}\n".into())
}

/// Text from a source or a model, made inert: HTML is escaped (`<`, `>`, `&`),
/// link, image, autolink and code syntax is neutralised, and a paragraph cannot
/// open a heading, list, quotation, code block or table. Whitespace is folded, so
/// nothing can start a new block.
pub(crate) fn inline(s: &str) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(folded.len() + 8);
    for c in folded.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '[' | ']' | '`' | '\\' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // An ordered-list marker ("1." or "1)") at the start opens a list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    match out.chars().next() {
        Some('#' | '-' | '+' | '*' | '=' | '|' | '_') => format!("\\{out}"),
        _ => out,
    }
}

/// A paragraph's text and its passage ids; `marks` gives the article's
/// quotations and the word for a translated one, when the persona asks.
fn cited(p: &Paragraph, marks: Option<(&[Quotation], &str)>) -> String {
    let text = match marks {
        Some((quotations, label)) => inline(&super::quotes::labelled(&p.text, quotations, label)),
        None => inline(&p.text),
    };
    if p.cites.is_empty() {
        text
    } else {
        format!("{text} [{}]", p.cites.join(", "))
    }
}

fn perspective(
    out: &mut String,
    p: &PerspectiveSection,
    labels: &Labels,
    marks: Option<(&[Quotation], &str)>,
) {
    if p.subhead.trim() == p.label.trim() {
        let _ = writeln!(out, "### {}\n", inline(&p.label));
    } else {
        let _ = writeln!(out, "### {}: {}\n", inline(&p.label), inline(&p.subhead));
    }
    for (label, part) in [
        (labels.stated_position, &p.position),
        (labels.reasons, &p.reasons),
        (labels.implications, &p.implications),
    ] {
        // A part left out for every side is not printed as an empty heading.
        if part.text.trim().is_empty() {
            continue;
        }
        let _ = writeln!(out, "**{label}.** {}\n", cited(part, marks));
    }
}

impl Render for Markdown {
    fn render(&self, a: &Article) -> Result<String, TemplateError> {
        Ok({
            let labels = labels::for_language(&a.meta.language);
            let marks = self
                .mark_translations
                .then_some((a.quotations.as_slice(), labels.translated));
            let mut out = format!("---\n{}---\n\n", front_matter(a));
            let _ = writeln!(out, "# {}\n", inline(&a.headline));
            let _ = writeln!(out, "*{}*\n", inline(&a.deck));
            if let Some(q) = &a.pull_quote {
                let _ = writeln!(out, "> “{}”\n", inline(q));
            }
            let _ = writeln!(out, "{}\n", cited(&a.lede, marks));
            for s in &a.sections {
                let _ = writeln!(out, "## {}\n", inline(&s.subhead));
                for p in &s.paragraphs {
                    let _ = writeln!(out, "{}\n", cited(p, marks));
                }
            }
            let _ = writeln!(out, "## {}\n", labels.sides_heading);
            for p in &a.perspectives {
                perspective(&mut out, p, labels, marks);
            }
            if let Some(c) = &a.closing {
                let _ = writeln!(out, "## {}\n\n{}\n", labels.what_to_watch, cited(c, marks));
            }
            let _ = writeln!(out, "---\n\n## {}\n", labels.about_author);
            let _ = writeln!(
                out,
                "**{}** · {}\n\n{}\n",
                inline(&a.byline.name),
                inline(&a.byline.beat),
                inline(&a.byline.bio)
            );
            let _ = writeln!(out, "## {}\n", labels.sources);
            for s in &a.sources {
                let _ = writeln!(out, "{}", source_line(s));
            }
            if !a.related.is_empty() {
                let _ = writeln!(out, "\n## {}\n", labels.related);
                for r in &a.related {
                    // Ids are file stems; anything that is not one is not linked.
                    let id_ok = !r.id.is_empty()
                        && r.id
                            .chars()
                            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                        && !r.id.starts_with('.');
                    if id_ok {
                        let _ = writeln!(
                            out,
                            "- [{}]({}.md) — {}",
                            inline(&r.headline),
                            r.id,
                            inline(&r.deck)
                        );
                    } else {
                        let _ = writeln!(out, "- {} — {}", inline(&r.headline), inline(&r.deck));
                    }
                }
            }
            for n in &a.meta.notes {
                let _ = write!(out, "\n*{}*\n", inline(n));
            }
            out
        })
    }
}

#[cfg(test)]
mod props;

/// One source as the list under the article gives it: title, publisher, date,
/// address (a link only to a checked web address), licence and provenance
/// notes, and its passages.
fn source_line(s: &crate::article::SourceRef) -> String {
    let mut line = format!("{}. {}", s.index, inline(&s.title));
    if let Some(p) = &s.publisher {
        let _ = write!(line, " — {}", inline(p));
    }
    if let Some(d) = &s.published {
        let _ = write!(line, ", {}", inline(&d.to_string()));
    }
    if let Some(u) = s.url.as_deref().and_then(super::html::safe_url) {
        let _ = write!(line, " <{u}>");
    } else if let Some(u) = &s.url {
        let _ = write!(line, " ({})", inline(u));
    }
    let notes = s.notes();
    if !notes.is_empty() {
        let _ = write!(line, " · {}", inline(&notes));
    }
    let _ = write!(line, " ({})", s.passage_span());
    line
}
