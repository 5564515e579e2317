//! Reading what the batch engines say: a batch's status, and its result lines
//! (OpenAI's output and error files, which vLLM's `run-batch` also writes, and
//! Anthropic's results), each sorted into an answer, a retry or a failure.

use serde_json::Value;

use super::{BatchStatus, Counts, Outcome, field};
use crate::llm::LlmError;
use crate::text::excerpt;

pub(super) fn openai_status(v: &Value, id: String, url: &str) -> Result<BatchStatus, LlmError> {
    let status = field(v, "/status", url)?;
    let n = |p: &str| v.pointer(p).and_then(Value::as_u64).unwrap_or(0);
    let (total, done, failed) = (
        n("/request_counts/total"),
        n("/request_counts/completed"),
        n("/request_counts/failed"),
    );
    let ended = matches!(status.as_str(), "completed" | "expired" | "cancelled" | "failed");
    let failure = (status == "failed").then(|| {
        let reasons: Vec<&str> = v
            .pointer("/errors/data")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|e| e.get("message")?.as_str()).collect())
            .unwrap_or_default();
        excerpt(&reasons.join("; "), 300)
    });
    let s = |p: &str| v.pointer(p).and_then(Value::as_str).map(str::to_string);
    Ok(BatchStatus {
        counts: Counts {
            processing: total.saturating_sub(done + failed),
            succeeded: done,
            errored: failed,
            ..Counts::default()
        },
        output_file: s("/output_file_id"),
        error_file: s("/error_file_id"),
        ended,
        failed: failure,
        id,
        status,
    })
}

/// The lines of an OpenAI batch output or error file (as vLLM's `run-batch`
/// writes them too). Lines that are not results are skipped with a warning.
pub(crate) fn parse_openai_results(text: &str, url: &str) -> Vec<(String, Outcome)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            tracing::warn!("{url}: line {} of a results file is not JSON; skipped", n + 1);
            continue;
        };
        let Some(id) = v.get("custom_id").and_then(Value::as_str) else {
            tracing::warn!("{url}: line {} has no custom_id; skipped", n + 1);
            continue;
        };
        out.push((id.to_string(), openai_outcome(&v, url)));
    }
    out
}

fn openai_outcome(v: &Value, url: &str) -> Outcome {
    if let Some(e) = v.get("error").filter(|e| !e.is_null()) {
        let code = e.get("code").and_then(Value::as_str).unwrap_or("error");
        let message = e.get("message").and_then(Value::as_str).unwrap_or(code);
        return Outcome::Retry(format!("{code}: {message}"));
    }
    let status = v
        .pointer("/response/status_code")
        .and_then(Value::as_u64)
        .unwrap_or(0) as u16;
    let body = v.pointer("/response/body").cloned().unwrap_or(Value::Null);
    match status {
        200 => match crate::llm::openai::parse_completion(url, 200, &body.to_string()) {
            Ok(answer) => Outcome::Answer(answer),
            Err(e) => Outcome::Failed(e),
        },
        408 | 429 | 500..=599 => {
            Outcome::Retry(format!("HTTP {status}: {}", excerpt(&body.to_string(), 200)))
        }
        0 => Outcome::Retry("no response recorded".into()),
        _ => Outcome::Failed(crate::llm::openai::status_error(
            url,
            status,
            &body.to_string(),
            &crate::llm::Model::default(),
            "",
        )),
    }
}

pub(super) fn anthropic_result(
    wire: &dyn crate::llm::wire::Wire,
    url: &str,
    line: &str,
) -> Option<(String, Outcome)> {
    let v: Value = serde_json::from_str(line).ok()?;
    let id = v.get("custom_id")?.as_str()?.to_string();
    let kind = v.pointer("/result/type").and_then(Value::as_str).unwrap_or("");
    let outcome = match kind {
        "succeeded" => {
            let message = v.pointer("/result/message").cloned().unwrap_or(Value::Null);
            match wire.parse(url, 200, &message.to_string()) {
                Ok(answer) => Outcome::Answer(answer),
                Err(e) => Outcome::Failed(e),
            }
        }
        "errored" => {
            let error = v.pointer("/result/error/error").cloned().unwrap_or(Value::Null);
            let etype = error.get("type").and_then(Value::as_str).unwrap_or("error");
            let message = error.get("message").and_then(Value::as_str).unwrap_or(etype);
            if etype == "invalid_request_error" {
                Outcome::Failed(LlmError::Api {
                    url: url.to_string(),
                    status: 400,
                    message: message.to_string(),
                })
            } else {
                Outcome::Retry(format!("{etype}: {message}"))
            }
        }
        other => Outcome::Retry(if other.is_empty() {
            "no result".into()
        } else {
            other.to_string()
        }),
    };
    Some((id, outcome))
}
