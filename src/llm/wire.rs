//! One wire format per protocol behind one trait: the endpoint, the headers, the
//! request body, the parse of a whole answer, a stream's state and the error of a
//! failed status. The HTTP client holds a `dyn Wire` and never asks which
//! protocol it speaks.

use super::Model;
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};
use serde_json::Value;

use super::modes::OutputMode;
use super::presets::{MaxTokensField, Protocol};
use super::{ApiKey, ChatRequest, ChatResponse, LlmError, anthropic, ollama, openai};

/// How a stream's answer pieces are framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// Server-sent events; each `data:` payload is one piece.
    Sse,
    /// One JSON object per line (Ollama's native API).
    Lines,
}

pub(crate) use super::frames::Pieces;

/// A response's stream as answer pieces, by its framing.
pub(crate) fn pieces(framing: Framing, resp: reqwest::Response) -> Pieces {
    match framing {
        Framing::Sse => super::frames::events(Box::pin(resp.bytes_stream())),
        Framing::Lines => super::frames::json_lines(Box::pin(resp.bytes_stream())),
    }
}

/// A stream being read: fed each SSE `data:` payload (or line) in turn.
pub(crate) trait StreamParser: Send {
    /// Returns whether the payload carried answer content (what the idle
    /// timeout counts).
    fn feed(&mut self, url: &str, data: &str) -> Result<bool, LlmError>;
    /// Whether the stream's terminator has arrived.
    fn done(&self) -> bool;
    /// The answer's text so far.
    fn content(&self) -> &str;
    fn into_answer(self: Box<Self>) -> ChatResponse;
}

/// A protocol's wire format.
pub(crate) trait Wire: Send + Sync + std::fmt::Debug {
    fn url(&self, base: &str) -> String;
    /// Protocol headers, and the key in the protocol's header (marked sensitive).
    fn headers(&self, key: Option<&ApiKey>, key_env: &str) -> Result<HeaderMap, LlmError>;
    fn body(&self, req: &ChatRequest, max_tokens: u32, stream: bool, mode: OutputMode) -> Value;
    /// Whether the protocol negotiates structured-output modes (Anthropic's
    /// forced tool call needs none).
    fn negotiates(&self) -> bool {
        false
    }
    fn parse(&self, url: &str, status: u16, body: &str) -> Result<ChatResponse, LlmError>;
    fn stream(&self) -> Box<dyn StreamParser>;
    fn framing(&self) -> Framing {
        Framing::Sse
    }
    fn status_error(&self, url: &str, status: u16, body: &str, model: &Model, key_env: &str) -> LlmError {
        openai::status_error(url, status, body, model, key_env)
    }
}

/// The wire of a protocol.
pub(crate) fn for_protocol(protocol: Protocol, field: MaxTokensField) -> Box<dyn Wire> {
    match protocol {
        Protocol::OpenAi => Box::new(OpenAiWire(field)),
        Protocol::Anthropic => Box::new(AnthropicWire),
        Protocol::Ollama => Box::new(OllamaWire::default()),
    }
}

fn key_header(
    name: &'static str,
    value: String,
    key_env: &str,
) -> Result<(&'static str, HeaderValue), LlmError> {
    let mut v = HeaderValue::from_str(&value)
        .map_err(|_| LlmError::Config(format!("the key in {key_env} cannot be sent in a header")))?;
    v.set_sensitive(true);
    Ok((name, v))
}

/// `Authorization: Bearer KEY`, when there is a key.
fn bearer(key: Option<&ApiKey>, key_env: &str) -> Result<HeaderMap, LlmError> {
    let mut h = HeaderMap::new();
    if let Some(k) = key {
        let (name, v) = key_header(AUTHORIZATION.as_str(), format!("Bearer {}", k.expose()), key_env)?;
        h.insert(name, v);
    }
    Ok(h)
}

#[derive(Debug)]
struct OpenAiWire(MaxTokensField);

impl Wire for OpenAiWire {
    fn url(&self, base: &str) -> String {
        format!("{}/chat/completions", base.trim_end_matches('/'))
    }

    fn headers(&self, key: Option<&ApiKey>, key_env: &str) -> Result<HeaderMap, LlmError> {
        bearer(key, key_env)
    }

    fn body(&self, req: &ChatRequest, max_tokens: u32, stream: bool, mode: OutputMode) -> Value {
        openai::request_body(req, max_tokens, stream, self.0, mode)
    }

    fn negotiates(&self) -> bool {
        true
    }

    fn parse(&self, url: &str, status: u16, body: &str) -> Result<ChatResponse, LlmError> {
        openai::parse_completion(url, status, body)
    }

    fn stream(&self) -> Box<dyn StreamParser> {
        Box::new(openai::StreamState::default())
    }
}

#[derive(Debug)]
struct AnthropicWire;

impl Wire for AnthropicWire {
    fn url(&self, base: &str) -> String {
        format!("{}/v1/messages", base.trim_end_matches('/'))
    }

    fn headers(&self, key: Option<&ApiKey>, key_env: &str) -> Result<HeaderMap, LlmError> {
        let mut h = HeaderMap::new();
        h.insert("anthropic-version", HeaderValue::from_static(anthropic::VERSION));
        if let Some(k) = key {
            let (name, v) = key_header("x-api-key", k.expose().to_string(), key_env)?;
            h.insert(name, v);
        }
        Ok(h)
    }

    fn body(&self, req: &ChatRequest, max_tokens: u32, stream: bool, _: OutputMode) -> Value {
        anthropic::request_body(req, max_tokens, stream)
    }

    fn parse(&self, url: &str, status: u16, body: &str) -> Result<ChatResponse, LlmError> {
        anthropic::parse_message(url, status, body)
    }

    fn stream(&self) -> Box<dyn StreamParser> {
        Box::new(anthropic::StreamState::default())
    }
}

/// Ollama's native API, each request with a context window that holds it.
#[derive(Debug, Default)]
struct OllamaWire(ollama::Windows);

impl Wire for OllamaWire {
    fn url(&self, base: &str) -> String {
        ollama::url(base)
    }

    fn headers(&self, key: Option<&ApiKey>, key_env: &str) -> Result<HeaderMap, LlmError> {
        // A proxy in front of Ollama may want a bearer token.
        bearer(key, key_env)
    }

    fn body(&self, req: &ChatRequest, max_tokens: u32, stream: bool, mode: OutputMode) -> Value {
        let num_ctx = self.0.fit(req, max_tokens);
        ollama::request_body(req, max_tokens, stream, mode, num_ctx)
    }

    fn negotiates(&self) -> bool {
        true
    }

    fn parse(&self, url: &str, status: u16, body: &str) -> Result<ChatResponse, LlmError> {
        ollama::parse_chat(url, status, body)
    }

    fn stream(&self) -> Box<dyn StreamParser> {
        Box::new(ollama::StreamState::default())
    }

    fn framing(&self) -> Framing {
        Framing::Lines
    }
}

/// Each protocol's stream state keeps the answer so far and whether the
/// stream's terminator has come; only what a payload means differs
/// (its own `feed`).
macro_rules! stream_parser {
    ($($state:ty),+) => {$(
        impl StreamParser for $state {
            fn feed(&mut self, url: &str, data: &str) -> Result<bool, LlmError> {
                <$state>::feed(self, url, data)
            }
            fn done(&self) -> bool {
                self.done
            }
            fn content(&self) -> &str {
                &self.answer.content
            }
            fn into_answer(self: Box<Self>) -> ChatResponse {
                self.answer
            }
        }
    )+};
}

stream_parser!(ollama::StreamState, openai::StreamState, anthropic::StreamState);
