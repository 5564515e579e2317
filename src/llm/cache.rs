//! A content-addressed cache of model answers on disk, so rerunning an article
//! costs nothing. The key hashes everything that shapes an answer (protocol, base
//! URL, model, messages, schema, parameters) and never the API key.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{ChatRequest, ChatResponse, Usage};
use crate::fsutil::write_atomic;

/// Bump when the meaning of a cached entry changes.
const FORMAT: u32 = 1;

#[derive(Debug, Clone)]
pub(crate) struct Cache {
    dir: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    format: u32,
    stage: super::Label,
    model: super::Model,
    content: String,
    usage: Usage,
    finish_reason: Option<String>,
    created: crate::clock::Instant,
}

impl Cache {
    pub(crate) fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The hex key of a request sent to `endpoint` (protocol and base URL).
    pub(crate) fn key(endpoint: &str, req: &ChatRequest) -> String {
        let material = json!({
            "format": FORMAT,
            "endpoint": endpoint,
            "model": req.model,
            "messages": req.messages,
            "schema": req.schema,
            "temperature": req.temperature,
            "max_tokens": req.max_tokens,
        });
        let digest = Sha256::digest(material.to_string().as_bytes());
        crate::fsutil::hex(&digest)
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    /// The cached answer, if any. A damaged entry counts as a miss.
    pub(crate) fn get(&self, key: &str) -> Option<ChatResponse> {
        let text = std::fs::read_to_string(self.path(key)).ok()?;
        let e: Entry = match serde_json::from_str(&text) {
            Ok(e) => e,
            Err(err) => {
                tracing::warn!("ignoring damaged cache entry {key}: {err}");
                return None;
            }
        };
        (e.format == FORMAT).then_some(ChatResponse {
            content: e.content,
            usage: e.usage,
            model: e.model,
            finish_reason: e.finish_reason,
            cached: true,
            cost_usd: Some(0.0),
            cache_key: None,
        })
    }

    /// Store an answer; failures are logged, never fatal.
    pub(crate) fn put(&self, key: &str, stage: &super::Label, answer: &ChatResponse) {
        let entry = Entry {
            format: FORMAT,
            stage: stage.clone(),
            model: answer.model.clone(),
            content: answer.content.clone(),
            usage: answer.usage,
            finish_reason: answer.finish_reason.clone(),
            created: crate::clock::now(),
        };
        let result = serde_json::to_vec_pretty(&entry)
            .map_err(std::io::Error::other)
            .and_then(|bytes| write_atomic(&self.path(key), &bytes));
        if let Err(e) = result {
            tracing::warn!(
                "could not write the response cache in {}: {e}",
                self.dir.display()
            );
        }
    }
}

#[cfg(test)]
mod tests;
