//! Replays of the local servers people run, as their documentation and source
//! show them behaving: llama.cpp's `llama-server`, llama-cpp-python's server and
//! Ollama (its OpenAI-compatible endpoint; its native API is `ollama.rs`). Each
//! differs in SSE framing, in where usage and timings arrive, in what it does
//! with a structured-output request, in the shape of its errors and in what it
//! does with a prompt longer than its context window.

use serde_json::{Value, json};

/// A real server the fake behaves as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imitate {
    /// llama.cpp's `llama-server`: `json_schema` taken; the last chunk carries
    /// `usage` and `timings`; a prompt over `n_ctx` gets `exceed_context_size_error`.
    LlamaServer,
    /// llama-cpp-python's server (sse-starlette): `json_schema` refused with a
    /// pydantic error as HTTP 500, `json_object` with `schema` taken; frames end
    /// in CRLF, a `: ping` comment comes first, no usage chunk is streamed; an
    /// over-long request gets OpenAI's `context_length_exceeded`.
    LlamaCppPython,
    /// Ollama's `/v1`: `json_schema` taken, `tool_choice` ignored; a finish chunk
    /// with `fp_ollama`, a usage-only chunk; a prompt longer than `num_ctx` is cut
    /// without a word and answered.
    OllamaOpenAi,
}

impl Imitate {
    pub fn parse(name: &str) -> Option<Imitate> {
        match name {
            "llama-server" | "llamacpp" => Some(Imitate::LlamaServer),
            "llama-cpp-python" => Some(Imitate::LlamaCppPython),
            "ollama" | "ollama-openai" => Some(Imitate::OllamaOpenAi),
            _ => None,
        }
    }

    /// The window a server without one configured has: `llama-server -c`'s and
    /// llama-cpp-python's `n_ctx` default, and Ollama's default `num_ctx`.
    pub fn default_context(self) -> u64 {
        match self {
            Imitate::LlamaServer => 4_096,
            Imitate::LlamaCppPython => 2_048,
            Imitate::OllamaOpenAi => 4_096,
        }
    }
}

/// How an OpenAI-style stream is framed and what its chunks carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Frames end in `\r\n\r\n` (sse-starlette), not `\n\n`.
    pub crlf: bool,
    /// The comment that opens the stream, if any.
    pub comment: Option<&'static str>,
    /// The first chunk's delta is `{"role": "assistant", "content": null}`.
    pub null_content: bool,
    /// Usage (and llama.cpp's timings) arrive in the finish chunk itself.
    pub usage_in_finish: bool,
    /// No usage is streamed at all.
    pub no_stream_usage: bool,
    pub fingerprint: Option<&'static str>,
}

impl Style {
    pub fn of(imitate: Option<Imitate>) -> Style {
        match imitate {
            None => Style {
                comment: Some(": fake-llm keep-alive"),
                ..Style::default()
            },
            Some(Imitate::LlamaServer) => Style {
                null_content: true,
                usage_in_finish: true,
                fingerprint: Some("b6097-9515c613"),
                ..Style::default()
            },
            Some(Imitate::LlamaCppPython) => Style {
                crlf: true,
                comment: Some(": ping - 2026-11-30 12:00:00.000000+00:00"),
                no_stream_usage: true,
                ..Style::default()
            },
            Some(Imitate::OllamaOpenAi) => Style {
                fingerprint: Some("fp_ollama"),
                ..Style::default()
            },
        }
    }

    /// One SSE frame of `data` in this style.
    pub fn frame(&self, data: &str) -> String {
        if self.crlf {
            format!("data: {data}\r\n\r\n")
        } else {
            format!("data: {data}\n\n")
        }
    }

    pub fn comment_frame(&self) -> Option<String> {
        let end = if self.crlf { "\r\n\r\n" } else { "\n\n" };
        self.comment.map(|c| format!("{c}{end}"))
    }
}

/// llama.cpp's `timings` object for a prompt and an answer of these sizes.
pub fn timings(prompt: u64, completion: u64) -> Value {
    json!({
        "prompt_n": prompt, "prompt_ms": prompt as f64 * 0.19, "prompt_per_token_ms": 0.19,
        "prompt_per_second": 5263.2, "predicted_n": completion, "predicted_ms": completion as f64 * 3.8,
        "predicted_per_token_ms": 3.8, "predicted_per_second": 263.2
    })
}

/// What the server says to a request body before answering it: a refusal of
/// its structured-output field, or of its length. `prompt` is the prompt's size
/// in tokens as the server counts them.
pub fn refuse(imitate: Imitate, body: &Value, prompt: u64, context: u64) -> Option<(u16, String)> {
    let format = body.pointer("/response_format/type").and_then(Value::as_str);
    let max_tokens = body["max_tokens"].as_u64().unwrap_or(0);
    match imitate {
        Imitate::LlamaCppPython if format == Some("json_schema") => {
            Some((500, crate::LLAMA_CPP_PYTHON_REFUSAL.to_string()))
        }
        Imitate::LlamaServer if prompt > context => Some((
            400,
            json!({"error": {"code": 400, "message": format!("request ({prompt} tokens) exceeds the available context size ({context} tokens), try increasing it"),
                "type": "exceed_context_size_error", "n_prompt_tokens": prompt, "n_ctx": context}})
            .to_string(),
        )),
        Imitate::LlamaCppPython if prompt + max_tokens > context => Some((
            400,
            json!({"error": {"message": format!("This model's maximum context length is {context} tokens. However, you requested {} tokens ({prompt} in the messages, {max_tokens} in the completion). Please reduce the length of the messages or completion.", prompt + max_tokens),
                "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}})
            .to_string(),
        )),
        _ => None,
    }
}

/// A JSON error body as the server shapes it.
pub fn error_body(imitate: Imitate, code: u16, message: &str) -> Value {
    match imitate {
        Imitate::LlamaServer => {
            let kind = if code == 400 {
                "invalid_request_error"
            } else {
                "server_error"
            };
            json!({"error": {"code": code, "message": message, "type": kind}})
        }
        Imitate::LlamaCppPython => {
            json!({"error": {"message": message, "type": "internal_server_error", "param": null, "code": null}})
        }
        Imitate::OllamaOpenAi => {
            let kind = match code {
                400 => "invalid_request_error",
                404 => "not_found_error",
                _ => "api_error",
            };
            json!({"error": {"message": message, "type": kind, "param": null, "code": null}})
        }
    }
}

/// `GET /v1/models` as each server answers it.
pub fn models(imitate: Option<Imitate>) -> Value {
    let list = |data: Value| json!({"object": "list", "data": data});
    match imitate {
        None => list(json!([
            {"id": "gpt-4o-mini", "object": "model", "owned_by": "fake-llm", "max_model_len": 32768},
            {"id": "claude-sonnet-4-5", "object": "model", "owned_by": "fake-llm", "max_model_len": 32768}
        ])),
        Some(Imitate::LlamaServer) => list(json!([{"id": "local", "object": "model", "created": 1764500000,
            "owned_by": "llamacpp", "meta": {"vocab_type": 2, "n_vocab": 128256, "n_ctx_train": 131072, "n_embd": 4096}}])),
        Some(Imitate::LlamaCppPython) => {
            list(json!([{"id": "local", "object": "model", "owned_by": "me", "permissions": []}]))
        }
        Some(Imitate::OllamaOpenAi) => list(json!([{"id": "llama3.1:latest", "object": "model",
            "created": 1764500000, "owned_by": "library"}])),
    }
}

/// llama-server's `GET /props`: the per-slot window is `n_ctx`.
pub fn props(context: u64) -> Value {
    json!({"default_generation_settings": {"id": 0, "n_ctx": context, "params": {"n_predict": -1}},
        "total_slots": 1, "model_path": "/models/local.gguf", "chat_template": "", "build_info": "b6097-9515c613"})
}
