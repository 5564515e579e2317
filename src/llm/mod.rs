//! The language-model boundary: one request/response model and one trait. Wire
//! formats (`openai`, `anthropic`) are pure translators; `http` sends them with
//! timeouts, retries and limits; `cache` and `cost` sit on top. It knows nothing
//! of the pipeline's stages beyond an opaque label for logs; the pipeline never
//! sees HTTP.

pub(crate) mod anthropic;
pub(crate) mod batch_api;
pub(crate) mod cache;
pub(crate) mod cost;
mod error;
pub(crate) mod facts;
mod frames;
pub(crate) mod http;
mod ids;
pub(crate) mod modes;
pub(crate) mod ollama;
pub(crate) mod openai;
pub(crate) mod presets;
pub(crate) mod probe;
pub(crate) mod retry;
mod settings;
pub(crate) mod wire;

use std::fmt;
use std::future::Future;

use serde::{Deserialize, Serialize};

/// Words parallax sends besides its prompt templates: the tools' descriptions
/// and the note that tells a server without schema support what to answer. A
/// model that copies them into its answer is echoing (`check::echo`).
pub(crate) const ASKED: &[&str] = &[
    anthropic::TOOL_DESCRIPTION,
    openai::TOOL_DESCRIPTION,
    openai::SCHEMA_NOTE,
];

pub(crate) use cache::Cache;
pub(crate) use cost::{Price, PriceTable};
pub(crate) use error::LlmError;
pub(crate) use http::HttpClient;
pub(crate) use ids::{Label, Model};
pub(crate) use settings::{HttpConfig, Limits, Timeouts, split_credentials};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Role {
    System,
    #[default]
    User,
    Assistant,
}

impl Role {
    pub(crate) fn as_str(&self) -> &'static str {
        match self {
            Role::System => "system",
            Role::User => "user",
            Role::Assistant => "assistant",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Message {
    pub(crate) role: Role,
    pub(crate) content: String,
}

impl Message {
    pub(crate) fn new(role: Role, content: impl Into<String>) -> Self {
        Self {
            role,
            content: content.into(),
        }
    }
}

/// The JSON shape a structured stage asks for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct OutputSchema {
    pub(crate) name: String,
    pub(crate) schema: serde_json::Value,
}

/// One call to a model, independent of the wire protocol.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct ChatRequest {
    /// What the request is for, in logs, the cache index and batch ids.
    pub(crate) stage: Label,
    pub(crate) model: Model,
    pub(crate) messages: Vec<Message>,
    pub(crate) schema: Option<OutputSchema>,
    pub(crate) temperature: Option<f32>,
    pub(crate) max_tokens: u32,
    /// Bytes at the start of the first user message that every call of the
    /// article shares (the fenced sources); providers with prompt caching mark it.
    #[serde(skip)]
    pub(crate) shared_prefix: usize,
}

impl ChatRequest {
    /// The prompt's tokens, estimated as every budget and limit in parallax
    /// estimates them (`text::tokens`).
    pub(crate) fn prompt_tokens(&self) -> usize {
        self.messages
            .iter()
            .map(|m| crate::text::tokens(&m.content))
            .sum()
    }
}

/// Token counts of one call (or a sum of calls).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Usage {
    pub(crate) prompt_tokens: u64,
    pub(crate) completion_tokens: u64,
    /// Prompt tokens served from the provider's prompt cache (part of `prompt_tokens`).
    #[serde(default)]
    pub(crate) cached_prompt_tokens: u64,
}

impl Usage {
    pub(crate) fn total(&self) -> u64 {
        self.prompt_tokens + self.completion_tokens
    }
}

impl std::ops::AddAssign for Usage {
    fn add_assign(&mut self, o: Usage) {
        self.prompt_tokens += o.prompt_tokens;
        self.completion_tokens += o.completion_tokens;
        self.cached_prompt_tokens += o.cached_prompt_tokens;
    }
}

/// A model's answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ChatResponse {
    pub(crate) content: String,
    pub(crate) usage: Usage,
    /// The model that answered, as the server names it.
    pub(crate) model: Model,
    pub(crate) finish_reason: Option<String>,
    /// Served from the response cache: no request was made.
    pub(crate) cached: bool,
    /// What this call cost, if the model has a price.
    pub(crate) cost_usd: Option<f64>,
    /// The request's key in the response cache, when it has one.
    pub(crate) cache_key: Option<String>,
}

impl ChatResponse {
    /// Whether the answer stopped at the token limit.
    pub(crate) fn truncated(&self) -> bool {
        matches!(self.finish_reason.as_deref(), Some("length" | "max_tokens"))
    }
}

/// Anything that can answer a [`ChatRequest`].
pub(crate) trait LlmClient: Send + Sync {
    fn complete(&self, req: &ChatRequest) -> impl Future<Output = Result<ChatResponse, LlmError>> + Send;
}

/// An API key. Its `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct ApiKey(String);

impl ApiKey {
    pub(crate) fn new(key: impl Into<String>) -> Option<Self> {
        let key = key.into().trim().to_string();
        (!key.is_empty()).then_some(Self(key))
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

/// The provider as provenance records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ProviderRecord {
    pub(crate) name: String,
    pub(crate) protocol: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) stream: Option<bool>,
}

/// A model provider over HTTP, with its response cache and prices.
#[derive(Debug, Clone)]
pub(crate) struct Client {
    http: HttpClient,
    cache: Option<Cache>,
    /// Ignore cached answers (but store new ones).
    refresh: bool,
    prices: PriceTable,
}

impl Client {
    pub(crate) fn new(http: HttpClient, cache: Option<Cache>, refresh: bool, prices: PriceTable) -> Self {
        Self {
            http,
            cache,
            refresh,
            prices,
        }
    }

    /// The provider's name for metadata and logs (`openai`, `ollama`, …).
    pub(crate) fn provider_name(&self) -> &str {
        self.http.preset().name
    }

    /// What provenance records of the provider: never the key.
    pub(crate) fn describe(&self) -> ProviderRecord {
        let h = &self.http;
        ProviderRecord {
            name: h.preset().name.into(),
            protocol: Some(h.preset().protocol.as_str().to_ascii_lowercase()),
            base_url: Some(h.base_url().to_string()),
            stream: Some(h.streams()),
        }
    }

    pub(crate) fn prices(&self) -> &PriceTable {
        &self.prices
    }

    /// The server's provider batch API (OpenAI's Batch API, Anthropic's
    /// Message Batches), for the batch engine.
    pub(crate) fn batch_api(&self) -> batch_api::BatchApi<'_> {
        batch_api::BatchApi::new(&self.http)
    }

    /// Where requests go (`base URL` and protocol), as cache and journal keys name it.
    pub(crate) fn endpoint(&self) -> String {
        self.http.endpoint()
    }

    /// The server's base URL.
    pub(crate) fn base_url(&self) -> &str {
        self.http.base_url()
    }

    /// The protocol the server speaks.
    pub(crate) fn protocol(&self) -> presets::Protocol {
        self.http.preset().protocol
    }

    /// The request's body as a provider batch line carries it (never streamed).
    pub(crate) fn unstreamed_body(&self, req: &ChatRequest) -> serde_json::Value {
        self.http.unstreamed_body(req)
    }

    /// The model's context length as its server states it: remembered from an
    /// earlier run unless `refresh`, else asked (for at most three seconds) and
    /// remembered, whether the server said or not.
    pub(crate) async fn learn_context(&self, model: &Model, refresh: bool) -> Option<u64> {
        let endpoint = self.http.endpoint();
        if let Some(known) = self.http.facts().context(&endpoint, model).filter(|_| !refresh) {
            return known;
        }
        let ask = probe::context_length(&self.http, model);
        let found = tokio::time::timeout(std::time::Duration::from_secs(3), ask).await;
        let n = found.ok().flatten().map(|(n, _)| n);
        self.http.facts().set_context(&endpoint, model, n);
        n
    }

    /// What the server can do, probed with `model` (`parallax doctor`).
    pub(crate) async fn probe(&self, model: &Model) -> Vec<probe::Probe> {
        probe::run(&self.http, model).await
    }
}

impl LlmClient for Client {
    async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        let http = &self.http;
        let key = self.cache.as_ref().map(|_| Cache::key(&http.endpoint(), req));
        if let (Some(cache), Some(key), false) = (&self.cache, &key, self.refresh)
            && let Some(hit) = cache.get(key)
        {
            tracing::debug!(stage = %req.stage, "answer served from the cache");
            return Ok(ChatResponse {
                cache_key: Some(key.clone()),
                ..hit
            });
        }
        let mut answer = http.complete(req).await?;
        let priced = if answer.model.is_empty() {
            &req.model
        } else {
            &answer.model
        };
        answer.cost_usd = self
            .prices
            .cost(priced, &answer.usage)
            .or_else(|| self.prices.cost(&req.model, &answer.usage));
        if let (Some(cache), Some(key)) = (&self.cache, &key) {
            cache.put(key, &req.stage, &answer);
        }
        answer.cache_key = key;
        Ok(answer)
    }
}

#[cfg(test)]
mod tests;
