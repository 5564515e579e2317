//! Structured-output negotiation. Servers differ in how they can be held to a
//! JSON schema: OpenAI and vLLM take `json_schema` (strict or not), llama.cpp's
//! servers and DeepSeek only `json_object` (llama.cpp with a `schema` extension),
//! and some take none. A request starts at the strongest mode the preset is
//! known for; a 400/422/500 whose body names the structured-output field steps
//! down one mode at once, with no backoff. The working mode is remembered with
//! the server's other facts (`facts.rs`), so the next run starts there.
//! Answers are validated the same way in every mode.

use serde::{Deserialize, Serialize};

/// How a request asks for JSON that fits the stage's schema, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum OutputMode {
    /// `response_format: json_schema` with `strict: true`.
    JsonSchemaStrict,
    /// `response_format: json_schema`, not strict.
    JsonSchema,
    /// `response_format: json_object` (with llama.cpp's `schema`), the schema
    /// also in the prompt.
    JsonObject,
    /// A forced call of one tool whose parameters are the schema (servers and
    /// models that take tools but no `response_format`).
    Tool,
    /// No `response_format`; the schema in the prompt only.
    Plain,
}

impl OutputMode {
    /// The next weaker mode, if any.
    pub(crate) fn weaker(self) -> Option<OutputMode> {
        match self {
            OutputMode::JsonSchemaStrict => Some(OutputMode::JsonSchema),
            OutputMode::JsonSchema => Some(OutputMode::JsonObject),
            OutputMode::JsonObject => Some(OutputMode::Tool),
            OutputMode::Tool => Some(OutputMode::Plain),
            OutputMode::Plain => None,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            OutputMode::JsonSchemaStrict => "json_schema (strict)",
            OutputMode::JsonSchema => "json_schema",
            OutputMode::JsonObject => "json_object",
            OutputMode::Tool => "forced tool call",
            OutputMode::Plain => "plain text",
        }
    }
}

/// Whether a failed request's status and message say the server refused the
/// structured-output field (and a weaker mode may work).
pub(crate) fn refused_by(status: u16, message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    matches!(status, 400 | 422 | 500)
        && [
            "response_format",
            "json_schema",
            "json_object",
            "tool_choice",
            "tools",
            "'text' or",
            // Ollama before structured outputs: `format` was a string.
            "chatrequest.format",
            // llama-server when the schema's grammar cannot be built for the
            // model (its chat template, its vocabulary).
            "grammar",
            "initialize samplers",
        ]
        .iter()
        .any(|k| m.contains(k))
}

/// The mode to try after `from` was refused with `message`: a server that names
/// `strict` may take a non-strict schema; one that refuses the `json_schema` type
/// itself (llama-cpp-python's "Input should be 'text' or 'json_object'",
/// DeepSeek's "unavailable") goes straight to JSON mode; one that refuses
/// `response_format` as a whole, or whose grammar for it cannot be built
/// (llama-server: every `response_format` becomes a grammar), goes to a forced
/// tool call; anything else, one step.
pub(crate) fn after_refusal(from: OutputMode, message: &str) -> Option<OutputMode> {
    let m = message.to_ascii_lowercase();
    let grammar_failed = m.contains("grammar") || m.contains("initialize samplers");
    let schema_type_refused = m.contains("json_object")
        || m.contains("'text' or")
        || m.contains("unavailable")
        || m.contains("chatrequest.format");
    // `response_format` refused as a whole (or its grammar): no type of it will
    // do; tools may.
    let format_refused = grammar_failed
        || (m.contains("response_format")
            && ["not supported", "unsupported", "does not support", "not allowed"]
                .iter()
                .any(|k| m.contains(k))
            && !m.contains("json_schema")
            && !m.contains("json_object")
            && !m.contains("strict")
            && !m.contains("'text' or"));
    match from {
        OutputMode::JsonSchemaStrict | OutputMode::JsonSchema | OutputMode::JsonObject if format_refused => {
            Some(OutputMode::Tool)
        }
        OutputMode::JsonSchemaStrict if m.contains("strict") => Some(OutputMode::JsonSchema),
        OutputMode::JsonSchemaStrict | OutputMode::JsonSchema if schema_type_refused => {
            Some(OutputMode::JsonObject)
        }
        other => other.weaker(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_step_down_in_order() {
        assert_eq!(
            OutputMode::JsonSchemaStrict.weaker(),
            Some(OutputMode::JsonSchema)
        );
        assert_eq!(OutputMode::JsonObject.weaker(), Some(OutputMode::Tool));
        assert_eq!(OutputMode::Plain.weaker(), None);
        assert_eq!(
            after_refusal(OutputMode::JsonSchema, "bad response_format"),
            Some(OutputMode::JsonObject)
        );
        assert_eq!(
            after_refusal(
                OutputMode::JsonSchemaStrict,
                "Input should be 'text' or 'json_object'"
            ),
            Some(OutputMode::JsonObject),
            "llama-cpp-python's refusal skips the non-strict schema"
        );
        assert_eq!(
            after_refusal(
                OutputMode::JsonSchemaStrict,
                "response_format is not supported for this model; use tools instead"
            ),
            Some(OutputMode::Tool),
            "a server without response_format goes to tools at once"
        );
        assert_eq!(
            after_refusal(OutputMode::Tool, "tool_choice is not supported"),
            Some(OutputMode::Plain)
        );
    }

    #[test]
    fn a_grammar_the_server_cannot_build_skips_every_response_format() {
        // llama-server (b1-0c1e570) with a chat template it cannot fit a grammar to.
        let m = "Failed to initialize samplers: std::exception";
        assert!(refused_by(400, m));
        assert_eq!(
            after_refusal(OutputMode::JsonSchemaStrict, m),
            Some(OutputMode::Tool)
        );
        assert_eq!(after_refusal(OutputMode::JsonObject, m), Some(OutputMode::Tool));
        assert_eq!(after_refusal(OutputMode::Tool, m), Some(OutputMode::Plain));
        assert!(refused_by(400, "Failed to parse grammar"));
    }

    #[test]
    fn refusals_are_recognised_by_what_they_name() {
        assert!(refused_by(
            500,
            "Input should be 'text' or 'json_object' (response_format.type)"
        ));
        assert!(refused_by(400, "This response_format type is unavailable now"));
        assert!(!refused_by(400, "max_tokens is too large"));
        assert!(!refused_by(429, "response_format"));
        let old_ollama =
            "json: cannot unmarshal object into Go struct field ChatRequest.format of type string";
        assert!(refused_by(400, old_ollama));
        assert_eq!(
            after_refusal(OutputMode::JsonSchemaStrict, old_ollama),
            Some(OutputMode::JsonObject),
            "an Ollama without structured outputs takes `format: json`"
        );
    }
}
