//! What an HTTP client is built from: the provider, its key, timeouts, retries,
//! limits and where the working structured-output mode is remembered.

use std::time::Duration;

use super::presets::Preset;
use super::retry::RetryPolicy;
use super::{ApiKey, LlmError};

/// How long to wait for each phase of a call.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Timeouts {
    pub(crate) connect: Duration,
    /// From sending the request to the first content (or the whole body).
    pub(crate) first_token: Duration,
    /// Longest gap between two pieces of content in a stream. Pings and comments
    /// do not count as content.
    pub(crate) idle: Duration,
    /// Upper bound on a whole call.
    pub(crate) total: Duration,
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
pub(crate) struct Limits {
    /// Requests in flight at once (0: 8).
    pub(crate) concurrency: usize,
    /// Requests per minute (0: unlimited).
    pub(crate) rpm: u32,
    /// Tokens per minute, estimated before each call (0: unlimited).
    pub(crate) tpm: u32,
}

/// Everything needed to build an [`HttpClient`](super::HttpClient).
#[derive(Debug, Clone)]
pub(crate) struct HttpConfig {
    pub(crate) preset: Preset,
    pub(crate) base_url: String,
    pub(crate) key: Option<ApiKey>,
    /// The key's variable, named in errors.
    pub(crate) key_env: String,
    pub(crate) stream: bool,
    pub(crate) timeouts: Timeouts,
    pub(crate) retry: RetryPolicy,
    pub(crate) limits: Limits,
    /// Where what the server supports is remembered (`ServerFacts`).
    pub(crate) facts_file: Option<std::path::PathBuf>,
    /// `user:password` taken out of the base URL (sent as HTTP Basic auth when
    /// no key is), so the URL shown in errors and provenance carries no secret.
    pub(crate) url_credentials: Option<(String, String)>,
}

impl HttpConfig {
    /// A request that failed on the way: a timeout, or the innermost cause of a
    /// connection failure, with no secret in it.
    pub(crate) fn transport_error(&self, url: &str, e: &reqwest::Error) -> LlmError {
        if e.is_timeout() {
            return LlmError::Timeout {
                url: url.to_string(),
                what: format!("the call took longer than {} s", self.timeouts.total.as_secs()),
            };
        }
        let mut reason = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            reason = s.to_string();
            source = s.source();
        }
        LlmError::Connect {
            url: url.to_string(),
            reason: self.scrub(&reason),
        }
    }

    /// Remove the API key, and a password from the base URL, from any text
    /// that may reach a user.
    pub(crate) fn scrub(&self, text: &str) -> String {
        // A secret of a few characters would blank out ordinary words instead;
        // real keys and passwords are longer.
        const SHORTEST: usize = 6;
        let mut out = text.to_string();
        let secrets = [
            self.key.as_ref().map(|k| k.expose()),
            self.url_credentials.as_ref().map(|(_, p)| p.as_str()),
        ];
        for secret in secrets.into_iter().flatten().filter(|s| s.len() >= SHORTEST) {
            out = out.replace(secret, "[redacted]");
        }
        out
    }
}

/// A base URL without its `user:password@`, and what was taken out.
pub(crate) fn split_credentials(base_url: &str) -> (String, Option<(String, String)>) {
    match reqwest::Url::parse(base_url) {
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let user = percent_decode(u.username());
            let pass = percent_decode(u.password().unwrap_or(""));
            let _ = u.set_username("");
            let _ = u.set_password(None);
            // `Url` adds a `/` to a bare host; keep the caller's spelling otherwise.
            let mut clean = u.to_string();
            if !base_url.ends_with('/') && clean.ends_with('/') {
                clean.pop();
            }
            (clean, Some((user, pass)))
        }
        _ => (base_url.to_string(), None),
    }
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}
