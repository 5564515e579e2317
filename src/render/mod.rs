//! Renderers turn the typed article into files. Each format is one small module
//! behind the [`Render`] trait.

pub mod markdown;

use crate::article::Article;

/// One output format.
pub trait Render {
    /// File extension, without the dot.
    fn extension(&self) -> &'static str;
    fn render(&self, article: &Article) -> String;
}

pub use markdown::Markdown;
