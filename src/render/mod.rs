//! Renderers turn the typed article into files: Markdown with front matter, a
//! self-contained HTML page, and JSON; plus a terminal preview.

pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod markdown;
mod marks;
pub(crate) mod quotes;
pub(crate) mod terminal;

use crate::article::Article;
use crate::error::TemplateError;

/// One output format. Rendering can fail (a user's HTML template may not fit the
/// article), so every format answers with a `Result`.
pub(crate) trait Render {
    fn render(&self, article: &Article) -> Result<String, TemplateError>;
}

pub(crate) use html::Html;
pub(crate) use json::Json;
pub(crate) use markdown::Markdown;

/// The formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Md,
    Html,
    Json,
}

impl Format {
    pub(crate) fn extension(&self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Md),
            "html" | "htm" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            _ => Err(format!("`{s}` is not a format (md, html, json)")),
        }
    }
}
