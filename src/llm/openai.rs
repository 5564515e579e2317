//! The OpenAI-compatible chat-completions client (OpenAI, Ollama, vLLM, llama.cpp,
//! OpenRouter, …). Request building and response parsing are pure functions; only
//! `complete` touches the network.

use std::time::Duration;

use eventsource_stream::Eventsource;
use futures::StreamExt;
use reqwest::header::{AUTHORIZATION, HeaderValue};
use serde_json::{Value, json};

use super::error::excerpt;
use super::{ApiKey, ChatRequest, ChatResponse, LlmClient, LlmError, Usage};

/// Base URL used when neither flag, config nor `OPENAI_BASE_URL` names one.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

#[derive(Debug, Clone)]
pub struct OpenAiClient {
    http: reqwest::Client,
    base_url: String,
    key: Option<ApiKey>,
    stream: bool,
    timeout: Duration,
}

impl OpenAiClient {
    /// A client for `base_url` (e.g. `http://127.0.0.1:11434/v1`). Redirects are
    /// never followed, so the key is only ever sent to the server named here.
    pub fn new(
        base_url: &str,
        key: Option<ApiKey>,
        stream: bool,
        timeout: Duration,
    ) -> Result<Self, LlmError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("parallax/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| LlmError::Connect {
                url: base_url.to_string(),
                reason: e.to_string(),
            })?;
        Ok(Self {
            http,
            base_url: base_url.trim_end_matches('/').to_string(),
            key,
            stream,
            timeout,
        })
    }

    fn url(&self) -> String {
        format!("{}/chat/completions", self.base_url)
    }

    /// Remove the API key from any text that may reach a user.
    fn scrub(&self, text: &str) -> String {
        match &self.key {
            Some(k) => text.replace(k.expose(), "[redacted]"),
            None => text.to_string(),
        }
    }

    fn transport_error(&self, url: &str, e: reqwest::Error) -> LlmError {
        if e.is_timeout() {
            return LlmError::Timeout {
                url: url.to_string(),
                seconds: self.timeout.as_secs(),
            };
        }
        let mut reason = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            reason = s.to_string();
            source = s.source();
        }
        LlmError::Connect {
            url: url.to_string(),
            reason: self.scrub(&reason),
        }
    }
}

/// The JSON body for a chat-completions request.
pub fn request_body(req: &ChatRequest, stream: bool) -> Value {
    let mut body = json!({
        "model": req.model,
        "messages": req.messages,
        "max_tokens": req.max_tokens,
    });
    if let Some(t) = req.temperature {
        body["temperature"] = json!(t);
    }
    if let Some(s) = &req.schema {
        body["response_format"] = json!({
            "type": "json_schema",
            "json_schema": { "name": s.name, "strict": true, "schema": s.schema },
        });
    }
    if stream {
        body["stream"] = json!(true);
        body["stream_options"] = json!({ "include_usage": true });
    }
    body
}

/// The human-readable message of an error body, or an excerpt of the raw text.
pub fn error_message(body: &str) -> String {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let msg = parsed.as_ref().and_then(|v| {
        let e = v.get("error").unwrap_or(v);
        e.get("message")
            .or_else(|| e.get("detail"))
            .and_then(Value::as_str)
            .or_else(|| e.as_str())
            .map(str::to_string)
    });
    excerpt(&msg.unwrap_or_else(|| body.to_string()), 300)
}

/// Map a non-success status to an error.
pub fn status_error(url: &str, status: u16, body: &str, model: &str) -> LlmError {
    let message = error_message(body);
    let url = url.to_string();
    match status {
        401 | 403 => LlmError::Auth { url, status, message },
        404 => LlmError::ModelNotFound {
            url,
            model: model.to_string(),
            message,
        },
        _ => LlmError::Api { url, status, message },
    }
}

fn usage_of(v: &Value) -> Option<Usage> {
    let u = v.get("usage").filter(|u| u.is_object())?;
    Some(Usage {
        prompt_tokens: u.get("prompt_tokens").and_then(Value::as_u64).unwrap_or(0),
        completion_tokens: u.get("completion_tokens").and_then(Value::as_u64).unwrap_or(0),
    })
}

fn first_choice(v: &Value) -> Option<&Value> {
    v.get("choices").and_then(Value::as_array).and_then(|c| c.first())
}

/// Parse a non-streaming chat-completions body.
pub fn parse_completion(url: &str, status: u16, body: &str) -> Result<ChatResponse, LlmError> {
    let decode = |detail: &str| LlmError::Decode {
        url: url.to_string(),
        status,
        detail: detail.to_string(),
        excerpt: excerpt(body, 200),
    };
    let v: Value = serde_json::from_str(body).map_err(|e| decode(&e.to_string()))?;
    let choice = first_choice(&v).ok_or_else(|| decode("no `choices` in the answer"))?;
    let content = choice
        .pointer("/message/content")
        .and_then(Value::as_str)
        .ok_or_else(|| decode("no `message.content` in the first choice"))?;
    Ok(ChatResponse {
        content: content.to_string(),
        usage: usage_of(&v).unwrap_or_default(),
        model: v
            .get("model")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        finish_reason: choice
            .get("finish_reason")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

/// Accumulates a streamed answer chunk by chunk.
#[derive(Debug, Default)]
pub struct StreamState {
    pub content: String,
    pub usage: Usage,
    pub model: String,
    pub finish_reason: Option<String>,
    pub done: bool,
}

impl StreamState {
    /// Feed one SSE `data:` payload.
    pub fn feed(&mut self, url: &str, data: &str) -> Result<(), LlmError> {
        let data = data.trim();
        if data == "[DONE]" {
            self.done = true;
            return Ok(());
        }
        if data.is_empty() {
            return Ok(());
        }
        let v: Value = serde_json::from_str(data).map_err(|e| LlmError::Decode {
            url: url.to_string(),
            status: 200,
            detail: format!("stream chunk is not JSON: {e}"),
            excerpt: excerpt(data, 200),
        })?;
        if v.get("error").is_some() {
            return Err(LlmError::Stream {
                url: url.to_string(),
                reason: error_message(data),
            });
        }
        if let Some(choice) = first_choice(&v) {
            if let Some(piece) = choice.pointer("/delta/content").and_then(Value::as_str) {
                self.content.push_str(piece);
            }
            if let Some(r) = choice.get("finish_reason").and_then(Value::as_str) {
                self.finish_reason = Some(r.to_string());
            }
        }
        if let Some(u) = usage_of(&v) {
            self.usage = u;
        }
        if let Some(m) = v.get("model").and_then(Value::as_str) {
            self.model = m.to_string();
        }
        Ok(())
    }
}

impl LlmClient for OpenAiClient {
    async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        let url = self.url();
        let mut builder = self.http.post(&url).json(&request_body(req, self.stream));
        if let Some(key) = &self.key {
            let mut value =
                HeaderValue::from_str(&format!("Bearer {}", key.expose())).map_err(|_| LlmError::Auth {
                    url: url.clone(),
                    status: 0,
                    message: "the API key contains characters that cannot be sent in a header".into(),
                })?;
            value.set_sensitive(true);
            builder = builder.header(AUTHORIZATION, value);
        }
        tracing::debug!(stage = %req.stage, %url, model = %req.model, "sending request");
        let resp = builder.send().await.map_err(|e| self.transport_error(&url, e))?;
        let status = resp.status().as_u16();
        if !resp.status().is_success() {
            let body = resp.text().await.unwrap_or_default();
            return Err(status_error(&url, status, &self.scrub(&body), &req.model));
        }
        let answer = if self.stream {
            let mut state = StreamState::default();
            let mut events = resp.bytes_stream().eventsource();
            while let Some(event) = events.next().await {
                let event = event.map_err(|e| LlmError::Stream {
                    url: url.clone(),
                    reason: self.scrub(&e.to_string()),
                })?;
                state.feed(&url, &event.data)?;
                if state.done {
                    break;
                }
            }
            if !state.done {
                return Err(LlmError::Stream {
                    url,
                    reason: "the stream ended without its `[DONE]` terminator".into(),
                });
            }
            ChatResponse {
                content: state.content,
                usage: state.usage,
                model: state.model,
                finish_reason: state.finish_reason,
            }
        } else {
            let body = resp.text().await.map_err(|e| self.transport_error(&url, e))?;
            parse_completion(&url, status, &self.scrub(&body))?
        };
        if matches!(answer.finish_reason.as_deref(), Some("length")) {
            return Err(LlmError::Truncated {
                reason: format!("finish_reason `length` at max_tokens {}", req.max_tokens),
            });
        }
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_come_from_any_common_shape() {
        assert_eq!(
            error_message(r#"{"error":{"message":"bad key","type":"x"}}"#),
            "bad key"
        );
        assert_eq!(error_message(r#"{"error":"model not found"}"#), "model not found");
        assert_eq!(error_message(r#"{"detail":"nope"}"#), "nope");
        assert_eq!(error_message("<html>502</html>"), "<html>502</html>");
    }

    #[test]
    fn status_maps_to_kind() {
        assert!(matches!(
            status_error("u", 401, "{}", "m"),
            LlmError::Auth { status: 401, .. }
        ));
        assert!(matches!(
            status_error("u", 404, "{}", "m"),
            LlmError::ModelNotFound { .. }
        ));
        assert!(matches!(
            status_error("u", 500, "{}", "m"),
            LlmError::Api { status: 500, .. }
        ));
    }

    #[test]
    fn stream_state_collects_content_usage_and_done() {
        let mut s = StreamState::default();
        s.feed(
            "u",
            r#"{"model":"m","choices":[{"delta":{"role":"assistant","content":"He"}}]}"#,
        )
        .unwrap();
        s.feed(
            "u",
            r#"{"choices":[{"delta":{"content":"llo"},"finish_reason":"stop"}]}"#,
        )
        .unwrap();
        s.feed(
            "u",
            r#"{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}"#,
        )
        .unwrap();
        assert!(!s.done);
        s.feed("u", "[DONE]").unwrap();
        assert!(s.done);
        assert_eq!(s.content, "Hello");
        assert_eq!(s.usage.total(), 5);
        assert_eq!(s.finish_reason.as_deref(), Some("stop"));
        assert!(s.feed("u", "{not json").is_err());
        assert!(s.feed("u", r#"{"error":{"message":"overloaded"}}"#).is_err());
    }

    #[test]
    fn non_streaming_body_parses_and_rejects_html() {
        let ok = r#"{"model":"m","choices":[{"message":{"content":"{}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1}}"#;
        assert_eq!(parse_completion("u", 200, ok).unwrap().content, "{}");
        let e = parse_completion("u", 200, "<html>oops</html>").unwrap_err();
        assert!(e.to_string().contains("not the expected JSON"), "{e}");
    }
}
