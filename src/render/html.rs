//! A self-contained HTML page: inline CSS, no script, no external request (a
//! Content-Security-Policy says so), light and dark schemes, the perspectives side
//! by side. Everything from a model or a source is escaped by the template engine;
//! only http(s) links are ever made links. The template is a minijinja file,
//! overridable like the prompts.

use std::collections::BTreeMap;
use std::path::PathBuf;

use minijinja::Environment;
use serde::Serialize;

use crate::article::Article;
use crate::lang::labels;
use crate::prompt::TemplateError;

/// The built-in page template.
pub(crate) const TEMPLATE: &str = include_str!("../../templates/article.html.j2");
/// Its file name, for overrides.
pub(crate) const TEMPLATE_NAME: &str = crate::prompt::PAGE_TEMPLATE;

pub(crate) struct Html {
    env: Environment<'static>,
    /// Where the page template came from (`builtin:article.html.j2` or a path).
    pub(crate) origin: String,
    /// SHA-256 of the template's text, for provenance.
    pub(crate) sha256: String,
}

#[derive(Serialize)]
struct SourceView<'a> {
    index: usize,
    title: &'a str,
    url: Option<&'a str>,
    publisher: Option<&'a str>,
    published: Option<crate::clock::Published>,
    passages: String,
    /// A gathered item's licence line and provenance flags.
    notes: String,
}

#[derive(Serialize)]
struct RelatedView<'a> {
    href: String,
    headline: &'a str,
    deck: &'a str,
}

#[derive(Serialize)]
struct Bar<'a> {
    label: &'a str,
    percent: u32,
}

#[derive(Serialize)]
struct IntegrityView<'a> {
    passed: bool,
    findings: Vec<FindingView<'a>>,
    balance: Vec<Bar<'a>>,
    revised: &'a [crate::stage::Section],
    glossary: Vec<BTreeMap<&'static str, &'a str>>,
}

/// A finding, with the number of its mark in the article (if it has a place).
#[derive(Serialize)]
struct FindingView<'a> {
    #[serde(flatten)]
    finding: &'a crate::check::Finding,
    mark: Option<usize>,
}

/// `url` if it is an http(s) address, else nothing: no `javascript:` or `data:` link.
pub(crate) fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    ((lower.starts_with("https://") || lower.starts_with("http://")) && !u.contains(['"', '<', '>', ' ']))
        .then_some(u)
}

impl Html {
    /// The page template: `article.html.j2` from the first of `dirs` that has one,
    /// else the built-in.
    pub(crate) fn load(dirs: &[PathBuf]) -> Result<Html, TemplateError> {
        let found = dirs.iter().map(|d| d.join(TEMPLATE_NAME)).find(|p| p.is_file());
        let (origin, text) = match &found {
            Some(p) => (
                p.display().to_string(),
                crate::fsutil::read_text(p, crate::fsutil::MAX_SMALL_FILE).map_err(|e| TemplateError {
                    file: p.display().to_string(),
                    line: None,
                    column: None,
                    message: format!("cannot read: {e}"),
                })?,
            ),
            None => (format!("builtin:{TEMPLATE_NAME}"), TEMPLATE.to_string()),
        };
        let mut env = crate::template::environment(crate::template::Output::Html);
        env.add_filter("originals", originals);
        let with_macro = format!("{CITES_MACRO}{text}");
        env.add_template_owned(TEMPLATE_NAME, with_macro)
            .map_err(|e| TemplateError {
                file: origin.clone(),
                line: e.line().map(|l| l.saturating_sub(CITES_MACRO.lines().count())),
                column: None,
                message: e.to_string(),
            })?;
        let sha256 = crate::fsutil::sha256_hex(text.as_bytes());
        Ok(Html { env, origin, sha256 })
    }

    /// The page, or the template's error.
    pub(crate) fn page(&self, a: &Article) -> Result<String, TemplateError> {
        let labels = labels::for_language(&a.meta.language);
        let source_of: BTreeMap<&str, usize> = a
            .sources
            .iter()
            .flat_map(|s| s.passages.iter().map(move |p| (p.as_str(), s.index)))
            .collect();
        let sources: Vec<SourceView> = a
            .sources
            .iter()
            .map(|s| SourceView {
                index: s.index,
                title: &s.title,
                url: s.url.as_deref().and_then(safe_url),
                publisher: s.publisher.as_deref(),
                published: s.published,
                passages: s.passage_span(),
                notes: s.notes(),
            })
            .collect();
        let related: Vec<RelatedView> = a
            .related
            .iter()
            .map(|r| RelatedView {
                href: r.file("html"),
                headline: &r.headline,
                deck: &r.deck,
            })
            .collect();
        let marks = super::marks::of(a);
        let integrity = a.meta.integrity.as_ref().map(|r| integrity_view(a, r, &marks));
        let ctx = serde_json::json!({
            "a": a,
            "labels": labels,
            "sources": sources,
            "related": related,
            "integrity": integrity,
            "source_of": source_of,
            "marks": marks.by_place(),
        });
        let tmpl = self.env.get_template(TEMPLATE_NAME).map_err(|e| TemplateError {
            file: TEMPLATE_NAME.into(),
            line: None,
            column: None,
            message: e.to_string(),
        })?;
        tmpl.render(minijinja::value::Serde(&ctx))
            .map_err(|e| TemplateError {
                file: TEMPLATE_NAME.into(),
                line: e.line().map(|l| l.saturating_sub(CITES_MACRO.lines().count())),
                column: None,
                message: e.to_string(),
            })
    }
}

/// The integrity box: findings (with their marks' numbers), balance bars,
/// revised sections and disputed terms.
fn integrity_view<'a>(
    a: &'a Article,
    r: &'a crate::check::Report,
    marks: &super::marks::Marks,
) -> IntegrityView<'a> {
    IntegrityView {
        passed: r.passed(),
        findings: r
            .findings
            .iter()
            .enumerate()
            .map(|(n, finding)| FindingView {
                finding,
                mark: marks.numbered(n),
            })
            .collect(),
        balance: r
            .balance
            .iter()
            .map(|s| Bar {
                label: a
                    .perspectives
                    .iter()
                    .find(|p| p.id == s.perspective)
                    .map_or(&s.perspective, |p| &p.label),
                percent: (s.share * 100.0).round() as u32,
            })
            .collect(),
        revised: &r.revised,
        glossary: r
            .glossary
            .iter()
            .map(|t| {
                BTreeMap::from([
                    ("term", t.term.as_str()),
                    ("state", if t.ok { "ok" } else { "violated" }),
                ])
            })
            .collect(),
    }
}

/// `{{ text | originals }}`: the text, escaped, with each translated quotation
/// marked and its original (and passage) on hover and in print.
fn originals(state: &minijinja::State, text: String) -> minijinja::Value {
    use minijinja::HtmlEscape;
    use serde::Deserialize;
    // The article's own list, as the page's context holds it.
    let quotations = state
        .lookup("a")
        .and_then(|a| a.get_attr("quotations").ok())
        .and_then(|q| Vec::<crate::article::Quotation>::deserialize(q).ok())
        .unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (r, q) in super::quotes::translated(&text, &quotations) {
        out.push_str(&HtmlEscape(&text[at..r.start]).to_string());
        let said = q
            .original
            .as_ref()
            .map_or(String::new(), |o| format!("{} ({})", o.text, o.passage));
        out.push_str(&format!(
            "<span class=\"translated\" tabindex=\"0\" title=\"{0}\" data-original=\"{0}\">{1}</span>",
            HtmlEscape(&said),
            HtmlEscape(&text[r.clone()])
        ));
        at = r.end;
    }
    out.push_str(&HtmlEscape(&text[at..]).to_string());
    minijinja::Value::from_safe_string(out)
}

/// Citation markers, linked to the source they come from. Defined before the
/// page so an overriding template gets it too.
const CITES_MACRO: &str = concat!(
    "{% macro cites(p) %}{% if p.cites %} <span class=\"cite\">[{% for c in p.cites %}<a href=\"#source-{{ source_of[c] | default(0) }}\">{{ c }}</a>{% if not loop.last %}, {% endif %}{% endfor %}]</span>{% endif %}{% endmacro %}",
    "{% macro review(place) %}{% for m in marks[place] | default([]) %}<mark class=\"review{% if m.built %} built{% endif %}\" id=\"finding-{{ m.n }}\" tabindex=\"0\" title=\"{{ m.text }}\"><span class=\"flag\">{{ m.kind }}</span><span class=\"finding-text\">{{ m.text }}</span></mark>{% endfor %}{% endmacro %}\n"
);

#[cfg(test)]
mod tests;

impl super::Render for Html {
    fn render(&self, article: &Article) -> Result<String, TemplateError> {
        self.page(article)
    }
}
