//! Tests of `openai`.

use super::*;
use crate::llm::modes::OutputMode;

#[test]
fn error_messages_come_from_any_common_shape() {
    assert_eq!(
        error_message(r#"{"error":{"message":"bad key","type":"x"}}"#),
        "bad key"
    );
    assert_eq!(error_message(r#"{"error":"model not found"}"#), "model not found");
    assert_eq!(
        error_message(r#"{"object":"error","message":"vllm says no","code":400}"#),
        "vllm says no"
    );
    assert_eq!(error_message(r#"{"detail":"nope"}"#), "nope");
    assert_eq!(error_message("<html>502</html>"), "<html>502</html>");
}

#[test]
fn status_maps_to_kind() {
    let e = |s, b| status_error("u", s, b, &"m".into(), "OPENAI_API_KEY");
    assert!(matches!(e(401, "{}"), LlmError::Auth { status: 401, .. }));
    assert!(matches!(e(404, "{}"), LlmError::ModelNotFound { .. }));
    assert!(matches!(e(500, "{}"), LlmError::Api { status: 500, .. }));
    assert!(matches!(e(429, "{}"), LlmError::Api { status: 429, .. }));
    let quota = r#"{"error":{"message":"You exceeded your current quota","type":"insufficient_quota"}}"#;
    assert!(matches!(e(429, quota), LlmError::Quota { .. }));
}

#[test]
fn budget_field_follows_the_preset() {
    let req = ChatRequest::default();
    let b = request_body(
        &req,
        100,
        false,
        MaxTokensField::MaxCompletionTokens,
        OutputMode::JsonSchemaStrict,
    );
    assert_eq!(b["max_completion_tokens"], 100);
    assert!(b.get("max_tokens").is_none());
    let b = request_body(
        &req,
        100,
        true,
        MaxTokensField::MaxTokens,
        OutputMode::JsonSchemaStrict,
    );
    assert_eq!(b["max_tokens"], 100);
    assert_eq!(b["stream_options"]["include_usage"], true);
}

#[test]
fn each_output_mode_asks_for_json_its_own_way() {
    let req = ChatRequest {
        messages: vec![crate::llm::Message::new(crate::llm::Role::System, "be brief")],
        schema: Some(crate::llm::OutputSchema {
            name: "brief".into(),
            schema: serde_json::json!({"type": "object"}),
        }),
        ..ChatRequest::default()
    };
    let body = |mode| request_body(&req, 10, false, MaxTokensField::MaxTokens, mode);
    let strict = body(OutputMode::JsonSchemaStrict);
    assert_eq!(strict["response_format"]["json_schema"]["strict"], true);
    assert_eq!(
        body(OutputMode::JsonSchema)["response_format"]["json_schema"]["strict"],
        false
    );
    let object = body(OutputMode::JsonObject);
    assert_eq!(object["response_format"]["type"], "json_object");
    assert_eq!(object["response_format"]["schema"]["type"], "object");
    assert!(
        object["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains("JSON Schema")
    );
    let plain = body(OutputMode::Plain);
    assert!(plain.get("response_format").is_none());
    assert!(
        plain["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains("JSON Schema")
    );
    assert!(
        !strict["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains("JSON Schema")
    );
}

#[test]
fn stream_state_collects_content_usage_and_done() {
    let mut s = StreamState::default();
    assert!(
        s.feed(
            "u",
            r#"{"model":"m","choices":[{"delta":{"role":"assistant","content":"He"}}]}"#
        )
        .unwrap()
    );
    assert!(
        s.feed(
            "u",
            r#"{"choices":[{"delta":{"content":"llo"},"finish_reason":"stop"}]}"#
        )
        .unwrap()
    );
    let usage = r#"{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"prompt_tokens_details":{"cached_tokens":1}}}"#;
    assert!(!s.feed("u", usage).unwrap());
    assert!(!s.done);
    s.feed("u", "[DONE]").unwrap();
    assert!(s.done);
    assert_eq!(s.answer.content, "Hello");
    assert_eq!(s.answer.usage.total(), 5);
    assert_eq!(s.answer.usage.cached_prompt_tokens, 1);
    assert_eq!(s.answer.finish_reason.as_deref(), Some("stop"));
    assert!(s.feed("u", "{not json").is_err());
    assert!(s.feed("u", r#"{"error":{"message":"overloaded"}}"#).is_err());
}

#[test]
fn non_streaming_body_parses_and_rejects_html() {
    let ok = r#"{"model":"m","choices":[{"message":{"content":"{}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1}}"#;
    assert_eq!(parse_completion("u", 200, ok).unwrap().content, "{}");
    let e = parse_completion("u", 200, "<html>oops</html>").unwrap_err();
    assert!(e.to_string().contains("not the expected JSON"), "{e}");
}

#[test]
fn context_length_errors_carry_the_limit_the_server_reports() {
    for (body, limit) in [
        (
            r#"{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":5000,"n_ctx":4096}}"#,
            Some(4096),
        ),
        (
            r#"{"error":{"message":"This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"#,
            Some(8192),
        ),
        (
            r#"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}"#,
            Some(200000),
        ),
        (r#"{"error":{"message":"context_length_exceeded"}}"#, None),
    ] {
        match status_error("u", 400, body, &"m".into(), "K") {
            LlmError::ContextLength { limit: l, .. } => assert_eq!(l, limit, "{body}"),
            other => panic!("{other:?} from {body}"),
        }
    }
}
