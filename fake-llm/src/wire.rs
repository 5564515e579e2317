//! The two wire formats the fake server speaks: reading requests and writing
//! answers, whole or as SSE streams, healthy or broken in a chosen way.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::bodies::{error, raw};
use crate::faults::Fault;
use crate::request::{Protocol, Request, pieces};
use crate::servers::{self, Imitate, Style, timings};
use crate::streams::{reset, sse, stalled};

/// An error in the shape the imitated server gives it.
fn imitated_error(req: &Request, p: Protocol, code: u16, message: &str) -> Response {
    match req.imitate {
        Some(im) if p == Protocol::OpenAi => raw(code, servers::error_body(im, code, message).to_string()),
        _ => error(p, code, message),
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
            let mut r = imitated_error(req, p, 429, "rate limit reached, slow down");
            let h = r.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&retry_after_ms.to_string()) {
                h.insert("retry-after-ms", v);
            }
            if let Ok(v) = HeaderValue::from_str(&retry_after_ms.div_ceil(1000).to_string()) {
                h.insert(header::RETRY_AFTER, v);
            }
            r
        }
        Fault::Status(code) => imitated_error(req, p, code, "the server had an error; try again"),
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
