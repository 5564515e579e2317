//! A fake LLM server for parallax's tests and benchmarks, speaking both the OpenAI
//! chat-completions and the Anthropic Messages wire formats, whole or streamed. It
//! listens on 127.0.0.1 only, answers with JSON that fits the request's schema
//! (built from the prompt's own source passages), can inject every failure a real
//! API shows, and logs each request with a logical clock so tests can see rounds
//! and overlap without reading wall-clock times.

mod answer;
mod anthropic;
mod batch_files;
mod batches;
mod bodies;
mod echo;
mod faults;
mod handler;
mod ollama;
mod reply;
mod request;
mod servers;
mod sloppy;
mod streams;
mod thread;
mod wire;

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;

pub use answer::fill;
pub use batch_files::run_batch;
pub use batches::BatchConfig;
pub use faults::{Fault, FaultPlan};
use handler::handle;
pub use reply::{GRAMMAR_REFUSAL, LLAMA_CPP_PYTHON_REFUSAL, Reply, TOOLS_ONLY_REFUSAL};
pub use request::Protocol;
pub use servers::Imitate;
pub use thread::FakeServer;

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// Delay before each answer starts.
    pub latency: Duration,
    /// Replies for the first requests, in arrival order; then `fallback`.
    pub script: Vec<Reply>,
    pub fallback: Reply,
    /// Faults injected into `Normal` replies.
    pub faults: FaultPlan,
    /// Requests per rolling `rate_window` before answering 429 (0: no limit).
    pub rpm: u32,
    /// The window `rpm` counts over (a minute unless a test wants it faster).
    pub rate_window: Duration,
    /// Plant text in the answers of some stages.
    pub tamper: Option<Tamper>,
    /// Answer schema-valid but flawed JSON (see `sloppy`).
    pub sloppy: bool,
    /// With `sloppy`: spoil one answer in this many (1: every answer).
    pub sloppy_one_in: usize,
    /// Answer schema-valid JSON whose texts are lines of the whole prompt,
    /// instructions and annotations included (see `echo`).
    pub echo: bool,
    /// Refuse `response_format: json_schema` as llama-cpp-python's server does
    /// (HTTP 500, "Input should be 'text' or 'json_object'"), as a server that
    /// supports only JSON mode.
    pub json_object_only: bool,
    /// Refuse any `response_format` (HTTP 400), as servers and models that take
    /// only tool calls do; forced tool calls are answered.
    pub tools_only: bool,
    /// Refuse any `response_format` with llama-server's HTTP 400 "Failed to
    /// initialize samplers", as it does when it cannot build the schema's grammar
    /// for the model's chat template (seen with b1-0c1e570 and `--jinja`); a
    /// request without one is answered.
    pub grammar_fails: bool,
    /// Keep every request in the log (tests read it; a long benchmark would
    /// only grow).
    pub keep_log: bool,
    /// The batch endpoints' timing and failures.
    pub batch: BatchConfig,
    /// Behave as this real server on the OpenAI endpoint (see `servers`).
    pub imitate: Option<Imitate>,
    /// The context window, in the fake's tokens (a quarter of the prompt's
    /// bytes), for `imitate` and `/props` (None: the imitated server's default).
    pub context: Option<u64>,
}

/// Appends `append` to the first `text` field of answers whose schema (or
/// forced tool) is named in `schemas`: a way to plant a fabricated claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Tamper {
    pub schemas: Vec<String>,
    pub append: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            latency: Duration::ZERO,
            script: Vec::new(),
            fallback: Reply::Normal,
            faults: FaultPlan::default(),
            rpm: 0,
            rate_window: Duration::from_secs(60),
            tamper: None,
            sloppy: false,
            sloppy_one_in: 1,
            echo: false,
            json_object_only: false,
            tools_only: false,
            grammar_fails: false,
            keep_log: true,
            batch: BatchConfig::default(),
            imitate: None,
            context: None,
        }
    }
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Logged {
    pub index: usize,
    pub protocol: Protocol,
    pub body: Value,
    pub headers: HeaderMap,
    /// What the server did: `ok`, or a fault's label (`429`, `hang`, …).
    pub outcome: String,
    /// Hash of the model and messages: retries of one call share it.
    pub conversation: u64,
    /// Logical clock at arrival and at completion (`u64::MAX` while unfinished).
    pub started: u64,
    pub finished: u64,
    pub arrived_at: Instant,
}

impl Logged {
    /// The `authorization` (OpenAI) or `x-api-key` (Anthropic) header.
    pub fn credential(&self) -> Option<String> {
        let h = self
            .headers
            .get(header::AUTHORIZATION)
            .or_else(|| self.headers.get("x-api-key"));
        h.and_then(|v| v.to_str().ok()).map(str::to_string)
    }

    /// The pipeline stage, read from the schema name the client sent.
    pub fn schema_name(&self) -> Option<&str> {
        self.body
            .pointer("/response_format/json_schema/name")
            .or_else(|| self.body.pointer("/tool_choice/name"))
            .and_then(Value::as_str)
    }
}

#[derive(Default)]
struct Shared {
    config: Mutex<Config>,
    log: Mutex<Vec<Logged>>,
    sightings: Mutex<faults::Sightings>,
    window: Mutex<VecDeque<Instant>>,
    cached_prefixes: Mutex<HashSet<u64>>,
    clock: AtomicU64,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    served: AtomicUsize,
    batches: Mutex<batches::Store>,
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
    /// in which each arrived after the previous one finished.
    pub fn rounds(&self) -> usize {
        let log = self.requests();
        let mut order: Vec<usize> = (0..log.len()).collect();
        order.sort_by_key(|&i| log[i].started);
        let mut depth = vec![1usize; log.len()];
        for (pos, &i) in order.iter().enumerate() {
            for &j in &order[..pos] {
                if log[j].finished < log[i].started {
                    depth[i] = depth[i].max(depth[j] + 1);
                }
            }
        }
        depth.into_iter().max().unwrap_or(0)
    }

    /// Every `custom_id` submitted to a batch endpoint, in order, across batches.
    pub fn batch_custom_ids(&self) -> Vec<String> {
        self.with_batches(|s| s.submitted.clone()).unwrap_or_default()
    }

    /// Answer an OpenAI batch input file as a self-hosted engine would.
    pub fn run_batch_file(&self, input: &str) -> std::io::Result<String> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        Ok(rt.block_on(run_batch(self, input)))
    }

    /// How many batches were cancelled.
    pub fn batches_cancelled(&self) -> usize {
        self.with_batches(|s| s.cancelled_count()).unwrap_or(0)
    }

    /// How many batches were created.
    pub fn batches_created(&self) -> usize {
        self.with_batches(|s| s.created).unwrap_or(0)
    }

    fn with_batches<T>(&self, f: impl FnOnce(&mut batches::Store) -> T) -> Option<T> {
        self.0.batches.lock().ok().map(|mut s| f(&mut s))
    }

    fn batch_config(&self) -> BatchConfig {
        self.0.config.lock().map(|c| c.batch.clone()).unwrap_or_default()
    }

    fn tick(&self) -> u64 {
        self.0.clock.fetch_add(1, Ordering::SeqCst)
    }

    fn update(&self, index: usize, f: impl FnOnce(&mut Logged)) {
        if let Ok(mut log) = self.0.log.lock()
            && let Some(e) = log.iter_mut().find(|e| e.index == index)
        {
            f(e);
        }
    }

    /// Record what the server will do, before it does it (a hang may never end).
    fn decide(&self, index: usize, outcome: &str) {
        self.update(index, |e| e.outcome = outcome.to_string());
    }

    fn finish(&self, index: usize) {
        let t = self.tick();
        self.update(index, |e| e.finished = t);
    }

    /// When one more request now would pass the rolling-window limit: how long
    /// until a slot frees.
    fn over_rpm(&self, rpm: u32, window: Duration) -> Option<Duration> {
        if rpm == 0 {
            return None;
        }
        let mut w = self.0.window.lock().ok()?;
        let now = Instant::now();
        while w.front().is_some_and(|t| now.duration_since(*t) > window) {
            w.pop_front();
        }
        if w.len() >= rpm as usize {
            let oldest = w.front().copied().unwrap_or(now);
            return Some(
                window
                    .saturating_sub(now.duration_since(oldest))
                    .max(Duration::from_millis(1)),
            );
        }
        w.push_back(now);
        None
    }

    /// Whether this cacheable prefix was seen before (then its tokens count as cached).
    fn cache_hit(&self, prefix: &str) -> bool {
        let h = faults::hash(prefix);
        self.0
            .cached_prefixes
            .lock()
            .map(|mut s| !s.insert(h))
            .unwrap_or(false)
    }
}

/// `text` with every `nonce="…"` value emptied. A client's fence nonce may be
/// keyed by a secret of its installation; a conversation is the same one (and
/// gets the same answers and faults) whichever installation sent it.
pub fn without_nonces(text: &str) -> String {
    const KEY: &str = "nonce=\"";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(KEY) {
        out.push_str(&rest[..i + KEY.len()]);
        rest = &rest[i + KEY.len()..];
        rest = rest.find('"').map_or(rest, |j| &rest[j..]);
    }
    out.push_str(rest);
    out
}

/// `GET /v1/models` as the imitated server answers it (the plain fake states a
/// context length as vLLM does, `max_model_len`).
async fn models(State(h): State<Handle>) -> axum::Json<Value> {
    let imitate = h.0.config.lock().ok().and_then(|c| c.imitate);
    axum::Json(servers::models(imitate))
}

/// llama-server's `GET /props`, served when it is imitated.
async fn props(State(h): State<Handle>) -> Response {
    let (imitate, context) =
        h.0.config
            .lock()
            .map(|c| (c.imitate, c.context))
            .unwrap_or_default();
    match imitate {
        Some(i @ Imitate::LlamaServer) => {
            axum::Json(servers::props(context.unwrap_or(i.default_context()))).into_response()
        }
        _ => bodies::error(Protocol::OpenAi, 404, "File Not Found"),
    }
}

/// The router, for embedding in another server.
pub fn router(handle: Handle) -> Router {
    Router::new()
        .route("/v1/chat/completions", post(handler::openai))
        .route("/chat/completions", post(handler::openai))
        .route("/v1/messages", post(handler::anthropic))
        .route("/v1/models", get(models))
        .route("/props", get(props))
        .route("/api/chat", post(ollama::chat))
        .route("/api/tags", get(ollama::tags))
        .route("/api/show", post(ollama::show))
        .route("/api/version", get(ollama::version))
        .route("/v1/files", post(batch_files::upload))
        .route("/v1/files/{id}/content", get(batch_files::file_content))
        .route(
            "/v1/batches",
            post(batches::openai_create).get(batches::openai_list),
        )
        .route("/v1/batches/{id}", get(batches::retrieve))
        .route("/v1/batches/{id}/cancel", post(batches::cancel))
        .route("/v1/messages/batches", post(batches::anthropic_create))
        .route("/v1/messages/batches/{id}", get(batches::retrieve))
        .route("/v1/messages/batches/{id}/cancel", post(batches::cancel))
        .route(
            "/v1/messages/batches/{id}/results",
            get(batch_files::anthropic_results),
        )
        // Batch files run to hundreds of megabytes at the providers.
        .layer(axum::extract::DefaultBodyLimit::max(256 << 20))
        .with_state(handle)
}

/// Serve on `listener` until the future is dropped.
pub async fn serve(listener: tokio::net::TcpListener, handle: Handle) -> std::io::Result<()> {
    axum::serve(listener, router(handle)).await
}
