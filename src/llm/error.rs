//! Errors from talking to a model. Each names the server and says what to do.

/// A failed model call.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LlmError {
    #[error(
        "could not connect to {url}: {reason} (is the server running? check --base-url or OPENAI_BASE_URL)"
    )]
    Connect { url: String, reason: String },
    #[error("request to {url} timed out after {seconds} s")]
    Timeout { url: String, seconds: u64 },
    #[error("{url} refused the API key (HTTP {status}): {message} (set OPENAI_API_KEY to a valid key)")]
    Auth {
        url: String,
        status: u16,
        message: String,
    },
    #[error("model `{model}` was not found at {url} (HTTP 404): {message} (check --model)")]
    ModelNotFound {
        url: String,
        model: String,
        message: String,
    },
    #[error("{url} answered HTTP {status}: {message}")]
    Api {
        url: String,
        status: u16,
        message: String,
    },
    #[error(
        "{url} sent a body that is not the expected JSON (HTTP {status}): {detail}; body starts: {excerpt}"
    )]
    Decode {
        url: String,
        status: u16,
        detail: String,
        excerpt: String,
    },
    #[error("the stream from {url} broke off: {reason}")]
    Stream { url: String, reason: String },
    #[error("the answer was cut off ({reason}); raise max_tokens or shorten the sources")]
    Truncated { reason: String },
    #[error(
        "stage `{stage}`: the model's answer is not valid after a repair attempt: {detail}; answer starts: {excerpt}"
    )]
    InvalidAnswer {
        stage: String,
        detail: String,
        excerpt: String,
    },
}

/// At most `max` characters of `s`, on a character boundary, whitespace folded.
pub fn excerpt(s: &str, max: usize) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &folded[..i]),
        None => folded,
    }
}
