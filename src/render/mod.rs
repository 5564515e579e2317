//! Renderers turn the typed article into files: Markdown with front matter, a
//! self-contained HTML page, and JSON; plus a terminal preview.

pub mod html;
pub mod json;
pub mod markdown;
mod marks;
pub mod quotes;
pub mod terminal;

use crate::article::Article;
use crate::error::TemplateError;

/// One output format. Rendering can fail (a user's HTML template may not fit the
/// article), so every format answers with a `Result`.
pub trait Render {
    /// File extension, without the dot.
    fn extension(&self) -> &'static str;
    fn render(&self, article: &Article) -> Result<String, TemplateError>;
}

pub use html::Html;
pub use json::Json;
pub use markdown::Markdown;

/// The formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Md,
    Html,
    Json,
}

impl Format {
    pub fn extension(&self) -> &'static str {
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
