//! A fake OpenAI-compatible LLM server for parallax's tests and benchmarks. It
//! listens on 127.0.0.1 only, answers chat completions (whole or as SSE streams)
//! with JSON that fits the request's schema, built from the prompt's own source
//! passages, and records every request with a logical clock so tests can see
//! rounds and overlap without reading wall-clock times.

mod answer;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

pub use answer::fill;

/// What the server does with one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A schema-valid answer built from the prompt.
    Normal,
    /// An HTTP error with this status and body.
    Status { code: u16, body: String },
    /// A normal response whose message content is this text.
    Content(String),
}

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// Delay before each answer starts.
    pub latency: Duration,
    /// Replies for the first requests, in order; then `fallback`.
    pub script: Vec<Reply>,
    pub fallback: Reply,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            latency: Duration::ZERO,
            script: Vec::new(),
            fallback: Reply::Normal,
        }
    }
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Logged {
    pub index: usize,
    pub body: Value,
    pub authorization: Option<String>,
    /// Logical clock at arrival and at completion (shared counter of events).
    pub started: u64,
    pub finished: u64,
}

#[derive(Default)]
struct Shared {
    config: Mutex<Config>,
    log: Mutex<Vec<Logged>>,
    clock: AtomicU64,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    served: AtomicUsize,
}

/// Handle to a server's state, shared with its handlers.
#[derive(Clone, Default)]
pub struct Handle(Arc<Shared>);

impl Handle {
    pub fn new(config: Config) -> Self {
        let h = Handle::default();
        h.set_config(config);
        h
    }

    pub fn set_config(&self, config: Config) {
        if let Ok(mut c) = self.0.config.lock() {
            *c = config;
        }
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<Logged> {
        self.0.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// The most requests ever in flight at once.
    pub fn max_in_flight(&self) -> usize {
        self.0.max_in_flight.load(Ordering::SeqCst)
    }

    /// The number of sequential rounds in the log: the longest chain of requests
    /// where each one arrived after the previous one finished.
    pub fn rounds(&self) -> usize {
        let log = self.requests();
        let mut depth = vec![1usize; log.len()];
        let mut order: Vec<usize> = (0..log.len()).collect();
        order.sort_by_key(|&i| log[i].started);
        for (pos, &i) in order.iter().enumerate() {
            for &j in &order[..pos] {
                if log[j].finished < log[i].started {
                    depth[i] = depth[i].max(depth[j] + 1);
                }
            }
        }
        depth.into_iter().max().unwrap_or(0)
    }

    fn tick(&self) -> u64 {
        self.0.clock.fetch_add(1, Ordering::SeqCst)
    }
}

/// The router, for embedding in another server.
pub fn router(handle: Handle) -> Router {
    Router::new()
        .route("/v1/chat/completions", post(chat))
        .route("/chat/completions", post(chat))
        .with_state(handle)
}

/// Serve on `listener` until the future is dropped.
pub async fn serve(listener: tokio::net::TcpListener, handle: Handle) -> std::io::Result<()> {
    axum::serve(listener, router(handle)).await
}

/// A server running on its own thread, for synchronous tests.
pub struct FakeServer {
    pub addr: SocketAddr,
    pub handle: Handle,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl FakeServer {
    /// Start on 127.0.0.1 with an ephemeral port.
    pub fn start(config: Config) -> std::io::Result<Self> {
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let handle = Handle::new(config);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let h = handle.clone();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        std::thread::spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(std_listener) else {
                    return;
                };
                tokio::select! {
                    _ = serve(listener, h) => {}
                    _ = rx => {}
                }
            });
        });
        Ok(Self {
            addr,
            handle,
            _shutdown: tx,
        })
    }

    /// `http://127.0.0.1:PORT/v1`
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }
}

struct InFlight<'a>(&'a Handle);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn chat(State(h): State<Handle>, headers: HeaderMap, body: String) -> Response {
    let started = h.tick();
    let now = h.0.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    h.0.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let guard = InFlight(&h);
    let index = h.0.served.fetch_add(1, Ordering::SeqCst);
    let config = h.0.config.lock().map(|c| c.clone()).unwrap_or_default();
    let reply = config
        .script
        .get(index)
        .cloned()
        .unwrap_or(config.fallback.clone());
    tokio::time::sleep(config.latency).await;

    let parsed: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let response = respond(&parsed, reply, index);
    drop(guard);
    let finished = h.tick();
    if let Ok(mut log) = h.0.log.lock() {
        log.push(Logged {
            index,
            body: parsed,
            authorization: headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            started,
            finished,
        });
    }
    response
}

fn respond(req: &Value, reply: Reply, index: usize) -> Response {
    if req.is_null() {
        return error(400, "request body is not JSON");
    }
    let content = match reply {
        Reply::Status { code, body } => return (status(code), body).into_response(),
        Reply::Content(c) => c,
        Reply::Normal => answer::answer(req, index),
    };
    let model = req
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or("fake-model")
        .to_string();
    let prompt_chars: usize = req
        .get("messages")
        .and_then(Value::as_array)
        .map(|m| {
            m.iter()
                .filter_map(|m| m.get("content")?.as_str())
                .map(str::len)
                .sum()
        })
        .unwrap_or(0);
    let usage = json!({
        "prompt_tokens": prompt_chars / 4 + 1,
        "completion_tokens": content.len() / 4 + 1,
        "total_tokens": prompt_chars / 4 + content.len() / 4 + 2,
    });
    if req.get("stream").and_then(Value::as_bool) == Some(true) {
        stream(&model, &content, usage)
    } else {
        axum::Json(json!({
            "id": format!("chatcmpl-{index}"),
            "object": "chat.completion",
            "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": usage,
        }))
        .into_response()
    }
}

fn stream(model: &str, content: &str, usage: Value) -> Response {
    let chunk = |delta: Value, finish: Value| json!({"object": "chat.completion.chunk", "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]});
    let mut events = vec![chunk(json!({"role": "assistant", "content": ""}), Value::Null)];
    let chars: Vec<char> = content.chars().collect();
    for piece in chars.chunks(40) {
        events.push(chunk(
            json!({"content": piece.iter().collect::<String>()}),
            Value::Null,
        ));
    }
    events.push(chunk(json!({}), json!("stop")));
    events.push(json!({"object": "chat.completion.chunk", "model": model, "choices": [], "usage": usage}));
    let mut text = String::from(": fake-llm stream\n\n");
    for e in events {
        text.push_str(&format!("data: {e}\n\n"));
    }
    text.push_str("data: [DONE]\n\n");
    Response::builder()
        .header(header::CONTENT_TYPE, "text/event-stream")
        .body(Body::from(text))
        .unwrap_or_else(|_| error(500, "could not build the stream"))
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn error(code: u16, message: &str) -> Response {
    (
        status(code),
        axum::Json(json!({"error": {"message": message, "type": "invalid_request_error"}})),
    )
        .into_response()
}
