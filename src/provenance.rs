//! The provenance record written beside each article: hashes of the persona,
//! templates and sources, the provider and parameters, every call with its cache
//! keys, usage, cost, timings and the integrity report. Enough to reproduce the
//! article from the response cache; never a secret.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::article::{Article, CallRecord};
use crate::check::Report;
use crate::config::StageModels;
use crate::fsutil::sha256_hex;
use crate::llm::{ProviderRecord, Usage};
use crate::pipeline::Job;
use crate::render::{Html, html::TEMPLATE_NAME};
use crate::source::PassageId;

#[derive(Debug, Serialize)]
pub(crate) struct FileRecord {
    pub(crate) origin: String,
    pub(crate) sha256: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct SourceRecord {
    pub(crate) index: usize,
    pub(crate) origin: String,
    pub(crate) title: Option<String>,
    pub(crate) url: Option<String>,
    /// When a URL source was fetched (RFC 3339).
    pub(crate) fetched: Option<crate::clock::Instant>,
    pub(crate) sha256: String,
    pub(crate) passages: Vec<PassageId>,
    /// A gathered item's licence line and provenance flags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) licence: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) provenance: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Parameters {
    pub(crate) models: StageModels,
    pub(crate) temperature: Option<f32>,
    pub(crate) max_tokens: u32,
    pub(crate) date: crate::clock::Date,
}

#[derive(Debug, Serialize)]
pub(crate) struct Provenance<'a> {
    pub(crate) generator: &'static str,
    pub(crate) created: crate::clock::Instant,
    pub(crate) persona: FileRecord,
    pub(crate) templates: BTreeMap<String, FileRecord>,
    pub(crate) sources: Vec<SourceRecord>,
    pub(crate) provider: ProviderRecord,
    pub(crate) parameters: Parameters,
    pub(crate) calls: &'a [CallRecord],
    pub(crate) usage: Usage,
    pub(crate) cost_usd: Option<f64>,
    pub(crate) elapsed_ms: u64,
    pub(crate) integrity: Option<&'a Report>,
}

/// The record of `article`, drafted from `job` by `provider`.
pub(crate) fn build<'a>(
    job: &Job<'_>,
    article: &'a Article,
    provider: ProviderRecord,
    html: &Html,
    root: &Path,
) -> Provenance<'a> {
    // A file of the project is named from the project folder, as sources are:
    // the record says nothing of where the project sits on this machine.
    let relative = |origin: &str| match Path::new(origin).strip_prefix(root) {
        Ok(rel) if Path::new(origin).is_absolute() => rel.display().to_string(),
        _ => origin.to_string(),
    };
    let o = job.options;
    let mut templates: BTreeMap<String, FileRecord> = job
        .prompts
        .fingerprints()
        .into_iter()
        .map(|(name, (origin, sha256))| {
            let origin = relative(&origin);
            (name, FileRecord { origin, sha256 })
        })
        .collect();
    templates.insert(
        TEMPLATE_NAME.into(),
        FileRecord {
            origin: relative(&html.origin),
            sha256: html.sha256.clone(),
        },
    );
    Provenance {
        generator: concat!("parallax ", env!("CARGO_PKG_VERSION")),
        created: crate::clock::now(),
        persona: FileRecord {
            origin: relative(&job.persona.origin),
            sha256: sha256_hex(job.persona.raw.as_bytes()),
        },
        templates,
        sources: job
            .sources
            .iter()
            .map(|s| SourceRecord {
                index: s.index,
                origin: s.origin.clone(),
                title: s.meta.title.clone(),
                url: s.meta.url.clone(),
                fetched: s.meta.fetched,
                sha256: sha256_hex(s.raw.as_bytes()),
                passages: s.passages.iter().map(|p| p.id.clone()).collect(),
                licence: s.meta.licence.clone(),
                provenance: s.meta.provenance.clone(),
            })
            .collect(),
        provider,
        parameters: Parameters {
            models: o.models.clone(),
            temperature: o.temperature,
            max_tokens: o.max_tokens,
            date: o.date,
        },
        calls: &article.meta.calls,
        usage: article.meta.usage,
        cost_usd: article.meta.cost_usd,
        elapsed_ms: article.meta.elapsed_ms,
        integrity: article.meta.integrity.as_ref(),
    }
}
