//! The article as JSON for CMSs and scripts: the typed article with a
//! `schema_version`, described by the JSON Schema in `docs/article.schema.json`.

use schemars::JsonSchema;
use serde::Serialize;

use super::Render;
use crate::article::Article;
use crate::error::TemplateError;

/// Bumped when a field changes meaning or goes away (adding fields keeps it).
pub(crate) const SCHEMA_VERSION: &str = "1";

/// The JSON document: the article and the version of its shape.
#[derive(Serialize, JsonSchema)]
pub(crate) struct Document<'a> {
    /// Version of this document's shape.
    pub(crate) schema_version: &'static str,
    #[serde(flatten)]
    pub(crate) article: &'a Article,
}

/// The JSON Schema of an article's JSON record, as published in
/// `docs/article.schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Document<'static>);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

pub(crate) struct Json;

impl Render for Json {
    fn render(&self, article: &Article) -> Result<String, TemplateError> {
        Ok({
            let doc = Document {
                schema_version: SCHEMA_VERSION,
                article,
            };
            let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            text.push('\n');
            text
        })
    }
}
