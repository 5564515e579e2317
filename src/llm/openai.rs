//! The OpenAI chat-completions wire format (OpenAI, Ollama, vLLM, llama.cpp,
//! OpenRouter, …): pure request building and response parsing. `http` sends.

/// The description of the one tool a structured answer is given with.
pub(crate) const TOOL_DESCRIPTION: &str = "Give the answer.";
/// What a server told the schema only in the prompt is asked to answer.
pub(crate) const SCHEMA_NOTE: &str =
    "Answer with one JSON object, and nothing else, that matches this JSON Schema:";

use super::Model;
use serde_json::{Value, json};

use super::modes::OutputMode;
use super::presets::MaxTokensField;
use super::{ChatRequest, ChatResponse, LlmError, Message, OutputSchema, Role, Usage};
use crate::text::excerpt;

/// The JSON body for a chat-completions request, asking for structured output
/// in `mode`.
pub(crate) fn request_body(
    req: &ChatRequest,
    max_tokens: u32,
    stream: bool,
    field: MaxTokensField,
    mode: OutputMode,
) -> Value {
    let messages = match (&req.schema, mode) {
        // Below json_schema the server does not know the schema: the prompt says it.
        (Some(s), OutputMode::JsonObject | OutputMode::Plain) => with_schema_in_prompt(&req.messages, s),
        _ => req.messages.clone(),
    };
    let mut body = json!({ "model": req.model, "messages": messages });
    let field = match field {
        MaxTokensField::MaxTokens => "max_tokens",
        MaxTokensField::MaxCompletionTokens => "max_completion_tokens",
    };
    body[field] = json!(max_tokens);
    if let Some(t) = req.temperature {
        body["temperature"] = json!(t);
    }
    if let Some(s) = &req.schema {
        match mode {
            OutputMode::JsonSchemaStrict | OutputMode::JsonSchema => {
                let strict = mode == OutputMode::JsonSchemaStrict;
                body["response_format"] = json!({
                    "type": "json_schema",
                    "json_schema": { "name": s.name, "strict": strict, "schema": s.schema },
                });
            }
            // llama.cpp's servers read `schema` beside `json_object`; others ignore it.
            OutputMode::JsonObject => {
                body["response_format"] = json!({ "type": "json_object", "schema": s.schema });
            }
            OutputMode::Tool => {
                body["tools"] = json!([{ "type": "function", "function": {
                    "name": s.name, "description": TOOL_DESCRIPTION, "parameters": s.schema } }]);
                body["tool_choice"] = json!({ "type": "function", "function": { "name": s.name } });
            }
            OutputMode::Plain => {}
        }
    }
    if stream {
        body["stream"] = json!(true);
        body["stream_options"] = json!({ "include_usage": true });
    }
    body
}

/// `messages` with the system prompt telling the schema, for servers that are
/// not told it in the request.
pub(crate) fn with_schema_in_prompt(messages: &[Message], schema: &OutputSchema) -> Vec<Message> {
    let mut messages = messages.to_vec();
    let schema = serde_json::to_string(&schema.schema).unwrap_or_default();
    let note = format!("\n\n{SCHEMA_NOTE}\n{schema}");
    match messages.iter_mut().find(|m| m.role == Role::System) {
        Some(system) => system.content.push_str(&note),
        None => messages.insert(0, Message::new(Role::System, note.trim_start())),
    }
    messages
}

/// The human-readable message of an error body in any common shape (OpenAI,
/// Anthropic, vLLM, llama.cpp, FastAPI), or an excerpt of the raw text.
pub(crate) fn error_message(body: &str) -> String {
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

/// Map a non-success status to an error. Quota and spending-limit answers are
/// told apart from ordinary rate limits: retrying them cannot help.
pub(crate) fn status_error(url: &str, status: u16, body: &str, model: &Model, key_env: &str) -> LlmError {
    let message = error_message(body);
    let url = url.to_string();
    let lower = body.to_ascii_lowercase();
    let quota = [
        "insufficient_quota",
        "billing",
        "credit balance",
        "spend limit",
        "spending limit",
        "exceeded your current quota",
    ]
    .iter()
    .any(|m| lower.contains(m));
    let too_long = [
        "context_length_exceeded",
        "exceed_context_size_error",
        "prompt is too long",
        "maximum context length",
        "context window",
        "exceeds the context",
    ]
    .iter()
    .any(|m| lower.contains(m));
    match status {
        400 | 413 | 422 | 500 if too_long => LlmError::ContextLength {
            url,
            stage: super::Label::probe(),
            tokens: 0,
            limit: super::error::context_limit(body),
            message,
        },
        401 | 403 => LlmError::Auth {
            url,
            status,
            message,
            key_env: key_env.to_string(),
        },
        404 => LlmError::ModelNotFound {
            url,
            model: model.clone(),
            message,
        },
        402 => LlmError::Quota { url, status, message },
        400 | 429 if quota => LlmError::Quota { url, status, message },
        _ => LlmError::Api { url, status, message },
    }
}

fn usage_of(v: &Value) -> Option<Usage> {
    let u = v.get("usage").filter(|u| u.is_object())?;
    let n = |p: &str| u.pointer(p).and_then(Value::as_u64).unwrap_or(0);
    Some(Usage {
        prompt_tokens: n("/prompt_tokens"),
        completion_tokens: n("/completion_tokens"),
        cached_prompt_tokens: n("/prompt_tokens_details/cached_tokens"),
    })
}

fn first_choice(v: &Value) -> Option<&Value> {
    v.get("choices").and_then(Value::as_array).and_then(|c| c.first())
}

/// Parse a non-streaming chat-completions body.
pub(crate) fn parse_completion(url: &str, status: u16, body: &str) -> Result<ChatResponse, LlmError> {
    let decode = |detail: &str| LlmError::decode(url, status, detail, body);
    let v: Value = serde_json::from_str(body).map_err(|e| decode(&e.to_string()))?;
    let choice = first_choice(&v).ok_or_else(|| decode("no `choices` in the answer"))?;
    // A forced tool call answers in the call's arguments.
    let content = choice
        .pointer("/message/content")
        .and_then(Value::as_str)
        .filter(|c| !c.trim().is_empty())
        .or_else(|| {
            choice
                .pointer("/message/tool_calls/0/function/arguments")
                .and_then(Value::as_str)
        })
        .or_else(|| choice.pointer("/message/content").and_then(Value::as_str))
        .ok_or_else(|| decode("no `message.content` in the first choice"))?;
    Ok(ChatResponse {
        content: content.to_string(),
        usage: usage_of(&v).unwrap_or_default(),
        model: super::Model::reported(
            v.get("model")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        ),
        finish_reason: choice
            .get("finish_reason")
            .and_then(Value::as_str)
            .map(str::to_string),
        ..ChatResponse::default()
    })
}

/// One SSE `data:` payload as JSON; anything else is a decode error.
pub(crate) fn stream_json(url: &str, data: &str) -> Result<Value, LlmError> {
    serde_json::from_str(data)
        .map_err(|e| LlmError::decode(url, 200, format!("stream event is not JSON: {e}"), data))
}

/// Accumulates a streamed answer chunk by chunk.
#[derive(Debug, Default)]
pub(crate) struct StreamState {
    pub(crate) answer: ChatResponse,
    pub(crate) done: bool,
}

impl StreamState {
    /// Feed one SSE `data:` payload. Returns whether it carried answer content
    /// (what the idle timeout counts).
    pub(crate) fn feed(&mut self, url: &str, data: &str) -> Result<bool, LlmError> {
        let data = data.trim();
        if data == "[DONE]" {
            self.done = true;
            return Ok(false);
        }
        if data.is_empty() {
            return Ok(false);
        }
        let v = stream_json(url, data)?;
        if v.get("error").is_some() {
            return Err(LlmError::Stream {
                url: url.to_string(),
                reason: error_message(data),
            });
        }
        let mut content = false;
        if let Some(choice) = first_choice(&v) {
            let piece = choice
                .pointer("/delta/content")
                .and_then(Value::as_str)
                .or_else(|| {
                    choice
                        .pointer("/delta/tool_calls/0/function/arguments")
                        .and_then(Value::as_str)
                });
            if let Some(piece) = piece {
                content = !piece.is_empty();
                self.answer.content.push_str(piece);
            }
            if let Some(r) = choice.get("finish_reason").and_then(Value::as_str) {
                self.answer.finish_reason = Some(r.to_string());
            }
        }
        if let Some(u) = usage_of(&v) {
            self.answer.usage = u;
        }
        if let Some(m) = v.get("model").and_then(Value::as_str) {
            self.answer.model = super::Model::reported(m);
        }
        Ok(content)
    }
}

#[cfg(test)]
mod tests;
