//! Ollama's native API as the fake serves it: `/api/chat` (JSON lines when
//! streamed, which is its default), `/api/tags`, `/api/show` and
//! `/api/version`. A prompt longer than the request's `options.num_ctx` (4096
//! when it sends none) is cut from the front and answered, as Ollama does.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::faults::Fault;
use crate::request::{Protocol, Request, pieces};
use crate::streams::{reset, stalled};
use crate::{Handle, handle};

/// The model the fake serves, and the window its weights were trained for.
pub const MODEL: &str = "llama3.1:latest";
pub const TRAINED_CONTEXT: u64 = 131_072;

/// Ollama's window when a request names none.
pub const DEFAULT_NUM_CTX: u64 = 4_096;

const NDJSON: &str = "application/x-ndjson";

pub async fn chat(State(h): State<Handle>, headers: HeaderMap, body: String) -> Response {
    handle(h, headers, body, Protocol::Ollama).await
}

pub async fn tags() -> Json<Value> {
    Json(
        json!({"models": [{"name": MODEL, "model": MODEL, "modified_at": "2026-11-01T10:00:00Z",
        "size": 4_920_753_328u64, "digest": "46e0c10c039e019119339687c3c1757cc81b9da49709a3b3924863ba87ca666e",
        "details": {"format": "gguf", "family": "llama", "parameter_size": "8.0B", "quantization_level": "Q4_K_M"}}]}),
    )
}

pub async fn show(body: String) -> Response {
    let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let name = v["model"].as_str().or(v["name"].as_str()).unwrap_or("");
    if name != MODEL && format!("{name}:latest") != MODEL {
        return crate::bodies::error(Protocol::Ollama, 404, &format!("model '{name}' not found"));
    }
    Json(
        json!({"modelfile": "FROM llama3.1", "parameters": "stop \"<|eot_id|>\"", "template": "{{ .Prompt }}",
        "details": {"format": "gguf", "family": "llama", "parameter_size": "8.0B"},
        "model_info": {"general.architecture": "llama", "general.parameter_count": 8_030_261_248u64,
            "llama.context_length": TRAINED_CONTEXT, "llama.embedding_length": 4096},
        "capabilities": ["completion", "tools"]}),
    )
    .into_response()
}

pub async fn version() -> Json<Value> {
    Json(json!({"version": "0.12.3"}))
}

/// The window a native request asks for.
pub fn num_ctx(body: &Value) -> u64 {
    body.pointer("/options/num_ctx")
        .and_then(Value::as_u64)
        .unwrap_or(DEFAULT_NUM_CTX)
}

fn chunk(req: &Request, content: &str, done: Option<(bool, u64, u64)>) -> Value {
    let mut v = json!({"model": req.model, "created_at": "2026-11-30T12:00:00.000000Z",
        "message": {"role": "assistant", "content": content}, "done": done.is_some()});
    if let Some((cut, prompt, completion)) = done {
        v["done_reason"] = json!(if cut { "length" } else { "stop" });
        v["total_duration"] = json!(5_191_566_416u64);
        v["load_duration"] = json!(2_154_458);
        v["prompt_eval_count"] = json!(prompt);
        v["prompt_eval_duration"] = json!(383_809_000);
        v["eval_count"] = json!(completion);
        v["eval_duration"] = json!(4_799_921_000u64);
    }
    v
}

/// An answer (or a broken one) in the native shape.
pub fn build(req: &Request, content: &str, usage: (u64, u64), broken: Option<Fault>) -> Response {
    let cut = broken == Some(Fault::LengthCut);
    let (prompt, completion) = usage;
    if !req.stream {
        let text = chunk(req, content, Some((cut, prompt, completion))).to_string();
        let text = match broken {
            Some(Fault::TruncatedStream | Fault::Reset | Fault::HangAfterFirstChunk) => {
                text[..text.len() / 2].to_string()
            }
            _ => text,
        };
        return ([(header::CONTENT_TYPE, "application/json")], text).into_response();
    }
    let mut lines: Vec<String> = pieces(content)
        .into_iter()
        .map(|p| chunk(req, &p, None).to_string() + "\n")
        .collect();
    lines.push(chunk(req, "", Some((cut, prompt, completion))).to_string() + "\n");
    match broken {
        Some(Fault::TruncatedStream) => {
            lines.pop();
            ([(header::CONTENT_TYPE, NDJSON)], lines.concat()).into_response()
        }
        Some(Fault::HangAfterFirstChunk) => stalled(lines[..lines.len().min(2)].to_vec(), NDJSON),
        Some(Fault::Reset) => reset(lines[..lines.len().min(2)].to_vec(), NDJSON),
        _ => ([(header::CONTENT_TYPE, NDJSON)], lines.concat()).into_response(),
    }
}
