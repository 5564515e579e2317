//! Tests of `anthropic`.

use super::*;
use crate::llm::{Message, OutputSchema};

fn req() -> ChatRequest {
    ChatRequest {
        model: "claude".into(),
        messages: vec![
            Message::new(Role::System, "sys"),
            Message::new(Role::User, "<sources>facts</sources>\nTask"),
        ],
        schema: Some(OutputSchema {
            name: "brief".into(),
            schema: json!({"type": "object"}),
        }),
        shared_prefix: "<sources>facts</sources>\n".len(),
        ..ChatRequest::default()
    }
}

#[test]
fn body_has_system_forced_tool_and_cached_sources() {
    let b = request_body(&req(), 500, true);
    assert_eq!(b["system"][0]["text"], "sys");
    assert_eq!(b["max_tokens"], 500);
    assert_eq!(b["tool_choice"]["name"], "brief");
    assert_eq!(b["tools"][0]["input_schema"]["type"], "object");
    let blocks = b["messages"][0]["content"].as_array().unwrap();
    assert_eq!(blocks[0]["cache_control"]["type"], "ephemeral");
    assert_eq!(blocks[1]["text"], "Task");
    assert_eq!(
        b["messages"].as_array().unwrap().len(),
        1,
        "system is not a message"
    );
}

#[test]
fn parses_tool_answers_whole_and_streamed() {
    let body = r#"{"model":"c","content":[{"type":"tool_use","name":"brief","input":{"a":1}}],"stop_reason":"tool_use","usage":{"input_tokens":10,"cache_read_input_tokens":5,"output_tokens":3}}"#;
    let r = parse_message("u", 200, body).unwrap();
    assert_eq!(r.content, r#"{"a":1}"#);
    assert_eq!(
        (
            r.usage.prompt_tokens,
            r.usage.cached_prompt_tokens,
            r.usage.completion_tokens
        ),
        (15, 5, 3)
    );

    let mut s = StreamState::default();
    let events = [
        r#"{"type":"message_start","message":{"model":"c","usage":{"input_tokens":10,"output_tokens":1}}}"#,
        r#"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","input":{}}}"#,
        r#"{"type":"ping"}"#,
        r#"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"a\":"}}"#,
        r#"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"1}"}}"#,
        r#"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":7}}"#,
    ];
    let content: Vec<bool> = events.iter().map(|e| s.feed("u", e).unwrap()).collect();
    assert_eq!(
        content,
        [false, false, false, true, true, false],
        "pings are not content"
    );
    assert!(!s.done, "no message_stop yet");
    s.feed("u", r#"{"type":"message_stop"}"#).unwrap();
    assert!(s.done);
    assert_eq!(s.answer.content, r#"{"a":1}"#);
    assert_eq!(s.answer.usage.completion_tokens, 7);
    let err = s.feed(
        "u",
        r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
    );
    assert!(err.unwrap_err().to_string().contains("Overloaded"));
}
