//! The two wire formats the fake server speaks: reading requests and writing
//! answers, whole or as SSE streams, healthy or broken in a chosen way.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::answer::message_text;
use crate::faults::Fault;
use crate::servers::{self, Imitate, Style, timings};
use crate::streams::{reset, sse, stalled};

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
        // A schema stated only in the prompt (JSON mode, plain text) is read
        // there, as a model would.
        let schema = schema.or_else(|| {
            const NOTE: &str = "that matches this JSON Schema:\n";
            let at = transcript.find(NOTE)? + NOTE.len();
            let line = transcript[at..].lines().next()?;
            serde_json::from_str::<Value>(line).ok().filter(Value::is_object)
        });
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

    /// An error in the shape the imitated server gives it.
    fn error(&self, p: Protocol, code: u16, message: &str) -> Response {
        match self.imitate {
            Some(im) if p == Protocol::OpenAi => {
                raw(code, servers::error_body(im, code, message).to_string())
            }
            _ => error(p, code, message),
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

    fn usage(&self, content: &str, cache_hit: bool) -> (u64, u64, u64) {
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

/// An answer in the protocol's shape.
pub fn respond(p: Protocol, req: &Request, content: &str, index: usize, cache_hit: bool) -> Response {
    build(p, req, content, index, cache_hit, None)
}

/// An answer broken by `fault`.
pub fn fault(
    p: Protocol,
    fault: Fault,
    req: &Request,
    content: &str,
    index: usize,
    cache_hit: bool,
) -> Response {
    match fault {
        Fault::RateLimited { retry_after_ms } => {
            let mut r = req.error(p, 429, "rate limit reached, slow down");
            let h = r.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&retry_after_ms.to_string()) {
                h.insert("retry-after-ms", v);
            }
            if let Ok(v) = HeaderValue::from_str(&retry_after_ms.div_ceil(1000).to_string()) {
                h.insert(header::RETRY_AFTER, v);
            }
            r
        }
        Fault::Status(code) => req.error(p, code, "the server had an error; try again"),
        Fault::InvalidJsonBody => {
            let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
            ([(header::CONTENT_TYPE, "text/html")], html).into_response()
        }
        Fault::SchemaViolation => build(p, req, r#"{"unexpected": true}"#, index, cache_hit, None),
        Fault::LengthCut => {
            let half: String = content.chars().take(content.chars().count() / 2).collect();
            build(p, req, &half, index, cache_hit, Some(Fault::LengthCut))
        }
        other => build(p, req, content, index, cache_hit, Some(other)),
    }
}

/// A JSON error body in the protocol's shape.
pub fn error(p: Protocol, code: u16, message: &str) -> Response {
    let body = match p {
        Protocol::Ollama => json!({ "error": message }),
        Protocol::OpenAi => json!({"error": {"message": message, "type": "server_error", "code": code}}),
        Protocol::Anthropic => {
            let kind = match code {
                429 => "rate_limit_error",
                529 => "overloaded_error",
                400 => "invalid_request_error",
                401 => "authentication_error",
                _ => "api_error",
            };
            json!({"type": "error", "error": {"type": kind, "message": message}})
        }
    };
    (status(code), axum::Json(body)).into_response()
}

/// A response with exactly this status and body.
pub fn raw(code: u16, body: String) -> Response {
    (status(code), [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A response with the given headers, which may be anything a server sends.
pub fn raw_with(code: u16, headers: &[(String, String)], body: String) -> Response {
    let mut resp = raw(code, body);
    for (name, value) in headers {
        if let (Ok(n), Ok(v)) = (
            axum::http::HeaderName::from_bytes(name.as_bytes()),
            axum::http::HeaderValue::from_str(value),
        ) {
            resp.headers_mut().insert(n, v);
        }
    }
    resp
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn build(
    p: Protocol,
    req: &Request,
    content: &str,
    index: usize,
    cache_hit: bool,
    broken: Option<Fault>,
) -> Response {
    let cut = broken == Some(Fault::LengthCut);
    let (prompt, completion, cached) = req.usage(content, cache_hit);
    if p == Protocol::Ollama {
        return crate::ollama::build(req, content, (prompt, completion), broken);
    }
    if !req.stream {
        let mut body = match p {
            Protocol::OpenAi => json!({
                "id": format!("chatcmpl-{index}"),
                "object": "chat.completion",
                "model": req.model,
                "choices": [{"index": 0, "message": openai_message(req, content),
                             "finish_reason": if cut { "length" } else if req.function.is_some() { "tool_calls" } else { "stop" }}],
                "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
                          "prompt_tokens_details": {"cached_tokens": cached}},
            }),
            Protocol::Anthropic => json!({
                "id": format!("msg_{index}"),
                "type": "message",
                "role": "assistant",
                "model": req.model,
                "content": [crate::anthropic::block(req, content)],
                "stop_reason": if cut { "max_tokens" } else if req.tool.is_some() { "tool_use" } else { "end_turn" },
                "usage": {"input_tokens": prompt - cached, "cache_read_input_tokens": cached, "output_tokens": completion},
            }),
            Protocol::Ollama => Value::Null,
        };
        if req.imitate == Some(Imitate::LlamaServer) {
            body["timings"] = timings(prompt, completion);
        }
        let text = body.to_string();
        return match broken {
            Some(Fault::TruncatedStream | Fault::Reset) => {
                let half = text[..text.len() / 2].to_string();
                ([(header::CONTENT_TYPE, "application/json")], half).into_response()
            }
            Some(Fault::HangAfterFirstChunk) => {
                stalled(vec![text[..text.len() / 2].to_string()], "application/json")
            }
            _ => ([(header::CONTENT_TYPE, "application/json")], text).into_response(),
        };
    }
    let frames = match p {
        Protocol::OpenAi => openai_frames(req, content, cut, (prompt, completion, cached)),
        Protocol::Anthropic | Protocol::Ollama => {
            crate::anthropic::frames(req, content, cut, (prompt, completion, cached))
        }
    };
    match broken {
        Some(Fault::TruncatedStream) => sse(frames[..frames.len() - 1].to_vec()),
        Some(Fault::HangAfterFirstChunk) => {
            stalled(frames[..frames.len().min(3)].to_vec(), "text/event-stream")
        }
        Some(Fault::Reset) => reset(frames[..frames.len() / 2].to_vec(), "text/event-stream"),
        _ => sse(frames),
    }
}

pub fn pieces(content: &str) -> Vec<String> {
    let chars: Vec<char> = content.chars().collect();
    chars.chunks(40).map(|c| c.iter().collect()).collect()
}

/// An OpenAI answer message: text, or the forced function's call.
fn openai_message(req: &Request, content: &str) -> Value {
    match &req.function {
        Some(name) => {
            json!({"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
            "function": {"name": name, "arguments": content}}]})
        }
        None => json!({"role": "assistant", "content": content}),
    }
}

/// The last frame is the terminator; the request's style says how the frames
/// look and where usage goes.
fn openai_frames(req: &Request, content: &str, cut: bool, (p, c, cached): (u64, u64, u64)) -> Vec<String> {
    let style = Style::of(req.imitate);
    let chunk = |delta: Value, finish: Value| {
        let mut v = json!({"object": "chat.completion.chunk", "model": req.model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]});
        if let Some(fp) = style.fingerprint {
            v["system_fingerprint"] = json!(fp);
        }
        v
    };
    let usage = json!({"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c, "prompt_tokens_details": {"cached_tokens": cached}});
    let first = if style.null_content {
        json!({"role": "assistant", "content": null})
    } else {
        json!({"role": "assistant", "content": ""})
    };
    let mut events = vec![chunk(first, Value::Null)];
    events.extend(pieces(content).into_iter().enumerate().map(|(i, piece)| {
        let delta = match &req.function {
            // A tool call's arguments arrive in pieces; the first names the call.
            Some(name) if i == 0 => json!({"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                "function": {"name": name, "arguments": piece}}]}),
            Some(_) => json!({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}),
            None => json!({"content": piece}),
        };
        chunk(delta, Value::Null)
    }));
    let mut finish = chunk(json!({}), json!(if cut { "length" } else { "stop" }));
    if style.usage_in_finish {
        finish["usage"] = usage.clone();
        finish["timings"] = timings(p, c);
    }
    events.push(finish);
    if !style.usage_in_finish && !style.no_stream_usage {
        events.push(
            json!({"object": "chat.completion.chunk", "model": req.model, "choices": [], "usage": usage}),
        );
    }
    let mut frames: Vec<String> = style.comment_frame().into_iter().collect();
    frames.extend(events.into_iter().map(|e| style.frame(&e.to_string())));
    frames.push(style.frame("[DONE]"));
    frames
}
