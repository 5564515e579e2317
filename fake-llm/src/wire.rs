//! The two wire formats the fake server speaks: reading requests and writing
//! answers, whole or as SSE streams, healthy or broken in a chosen way.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use serde_json::{Value, json};

use crate::answer::message_text;
use crate::faults::{Fault, HANG};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    OpenAi,
    Anthropic,
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
            .or_else(|| function.clone());
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
            stream: v.get("stream").and_then(Value::as_bool) == Some(true),
            turns,
            cache_prefix,
        }
    }

    fn usage(&self, content: &str, cache_hit: bool) -> (u64, u64, u64) {
        let prompt = (self.transcript.len() / 4 + 1) as u64;
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
            let mut r = error(p, 429, "rate limit reached, slow down");
            let h = r.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&retry_after_ms.to_string()) {
                h.insert("retry-after-ms", v);
            }
            if let Ok(v) = HeaderValue::from_str(&retry_after_ms.div_ceil(1000).to_string()) {
                h.insert(header::RETRY_AFTER, v);
            }
            r
        }
        Fault::Status(code) => error(p, code, "the server had an error; try again"),
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
    if !req.stream {
        let body = match p {
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
                "content": [anthropic_block(req, content)],
                "stop_reason": if cut { "max_tokens" } else if req.tool.is_some() { "tool_use" } else { "end_turn" },
                "usage": {"input_tokens": prompt - cached, "cache_read_input_tokens": cached, "output_tokens": completion},
            }),
        };
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
        Protocol::Anthropic => anthropic_frames(req, content, cut, (prompt, completion, cached)),
    };
    match broken {
        Some(Fault::TruncatedStream) => sse(frames[..frames.len() - 1].to_vec()),
        Some(Fault::HangAfterFirstChunk) => {
            stalled(frames[..frames.len().min(3)].to_vec(), "text/event-stream")
        }
        Some(Fault::Reset) => {
            let half = frames[..frames.len() / 2].to_vec();
            let items = futures::stream::iter(half.into_iter().map(Ok::<_, std::io::Error>)).chain(
                futures::stream::once(async { Err(std::io::Error::other("connection reset")) }),
            );
            event_stream(Body::from_stream(items))
        }
        _ => sse(frames),
    }
}

fn anthropic_block(req: &Request, content: &str) -> Value {
    match (&req.tool, serde_json::from_str::<Value>(content)) {
        (Some(name), Ok(input)) if input.is_object() => {
            json!({"type": "tool_use", "id": "toolu_1", "name": name, "input": input})
        }
        _ => json!({"type": "text", "text": content}),
    }
}

fn pieces(content: &str) -> Vec<String> {
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

/// The last frame is the terminator.
fn openai_frames(req: &Request, content: &str, cut: bool, (p, c, cached): (u64, u64, u64)) -> Vec<String> {
    let chunk = |delta: Value, finish: Value| json!({"object": "chat.completion.chunk", "model": req.model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]});
    let mut events = vec![chunk(json!({"role": "assistant", "content": ""}), Value::Null)];
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
    events.push(chunk(json!({}), json!(if cut { "length" } else { "stop" })));
    events.push(json!({"object": "chat.completion.chunk", "model": req.model, "choices": [],
        "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c, "prompt_tokens_details": {"cached_tokens": cached}}}));
    let mut frames = vec![": fake-llm keep-alive\n\n".to_string()];
    frames.extend(events.into_iter().map(|e| format!("data: {e}\n\n")));
    frames.push("data: [DONE]\n\n".into());
    frames
}

/// The last frame is `message_stop`.
fn anthropic_frames(req: &Request, content: &str, cut: bool, (p, c, cached): (u64, u64, u64)) -> Vec<String> {
    let frame = |v: Value| {
        format!(
            "event: {}\ndata: {v}\n\n",
            v["type"].as_str().unwrap_or("unknown")
        )
    };
    let tool = anthropic_block(req, content)["type"] == "tool_use";
    let block = if tool {
        json!({"type": "tool_use", "id": "toolu_1", "name": req.tool, "input": {}})
    } else {
        json!({"type": "text", "text": ""})
    };
    let mut frames = vec![
        frame(
            json!({"type": "message_start", "message": {"id": "msg_1", "type": "message", "role": "assistant",
            "model": req.model, "content": [], "usage": {"input_tokens": p - cached, "cache_read_input_tokens": cached, "output_tokens": 1}}}),
        ),
        frame(json!({"type": "content_block_start", "index": 0, "content_block": block})),
        frame(json!({"type": "ping"})),
    ];
    for piece in pieces(content) {
        let delta = if tool {
            json!({"type": "input_json_delta", "partial_json": piece})
        } else {
            json!({"type": "text_delta", "text": piece})
        };
        frames.push(frame(
            json!({"type": "content_block_delta", "index": 0, "delta": delta}),
        ));
    }
    let stop = if cut {
        "max_tokens"
    } else if tool {
        "tool_use"
    } else {
        "end_turn"
    };
    frames.push(frame(json!({"type": "content_block_stop", "index": 0})));
    frames.push(frame(
        json!({"type": "message_delta", "delta": {"stop_reason": stop}, "usage": {"output_tokens": c}}),
    ));
    frames.push(frame(json!({"type": "message_stop"})));
    frames
}

fn sse(frames: Vec<String>) -> Response {
    event_stream(Body::from(frames.concat()))
}

/// Frames, then silence for far longer than any test waits.
fn stalled(frames: Vec<String>, content_type: &'static str) -> Response {
    let items = futures::stream::iter(frames.into_iter().map(Ok::<_, std::io::Error>)).chain(
        futures::stream::once(async {
            tokio::time::sleep(HANG).await;
            Ok(String::new())
        }),
    );
    let mut r = event_stream(Body::from_stream(items));
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

fn event_stream(body: Body) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "text/event-stream")
        .body(body)
        .unwrap_or_else(|_| error(Protocol::OpenAi, 500, "could not build the stream"))
}
