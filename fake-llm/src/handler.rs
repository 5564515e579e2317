//! One chat request, whatever the protocol: logged with the logical clock, then
//! refused, cut, faulted or answered as the configuration says.

use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::Value;

use crate::request::Request;
use crate::servers::{self, Imitate};
use crate::{
    Fault, GRAMMAR_REFUSAL, Handle, LLAMA_CPP_PYTHON_REFUSAL, Logged, Protocol, Reply, TOOLS_ONLY_REFUSAL,
};
use crate::{answer, bodies, echo, faults, sloppy, wire, without_nonces};

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
    let mut req = Request::read(protocol, &parsed);
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
    if let Some((outcome, response)) = refusal(&h, &config, (protocol, index), &parsed, &req) {
        h.decide(index, &outcome);
        h.finish(index);
        return response;
    }
    let cut = window(&config, protocol, &parsed).filter(|w| req.prompt_tokens() > *w);
    if let Some(w) = cut {
        req.cut_to(w);
    }
    let reply = config
        .script
        .get(index)
        .cloned()
        .unwrap_or(config.fallback.clone());
    // Only requests past the refusals and the rate limit meet planned faults.
    let fault = match &reply {
        Reply::Fault(f) => Some(*f),
        Reply::Normal => {
            h.0.sightings
                .lock()
                .ok()
                .and_then(|mut seen| config.faults.pick(&mut seen, conversation, req.turns <= 1))
        }
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
    let answered = Answered {
        protocol,
        req: &req,
        index,
        cache_hit: req.cache_prefix.as_deref().is_some_and(|p| h.cache_hit(p)),
        // Which passages an answer starts from: fixed by the request's content,
        // so the same requests get the same answers whatever order they arrive in.
        variant: (conversation % 1009) as usize,
    };
    let response = answered.reply(&config, &reply, fault).await;
    h.finish(index);
    response
}

/// A request the server turns away before answering, with its log outcome:
/// not JSON, refused as the imitated server would, a response format it does
/// not take, or over the rate limit.
fn refusal(
    h: &Handle,
    config: &crate::Config,
    (protocol, index): (Protocol, usize),
    parsed: &Value,
    req: &Request,
) -> Option<(String, Response)> {
    if parsed.is_null() {
        let response = bodies::error(protocol, 400, "request body is not JSON");
        return Some(("bad-request".into(), response));
    }
    if let Some(im) = config.imitate
        && protocol == Protocol::OpenAi
    {
        let context = config.context.unwrap_or(im.default_context());
        if let Some((code, body)) = servers::refuse(im, parsed, req.prompt_tokens(), context) {
            return Some((format!("refused-{code}"), bodies::raw(code, body)));
        }
    }
    if config.json_object_only
        && parsed.pointer("/response_format/type").and_then(Value::as_str) == Some("json_schema")
    {
        let response = bodies::raw(500, LLAMA_CPP_PYTHON_REFUSAL.into());
        return Some(("json-schema-refused".into(), response));
    }
    if config.grammar_fails && parsed.get("response_format").is_some() {
        let response = bodies::raw(400, GRAMMAR_REFUSAL.into());
        return Some(("grammar-refused".into(), response));
    }
    if config.tools_only && parsed.get("response_format").is_some() {
        let response = bodies::raw(400, TOOLS_ONLY_REFUSAL.into());
        return Some(("response-format-refused".into(), response));
    }
    let wait = h.over_rpm(config.rpm, config.rate_window)?;
    let limited = Fault::RateLimited {
        retry_after_ms: wait.as_millis() as u64,
    };
    Some((
        "rpm-429".into(),
        wire::fault(protocol, limited, req, "", index, false),
    ))
}

/// The context window that cuts a longer prompt from the front (Ollama does,
/// and answers), if the server has one.
fn window(config: &crate::Config, protocol: Protocol, parsed: &Value) -> Option<u64> {
    match (protocol, config.imitate) {
        (Protocol::Ollama, _) => Some(crate::ollama::num_ctx(parsed)),
        (Protocol::OpenAi, Some(Imitate::OllamaOpenAi)) => {
            Some(config.context.unwrap_or(Imitate::OllamaOpenAi.default_context()))
        }
        _ => None,
    }
}

/// A request past the refusals, to be answered.
struct Answered<'a> {
    protocol: Protocol,
    req: &'a Request,
    index: usize,
    cache_hit: bool,
    variant: usize,
}

impl Answered<'_> {
    /// The scripted reply, the fault, or a schema-valid answer (tampered with
    /// or spoilt as the configuration says).
    async fn reply(&self, config: &crate::Config, reply: &Reply, fault: Option<Fault>) -> Response {
        let (p, req, index, cache_hit) = (self.protocol, self.req, self.index, self.cache_hit);
        match (reply, fault) {
            (Reply::Status { code, body }, _) => bodies::raw(*code, body.clone()),
            (Reply::Raw { code, headers, body }, _) => bodies::raw_with(*code, headers, body.clone()),
            (_, Some(Fault::Hang)) => {
                tokio::time::sleep(faults::HANG).await;
                bodies::error(p, 504, "hung")
            }
            (Reply::Content(c), _) => wire::respond(p, req, c, index, cache_hit),
            (_, Some(f)) => wire::fault(p, f, req, &self.answer().to_string(), index, cache_hit),
            _ => {
                let mut answer = self.answer();
                if let Some(t) = config
                    .tamper
                    .as_ref()
                    .filter(|t| req.schema_name.as_ref().is_some_and(|n| t.schemas.contains(n)))
                {
                    answer::append_to_first_text(&mut answer, &t.append);
                }
                if config.sloppy
                    && index.is_multiple_of(config.sloppy_one_in.max(1))
                    && let Some(name) = req.schema_name.as_deref()
                {
                    sloppy::spoil(&mut answer, name, index, &req.transcript);
                }
                if config.echo {
                    echo::spoil(&mut answer, index, &req.transcript, req.schema.as_ref());
                }
                wire::respond(p, req, &answer.to_string(), index, cache_hit)
            }
        }
    }

    fn answer(&self) -> Value {
        let req = self.req;
        answer::answer(
            &req.transcript,
            req.schema.as_ref(),
            req.schema_name.as_deref(),
            self.variant,
        )
    }
}
