//! Static sites: each approved story becomes a page bundle in a Hugo or Zola
//! content folder: `index.md` (or `index.LANG.md` per edition) with front
//! matter in the generator's TOML, the article's Markdown, the article's own
//! page as an asset and its provenance beside it. The page's date is the
//! article's in UTC, and never later than today, so a generator never skips it
//! as a page from the future. Text a source or a model wrote stays text: a
//! generator's shortcodes (`{{< … >}}`, `{{ … }}`, `{% … %}`) are written so
//! that no generator runs them.

use crate::article::Article;
use crate::clock::Date;
use crate::config::SiteKind;

/// One story's page: the article and the files written for it.
pub(crate) struct Page<'a> {
    pub(crate) article: &'a Article,
    /// The article's Markdown, its own front matter taken off.
    pub(crate) body: &'a str,
    /// The article's HTML page, if it was written.
    pub(crate) html: Option<&'a str>,
    /// The article's provenance record, if it was written.
    pub(crate) provenance: Option<&'a str>,
    /// The article's JSON record, kept in the bundle so that an update can say
    /// what changed.
    pub(crate) record: &'a str,
    /// The article as last published here, when this is an update.
    pub(crate) before: Option<&'a Article>,
    /// The edition's language when the story was written in several.
    pub(crate) edition: Option<&'a str>,
    /// Published as a draft (an unapproved story under `--all`).
    pub(crate) draft: bool,
}

/// The bundle's files, by name inside the story's folder.
pub(crate) fn bundle(kind: SiteKind, page: &Page<'_>, today: Date) -> Vec<(String, String)> {
    let suffix = page.edition.map(|l| format!(".{l}")).unwrap_or_default();
    let note = page
        .before
        .and_then(|before| updated(before, page.article, today))
        .unwrap_or_default();
    let mut files = vec![
        (
            format!("index{suffix}.md"),
            format!(
                "{}\n{}{}\n\n{}\n",
                front_matter(kind, page, today),
                inert(&note),
                inert(page.body.trim_end()).trim_start(),
                integrity(page.article)
            ),
        ),
        (format!("article{suffix}.json"), page.record.to_string()),
    ];
    if let Some(html) = page.html {
        files.push((format!("article{suffix}.html"), html.to_string()));
    }
    if let Some(p) = page.provenance {
        files.push((format!("provenance{suffix}.json"), p.to_string()));
    }
    files
}

/// TOML front matter in the generator's fields.
fn front_matter(kind: SiteKind, page: &Page<'_>, today: Date) -> String {
    let a = page.article;
    let text = |s: &str| toml::Value::String(s.to_string()).to_string();
    let date = a.meta.date.min(today);
    let mut out = String::from("+++\n");
    out.push_str(&format!("title = {}\n", text(&a.headline)));
    out.push_str(&format!("description = {}\n", text(&a.deck)));
    match kind {
        SiteKind::Hugo => out.push_str(&format!("date = {date}T00:00:00Z\n")),
        SiteKind::Zola => out.push_str(&format!("date = {date}\n")),
    }
    out.push_str(&format!("draft = {}\n", page.draft));
    out.push_str(match kind {
        SiteKind::Hugo => "\n[params]\n",
        SiteKind::Zola => "\n[extra]\n",
    });
    out.push_str(&format!("byline = {}\n", text(&a.byline.name)));
    out.push_str(&format!("persona = {}\n", text(&a.byline.persona)));
    out.push_str(&format!("language = {}\n", text(&a.meta.language)));
    out.push_str("+++\n");
    out
}

/// The facts (numbers, amounts, percentages, dates) the article states now and
/// did not before, and those it no longer states: the reader's "Updated" line,
/// none when no fact changed.
pub(crate) fn updated(before: &Article, now: &Article, today: Date) -> Option<String> {
    let facts = |a: &Article| -> std::collections::BTreeSet<String> {
        let doc = crate::check::Doc::from_article(a);
        doc.blocks
            .iter()
            .flat_map(|b| crate::check::claims::extract(&b.text))
            .filter(|f| !matches!(f.claim, crate::check::claims::Claim::Quote(_)))
            .map(|f| f.text)
            .collect()
    };
    let (was, is) = (facts(before), facts(now));
    let added: Vec<&str> = is.difference(&was).map(String::as_str).collect();
    let gone: Vec<&str> = was.difference(&is).map(String::as_str).collect();
    if added.is_empty() && gone.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("now states {}", added.join(", ")));
    }
    if !gone.is_empty() {
        parts.push(format!("no longer states {}", gone.join(", ")));
    }
    Some(format!(
        "*Updated {today}: this article {}.*\n\n",
        parts.join("; ")
    ))
}

/// The integrity line a reader sees under the article, in its language: all
/// checks passed, or how many findings the checks left.
pub(super) fn integrity(a: &Article) -> String {
    let l = crate::lang::labels::for_language(&a.meta.language);
    match a.meta.integrity.as_ref().map(|r| r.findings.len()) {
        Some(0) => format!("*{}: {}.*", l.integrity, l.passed),
        Some(n) => format!("*{}: {n} {}.*", l.integrity, l.findings),
        None => String::new(),
    }
}

/// `body` with every generator's template and shortcode openers made text:
/// `{{` and `{%` become `{` and an HTML entity, which a page shows as written.
fn inert(body: &str) -> String {
    body.replace("{{", "{&#123;").replace("{%", "{&#37;")
}

#[cfg(test)]
mod tests;
