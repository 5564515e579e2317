//! Named providers: the wire protocol, base URL, key variable and quirks of each
//! server parallax knows, so `--provider ollama` is all a user has to say.

use super::modes::OutputMode;

/// The wire protocol a provider speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Protocol {
    /// OpenAI chat completions (and every server compatible with it).
    OpenAi,
    /// Anthropic Messages.
    Anthropic,
    /// Ollama's native chat API, which can size the context window.
    Ollama,
}

impl Protocol {
    /// The name every persisted key uses (the response cache, `servers.json`,
    /// the batch engine's journal). Fixed: a different spelling would empty
    /// users' caches and break the resume of running batches.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Protocol::OpenAi => "OpenAi",
            Protocol::Anthropic => "Anthropic",
            Protocol::Ollama => "Ollama",
        }
    }

    /// Where requests go, as every persisted key names it: `OpenAi http://…/v1`.
    pub(crate) fn endpoint(self, base_url: &str) -> String {
        format!("{} {base_url}", self.as_str())
    }
}

impl std::str::FromStr for Protocol {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Protocol::OpenAi, Protocol::Anthropic, Protocol::Ollama]
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("`{s}` is not a protocol (OpenAi, Anthropic, Ollama)"))
    }
}

impl std::fmt::Display for Protocol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which field carries the answer budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MaxTokensField {
    /// `max_tokens`: what Ollama, vLLM, llama.cpp and most servers read.
    MaxTokens,
    /// `max_completion_tokens`: what OpenAI wants for current models.
    MaxCompletionTokens,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Preset {
    pub(crate) name: &'static str,
    pub(crate) protocol: Protocol,
    pub(crate) base_url: &'static str,
    /// Environment variable that overrides the base URL, if any.
    pub(crate) base_url_env: Option<&'static str>,
    /// Environment variable holding the key.
    pub(crate) key_env: &'static str,
    /// Whether requests fail without a key.
    pub(crate) key_required: bool,
    pub(crate) default_model: Option<&'static str>,
    pub(crate) max_tokens_field: MaxTokensField,
    /// The structured-output mode the provider documents; weaker ones are
    /// negotiated when a server refuses it.
    pub(crate) output_mode: OutputMode,
}

const fn openai_compatible(
    name: &'static str,
    base_url: &'static str,
    key_env: &'static str,
    key_required: bool,
    default_model: Option<&'static str>,
) -> Preset {
    Preset {
        name,
        protocol: Protocol::OpenAi,
        base_url,
        base_url_env: None,
        key_env,
        key_required,
        default_model,
        max_tokens_field: MaxTokensField::MaxTokens,
        output_mode: OutputMode::JsonSchemaStrict,
    }
}

/// Every preset. `openai` and `anthropic` read their base URL from the usual
/// variables as well.
pub(crate) const PRESETS: &[Preset] = &[
    Preset {
        base_url_env: Some("OPENAI_BASE_URL"),
        max_tokens_field: MaxTokensField::MaxCompletionTokens,
        ..openai_compatible(
            "openai",
            "https://api.openai.com/v1",
            "OPENAI_API_KEY",
            true,
            Some("gpt-4o-mini"),
        )
    },
    Preset {
        name: "anthropic",
        protocol: Protocol::Anthropic,
        base_url: "https://api.anthropic.com",
        base_url_env: Some("ANTHROPIC_BASE_URL"),
        key_env: "ANTHROPIC_API_KEY",
        key_required: true,
        default_model: Some("claude-sonnet-4-5"),
        max_tokens_field: MaxTokensField::MaxTokens,
        // A forced tool call; nothing to negotiate.
        output_mode: OutputMode::JsonSchemaStrict,
    },
    // The native API: its OpenAI endpoint cannot set `num_ctx` and cuts long
    // prompts without a word.
    Preset {
        protocol: Protocol::Ollama,
        ..openai_compatible(
            "ollama",
            "http://127.0.0.1:11434",
            "OLLAMA_API_KEY",
            false,
            Some("llama3.1"),
        )
    },
    openai_compatible(
        "llamacpp",
        "http://127.0.0.1:8080/v1",
        "LLAMACPP_API_KEY",
        false,
        Some("local"),
    ),
    openai_compatible("vllm", "http://127.0.0.1:8000/v1", "VLLM_API_KEY", false, None),
    openai_compatible(
        "lmstudio",
        "http://127.0.0.1:1234/v1",
        "LMSTUDIO_API_KEY",
        false,
        None,
    ),
    openai_compatible(
        "openrouter",
        "https://openrouter.ai/api/v1",
        "OPENROUTER_API_KEY",
        true,
        Some("openai/gpt-4o-mini"),
    ),
    openai_compatible(
        "groq",
        "https://api.groq.com/openai/v1",
        "GROQ_API_KEY",
        true,
        Some("llama-3.3-70b-versatile"),
    ),
    openai_compatible(
        "together",
        "https://api.together.xyz/v1",
        "TOGETHER_API_KEY",
        true,
        Some("meta-llama/Llama-3.3-70B-Instruct-Turbo"),
    ),
    openai_compatible(
        "mistral",
        "https://api.mistral.ai/v1",
        "MISTRAL_API_KEY",
        true,
        Some("mistral-small-latest"),
    ),
    Preset {
        output_mode: OutputMode::JsonObject,
        ..openai_compatible(
            "deepseek",
            "https://api.deepseek.com/v1",
            "DEEPSEEK_API_KEY",
            true,
            Some("deepseek-chat"),
        )
    },
    openai_compatible(
        "gemini",
        "https://generativelanguage.googleapis.com/v1beta/openai",
        "GEMINI_API_KEY",
        true,
        Some("gemini-2.5-flash"),
    ),
];

/// The preset called `name`.
pub(crate) fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

/// Names of all presets, for error messages and help.
pub(crate) fn names() -> Vec<&'static str> {
    PRESETS.iter().map(|p| p.name).collect()
}

#[cfg(test)]
mod tests;
