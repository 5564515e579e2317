//! Prompt templates: minijinja files, built into the binary and overridable file by
//! file from a `prompts/` folder. Strict about undefined variables, and source text
//! only ever enters as data inside a fenced block.

pub(crate) use crate::error::TemplateError;
use std::collections::BTreeMap;

use std::path::{Path, PathBuf};

use minijinja::Environment;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::llm::{Message, Role};
use crate::persona::Persona;
use crate::source::{Passage, Source};

/// The HTML page's template, which may sit beside the prompt templates (and be
/// ejected with them) but is not a prompt: `render::html` loads it.
pub(crate) const PAGE_TEMPLATE: &str = "article.html.j2";

/// The built-in templates, by file name.
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    ("system.j2", include_str!("../prompts/system.j2")),
    ("_sources.j2", include_str!("../prompts/_sources.j2")),
    ("brief.j2", include_str!("../prompts/brief.j2")),
    ("lede.j2", include_str!("../prompts/lede.j2")),
    ("perspective.j2", include_str!("../prompts/perspective.j2")),
    ("finish.j2", include_str!("../prompts/finish.j2")),
    ("revise.j2", include_str!("../prompts/revise.j2")),
];

/// The top-level variables some stage provides; a template that uses any other
/// name fails `personas check`.
pub(crate) const VARIABLES: &[&str] = &[
    "persona",
    "sources",
    "passages",
    "fence",
    "budget",
    "brief",
    "perspective",
    "draft",
    "current",
    "findings",
];

/// Bounds the work any one template may do, so a runaway loop cannot hang a batch.
const FUEL: u64 = 5_000_000;

/// Line and column (1-based) of the first use of `var` as a whole word.
fn first_use(text: &str, var: &str) -> Option<(usize, usize)> {
    let i = text.match_indices(var).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + var.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(before) && !word(after)
    })?;
    let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
    Some((
        crate::fsutil::line_at(text, i),
        text[line_start..i].chars().count() + 1,
    ))
}

/// The loaded templates and where each came from.
pub(crate) struct Prompts {
    env: Environment<'static>,
    origins: BTreeMap<String, String>,
    sources: BTreeMap<String, String>,
}

impl Prompts {
    /// Built-ins, overridden by same-named `*.j2` files in `dirs` (earlier wins).
    pub(crate) fn load(dirs: &[PathBuf]) -> Result<Self, TemplateError> {
        let mut chosen: BTreeMap<String, (String, String)> = BUILTIN
            .iter()
            .map(|(n, s)| (n.to_string(), (format!("builtin:{n}"), s.to_string())))
            .collect();
        for dir in dirs.iter().rev() {
            for (name, path) in template_files(dir) {
                let text = crate::fsutil::read_text(&path, crate::fsutil::MAX_SMALL_FILE).map_err(|e| {
                    TemplateError {
                        file: path.display().to_string(),
                        line: None,
                        column: None,
                        message: format!("cannot read: {e}"),
                    }
                })?;
                chosen.insert(name, (path.display().to_string(), text));
            }
        }
        let mut env = crate::template::environment(crate::template::Output::Text);
        env.set_fuel(Some(FUEL));
        let mut origins = BTreeMap::new();
        let mut sources = BTreeMap::new();
        for (name, (origin, text)) in chosen {
            env.add_template_owned(name.clone(), text.clone())
                .map_err(|e| to_error(&e, &origin, &text))?;
            origins.insert(name.clone(), origin);
            sources.insert(name, text);
        }
        Ok(Self {
            env,
            origins,
            sources,
        })
    }

    /// Where the template `name` was loaded from.
    pub(crate) fn origin(&self, name: &str) -> Option<&str> {
        self.origins.get(name).map(String::as_str)
    }

    /// All templates with their origins, for provenance.
    pub(crate) fn origins(&self) -> &BTreeMap<String, String> {
        &self.origins
    }

    /// Each template's origin and the SHA-256 of its text, for provenance.
    pub(crate) fn fingerprints(&self) -> BTreeMap<String, (String, String)> {
        self.sources
            .iter()
            .map(|(name, text)| {
                let origin = self.origins.get(name).cloned().unwrap_or_default();
                (name.clone(), (origin, sha256_hex(text.as_bytes())))
            })
            .collect()
    }

    /// Templates that use a top-level variable no stage provides, each with the
    /// file, line and column of its first use and a suggestion.
    pub(crate) fn unknown_variables(&self) -> Vec<TemplateError> {
        let mut out = Vec::new();
        for (name, text) in &self.sources {
            let Ok(t) = self.env.get_template(name) else {
                continue;
            };
            let mut unknown: Vec<String> = t
                .undeclared_variables(false)
                .into_iter()
                .filter(|v| !VARIABLES.contains(&v.as_str()))
                .collect();
            unknown.sort();
            for var in unknown {
                let at = first_use(text, &var);
                let near = VARIABLES
                    .iter()
                    .min_by_key(|k| crate::frontmatter::edit_distance(&var, k));
                let hint = near
                    .filter(|k| crate::frontmatter::edit_distance(&var, k) <= 2)
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                out.push(TemplateError {
                    file: self.origins.get(name).cloned().unwrap_or_else(|| name.clone()),
                    line: at.map(|(l, _)| l),
                    column: at.map(|(_, c)| c),
                    message: format!(
                        "unknown variable `{var}`{hint}; templates can use {}",
                        VARIABLES.join(", ")
                    ),
                });
            }
        }
        out
    }

    /// Render one template with `ctx`.
    #[cfg(test)]
    pub(crate) fn render(&self, name: &str, ctx: &serde_json::Value) -> Result<String, TemplateError> {
        self.render_in(name, &minijinja::Value::from(minijinja::value::Serde(ctx)))
    }

    /// Render one template with a context already made a template value (a
    /// request's templates share one, rather than converting it each time).
    fn render_in(&self, name: &str, ctx: &minijinja::Value) -> Result<String, TemplateError> {
        let origin = self.origin(name).unwrap_or(name).to_string();
        let tmpl = self.env.get_template(name).map_err(|_| TemplateError {
            file: origin.clone(),
            line: None,
            column: None,
            message: format!("no template named `{name}`"),
        })?;
        tmpl.render(ctx).map_err(|e| {
            // An error inside an included template names that template.
            let file = e
                .name()
                .and_then(|n| self.origin(n))
                .unwrap_or(&origin)
                .to_string();
            let text = e
                .name()
                .and_then(|n| self.sources.get(n))
                .map(String::as_str)
                .unwrap_or("");
            to_error(&e, &file, text)
        })
    }

    /// The messages of one stage (the shared system prompt and the stage's
    /// task), and `also` these templates rendered with the
    /// same context (converted for the templates once).
    pub(crate) fn messages_and(
        &self,
        stage_template: &str,
        ctx: &serde_json::Value,
        also: &[&str],
    ) -> Result<(Vec<Message>, Vec<String>), TemplateError> {
        self.messages_in(
            stage_template,
            &minijinja::Value::from(minijinja::value::Serde(ctx)),
            also,
        )
    }

    /// [`Prompts::messages_and`] with a context already made a template value.
    pub(crate) fn messages_in(
        &self,
        stage_template: &str,
        ctx: &minijinja::Value,
        also: &[&str],
    ) -> Result<(Vec<Message>, Vec<String>), TemplateError> {
        let messages = vec![
            Message::new(Role::System, self.render_in("system.j2", ctx)?),
            Message::new(Role::User, self.render_in(stage_template, ctx)?),
        ];
        let also = also
            .iter()
            .map(|t| self.render_in(t, ctx))
            .collect::<Result<_, _>>()?;
        Ok((messages, also))
    }
}

fn template_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "j2") && p.is_file())
        .filter(|p| p.file_name().is_none_or(|n| n != PAGE_TEMPLATE))
        .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), p.clone())))
        .collect();
    out.sort();
    out
}

fn to_error(e: &minijinja::Error, file: &str, text: &str) -> TemplateError {
    let mut message = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    if e.kind() == minijinja::ErrorKind::UndefinedError {
        if let Some(expr) = e.range().and_then(|r| text.get(r)) {
            message = format!("undefined variable `{}`", expr.trim());
        } else {
            message = format!("undefined variable ({message})");
        }
    } else if e.detail().is_some() {
        message = format!("{}: {message}", e.kind());
    }
    let column = e.range().and_then(|r| {
        let start = text.get(..r.start)?;
        Some(start.len() - start.rfind('\n').map_or(0, |n| n + 1) + 1)
    });
    TemplateError {
        file: file.to_string(),
        line: e.line(),
        column,
        message,
    }
}

/// What templates see of a source (its passages are listed separately).
#[derive(Debug, Serialize)]
struct SourceView {
    index: usize,
    title: String,
    publisher: Option<String>,
    published: Option<crate::clock::Published>,
    url: Option<String>,
}

/// The context every stage shares: persona, sources, passages and the fence.
/// Source-derived text is neutralised so it cannot close the fence.
pub(crate) fn base_context(
    persona: &Persona,
    sources: &[Source],
    length_words: u32,
    fence_key: &str,
) -> serde_json::Value {
    let passages: Vec<Passage> = sources
        .iter()
        .flat_map(|s| s.passages.iter())
        .map(|p| Passage {
            text: defuse(&p.text),
            statements: p
                .statements
                .iter()
                .map(|s| crate::source::Statement {
                    speaker: defuse(&s.speaker),
                    verb: defuse(&s.verb),
                    content: defuse(&s.content),
                    quote: s.quote.as_deref().map(defuse),
                    ..s.clone()
                })
                .collect(),
            ..p.clone()
        })
        .collect();
    let views: Vec<SourceView> = sources
        .iter()
        .map(|s| SourceView {
            index: s.index,
            title: one_line(s.meta.title.as_deref().unwrap_or(&format!("Source {}", s.index))),
            publisher: s.meta.publisher.as_deref().map(one_line),
            published: s.meta.published,
            url: s.meta.url.as_deref().map(one_line),
        })
        .collect();
    let n = persona.spec.perspectives.len().max(1) as u32;
    serde_json::json!({
        "persona": persona,
        "sources": views,
        "passages": passages,
        "fence": { "nonce": nonce(fence_key, &passages) },
        "budget": {
            "total_words": length_words,
            "lede_words": length_words * 35 / 100,
            "perspective_words": length_words * 55 / 100 / n,
        },
    })
}

pub(crate) use crate::fsutil::sha256_hex;

/// A fence marker derived from the passages themselves: stable for caching, and no
/// source can contain the hash of its own text.
fn nonce(fence_key: &str, passages: &[Passage]) -> String {
    let mut h = Sha256::new();
    // A key of this installation's (empty for previews): with it, no page author
    // can compute the fence from the text they wrote.
    if !fence_key.is_empty() {
        h.update(fence_key.as_bytes());
        h.update([0]);
    }
    for p in passages {
        h.update(p.id.as_str().as_bytes());
        h.update([0]);
        h.update(p.text.as_bytes());
        h.update([0]);
    }
    crate::fsutil::hex(&h.finalize()[..8])
}

/// The tags that fence untrusted text in prompts: source passages, and earlier
/// model answers built from them.
pub(crate) const FENCE_TAGS: &[&str] = &["sources", "draft"];

/// Make untrusted text unable to open or close a fenced block: a `<` that starts
/// one of the [`FENCE_TAGS`] (or its closing tag) becomes `‹`.
pub(crate) fn defuse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        // `</sources`, `< / sources`, `＜sources`: any opening or closing of a
        // fence tag, whatever the spacing or the width of the bracket.
        let rest = s[i + c.len_utf8()..]
            .trim_start_matches(|ch: char| ch == '/' || ch == '／' || ch.is_whitespace());
        let opens_tag = FENCE_TAGS
            .iter()
            .any(|t| rest.get(..t.len()).is_some_and(|w| w.eq_ignore_ascii_case(t)));
        let bracket = matches!(c, '<' | '＜' | '﹤' | '〈' | '‹');
        out.push(if bracket && opens_tag { '‹' } else { c });
    }
    out
}

/// A metadata field on one line, defused: a newline in a page's title cannot
/// start a prompt line of its own.
fn one_line(s: &str) -> String {
    defuse(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// [`defuse`] every string in a JSON value: for model answers fed to later rounds.
pub(crate) fn defuse_value(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(defuse(s)),
        Value::Array(a) => Value::Array(a.iter().map(defuse_value).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), defuse_value(v))).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests;
