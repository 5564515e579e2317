//! The providers' batch engines, spoken over HTTP: OpenAI's Batch API (a JSONL
//! file uploaded to `files`, then `batches`) and Anthropic's Message Batches. It
//! also reads and writes the OpenAI batch file format that self-hosted engines
//! (vLLM's `run-batch` and others) use. It knows requests by `custom_id` only;
//! which round or story they belong to is the caller's business.

use std::time::Duration;

use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde::Serialize;
use serde_json::{Value, json};

use super::presets::Protocol;
use super::retry::{RetryHints, is_retryable};
use super::{ChatResponse, HttpClient, LlmError};
pub(crate) use results::parse_openai_results;
use results::{anthropic_result, openai_status};

/// The largest batch result file read (the providers cap input files at 200–256 MB).
mod results;

const MAX_RESULTS_BYTES: usize = 1 << 30;
/// The path every request line names.
pub(crate) const ENDPOINT: &str = "/v1/chat/completions";

/// One request of a batch: its id and its body, kept serialized (a round holds
/// tens of thousands, and text is a third of the size of a parsed value).
#[derive(Debug, Clone)]
pub(crate) struct BatchRequest {
    pub(crate) custom_id: String,
    pub(crate) body: String,
}

impl BatchRequest {
    /// The request as a line of an OpenAI batch input file.
    pub(crate) fn openai_line(&self) -> String {
        format!(
            r#"{{"custom_id":{},"method":"POST","url":"{ENDPOINT}","body":{}}}"#,
            Value::from(self.custom_id.as_str()),
            self.body
        )
    }

    /// The request as an entry of an Anthropic message batch.
    fn anthropic_entry(&self) -> String {
        format!(
            r#"{{"custom_id":{},"params":{}}}"#,
            Value::from(self.custom_id.as_str()),
            self.body
        )
    }
}

/// Requests by state, as the provider counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Counts {
    pub(crate) processing: u64,
    pub(crate) succeeded: u64,
    pub(crate) errored: u64,
    pub(crate) expired: u64,
    pub(crate) canceled: u64,
}

/// A batch as the provider describes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct BatchStatus {
    pub(crate) id: String,
    /// The provider's own word: `validating`, `in_progress`, `ended`, …
    pub(crate) status: String,
    /// No more results will come.
    pub(crate) ended: bool,
    /// Why the whole batch failed, when it did.
    pub(crate) failed: Option<String>,
    pub(crate) counts: Counts,
    output_file: Option<String>,
    error_file: Option<String>,
}

/// What became of one request.
#[derive(Debug, Clone)]
pub(crate) enum Outcome {
    Answer(ChatResponse),
    /// Errored on the server's side or expired: worth submitting again.
    Retry(String),
    /// Refused as it is: submitting it again would not help.
    Failed(LlmError),
}

/// A provider's batch engine, over the client's base URL and key.
pub(crate) struct BatchApi<'a> {
    http: &'a HttpClient,
}

impl<'a> BatchApi<'a> {
    pub(crate) fn new(http: &'a HttpClient) -> Self {
        Self { http }
    }

    pub(crate) fn protocol(&self) -> Protocol {
        self.http.preset().protocol
    }

    fn url(&self, path: &str) -> String {
        let base = self.http.base_url().trim_end_matches('/');
        match self.protocol() {
            Protocol::OpenAi | Protocol::Ollama => format!("{base}{path}"),
            Protocol::Anthropic => format!("{base}/v1/messages{path}"),
        }
    }

    /// One API call, retried as live calls are (connection failures, 429 and
    /// 5xx, waiting what `Retry-After` asks and honouring the provider's shared
    /// pause); the body read within bounds.
    async fn call(&self, method: Method, path: &str, body: Body) -> Result<String, LlmError> {
        let (wire, cfg, client) = self.http.parts();
        let url = self.url(path);
        let mut tries = 0;
        loop {
            self.http.gate().wait().await;
            let mut req = self.http.with_url_credentials(
                client
                    .request(method.clone(), &url)
                    .headers(wire.headers(cfg.key.as_ref(), &cfg.key_env)?),
            );
            req = match &body {
                Body::None => req,
                Body::Json(v) => req.json(v),
                Body::Raw(text) => req
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(text.clone()),
                Body::File(text) => {
                    let part = Part::text(text.clone())
                        .file_name("parallax-batch.jsonl")
                        .mime_str("application/jsonl")
                        .map_err(|e| LlmError::Config(e.to_string()))?;
                    req.multipart(Form::new().text("purpose", "batch").part("file", part))
                }
            };
            let (error, hints) = match req.send().await {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    let hints = RetryHints::from_headers(resp.headers());
                    let text = read_bounded(resp, &url).await?;
                    if (200..300).contains(&status) {
                        return Ok(self.http.scrub(&text));
                    }
                    if let (429 | 503 | 529, Some(wait)) = (status, hints.retry_after) {
                        self.http.gate().pause(wait);
                    }
                    let e = wire.status_error(
                        &url,
                        status,
                        &self.http.scrub(&text),
                        &super::Model::default(),
                        &cfg.key_env,
                    );
                    (e, hints)
                }
                Err(e) => {
                    let reason = self.http.scrub(&e.to_string());
                    let e = LlmError::Connect {
                        url: url.clone(),
                        reason,
                    };
                    (e, RetryHints::default())
                }
            };
            tries += 1;
            if tries > cfg.retry.max_retries || !is_retryable(&error, &hints) {
                return Err(error);
            }
            let wait = hints.retry_after.unwrap_or_else(|| cfg.retry.backoff(tries));
            tokio::time::sleep(wait.min(Duration::from_secs(600))).await;
        }
    }

    /// Upload an OpenAI batch input file; returns its id.
    pub(crate) async fn upload(&self, requests: &[BatchRequest]) -> Result<String, LlmError> {
        let text: String = requests.iter().map(|r| r.openai_line() + "\n").collect();
        let v = json_of(
            &self.url("/files"),
            &self.call(Method::POST, "/files", Body::File(text)).await?,
        )?;
        field(&v, "/id", &self.url("/files"))
    }

    /// Create an OpenAI batch from an uploaded file.
    pub(crate) async fn create_from_file(&self, file_id: &str) -> Result<BatchStatus, LlmError> {
        let body = json!({"input_file_id": file_id, "endpoint": ENDPOINT, "completion_window": "24h"});
        let text = self.call(Method::POST, "/batches", Body::Json(body)).await?;
        self.read_status(&json_of(&self.url("/batches"), &text)?)
    }

    /// The batch made from an uploaded file, if there is one among the latest
    /// hundred: a run killed just after creating it did not get to record it.
    pub(crate) async fn find_by_file(&self, file_id: &str) -> Result<Option<BatchStatus>, LlmError> {
        let text = self.call(Method::GET, "/batches?limit=100", Body::None).await?;
        let v = json_of(&self.url("/batches"), &text)?;
        let found = v.get("data").and_then(Value::as_array).and_then(|list| {
            list.iter()
                .find(|b| b.get("input_file_id").and_then(Value::as_str) == Some(file_id))
        });
        found.map(|b| self.read_status(b)).transpose()
    }

    /// Create an Anthropic message batch.
    pub(crate) async fn create_inline(&self, requests: &[BatchRequest]) -> Result<BatchStatus, LlmError> {
        let entries: Vec<String> = requests.iter().map(BatchRequest::anthropic_entry).collect();
        let body = format!(r#"{{"requests":[{}]}}"#, entries.join(","));
        let text = self.call(Method::POST, "/batches", Body::Raw(body)).await?;
        self.read_status(&json_of(&self.url("/batches"), &text)?)
    }

    pub(crate) async fn status(&self, id: &str) -> Result<BatchStatus, LlmError> {
        let path = format!("/batches/{id}");
        let text = self.call(Method::GET, &path, Body::None).await?;
        self.read_status(&json_of(&self.url(&path), &text)?)
    }

    pub(crate) async fn cancel(&self, id: &str) -> Result<BatchStatus, LlmError> {
        let path = format!("/batches/{id}/cancel");
        let text = self.call(Method::POST, &path, Body::None).await?;
        self.read_status(&json_of(&self.url(&path), &text)?)
    }

    fn read_status(&self, v: &Value) -> Result<BatchStatus, LlmError> {
        let url = self.url("/batches");
        let id = field(v, "/id", &url)?;
        let n = |p: &str| v.pointer(p).and_then(Value::as_u64).unwrap_or(0);
        Ok(match self.protocol() {
            Protocol::Anthropic => {
                let status = field(v, "/processing_status", &url)?;
                BatchStatus {
                    ended: status == "ended",
                    counts: Counts {
                        processing: n("/request_counts/processing"),
                        succeeded: n("/request_counts/succeeded"),
                        errored: n("/request_counts/errored"),
                        expired: n("/request_counts/expired"),
                        canceled: n("/request_counts/canceled"),
                    },
                    id,
                    status,
                    ..BatchStatus::default()
                }
            }
            Protocol::OpenAi => openai_status(v, id, &url)?,
            Protocol::Ollama => return Err(no_batches()),
        })
    }

    /// Every result of an ended batch, by `custom_id`.
    pub(crate) async fn results(&self, st: &BatchStatus) -> Result<Vec<(String, Outcome)>, LlmError> {
        let url = self.url(&format!("/batches/{}", st.id));
        match self.protocol() {
            Protocol::Anthropic => {
                let text = self
                    .call(Method::GET, &format!("/batches/{}/results", st.id), Body::None)
                    .await?;
                let (wire, _, _) = self.http.parts();
                Ok(text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .filter_map(|l| anthropic_result(wire, &url, l))
                    .collect())
            }
            Protocol::OpenAi => {
                let mut out = Vec::new();
                for file in [&st.output_file, &st.error_file].into_iter().flatten() {
                    let text = self
                        .call(Method::GET, &format!("/files/{file}/content"), Body::None)
                        .await?;
                    out.extend(parse_openai_results(&text, &url));
                }
                Ok(out)
            }
            Protocol::Ollama => Err(no_batches()),
        }
    }
}

/// Ollama answers request by request only.
pub(crate) fn no_batches() -> LlmError {
    LlmError::Config("Ollama has no batch API: use --engine live (the default)".into())
}

enum Body {
    None,
    Json(Value),
    /// JSON already serialized.
    Raw(String),
    File(String),
}

async fn read_bounded(mut resp: reqwest::Response, url: &str) -> Result<String, LlmError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| LlmError::Stream {
        url: url.to_string(),
        reason: e.to_string(),
    })? {
        if bytes.len() + chunk.len() > MAX_RESULTS_BYTES {
            return Err(LlmError::decode(url, 200, "the body is larger than 1 GiB", ""));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn json_of(url: &str, text: &str) -> Result<Value, LlmError> {
    serde_json::from_str(text).map_err(|e| LlmError::decode(url, 200, e.to_string(), text))
}

fn field(v: &Value, pointer: &str, url: &str) -> Result<String, LlmError> {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| LlmError::decode(url, 200, format!("no `{}`", &pointer[1..]), &v.to_string()))
}

#[cfg(test)]
mod tests;
