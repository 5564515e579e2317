//! A request as the fake server reads it, whatever the wire format: the model,
//! the transcript, the schema asked for, streaming, and the size the fake counts.

use serde_json::{Value, json};

use crate::answer::message_text;
use crate::servers::Imitate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    OpenAi,
    Anthropic,
    /// Ollama's native `/api/chat` (see `ollama.rs`).
    Ollama,
}

/// What the server needs from a request.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub model: String,
    /// System prompt and every message's text.
    pub transcript: String,
    pub schema: Option<Value>,
    /// The forced tool's name (Anthropic structured output).
    pub tool: Option<String>,
    /// The forced function's name (OpenAI tool calling): answered as its call.
    pub function: Option<String>,
    /// The schema's name (OpenAI) or the forced tool's (Anthropic).
    pub schema_name: Option<String>,
    pub stream: bool,
    /// User and assistant messages: 1 for a first attempt, more for a repair.
    pub turns: usize,
    /// The first user block marked `cache_control` (Anthropic prompt caching).
    pub cache_prefix: Option<String>,
    /// The real server imitated on the OpenAI endpoint: its framing, timings
    /// and error shapes.
    pub imitate: Option<Imitate>,
}

/// A schema stated only in the prompt (JSON mode, plain text), read there as a
/// model would.
fn schema_in_prompt(transcript: &str) -> Option<Value> {
    const NOTE: &str = "that matches this JSON Schema:\n";
    let at = transcript.find(NOTE)? + NOTE.len();
    let line = transcript[at..].lines().next()?;
    serde_json::from_str::<Value>(line).ok().filter(Value::is_object)
}

impl Request {
    pub fn read(protocol: Protocol, v: &Value) -> Self {
        let messages = v.get("messages");
        let turns = messages
            .and_then(Value::as_array)
            .map_or(0, |m| m.iter().filter(|m| m["role"] != "system").count());
        let mut transcript = message_text(messages);
        let function = v
            .pointer("/tool_choice/function/name")
            .and_then(Value::as_str)
            .map(str::to_string);
        let (schema, tool) = match protocol {
            // `format` is a schema, or "json".
            Protocol::Ollama => (v.get("format").filter(|f| f.is_object()).cloned(), None),
            Protocol::OpenAi => (
                v.pointer("/response_format/json_schema/schema")
                    .or_else(|| v.pointer("/response_format/schema"))
                    .or_else(|| v.pointer("/tools/0/function/parameters"))
                    .cloned(),
                None,
            ),
            Protocol::Anthropic => {
                if let Some(system) = v.get("system") {
                    let text = match system {
                        Value::String(s) => s.clone(),
                        other => message_text(Some(&json!([{ "content": other }]))),
                    };
                    transcript = format!("{text}\n{transcript}");
                }
                let tool = v
                    .pointer("/tools/0/name")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                (v.pointer("/tools/0/input_schema").cloned(), tool)
            }
        };
        let schema = schema.or_else(|| schema_in_prompt(&transcript));
        let cache_prefix = v
            .pointer("/messages/0/content")
            .and_then(Value::as_array)
            .and_then(|blocks| blocks.iter().find(|b| b.get("cache_control").is_some()))
            .and_then(|b| b.get("text")?.as_str())
            .map(str::to_string);
        let schema_name = v
            .pointer("/response_format/json_schema/name")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| tool.clone())
            .or_else(|| function.clone())
            .or_else(|| {
                v.pointer("/format/title")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            });
        Self {
            function,
            schema_name,
            model: v
                .get("model")
                .and_then(Value::as_str)
                .unwrap_or("fake-model")
                .to_string(),
            transcript,
            schema,
            tool,
            // Ollama's native API streams unless told not to.
            stream: match protocol {
                Protocol::Ollama => v.get("stream").and_then(Value::as_bool) != Some(false),
                _ => v.get("stream").and_then(Value::as_bool) == Some(true),
            },
            turns,
            cache_prefix,
            imitate: None,
        }
    }

    /// The prompt's size as the fake counts it.
    pub fn prompt_tokens(&self) -> u64 {
        (self.transcript.len() / 4 + 1) as u64
    }

    /// Keep only the last `window` tokens of the prompt, as Ollama does with a
    /// prompt longer than its window.
    pub fn cut_to(&mut self, window: u64) {
        let keep = (window as usize).saturating_sub(1) * 4;
        let mut start = self.transcript.len().saturating_sub(keep);
        while !self.transcript.is_char_boundary(start) {
            start += 1;
        }
        self.transcript = self.transcript[start..].to_string();
    }

    pub fn usage(&self, content: &str, cache_hit: bool) -> (u64, u64, u64) {
        let prompt = self.prompt_tokens();
        let cached = if cache_hit {
            self.cache_prefix
                .as_ref()
                .map_or(0, |p| (p.len() / 4) as u64)
                .min(prompt)
        } else {
            0
        };
        (prompt, (content.len() / 4 + 1) as u64, cached)
    }
}

/// An answer's text in the pieces a stream sends it in.
pub fn pieces(content: &str) -> Vec<String> {
    let chars: Vec<char> = content.chars().collect();
    chars.chunks(40).map(|c| c.iter().collect()).collect()
}
