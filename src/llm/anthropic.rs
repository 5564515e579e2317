//! The Anthropic Messages wire format: pure request building and response
//! parsing. Structured answers come through a forced tool whose `input_schema` is
//! the stage's schema; the shared source block is marked for prompt caching.

/// The description of the one tool a structured answer is recorded with.
pub(crate) const TOOL_DESCRIPTION: &str = "Record the answer in exactly this structure.";

use serde_json::{Value, json};

use super::openai::{error_message, stream_json};
use super::{ChatRequest, ChatResponse, LlmError, Role, Usage};

/// The `anthropic-version` header value.
pub(crate) const VERSION: &str = "2023-06-01";

/// The JSON body for a Messages request.
pub(crate) fn request_body(req: &ChatRequest, max_tokens: u32, stream: bool) -> Value {
    let system: Vec<&str> = req
        .messages
        .iter()
        .filter(|m| m.role == Role::System)
        .map(|m| m.content.as_str())
        .collect();
    let mut first_user = true;
    let messages: Vec<Value> = req
        .messages
        .iter()
        .filter(|m| m.role != Role::System)
        .map(|m| {
            let blocks = if m.role == Role::User && first_user {
                first_user = false;
                user_blocks(&m.content, req.shared_prefix)
            } else {
                vec![json!({"type": "text", "text": m.content})]
            };
            json!({"role": m.role.as_str(), "content": blocks})
        })
        .collect();
    let mut body = json!({
        "model": req.model,
        "max_tokens": max_tokens,
        "messages": messages,
    });
    if !system.is_empty() {
        body["system"] = json!([{"type": "text", "text": system.join("\n\n")}]);
    }
    if let Some(t) = req.temperature {
        body["temperature"] = json!(t.min(1.0));
    }
    if let Some(s) = &req.schema {
        body["tools"] = json!([{
            "name": s.name,
            "description": TOOL_DESCRIPTION,
            "input_schema": s.schema,
        }]);
        body["tool_choice"] = json!({"type": "tool", "name": s.name});
    }
    if stream {
        body["stream"] = json!(true);
    }
    body
}

/// The first user message, split so that the prefix every call of an article
/// shares (the fenced sources) is cached by the server.
fn user_blocks(content: &str, shared_prefix: usize) -> Vec<Value> {
    match (content.get(..shared_prefix), content.get(shared_prefix..)) {
        (Some(head), Some(tail)) if shared_prefix > 0 && !tail.trim().is_empty() => vec![
            json!({"type": "text", "text": head, "cache_control": {"type": "ephemeral"}}),
            json!({"type": "text", "text": tail}),
        ],
        _ => vec![json!({"type": "text", "text": content})],
    }
}

fn usage_of(u: &Value) -> Usage {
    let n = |k: &str| u.get(k).and_then(Value::as_u64).unwrap_or(0);
    let cached = n("cache_read_input_tokens");
    Usage {
        prompt_tokens: n("input_tokens") + cached + n("cache_creation_input_tokens"),
        completion_tokens: n("output_tokens"),
        cached_prompt_tokens: cached,
    }
}

/// The answer text: a forced tool's input as JSON, else the text blocks.
fn content_of(blocks: &[Value]) -> String {
    if let Some(input) = blocks
        .iter()
        .find(|b| b["type"] == "tool_use")
        .map(|b| &b["input"])
    {
        return input.to_string();
    }
    blocks
        .iter()
        .filter_map(|b| b.get("text").and_then(Value::as_str))
        .collect()
}

/// Parse a non-streaming Messages body.
pub(crate) fn parse_message(url: &str, status: u16, body: &str) -> Result<ChatResponse, LlmError> {
    let decode = |detail: &str| LlmError::decode(url, status, detail, body);
    let v: Value = serde_json::from_str(body).map_err(|e| decode(&e.to_string()))?;
    let blocks = v
        .get("content")
        .and_then(Value::as_array)
        .ok_or_else(|| decode("no `content` in the answer"))?;
    Ok(ChatResponse {
        content: content_of(blocks),
        usage: v.get("usage").map(usage_of).unwrap_or_default(),
        model: super::Model::reported(
            v.get("model")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        ),
        finish_reason: v.get("stop_reason").and_then(Value::as_str).map(str::to_string),
        ..ChatResponse::default()
    })
}

/// Accumulates a streamed Messages answer event by event.
#[derive(Debug, Default)]
pub(crate) struct StreamState {
    pub(crate) answer: ChatResponse,
    pub(crate) done: bool,
    tool_json: String,
    is_tool: bool,
}

impl StreamState {
    /// Feed one SSE `data:` payload; returns whether it carried answer content.
    /// `ping` events keep the socket open but are not content.
    pub(crate) fn feed(&mut self, url: &str, data: &str) -> Result<bool, LlmError> {
        let data = data.trim();
        if data.is_empty() {
            return Ok(false);
        }
        let v = stream_json(url, data)?;
        match v.get("type").and_then(Value::as_str).unwrap_or("") {
            "message_start" => {
                if let Some(u) = v.pointer("/message/usage") {
                    self.answer.usage = usage_of(u);
                }
                let model = v
                    .pointer("/message/model")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                self.answer.model = super::Model::reported(model);
            }
            "content_block_start"
                if v.pointer("/content_block/type").and_then(Value::as_str) == Some("tool_use") =>
            {
                self.is_tool = true;
            }
            "content_block_delta" => {
                let piece = v
                    .pointer("/delta/text")
                    .or_else(|| v.pointer("/delta/partial_json"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if v.pointer("/delta/type").and_then(Value::as_str) == Some("input_json_delta") {
                    self.tool_json.push_str(piece);
                } else {
                    self.answer.content.push_str(piece);
                }
                return Ok(!piece.is_empty());
            }
            "message_delta" => {
                if let Some(r) = v.pointer("/delta/stop_reason").and_then(Value::as_str) {
                    self.answer.finish_reason = Some(r.to_string());
                }
                if let Some(n) = v.pointer("/usage/output_tokens").and_then(Value::as_u64) {
                    self.answer.usage.completion_tokens = n;
                }
            }
            "message_stop" => {
                self.done = true;
                if self.is_tool {
                    self.answer.content = std::mem::take(&mut self.tool_json);
                }
            }
            "error" => {
                return Err(LlmError::Stream {
                    url: url.to_string(),
                    reason: error_message(data),
                });
            }
            _ => {} // ping, content_block_stop and events added later
        }
        Ok(false)
    }
}

#[cfg(test)]
mod tests;
