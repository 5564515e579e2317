//! One structured call: send, parse, validate, and one repair round when the
//! answer does not fit the stage.

use std::time::Instant;

use serde::de::DeserializeOwned;

use crate::article::CallRecord;
use crate::llm::{ChatRequest, LlmClient, LlmError, Message, Role, Usage};
use crate::stage::Stage;

/// What one structured call came back with.
pub(crate) enum Reply<T> {
    Valid(T),
    /// Still invalid after the repair round: what parsed (if anything) and why.
    Invalid {
        parsed: Option<T>,
        detail: String,
    },
}

/// What the calls of one stage have used so far.
struct Tally {
    started: Instant,
    usage: Usage,
    cost: Option<f64>,
    cached: bool,
    requests: Vec<String>,
    model: crate::llm::Model,
}

impl Tally {
    fn record(&self, stage: &Stage, attempts: u32) -> CallRecord {
        CallRecord {
            round: stage.round(),
            stage: stage.clone(),
            model: self.model.clone(),
            usage: self.usage,
            cost_usd: self.cost,
            cached: self.cached,
            attempts,
            requests: self.requests.clone(),
            elapsed_ms: self.started.elapsed().as_millis() as u64,
            degraded: Vec::new(),
        }
    }
}

/// Send one structured request; an answer that is not valid JSON for the stage
/// gets one repair round carrying the validation error (a revision gets none).
/// What is still invalid is handed back for the caller to salvage or replace.
pub(crate) async fn call<C: LlmClient, T: DeserializeOwned>(
    client: &C,
    mut req: ChatRequest,
    stage: Stage,
    validate: impl Fn(&T) -> Result<(), String>,
) -> Result<(Reply<T>, CallRecord), LlmError> {
    let mut tally = Tally {
        started: Instant::now(),
        usage: Usage::default(),
        cost: Some(0.0),
        cached: true,
        requests: Vec::new(),
        model: req.model.clone(),
    };
    let mut attempt = 1u32;
    loop {
        let resp = match client.complete(&req).await {
            // Cut off even after one raise of max_tokens (a model that loops):
            // a failed answer for this part, not for the article. What parses of
            // it may be salvaged; it is not sent back for a repair.
            Err(LlmError::Truncated {
                reason,
                partial,
                usage,
            }) => {
                tally.usage += usage;
                tally.cached = false;
                let detail = format!("the answer was cut off: {reason}");
                tracing::warn!(stage = %req.stage, "{detail}; using what can be salvaged or the sources");
                let parsed = parse_json::<T>(&partial).ok();
                return Ok((Reply::Invalid { parsed, detail }, tally.record(&stage, attempt)));
            }
            other => other?,
        };
        tally.usage += resp.usage;
        tally.cost = tally.cost.zip(resp.cost_usd).map(|(a, b)| a + b);
        tally.cached &= resp.cached;
        tally.requests.extend(resp.cache_key.clone());
        if !resp.model.is_empty() {
            tally.model = resp.model.clone();
        }
        let checked = match parse_json::<T>(&resp.content) {
            Ok(t) => match validate(&t) {
                Ok(()) => Ok(t),
                Err(detail) => Err((Some(t), detail)),
            },
            Err(detail) => Err((None, detail)),
        };
        match checked {
            Ok(t) => return Ok((Reply::Valid(t), tally.record(&stage, attempt))),
            // A revision gets no repair: the draft it revises stands instead.
            Err((_, detail)) if attempt == 1 && !matches!(stage, Stage::Revise(_)) => {
                attempt += 1;
                tracing::warn!(stage = %req.stage, "answer rejected, asking for a repair: {detail}");
                req.messages.push(Message::new(Role::Assistant, resp.content));
                req.messages.push(Message::new(
                    Role::User,
                    format!("Your answer is not valid: {detail}. Answer again with JSON only, matching the schema."),
                ));
            }
            Err((parsed, detail)) => {
                tracing::warn!(
                    stage = %req.stage,
                    "answer still invalid after a repair: {detail} (answer: {})",
                    crate::text::excerpt(&crate::text::strip_hidden(&resp.content), 120)
                );
                return Ok((Reply::Invalid { parsed, detail }, tally.record(&stage, attempt)));
            }
        }
    }
}

/// Parse a JSON answer, tolerating a Markdown code fence around it.
fn parse_json<T: DeserializeOwned>(content: &str) -> Result<T, String> {
    let t = content.trim();
    let t = t
        .strip_prefix("```json")
        .or_else(|| t.strip_prefix("```"))
        .and_then(|r| r.trim_end().strip_suffix("```"))
        .unwrap_or(t);
    let mut v: serde_json::Value =
        serde_json::from_str(t).map_err(|e| format!("not valid JSON for this stage ({e})"))?;
    // Model text is data: nothing in it may drive a terminal or hide from a reader.
    crate::text::strip_hidden_json(&mut v);
    serde_json::from_value(v)
        .map_err(|e| crate::text::strip_hidden(&format!("not valid JSON for this stage ({e})")))
}
