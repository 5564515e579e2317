//! What the server answers: a scripted reply, and the refusals real servers
//! send that tests script.

use crate::Fault;

/// A scripted reply for one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A schema-valid answer built from the prompt (or a planned fault).
    Normal,
    /// An HTTP error with this status and body.
    Status { code: u16, body: String },
    /// An HTTP status with these headers and body, as a server sent it.
    Raw {
        code: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// A normal response whose answer content is this text.
    Content(String),
    /// This fault, whatever the plan says.
    Fault(Fault),
}

/// What llama-cpp-python's server answers to `response_format: json_schema`: a
/// pydantic validation error, as HTTP 500.
pub const LLAMA_CPP_PYTHON_REFUSAL: &str = r#"{"error":{"message":"[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', 'ctx': {'expected': \"'text' or 'json_object'\"}}]","type":"internal_server_error","param":null,"code":null}}"#;

/// What llama-server answers to any `response_format` whose grammar it cannot
/// build for the model's chat template.
pub const GRAMMAR_REFUSAL: &str = r#"{"error":{"code":400,"message":"Failed to initialize samplers: std::exception","type":"invalid_request_error"}}"#;

/// What a server that takes only tool calls answers to `response_format`.
pub const TOOLS_ONLY_REFUSAL: &str = r#"{"error":{"message":"response_format is not supported for this model; use tools instead","type":"invalid_request_error","param":"response_format","code":null}}"#;
