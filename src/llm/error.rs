//! Errors from talking to a model. Each names the server and says what to do.

/// A failed model call.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LlmError {
    #[error(
        "could not connect to {url}: {reason} (is the server running? check --base-url or the provider's base URL variable)"
    )]
    Connect { url: String, reason: String },
    #[error("{url} did not answer in time: {what}")]
    Timeout { url: String, what: String },
    #[error("{url} refused the API key (HTTP {status}): {message} (check {key_env})")]
    Auth {
        url: String,
        status: u16,
        message: String,
        key_env: String,
    },
    #[error("model `{model}` was not found at {url} (HTTP 404): {message} (check --model)")]
    ModelNotFound {
        url: String,
        model: super::Model,
        message: String,
    },
    #[error(
        "{url}: quota or spending limit exhausted (HTTP {status}): {message} (add credit or raise the limit; retrying will not help)"
    )]
    Quota {
        url: String,
        status: u16,
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
    Truncated {
        reason: String,
        /// What came back before the cut, for the caller to salvage.
        partial: String,
        /// What the cut-off calls used.
        usage: super::Usage,
    },
    #[error(
        "{url}: the prompt of stage `{stage}` (about {tokens} tokens) is longer than the model's context: {message} (give fewer or shorter sources, or use a model or server with a larger context, e.g. llama-server -c or Ollama's num_ctx)"
    )]
    ContextLength {
        url: String,
        stage: super::Label,
        tokens: usize,
        message: String,
        /// The context length the server reported, when it did.
        limit: Option<usize>,
    },
    #[error("provider setup: {0}")]
    Config(String),
    #[error(
        "{count} requests written to {file} for a batch engine: run them (e.g. vLLM's run-batch), then rerun with --engine import --results RESULTS.jsonl"
    )]
    Parked { file: String, count: usize },
}

impl LlmError {
    /// A body that is not the JSON expected, with an excerpt of what came instead.
    pub(crate) fn decode(url: &str, status: u16, detail: impl Into<String>, body: &str) -> LlmError {
        LlmError::Decode {
            url: url.to_string(),
            status,
            detail: detail.into(),
            excerpt: crate::text::excerpt(body, 200),
        }
    }

    /// Errors that will fail every later call too, so a batch should stop.
    pub(crate) fn stops_the_run(&self) -> bool {
        matches!(
            self,
            LlmError::Auth { .. } | LlmError::Quota { .. } | LlmError::Config(_) | LlmError::Parked { .. }
        )
    }
}

/// A server that counted far fewer prompt tokens than were sent cut the prompt
/// to its context window without saying so (Ollama's OpenAI endpoint does this
/// when a prompt is longer than `num_ctx`): that is a context-length error, with
/// the count as the limit, so the prompt is fitted and sent again.
pub(crate) fn cut_prompt(url: &str, req: &super::ChatRequest, prompt_tokens: u64) -> Option<LlmError> {
    let sent: usize = req.messages.iter().map(|m| crate::text::tokens(&m.content)).sum();
    let counted = usize::try_from(prompt_tokens).ok()?;
    (counted > 0 && 2 * sent > 3 * counted && sent > counted + 512).then(|| LlmError::ContextLength {
        url: url.to_string(),
        stage: req.stage.clone(),
        tokens: sent,
        message: format!(
            "the server counted {counted} prompt tokens where about {sent} were sent, so it cut the prompt to its context window (Ollama's OpenAI endpoint does this; use --provider ollama, which sizes the window)"
        ),
        limit: Some(counted),
    })
}

/// The context length a server's context-length error reports: llama.cpp's
/// `"n_ctx": 4096`, OpenAI's and vLLM's "maximum context length is 8192 tokens",
/// Anthropic's "… tokens > 200000 maximum", and "context window of N".
pub(crate) fn context_limit(body: &str) -> Option<usize> {
    let lower = body.to_ascii_lowercase();
    [
        "\"n_ctx\":",
        "maximum context length is ",
        "tokens > ",
        "context window of ",
        "context length of ",
    ]
    .iter()
    .find_map(|key| {
        let rest = lower[lower.find(key)? + key.len()..].trim_start();
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .filter(|c| *c != ',')
            .collect();
        digits.parse().ok().filter(|n| *n >= 256)
    })
}
