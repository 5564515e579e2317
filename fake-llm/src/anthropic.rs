//! Anthropic Messages answers as the fake writes them: the content block (text,
//! or the forced tool's call) and the named events of a stream.

use serde_json::{Value, json};

use crate::request::{Request, pieces};

pub fn block(req: &Request, content: &str) -> Value {
    match (&req.tool, serde_json::from_str::<Value>(content)) {
        (Some(name), Ok(input)) if input.is_object() => {
            json!({"type": "tool_use", "id": "toolu_1", "name": name, "input": input})
        }
        _ => json!({"type": "text", "text": content}),
    }
}

/// The last frame is `message_stop`.
pub fn frames(req: &Request, content: &str, cut: bool, (p, c, cached): (u64, u64, u64)) -> Vec<String> {
    let frame = |v: Value| {
        format!(
            "event: {}\ndata: {v}\n\n",
            v["type"].as_str().unwrap_or("unknown")
        )
    };
    let tool = block(req, content)["type"] == "tool_use";
    let block = if tool {
        json!({"type": "tool_use", "id": "toolu_1", "name": req.tool, "input": {}})
    } else {
        json!({"type": "text", "text": ""})
    };
    let mut frames = vec![
        frame(
            json!({"type": "message_start", "message": {"id": "msg_1", "type": "message", "role": "assistant",
            "model": req.model, "content": [], "usage": {"input_tokens": p - cached, "cache_read_input_tokens": cached, "output_tokens": 1}}}),
        ),
        frame(json!({"type": "content_block_start", "index": 0, "content_block": block})),
        frame(json!({"type": "ping"})),
    ];
    for piece in pieces(content) {
        let delta = if tool {
            json!({"type": "input_json_delta", "partial_json": piece})
        } else {
            json!({"type": "text_delta", "text": piece})
        };
        frames.push(frame(
            json!({"type": "content_block_delta", "index": 0, "delta": delta}),
        ));
    }
    let stop = if cut {
        "max_tokens"
    } else if tool {
        "tool_use"
    } else {
        "end_turn"
    };
    frames.push(frame(json!({"type": "content_block_stop", "index": 0})));
    frames.push(frame(
        json!({"type": "message_delta", "delta": {"stop_reason": stop}, "usage": {"output_tokens": c}}),
    ));
    frames.push(frame(json!({"type": "message_stop"})));
    frames
}
