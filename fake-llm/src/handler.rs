//! One chat request, whatever the protocol: logged with the logical clock, then
//! refused, cut, faulted or answered as the configuration says.

use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::Value;

use crate::servers::{self, Imitate};
use crate::{Fault, Handle, LLAMA_CPP_PYTHON_REFUSAL, Logged, Protocol, Reply, TOOLS_ONLY_REFUSAL};
use crate::{answer, faults, sloppy, wire, without_nonces};

struct InFlight<'a>(&'a Handle);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

pub async fn openai(State(h): State<Handle>, headers: HeaderMap, body: String) -> Response {
    handle(h, headers, body, Protocol::OpenAi).await
}

pub async fn anthropic(State(h): State<Handle>, headers: HeaderMap, body: String) -> Response {
    handle(h, headers, body, Protocol::Anthropic).await
}

pub async fn handle(h: Handle, headers: HeaderMap, body: String, protocol: Protocol) -> Response {
    let started = h.tick();
    let now = h.0.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    h.0.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let _guard = InFlight(&h);
    let index = h.0.served.fetch_add(1, Ordering::SeqCst);
    let config = h.0.config.lock().map(|c| c.clone()).unwrap_or_default();
    let parsed: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let mut req = wire::Request::read(protocol, &parsed);
    req.imitate = config.imitate;
    let conversation = faults::hash(&format!("{}\u{0}{}", req.model, without_nonces(&req.transcript)));
    if config.keep_log
        && let Ok(mut log) = h.0.log.lock()
    {
        log.push(Logged {
            index,
            protocol,
            body: parsed.clone(),
            headers: headers.clone(),
            outcome: "pending".into(),
            conversation,
            started,
            finished: u64::MAX,
            arrived_at: Instant::now(),
        });
    }
    let reply = config
        .script
        .get(index)
        .cloned()
        .unwrap_or(config.fallback.clone());
    let first_attempt = req.turns <= 1;
    let planned = || {
        let mut sightings = h.0.sightings.lock().ok()?;
        config.faults.pick(&mut sightings, conversation, first_attempt)
    };
    if parsed.is_null() {
        h.decide(index, "bad-request");
        h.finish(index);
        return wire::error(protocol, 400, "request body is not JSON");
    }
    if let Some(im) = config.imitate
        && protocol == Protocol::OpenAi
    {
        let context = config.context.unwrap_or(im.default_context());
        if let Some((code, body)) = servers::refuse(im, &parsed, req.prompt_tokens(), context) {
            h.decide(index, &format!("refused-{code}"));
            h.finish(index);
            return wire::raw(code, body);
        }
    }
    // Ollama cuts a prompt longer than its window from the front, and answers.
    let window = match (protocol, config.imitate) {
        (Protocol::Ollama, _) => Some(crate::ollama::num_ctx(&parsed)),
        (Protocol::OpenAi, Some(Imitate::OllamaOpenAi)) => {
            Some(config.context.unwrap_or(Imitate::OllamaOpenAi.default_context()))
        }
        _ => None,
    };
    let cut = window.filter(|w| req.prompt_tokens() > *w);
    if let Some(w) = cut {
        req.cut_to(w);
    }
    if config.json_object_only
        && parsed.pointer("/response_format/type").and_then(Value::as_str) == Some("json_schema")
    {
        h.decide(index, "json-schema-refused");
        h.finish(index);
        return wire::raw(500, LLAMA_CPP_PYTHON_REFUSAL.into());
    }
    if config.tools_only && parsed.get("response_format").is_some() {
        h.decide(index, "response-format-refused");
        h.finish(index);
        return wire::raw(400, TOOLS_ONLY_REFUSAL.into());
    }
    if let Some(wait) = h.over_rpm(config.rpm, config.rate_window) {
        h.decide(index, "rpm-429");
        h.finish(index);
        let limited = Fault::RateLimited {
            retry_after_ms: wait.as_millis() as u64,
        };
        return wire::fault(protocol, limited, &req, "", index, false);
    }
    // Only requests past the rate limit meet planned faults.
    let fault = match &reply {
        Reply::Fault(f) => Some(*f),
        Reply::Normal => planned(),
        _ => None,
    };
    let outcome = match (&reply, fault) {
        (Reply::Status { code, .. } | Reply::Raw { code, .. }, _) => code.to_string(),
        (_, Some(f)) => f.label(),
        _ if cut.is_some() => "truncated".into(),
        _ => "ok".into(),
    };
    h.decide(index, &outcome);
    tokio::time::sleep(config.latency).await;
    let cache_hit = req.cache_prefix.as_deref().is_some_and(|p| h.cache_hit(p));
    // Which passages an answer starts from: fixed by the request's content, so
    // the same requests get the same answers whatever order they arrive in.
    let variant = (conversation % 1009) as usize;
    let response = match (&reply, fault) {
        (Reply::Status { code, body }, _) => wire::raw(*code, body.clone()),
        (Reply::Raw { code, headers, body }, _) => wire::raw_with(*code, headers, body.clone()),
        (_, Some(Fault::Hang)) => {
            tokio::time::sleep(faults::HANG).await;
            wire::error(protocol, 504, "hung")
        }
        (Reply::Content(c), _) => wire::respond(protocol, &req, c, index, cache_hit),
        (_, Some(f)) => {
            let content = answer::answer(
                &req.transcript,
                req.schema.as_ref(),
                req.schema_name.as_deref(),
                variant,
            )
            .to_string();
            wire::fault(protocol, f, &req, &content, index, cache_hit)
        }
        _ => {
            let mut answer = answer::answer(
                &req.transcript,
                req.schema.as_ref(),
                req.schema_name.as_deref(),
                variant,
            );
            if let Some(t) = config
                .tamper
                .as_ref()
                .filter(|t| req.schema_name.as_ref().is_some_and(|n| t.schemas.contains(n)))
            {
                answer::append_to_first_text(&mut answer, &t.append);
            }
            if config.sloppy
                && let Some(name) = req.schema_name.as_deref()
            {
                sloppy::spoil(&mut answer, name, index);
            }
            wire::respond(protocol, &req, &answer.to_string(), index, cache_hit)
        }
    };
    h.finish(index);
    response
}
