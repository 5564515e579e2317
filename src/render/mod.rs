//! Renderers turn the typed article into files: Markdown with front matter, a
//! self-contained HTML page, and JSON; plus a terminal preview.

pub mod html;
pub mod json;
pub mod markdown;
pub mod terminal;

use crate::article::Article;

/// One output format.
pub trait Render {
    /// File extension, without the dot.
    fn extension(&self) -> &'static str;
    fn render(&self, article: &Article) -> String;
}

pub use html::Html;
pub use json::Json;
pub use markdown::Markdown;

/// The formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
