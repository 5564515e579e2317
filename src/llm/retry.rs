//! When and how long to wait before trying a call again: which failures are worth
//! a retry, capped exponential backoff with jitter, the server's own `Retry-After`
//! hints, and a gate that makes every worker pause when one of them is told to.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use tokio::time::Instant;

use super::{ChatRequest, LlmError};

/// Retry settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RetryPolicy {
    /// Retries after the first attempt.
    pub(crate) max_retries: u32,
    pub(crate) base: Duration,
    pub(crate) max: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 6,
            base: Duration::from_millis(500),
            max: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Full-jitter exponential backoff for retry number `n` (1-based): a random
    /// wait between half and all of `base · 2^(n-1)`, capped at `max`.
    pub(crate) fn backoff(&self, n: u32) -> Duration {
        let exp = self.base.saturating_mul(1u32 << (n.saturating_sub(1)).min(16));
        let capped = exp.min(self.max);
        let half = capped / 2;
        half + capped.saturating_sub(half).mul_f64(rand::random::<f64>())
    }
}

/// What the server said about retrying, read from its headers.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct RetryHints {
    pub(crate) retry_after: Option<Duration>,
    /// `x-should-retry: true|false` overrides our own judgement.
    pub(crate) should_retry: Option<bool>,
}

impl RetryHints {
    pub(crate) fn from_headers(h: &HeaderMap) -> Self {
        let get = |name: &str| h.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
        let ms = get("retry-after-ms")
            .and_then(|v| v.parse::<f64>().ok())
            .and_then(|ms| server_wait(ms / 1000.0));
        let retry_after = ms.or_else(|| get("retry-after").and_then(parse_retry_after));
        let should_retry = match get("x-should-retry") {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        };
        Self {
            retry_after,
            should_retry,
        }
    }
}

/// `Retry-After` is either seconds or an HTTP date.
pub(crate) fn parse_retry_after(v: &str) -> Option<Duration> {
    if let Ok(secs) = v.parse::<f64>() {
        return server_wait(secs);
    }
    let when = httpdate(v)?;
    let wait = when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO);
    (wait <= MAX_SERVER_WAIT).then_some(wait)
}

/// Parse an IMF-fixdate such as `Wed, 21 Oct 2015 07:28:00 GMT`.
fn httpdate(v: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = v.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? + 1;
    let iso = format!("{year}-{month:02}-{:02}T{time}Z", day.parse::<u32>().ok()?);
    humantime::parse_rfc3339(&iso).ok()
}

/// Whether an error is worth another attempt, given the server's hints.
pub(crate) fn is_retryable(e: &LlmError, hints: &RetryHints) -> bool {
    match e {
        LlmError::Auth { .. } | LlmError::ModelNotFound { .. } | LlmError::Quota { .. } => false,
        LlmError::Truncated { .. } | LlmError::Config(_) => false,
        LlmError::ContextLength { .. } | LlmError::Parked { .. } => false,
        _ if hints.should_retry.is_some() => hints.should_retry == Some(true),
        LlmError::Api { status, .. } => matches!(status, 408 | 409 | 429 | 500..=599),
        LlmError::Connect { .. }
        | LlmError::Timeout { .. }
        | LlmError::Stream { .. }
        | LlmError::Decode { .. } => true,
    }
}

/// A pause shared by every worker of a provider: when one is told to back off
/// (429, 529, or no requests left in the window), all of them wait.
#[derive(Debug, Default)]
pub(crate) struct Gate {
    until: Mutex<Option<Instant>>,
}

impl Gate {
    /// Make every caller of [`Gate::wait`] hold off for `d` from now.
    pub(crate) fn pause(&self, d: Duration) {
        let until = Instant::now() + d;
        if let Ok(mut u) = self.until.lock()
            && u.is_none_or(|cur| cur < until)
        {
            *u = Some(until);
        }
    }

    /// Sleep while a pause is in force.
    pub(crate) async fn wait(&self) {
        loop {
            let until = self.until.lock().ok().and_then(|u| *u);
            match until {
                Some(t) if t > Instant::now() => tokio::time::sleep_until(t).await,
                _ => return,
            }
        }
    }
}

/// When the server says no requests are left in its window, how long until the
/// window resets (`x-ratelimit-*` from OpenAI-style servers, `anthropic-ratelimit-*`).
pub(crate) fn rate_limit_pause(h: &HeaderMap) -> Option<Duration> {
    let get = |name: &str| h.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if get("x-ratelimit-remaining-requests") == Some("0") {
        return get("x-ratelimit-reset-requests").and_then(go_duration);
    }
    if get("anthropic-ratelimit-requests-remaining") == Some("0") {
        let reset = get("anthropic-ratelimit-requests-reset")?;
        let at = humantime::parse_rfc3339_weak(reset).ok()?;
        let wait = at
            .duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO);
        return (wait <= MAX_SERVER_WAIT).then_some(wait);
    }
    None
}

/// Durations as OpenAI writes them: `1s`, `6m0s`, `20ms`, `1h2m3.5s`.
fn go_duration(s: &str) -> Option<Duration> {
    let mut total = 0.0f64;
    let mut rest = s;
    while !rest.is_empty() {
        let n_end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let n: f64 = rest[..n_end].parse().ok()?;
        rest = &rest[n_end..];
        let u_end = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        total += n * match &rest[..u_end] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            _ => return None,
        };
        rest = &rest[u_end..];
    }
    server_wait(total)
}

/// The longest wait a server may ask for. Anything longer (or negative, or not a
/// finite number, such as `inf` or `1e30`) is ignored in favour of our own backoff.
pub(crate) const MAX_SERVER_WAIT: Duration = Duration::from_secs(24 * 3600);

/// A server-supplied number of seconds as a wait, when it is a sane one.
pub(crate) fn server_wait(secs: f64) -> Option<Duration> {
    if !secs.is_finite() || secs < 0.0 {
        return None;
    }
    Duration::try_from_secs_f64(secs)
        .ok()
        .filter(|d| *d <= MAX_SERVER_WAIT)
}

/// A failure that has been warned about, and how often it repeated.
pub(super) type Warned = Option<(String, u32)>;

/// Say how often a warning repeated, once, when it did.
/// Whether a streamed answer has begun to loop: its last characters are one
/// short run (up to 200 characters) repeated many times over. Small models do
/// this until `max_tokens`; the stream is stopped early instead.
pub(crate) fn looping(text: &str) -> bool {
    let tail: Vec<char> = text.chars().rev().take(2_400).collect();
    (1..=200).any(|p| {
        let span = (p * 8).max(400);
        span + p <= tail.len() && (0..span).all(|i| tail[i] == tail[i + p])
    })
}

/// A failure's message with what changes from one request to the next (request
/// ids, trace ids, timestamps) masked, so repeats of one failure compare equal.
pub(super) fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        let digits = token.chars().filter(char::is_ascii_digit).count();
        let varying = token.len() >= 6 && digits > 0 && (digits < token.len() || digits >= 8);
        out.push_str(if varying { "#" } else { token.as_str() });
        token.clear();
    };
    for c in line.chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
            out.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

pub(super) fn flush_warning(stage: &super::Label, warned: Option<(String, u32)>) {
    if let Some((line, n)) = warned.filter(|(_, n)| *n > 1) {
        tracing::warn!(stage = %stage, "the same failure {n} times in all: {line}");
    }
}

/// A context-length error, with the stage and the prompt's size filled in.
pub(super) fn with_prompt_size(error: LlmError, req: &ChatRequest) -> LlmError {
    match error {
        LlmError::ContextLength {
            url, message, limit, ..
        } => LlmError::ContextLength {
            url,
            stage: req.stage.clone(),
            tokens: req.prompt_tokens(),
            message,
            limit,
        },
        other => other,
    }
}

/// A refused connection to a server on this machine or a private network.
pub(super) fn refused_nearby(error: &LlmError, base_url: &str) -> bool {
    let LlmError::Connect { reason, .. } = error else {
        return false;
    };
    crate::fetch::guard::nearby(base_url) && reason.to_ascii_lowercase().contains("refused")
}

#[cfg(test)]
mod tests;
