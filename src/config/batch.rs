//! `[batch]`: how the providers' batch engines are used (poll interval and the
//! limits a provider batch is split by), with `PARALLAX_POLL_INTERVAL` on top.

use std::time::Duration;

use serde::Deserialize;

use super::{Env, Loaded};
use crate::error::Error;

/// `[batch]`: how the providers' batch engines are used (docs/batch.md).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BatchFileConfig {
    /// How often a submitted batch is polled at first ("30s").
    pub(crate) poll_interval: Option<String>,
    /// Requests per provider batch.
    pub(crate) max_requests: Option<usize>,
    /// Bytes per batch input file (or request body).
    pub(crate) max_bytes: Option<usize>,
    /// Tokens enqueued at once (OpenAI's per-model batch queue limit).
    pub(crate) max_enqueued_tokens: Option<u64>,
    /// Stories in flight at once under an engine.
    pub(crate) window: Option<usize>,
}

/// How the providers' batch engines are used, resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BatchSettings {
    /// The first wait between two polls; it grows up to ten times this.
    pub(crate) poll_interval: Duration,
    pub(crate) max_requests: usize,
    pub(crate) max_bytes: usize,
    pub(crate) max_enqueued_tokens: Option<u64>,
    /// Stories in flight at once under an engine: a window's requests of one
    /// round go out as one provider batch, and memory holds a window at most.
    pub(crate) window: usize,
}

impl Default for BatchSettings {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_secs(30),
            // OpenAI: 50,000 requests and 200 MB a file; Anthropic: 100,000 and 256 MB.
            max_requests: 50_000,
            max_bytes: 190_000_000,
            max_enqueued_tokens: None,
            // About 300 KB a story in flight: some 300 MB at most.
            window: 1_000,
        }
    }
}

/// `[batch]`, with `PARALLAX_POLL_INTERVAL` over the file's `poll_interval`.
pub(crate) fn resolve(loaded: &Loaded, env: &dyn Env) -> Result<BatchSettings, Error> {
    let b = &loaded.file.batch;
    let d = BatchSettings::default();
    let poll_interval = match env.var("PARALLAX_POLL_INTERVAL") {
        Some(v) => humantime::parse_duration(v.trim()).map_err(|e| {
            Error::Usage(format!(
                "PARALLAX_POLL_INTERVAL `{v}` is not a duration ({e}); write it like \"30s\" or \"500ms\""
            ))
        })?,
        None => loaded.duration("batch.poll_interval", &b.poll_interval, d.poll_interval)?,
    };
    let positive = |key: &str, v: Option<usize>, default: usize| match v {
        Some(0) => Err(loaded.err(key, "must be at least 1".into())),
        Some(n) => Ok(n),
        None => Ok(default),
    };
    Ok(BatchSettings {
        poll_interval: poll_interval.max(std::time::Duration::from_millis(10)),
        max_requests: positive("batch.max_requests", b.max_requests, d.max_requests)?,
        max_bytes: positive("batch.max_bytes", b.max_bytes, d.max_bytes)?,
        max_enqueued_tokens: b.max_enqueued_tokens.filter(|n| *n > 0),
        window: positive("batch.window", b.window, d.window)?,
    })
}
