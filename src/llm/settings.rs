//! What an HTTP client is built from: the provider, its key, timeouts, retries,
//! limits and where the working structured-output mode is remembered.

use std::time::Duration;

use super::ApiKey;
use super::presets::Preset;
use super::retry::RetryPolicy;

/// How long to wait for each phase of a call.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timeouts {
    pub connect: Duration,
    /// From sending the request to the first content (or the whole body).
    pub first_token: Duration,
    /// Longest gap between two pieces of content in a stream. Pings and comments
    /// do not count as content.
    pub idle: Duration,
    /// Upper bound on a whole call.
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            first_token: Duration::from_secs(120),
            idle: Duration::from_secs(60),
            total: Duration::from_secs(600),
        }
    }
}

/// Concurrency and rate limits of one provider.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Limits {
    /// Requests in flight at once (0: 8).
    pub concurrency: usize,
    /// Requests per minute (0: unlimited).
    pub rpm: u32,
    /// Tokens per minute, estimated before each call (0: unlimited).
    pub tpm: u32,
}

/// Everything needed to build an [`HttpClient`].
#[derive(Debug, Clone)]
pub struct HttpConfig {
    pub preset: Preset,
    pub base_url: String,
    pub key: Option<ApiKey>,
    /// The key's variable, named in errors.
    pub key_env: String,
    pub stream: bool,
    pub timeouts: Timeouts,
    pub retry: RetryPolicy,
    pub limits: Limits,
    /// Where the structured-output mode that works is remembered.
    pub modes_file: Option<std::path::PathBuf>,
}
