//! What the batch engines read and write besides the batches themselves:
//! uploaded input files and their content, an Anthropic batch's results lines,
//! and a self-hosted engine's run over an input file (as vLLM's `run-batch`).

use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::batches::{answer, error};
use crate::{Handle, Protocol};

/// `POST /v1/files` (multipart, `purpose=batch`).
pub(crate) async fn upload(State(h): State<Handle>, mut form: Multipart) -> Response {
    let mut text = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("file") {
            text = field.text().await.ok();
        }
    }
    let Some(text) = text else {
        return error(400, "no file in the form");
    };
    let bytes = text.len();
    let Some(id) = h.with_batches(|s| {
        let id = s.id("file");
        s.files.insert(id.clone(), text);
        id
    }) else {
        return error(500, "state lost");
    };
    Json(json!({"id": id, "object": "file", "bytes": bytes, "purpose": "batch"})).into_response()
}

/// `GET /v1/files/{id}/content`.
pub(crate) async fn file_content(State(h): State<Handle>, Path(id): Path<String>) -> Response {
    match h.with_batches(|s| s.files.get(&id).cloned()).flatten() {
        Some(text) => text.into_response(),
        None => error(404, "no such file"),
    }
}

/// `GET /v1/messages/batches/{id}/results`: one JSON line per request.
pub(crate) async fn anthropic_results(State(h): State<Handle>, Path(id): Path<String>) -> Response {
    let Some(b) = h.with_batches(|s| s.batches.get(&id).cloned()).flatten() else {
        return error(404, "no such batch");
    };
    let Some(results) = &b.results else {
        return error(400, "the batch has not ended");
    };
    let mut out = String::new();
    for ((custom_id, _), r) in b.lines.iter().zip(results) {
        let result = match r {
            Ok(message) => json!({"type": "succeeded", "message": message}),
            Err("errored") => {
                json!({"type": "errored", "error": {"type": "error", "error": {"type": "api_error", "message": "internal error"}}})
            }
            Err(kind) => json!({"type": kind}),
        };
        out.push_str(&json!({"custom_id": custom_id, "result": result}).to_string());
        out.push('\n');
    }
    out.into_response()
}

/// Play a self-hosted batch engine (as vLLM's `run-batch` does): answer every
/// line of an OpenAI batch input file and return the output file's lines.
pub async fn run_batch(h: &Handle, input: &str) -> String {
    let mut out = String::new();
    for (i, line) in input.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let custom_id = v.get("custom_id").cloned().unwrap_or(Value::Null);
        let body = v.get("body").cloned().unwrap_or(Value::Null);
        let line = match answer(h, Protocol::OpenAi, &body).await {
            Ok(body) => json!({"id": format!("vllm-{i}"), "custom_id": custom_id,
                "response": {"status_code": 200, "request_id": format!("vllm-batch-{i}"), "body": body}, "error": null}),
            Err(_) => json!({"id": format!("vllm-{i}"), "custom_id": custom_id,
                "response": {"status_code": 500, "request_id": format!("vllm-batch-{i}"), "body": null}, "error": null}),
        };
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}
