//! The language-model boundary: one request/response model and one trait, with an
//! implementation per wire protocol (`openai`) plus `extractive`, which answers from
//! the source passages alone. The pipeline never sees HTTP.

mod error;
pub mod extractive;
pub mod openai;

use std::fmt;
use std::future::Future;

use serde::{Deserialize, Serialize};

pub use error::{LlmError, excerpt};
pub use extractive::ExtractiveClient;
pub use openai::OpenAiClient;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    User,
    Assistant,
}

impl Role {
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::System => "system",
            Role::User => "user",
            Role::Assistant => "assistant",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub role: Role,
    pub content: String,
}

impl Message {
    pub fn new(role: Role, content: impl Into<String>) -> Self {
        Self {
            role,
            content: content.into(),
        }
    }
}

/// The JSON shape a structured stage asks for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutputSchema {
    pub name: String,
    pub schema: serde_json::Value,
}

/// One call to a model, independent of the wire protocol.
#[derive(Debug, Clone, Serialize)]
pub struct ChatRequest {
    /// The pipeline stage, e.g. `brief` or `perspective:japan`.
    pub stage: String,
    pub model: String,
    pub messages: Vec<Message>,
    pub schema: Option<OutputSchema>,
    pub temperature: Option<f32>,
    pub max_tokens: u32,
    /// The data the prompt was rendered from. Wire clients ignore it; the
    /// extractive client builds its answer from it.
    #[serde(skip)]
    pub context: serde_json::Value,
}

/// Token counts of one call (or a sum of calls).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
}

impl Usage {
    pub fn total(&self) -> u64 {
        self.prompt_tokens + self.completion_tokens
    }
}

impl std::ops::AddAssign for Usage {
    fn add_assign(&mut self, o: Usage) {
        self.prompt_tokens += o.prompt_tokens;
        self.completion_tokens += o.completion_tokens;
    }
}

/// A model's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatResponse {
    pub content: String,
    pub usage: Usage,
    /// The model that answered, as the server names it.
    pub model: String,
    pub finish_reason: Option<String>,
}

/// Anything that can answer a [`ChatRequest`].
pub trait LlmClient: Send + Sync {
    fn complete(&self, req: &ChatRequest) -> impl Future<Output = Result<ChatResponse, LlmError>> + Send;
}

/// An API key. Its `Debug` and `Display` never show the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Option<Self> {
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

/// The provider chosen at run time.
#[derive(Debug, Clone)]
pub enum Client {
    OpenAi(OpenAiClient),
    Extractive(ExtractiveClient),
}

impl Client {
    /// Short provider name for metadata and logs.
    pub fn provider_name(&self) -> &'static str {
        match self {
            Client::OpenAi(_) => "openai",
            Client::Extractive(_) => "extractive",
        }
    }
}

impl LlmClient for Client {
    async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        match self {
            Client::OpenAi(c) => c.complete(req).await,
            Client::Extractive(c) => c.complete(req).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_key_never_prints() {
        let k = ApiKey::new("sk-secret").unwrap();
        assert!(!format!("{k:?}").contains("secret"));
        assert!(ApiKey::new("  ").is_none());
    }
}
