//! Ollama's native chat API (`/api/chat`). Ollama's OpenAI-compatible endpoint
//! cannot set the context window (`num_ctx`), and it silently cuts a prompt that
//! is longer than the window, so the model may never see the persona's rules or
//! the fence. The native API takes `options.num_ctx`: each request asks for a
//! window that holds its prompt and its answer. Windows are powers of two and
//! never shrink within a run, because Ollama reloads a model whenever its window
//! changes. Streams are JSON lines, not SSE. Pure request building and parsing;
//! `http` sends.

use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{Value, json};

use super::modes::OutputMode;
use super::openai::{error_message, with_schema_in_prompt};
use super::{ChatRequest, ChatResponse, LlmError, Usage};

/// The smallest window asked for: Ollama's own default.
pub(crate) const SMALLEST_WINDOW: u32 = 4_096;

/// The chat endpoint under a base URL given with or without `/v1` (the address
/// of Ollama's OpenAI-compatible endpoint, which users often have at hand).
pub(crate) fn url(base: &str) -> String {
    format!("{}/api/chat", root(base))
}

/// The server's root: the base URL without a trailing `/` or `/v1`.
pub(crate) fn root(base: &str) -> &str {
    let b = base.trim_end_matches('/');
    b.strip_suffix("/v1").unwrap_or(b)
}

/// The window for a prompt of about `prompt_tokens` and an answer of up to
/// `max_tokens`. The estimate may fall short of the model's own tokenizer, so a
/// quarter more is asked for.
pub(crate) fn window(prompt_tokens: usize, max_tokens: u32) -> u32 {
    let need = prompt_tokens + prompt_tokens / 4 + max_tokens as usize;
    let w = need.max(SMALLEST_WINDOW as usize).next_power_of_two();
    u32::try_from(w).unwrap_or(u32::MAX)
}

/// The largest window asked for so far: later requests ask for at least as much.
#[derive(Debug, Default)]
pub(crate) struct Windows(AtomicU32);

impl Windows {
    /// The window for `req` with an answer of up to `max_tokens`.
    pub(crate) fn fit(&self, req: &ChatRequest, max_tokens: u32) -> u32 {
        let prompt: usize = req
            .messages
            .iter()
            .map(|m| crate::text::tokens(&m.content) + 4)
            .sum();
        let w = window(prompt, max_tokens);
        self.0.fetch_max(w, Ordering::Relaxed).max(w)
    }
}

/// The JSON body of an `/api/chat` request. A schema goes in `format` (Ollama's
/// structured outputs); JSON mode is `format: "json"` with the schema in the
/// prompt; weaker modes state the schema in the prompt only.
pub(crate) fn request_body(
    req: &ChatRequest,
    max_tokens: u32,
    stream: bool,
    mode: OutputMode,
    num_ctx: u32,
) -> Value {
    let schema_in_format = matches!(mode, OutputMode::JsonSchemaStrict | OutputMode::JsonSchema);
    let messages = match &req.schema {
        Some(s) if !schema_in_format => with_schema_in_prompt(&req.messages, s),
        _ => req.messages.clone(),
    };
    let mut options = json!({ "num_ctx": num_ctx, "num_predict": max_tokens });
    if let Some(t) = req.temperature {
        options["temperature"] = json!(t);
    }
    let mut body = json!({ "model": req.model, "messages": messages, "stream": stream, "options": options });
    match (&req.schema, mode) {
        (Some(s), _) if schema_in_format => {
            body["format"] = s.schema.clone();
            // The stage's name, which the wire has no other place for.
            if body["format"].get("title").is_none() {
                body["format"]["title"] = json!(s.name);
            }
        }
        (Some(_), OutputMode::JsonObject) => body["format"] = json!("json"),
        _ => {}
    }
    body
}

/// Fold one chat object (a whole answer or one line of a stream) into `answer`;
/// whether it carried answer text.
fn apply(v: &Value, answer: &mut ChatResponse) -> bool {
    let piece = v
        .pointer("/message/content")
        .and_then(Value::as_str)
        .unwrap_or("");
    answer.content.push_str(piece);
    if let Some(m) = v.get("model").and_then(Value::as_str) {
        answer.model = super::Model::reported(m);
    }
    if v.get("done").and_then(Value::as_bool) == Some(true) {
        let n = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
        answer.usage = Usage {
            prompt_tokens: n("prompt_eval_count"),
            completion_tokens: n("eval_count"),
            cached_prompt_tokens: 0,
        };
        let reason = v.get("done_reason").and_then(Value::as_str).unwrap_or("stop");
        answer.finish_reason = Some(reason.to_string());
    }
    !piece.is_empty()
}

/// Parse a whole (unstreamed) `/api/chat` answer.
pub(crate) fn parse_chat(url: &str, status: u16, body: &str) -> Result<ChatResponse, LlmError> {
    let v: Value =
        serde_json::from_str(body).map_err(|e| LlmError::decode(url, status, e.to_string(), body))?;
    if v.get("error").is_some() {
        return Err(LlmError::Api {
            url: url.to_string(),
            status,
            message: error_message(body),
        });
    }
    if v.get("message").is_none() {
        return Err(LlmError::decode(url, status, "no `message` in the answer", body));
    }
    let mut answer = ChatResponse::default();
    apply(&v, &mut answer);
    Ok(answer)
}

/// Accumulates a streamed answer line by line; the line with `done: true` ends it.
#[derive(Debug, Default)]
pub(crate) struct StreamState {
    pub(crate) answer: ChatResponse,
    pub(crate) done: bool,
}

impl StreamState {
    /// Feed one line. Returns whether it carried answer text.
    pub(crate) fn feed(&mut self, url: &str, line: &str) -> Result<bool, LlmError> {
        let line = line.trim();
        if line.is_empty() {
            return Ok(false);
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| LlmError::decode(url, 200, format!("stream line is not JSON: {e}"), line))?;
        if v.get("error").is_some() {
            return Err(LlmError::Stream {
                url: url.to_string(),
                reason: error_message(line),
            });
        }
        let content = apply(&v, &mut self.answer);
        self.done = v.get("done").and_then(Value::as_bool) == Some(true);
        Ok(content)
    }
}

#[cfg(test)]
mod tests;
