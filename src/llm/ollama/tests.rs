use super::*;
use crate::llm::{Message, OutputSchema, Role};

fn request(text: &str) -> ChatRequest {
    ChatRequest {
        stage: crate::llm::Label::stage("brief"),
        model: "llama3.1".into(),
        messages: vec![
            Message::new(Role::System, "Be brief."),
            Message::new(Role::User, text),
        ],
        schema: Some(OutputSchema {
            name: "brief".into(),
            schema: json!({"type": "object", "properties": {"ok": {"type": "boolean"}}}),
        }),
        temperature: Some(0.2),
        max_tokens: 1_000,
        shared_prefix: 0,
    }
}

#[test]
fn windows_hold_the_prompt_and_the_answer_and_never_shrink() {
    assert_eq!(window(100, 500), SMALLEST_WINDOW);
    assert_eq!(window(6_000, 2_000), 16_384, "7,500 + 2,000 rounds up to 16k");
    assert_eq!(window(20_000, 4_096), 32_768);
    let w = Windows::default();
    let long = request(&"word ".repeat(30_000));
    let short = request("a short prompt");
    let big = w.fit(&long, 1_000);
    assert!(big >= 32_768, "{big}");
    assert_eq!(
        w.fit(&short, 1_000),
        big,
        "a later, shorter prompt keeps the window"
    );
}

#[test]
fn a_schema_goes_in_format_and_the_window_in_options() {
    let req = request("hello");
    let body = request_body(&req, 1_000, true, OutputMode::JsonSchemaStrict, 8_192);
    assert_eq!(body["format"]["type"], "object");
    assert_eq!(body["options"]["num_ctx"], 8_192);
    assert_eq!(body["options"]["num_predict"], 1_000);
    assert_eq!(body["stream"], true);
    assert!(
        !body["messages"][0]["content"]
            .as_str()
            .unwrap_or("")
            .contains("JSON Schema")
    );
    let json_mode = request_body(&req, 1_000, false, OutputMode::JsonObject, 8_192);
    assert_eq!(json_mode["format"], "json");
    assert!(
        json_mode["messages"][0]["content"]
            .as_str()
            .unwrap_or("")
            .contains("JSON Schema")
    );
    let plain = request_body(&req, 1_000, false, OutputMode::Plain, 8_192);
    assert!(plain.get("format").is_none());
}

#[test]
fn the_base_url_may_carry_v1() {
    assert_eq!(
        url("http://127.0.0.1:11434/v1/"),
        "http://127.0.0.1:11434/api/chat"
    );
    assert_eq!(url("http://127.0.0.1:11434"), "http://127.0.0.1:11434/api/chat");
}

#[test]
fn whole_and_streamed_answers_read_alike() {
    let whole = r#"{"model":"llama3.1","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":"{\"ok\":true}"},"done":true,"done_reason":"stop","total_duration":5191566416,"prompt_eval_count":26,"eval_count":7}"#;
    let a = parse_chat("u", 200, whole).unwrap();
    assert_eq!(a.content, r#"{"ok":true}"#);
    assert_eq!((a.usage.prompt_tokens, a.usage.completion_tokens), (26, 7));
    assert_eq!(a.finish_reason.as_deref(), Some("stop"));
    let mut s = StreamState::default();
    for line in [
        r#"{"model":"llama3.1","message":{"role":"assistant","content":"{\"ok\""},"done":false}"#,
        r#"{"model":"llama3.1","message":{"role":"assistant","content":":true}"},"done":false}"#,
        r#"{"model":"llama3.1","message":{"role":"assistant","content":""},"done":true,"done_reason":"length","prompt_eval_count":26,"eval_count":7}"#,
    ] {
        s.feed("u", line).unwrap();
    }
    assert!(s.done);
    assert_eq!(s.answer.content, a.content);
    assert!(s.answer.truncated(), "done_reason length is a cut-off answer");
    let mut broken = StreamState::default();
    let err = broken.feed(
        "u",
        r#"{"error":"an error was encountered while running the model"}"#,
    );
    assert!(matches!(err, Err(LlmError::Stream { .. })), "{err:?}");
}
