//! The providers' batch engines, faked: OpenAI's `files` + `batches` and
//! Anthropic's `messages/batches`. A batch moves through its statuses as time
//! passes (`BatchConfig::delay`), and when it ends every request in it is
//! answered by the same handler as a live call. Some requests can be made to
//! come back errored or expired (the first time their `custom_id` is seen), so
//! a client's resubmission is tested; every submitted `custom_id` is logged.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::Json;
use axum::body::to_bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::{Handle, Protocol, faults};

/// How the batch endpoints behave.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchConfig {
    /// From creation to the end of processing.
    pub delay: Duration,
    /// Requests answered `errored` (a server error), the first time their id is seen.
    pub errored_percent: u32,
    /// Requests left unprocessed when the batch expires, the first time their id is seen.
    pub expired_percent: u32,
}

impl Default for BatchConfig {
    fn default() -> Self {
        Self {
            delay: Duration::from_millis(200),
            errored_percent: 0,
            expired_percent: 0,
        }
    }
}

/// One batch as the fake keeps it.
#[derive(Debug, Clone)]
pub(crate) struct Batch {
    protocol: Protocol,
    created: Instant,
    /// `(custom_id, request body)` in submission order.
    pub(crate) lines: Vec<(String, Value)>,
    input_file_id: Option<String>,
    cancelled: bool,
    /// Per request: `Ok(answer body)` or `Err(kind)` (`errored`, `expired`, `canceled`).
    pub(crate) results: Option<Vec<Result<Value, &'static str>>>,
}

/// Batch endpoints' state.
#[derive(Default)]
pub(crate) struct Store {
    pub(crate) files: HashMap<String, String>,
    pub(crate) batches: HashMap<String, Batch>,
    seen: HashMap<String, u32>,
    /// Every `custom_id` submitted, in order, across batches.
    pub(crate) submitted: Vec<String>,
    pub(crate) created: usize,
    next: u64,
}

impl Store {
    pub(crate) fn cancelled_count(&self) -> usize {
        self.batches.values().filter(|b| b.cancelled).count()
    }

    /// An ended OpenAI batch's output and error files, where `files/{id}/content`
    /// finds them.
    fn publish(&mut self, id: &str) {
        let files = self.batches.get(id).and_then(|b| openai_files(b, id));
        if let Some((out_id, out, err_id, err)) = files {
            self.files.insert(out_id, out);
            self.files.insert(err_id, err);
        }
    }

    pub(crate) fn id(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}_{:06}", self.next)
    }
}

pub(crate) fn error(status: u16, message: &str) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    (
        code,
        Json(json!({"error": {"message": message, "type": "invalid_request_error"}})),
    )
        .into_response()
}

/// `POST /v1/batches`.
pub(crate) async fn openai_create(State(h): State<Handle>, Json(body): Json<Value>) -> Response {
    let Some(file) = body.get("input_file_id").and_then(Value::as_str) else {
        return error(400, "input_file_id is required");
    };
    let Some(text) = h.with_batches(|s| s.files.get(file).cloned()).flatten() else {
        return error(404, "no such input file");
    };
    let mut lines = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            return error(400, "a line of the input file is not JSON");
        };
        match (v.get("custom_id").and_then(Value::as_str), v.get("body")) {
            (Some(id), Some(b)) => lines.push((id.to_string(), b.clone())),
            _ => return error(400, "each line needs custom_id and body"),
        }
    }
    create(&h, Protocol::OpenAi, lines, Some(file.to_string()))
}

/// `POST /v1/messages/batches`.
pub(crate) async fn anthropic_create(State(h): State<Handle>, Json(body): Json<Value>) -> Response {
    let Some(requests) = body.get("requests").and_then(Value::as_array) else {
        return error(400, "requests is required");
    };
    let mut lines = Vec::new();
    for r in requests {
        match (r.get("custom_id").and_then(Value::as_str), r.get("params")) {
            (Some(id), Some(p)) if valid_anthropic_id(id) => lines.push((id.to_string(), p.clone())),
            (Some(id), Some(_)) => {
                return error(
                    400,
                    &format!("custom_id `{id}` does not match ^[a-zA-Z0-9_-]{{1,64}}$"),
                );
            }
            _ => return error(400, "each request needs custom_id and params"),
        }
    }
    create(&h, Protocol::Anthropic, lines, None)
}

fn valid_anthropic_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn create(
    h: &Handle,
    protocol: Protocol,
    lines: Vec<(String, Value)>,
    input_file_id: Option<String>,
) -> Response {
    if lines.is_empty() {
        return error(400, "a batch needs at least one request");
    }
    let made = h.with_batches(|s| {
        let id = s.id(if protocol == Protocol::OpenAi {
            "batch"
        } else {
            "msgbatch"
        });
        s.submitted.extend(lines.iter().map(|(c, _)| c.clone()));
        s.created += 1;
        let batch = Batch {
            protocol,
            created: Instant::now(),
            lines,
            input_file_id,
            cancelled: false,
            results: None,
        };
        s.batches.insert(id.clone(), batch.clone());
        (id, batch)
    });
    match made {
        Some((id, batch)) => Json(describe(&id, &batch, h.batch_config().delay)).into_response(),
        None => error(500, "state lost"),
    }
}

/// The batch object of either protocol, as it stands now.
fn describe(id: &str, b: &Batch, delay: Duration) -> Value {
    let age = b.created.elapsed();
    let ended = b.results.is_some();
    let count = |kind: &str| {
        b.results.as_ref().map_or(0, |r| {
            r.iter().filter(|x| matches!(x, Err(k) if *k == kind)).count()
        })
    };
    let ok = b
        .results
        .as_ref()
        .map_or(0, |r| r.iter().filter(|x| x.is_ok()).count());
    let total = b.lines.len();
    if b.protocol == Protocol::Anthropic {
        let status = match (ended, b.cancelled) {
            (true, _) => "ended",
            (false, true) => "canceling",
            _ => "in_progress",
        };
        return json!({
            "id": id, "type": "message_batch", "processing_status": status,
            "request_counts": {
                "processing": if ended { 0 } else { total },
                "succeeded": ok, "errored": count("errored"),
                "canceled": count("canceled"), "expired": count("expired"),
            },
            "results_url": ended.then(|| format!("/v1/messages/batches/{id}/results")),
        });
    }
    let status = match (ended, b.cancelled) {
        (true, true) => "cancelled",
        (true, false) if count("expired") > 0 => "expired",
        (true, false) => "completed",
        (false, true) => "cancelling",
        _ if age < delay / 5 => "validating",
        _ if age < delay => "in_progress",
        _ => "finalizing",
    };
    let done_files = ended.then(|| (format!("{id}-output"), format!("{id}-errors")));
    json!({
        "id": id, "object": "batch", "endpoint": "/v1/chat/completions", "status": status,
        "input_file_id": b.input_file_id, "completion_window": "24h",
        "output_file_id": done_files.as_ref().map(|f| &f.0),
        "error_file_id": done_files.as_ref().map(|f| &f.1),
        "request_counts": {"total": total, "completed": ok, "failed": total.saturating_sub(if ended { ok } else { total })},
    })
}

/// `GET /v1/batches`: the OpenAI batches, newest first.
pub(crate) async fn openai_list(State(h): State<Handle>) -> Response {
    let delay = h.batch_config().delay;
    let mut list: Vec<(String, Batch)> = h
        .with_batches(|s| {
            s.batches
                .iter()
                .filter(|(_, b)| b.protocol == Protocol::OpenAi)
                .map(|(id, b)| (id.clone(), b.clone()))
                .collect()
        })
        .unwrap_or_default();
    list.sort_by(|a, b| b.0.cmp(&a.0));
    let data: Vec<Value> = list.iter().map(|(id, b)| describe(id, b, delay)).collect();
    Json(json!({"object": "list", "data": data, "has_more": false})).into_response()
}

/// `GET /v1/batches/{id}` and `GET /v1/messages/batches/{id}`.
pub(crate) async fn retrieve(State(h): State<Handle>, Path(id): Path<String>) -> Response {
    let config = h.batch_config();
    let Some(batch) = h.with_batches(|s| s.batches.get(&id).cloned()).flatten() else {
        return error(404, "no such batch");
    };
    let batch = if batch.results.is_none() && (batch.cancelled || batch.created.elapsed() >= config.delay) {
        process(&h, &id, batch, &config).await
    } else {
        batch
    };
    Json(describe(&id, &batch, config.delay)).into_response()
}

/// `POST …/{id}/cancel`: the batch ends with its requests canceled.
pub(crate) async fn cancel(State(h): State<Handle>, Path(id): Path<String>) -> Response {
    let config = h.batch_config();
    let found = h.with_batches(|s| {
        let b = s.batches.get_mut(&id)?;
        if b.results.is_none() {
            b.cancelled = true;
            b.results = Some(b.lines.iter().map(|_| Err("canceled")).collect());
        }
        let b = b.clone();
        s.publish(&id);
        Some(b)
    });
    match found.flatten() {
        Some(b) => Json(describe(&id, &b, config.delay)).into_response(),
        None => error(404, "no such batch"),
    }
}

/// Answer every request of a batch whose time has come.
async fn process(h: &Handle, id: &str, mut batch: Batch, config: &BatchConfig) -> Batch {
    let mut results = Vec::with_capacity(batch.lines.len());
    for (custom_id, body) in &batch.lines {
        let first = h
            .with_batches(|s| {
                let n = s.seen.entry(custom_id.clone()).or_insert(0);
                *n += 1;
                *n == 1
            })
            .unwrap_or(false);
        let roll = (faults::hash(custom_id) % 100) as u32;
        if first && roll < config.errored_percent {
            results.push(Err("errored"));
        } else if first && roll < config.errored_percent + config.expired_percent {
            results.push(Err("expired"));
        } else {
            results.push(answer(h, batch.protocol, body).await);
        }
    }
    batch.results = Some(results);
    h.with_batches(|s| {
        if let Some(b) = s.batches.get_mut(id)
            && b.results.is_none()
        {
            *b = batch.clone();
            s.publish(id);
        }
        s.batches.get(id).cloned()
    })
    .flatten()
    .unwrap_or(batch)
}

/// One request answered as a live call would be; a non-200 answer is `errored`.
pub(crate) async fn answer(h: &Handle, protocol: Protocol, body: &Value) -> Result<Value, &'static str> {
    let mut body = body.clone();
    if let Some(map) = body.as_object_mut() {
        map.remove("stream");
    }
    let response = crate::handle(h.clone(), HeaderMap::new(), body.to_string(), protocol).await;
    if response.status() != StatusCode::OK {
        return Err("errored");
    }
    let bytes = to_bytes(response.into_body(), 64 << 20)
        .await
        .map_err(|_| "errored")?;
    serde_json::from_slice(&bytes).map_err(|_| "errored")
}

/// The output and error files of an ended OpenAI batch.
fn openai_files(b: &Batch, id: &str) -> Option<(String, String, String, String)> {
    let results = b.results.as_ref()?;
    let (mut ok, mut bad) = (String::new(), String::new());
    for (i, ((custom_id, _), r)) in b.lines.iter().zip(results).enumerate() {
        let line = match r {
            Ok(body) => json!({"id": format!("batch_req_{i}"), "custom_id": custom_id,
                "response": {"status_code": 200, "request_id": format!("req_{i}"), "body": body}, "error": null}),
            Err("errored") => json!({"id": format!("batch_req_{i}"), "custom_id": custom_id,
                "response": {"status_code": 500, "request_id": format!("req_{i}"),
                    "body": {"error": {"message": "The server had an error", "type": "server_error"}}}, "error": null}),
            Err("expired") => {
                json!({"id": format!("batch_req_{i}"), "custom_id": custom_id, "response": null,
                "error": {"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}})
            }
            Err(_) => json!({"id": format!("batch_req_{i}"), "custom_id": custom_id, "response": null,
                "error": {"code": "batch_cancelled", "message": "This request was cancelled."}}),
        };
        let target = if r.is_ok() { &mut ok } else { &mut bad };
        target.push_str(&line.to_string());
        target.push('\n');
    }
    Some((format!("{id}-output"), ok, format!("{id}-errors"), bad))
}
