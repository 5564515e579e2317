//! What a server can do, found with tiny requests (`parallax doctor`): its model
//! list, the model's context length where the server tells it, a whole answer,
//! a streamed one (and whether it reports usage), and each structured-output
//! mode in turn. Nothing is retried: a probe reports what one request did.

use super::Model;
use serde::Serialize;
use serde_json::{Value, json};

use super::modes::OutputMode;
use super::ollama::root;
use super::presets::Protocol;
use super::wire::Framing;
use super::{ChatRequest, HttpClient, Message, OutputSchema, Role};
use crate::text::excerpt;

/// One probe's outcome.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Probe {
    pub(crate) check: String,
    pub(crate) ok: bool,
    pub(crate) detail: String,
    /// A structured-output mode (the first that works is the one drafts use).
    #[serde(skip)]
    pub(crate) mode: bool,
}

fn probe(check: &str, ok: bool, detail: impl Into<String>) -> Probe {
    Probe {
        check: check.into(),
        ok,
        detail: detail.into(),
        mode: false,
    }
}

/// The mode drafts will ask in: the strongest that worked.
pub(crate) fn best_mode(probes: &[Probe]) -> Option<&str> {
    probes.iter().find(|p| p.mode && p.ok).map(|p| p.check.as_str())
}

/// One request: a GET, or a POST of `body`; its status and (scrubbed) text.
async fn send(http: &HttpClient, url: &str, body: Option<Value>) -> Result<(u16, String), String> {
    let (wire, cfg, client) = http.parts();
    let headers = wire
        .headers(cfg.key.as_ref(), &cfg.key_env)
        .map_err(|e| e.to_string())?;
    let req = match body {
        Some(b) => client.post(url).json(&b),
        None => client.get(url),
    };
    let resp = http
        .with_url_credentials(req.headers(headers))
        .send()
        .await
        .map_err(|e| {
            // The innermost cause says what went wrong (refused, DNS, TLS).
            let mut reason = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                reason = s.to_string();
                source = s.source();
            }
            http.scrub(&format!("{url}: {reason}"))
        })?;
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap_or_default();
    Ok((status, http.scrub(&text)))
}

/// Whether the list entry `m` names `model` (Ollama names a model without a tag
/// as `:latest`).
fn names(m: &Value, field: &str, model: &Model) -> bool {
    let n = m[field].as_str().unwrap_or("");
    n == &**model || n.strip_suffix(":latest") == Some(&**model)
}

/// The model's context length where the server states it, and where from:
/// vLLM's `max_model_len` in the model list, llama.cpp's `/props`, Ollama's
/// `/api/show`. Anthropic's API states none.
pub(crate) async fn context_length(http: &HttpClient, model: &Model) -> Option<(u64, &'static str)> {
    let base = http.base_url().trim_end_matches('/');
    let json = |text: String| serde_json::from_str::<Value>(&text).unwrap_or(Value::Null);
    match http.preset().protocol {
        Protocol::Anthropic => None,
        Protocol::OpenAi => {
            if let Ok((200, text)) = send(http, &format!("{base}/models"), None).await {
                let v = json(text);
                let listed = v["data"]
                    .as_array()
                    .and_then(|d| d.iter().find(|m| names(m, "id", model)).cloned());
                if let Some(n) = listed.and_then(|m| m["max_model_len"].as_u64()) {
                    return Some((n, "the model list"));
                }
            }
            let (200, text) = send(http, &format!("{}/props", root(base)), None).await.ok()? else {
                return None;
            };
            let v = json(text);
            let n = v
                .pointer("/default_generation_settings/n_ctx")
                .or(v.get("n_ctx"))?
                .as_u64()?;
            Some((n, "/props"))
        }
        Protocol::Ollama => {
            let url = format!("{}/api/show", root(base));
            let (200, text) = send(http, &url, Some(json!({"model": model}))).await.ok()? else {
                return None;
            };
            let v = json(text);
            let info = v["model_info"].as_object()?;
            let n = info
                .iter()
                .find(|(k, _)| k.ends_with(".context_length"))?
                .1
                .as_u64()?;
            Some((n, "/api/show"))
        }
    }
}

/// The model list, and the context length if the server states it.
async fn models(http: &HttpClient, model: &Model) -> Vec<Probe> {
    let base = http.base_url().trim_end_matches('/');
    let (list, key, id) = match http.preset().protocol {
        Protocol::OpenAi => (format!("{base}/models"), "data", "id"),
        Protocol::Anthropic => (format!("{base}/v1/models"), "data", "id"),
        Protocol::Ollama => (format!("{}/api/tags", root(base)), "models", "name"),
    };
    let mut out = Vec::new();
    match send(http, &list, None).await {
        Ok((200, text)) => {
            let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            let data = v[key].as_array().cloned().unwrap_or_default();
            let listed = if data.iter().any(|m| names(m, id, model)) {
                "listed"
            } else {
                "not listed"
            };
            out.push(probe(
                "models",
                true,
                format!("{} models; `{model}` {listed}", data.len()),
            ));
        }
        Ok((status, text)) => out.push(probe(
            "models",
            false,
            format!("HTTP {status}: {}", excerpt(&text, 80)),
        )),
        Err(e) => out.push(probe("models", false, e)),
    }
    out.push(match context_length(http, model).await {
        Some((n, from)) => probe(
            "context",
            true,
            format!("{n} tokens (from {from}); prompts stay within it"),
        ),
        None => probe(
            "context",
            true,
            "not reported; prompts are kept to 16,384 tokens unless [provider] context says more",
        ),
    });
    out
}

fn request(model: &Model, schema: bool) -> ChatRequest {
    ChatRequest {
        stage: super::Label::probe(),
        model: model.clone(),
        messages: vec![Message::new(
            Role::User,
            if schema {
                "Answer with the JSON object {\"ok\": true} and nothing else."
            } else {
                "Answer with the word OK."
            },
        )],
        schema: schema.then(|| OutputSchema {
            name: "probe".into(),
            schema: json!({"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"], "additionalProperties": false}),
        }),
        temperature: Some(0.0),
        max_tokens: 64,
        shared_prefix: 0,
    }
}

/// Send `req` once, whole or streamed; the answer's text and whether usage came.
async fn ask(
    http: &HttpClient,
    req: &ChatRequest,
    stream: bool,
    mode: OutputMode,
) -> Result<(String, bool), String> {
    let (wire, _, _) = http.parts();
    let url = wire.url(http.base_url());
    let (status, text) = send(http, &url, Some(wire.body(req, req.max_tokens, stream, mode))).await?;
    if !(200..300).contains(&status) {
        return Err(format!("HTTP {status}: {}", excerpt(&text, 100)));
    }
    if !stream {
        let a = wire.parse(&url, status, &text).map_err(|e| e.to_string())?;
        return Ok((a.content, a.usage.total() > 0));
    }
    let mut parser = wire.stream();
    let pieces: Vec<&str> = match wire.framing() {
        Framing::Sse => text.lines().filter_map(|l| l.strip_prefix("data:")).collect(),
        Framing::Lines => text.lines().collect(),
    };
    for data in pieces.into_iter().map(str::trim) {
        if data == "[DONE]" {
            break;
        }
        parser.feed(&url, data).map_err(|e| e.to_string())?;
    }
    let a = parser.into_answer();
    Ok((a.content, a.usage.total() > 0))
}

/// The structured-output modes a protocol has, strongest first, and their names.
fn modes(protocol: Protocol) -> Vec<(OutputMode, &'static str)> {
    match protocol {
        Protocol::OpenAi => [
            OutputMode::JsonSchemaStrict,
            OutputMode::JsonSchema,
            OutputMode::JsonObject,
            OutputMode::Tool,
            OutputMode::Plain,
        ]
        .into_iter()
        .map(|m| (m, m.name()))
        .collect(),
        // Anthropic answers through a forced tool call, whatever the mode.
        Protocol::Anthropic => vec![(OutputMode::JsonSchemaStrict, "forced tool call")],
        Protocol::Ollama => vec![
            (OutputMode::JsonSchemaStrict, "format: schema"),
            (OutputMode::JsonObject, "format: json"),
            (OutputMode::Plain, "plain text"),
        ],
    }
}

/// Every probe, in order, for `model` at the client's server.
pub(crate) async fn run(http: &HttpClient, model: &Model) -> Vec<Probe> {
    let mut out = models(http, model).await;
    for (check, stream) in [("answer", false), ("stream", true)] {
        out.push(
            match ask(http, &request(model, false), stream, OutputMode::Plain).await {
                Ok((text, usage)) => probe(
                    check,
                    !text.trim().is_empty(),
                    format!(
                        "`{}`; usage {}",
                        excerpt(&text, 40),
                        if usage { "reported" } else { "not reported" }
                    ),
                ),
                Err(e) => probe(check, false, e),
            },
        );
    }
    for (mode, check) in modes(http.preset().protocol) {
        let outcome = match ask(http, &request(model, true), false, mode).await {
            Ok((text, _)) => {
                let json = serde_json::from_str::<Value>(text.trim()).is_ok_and(|v| v["ok"].is_boolean());
                probe(
                    check,
                    json,
                    if json {
                        "valid JSON".to_string()
                    } else {
                        format!("not the JSON asked for: `{}`", excerpt(&text, 60))
                    },
                )
            }
            Err(e) => probe(check, false, e),
        };
        out.push(Probe {
            mode: true,
            ..outcome
        });
    }
    out
}
