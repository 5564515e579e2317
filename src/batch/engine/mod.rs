//! Batch engines: the same pipeline, its calls answered by a provider's batch
//! engine (OpenAI Batch, Anthropic Message Batches) or by a self-hosted one
//! through files. Each story's pipeline runs as in live mode; its calls wait
//! here instead of going out. When every story in flight is waiting, the
//! requests gathered form one round and go out as one provider batch (split
//! only where a limit says so). Answers come back to the waiting calls, which
//! check, repair and degrade them exactly as live answers. Requests are known by
//! `custom_id` (story, stage and a hash of the request), never by order.

mod files;
mod store;
mod waves;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use sha2::{Digest, Sha256};
use tokio::sync::{Notify, oneshot};

use super::Options;
use crate::config::BatchSettings;
use crate::error::{Error, Result};
use crate::llm::{Cache, ChatRequest, ChatResponse, Client, LlmClient, LlmError};
use crate::session::Session;
use store::{Entry, Store};

/// How long every story must have been waiting, with nothing new asked, before
/// a round goes out: sibling calls of a stage are all asked by then.
const SETTLE: Duration = Duration::from_millis(150);
/// Submissions of one request before its story is told it failed.
const MAX_SUBMISSIONS: u32 = 3;

/// Which engine answers a batch's calls.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineKind {
    /// Calls as they come, each at once (the default).
    Live,
    /// The provider's batch API, at the batch price.
    Provider,
    /// Each round's requests written as an OpenAI batch file; then stop.
    Export,
    /// Answers read from a results file in that format; the next round exported.
    Import(PathBuf),
}

impl EngineKind {
    /// The share of the live price its answers cost: a provider's batch API
    /// charges `BATCH_DISCOUNT` of it; everything else the full price.
    pub fn price_share(&self) -> f64 {
        match self {
            EngineKind::Provider => crate::llm::cost::BATCH_DISCOUNT,
            _ => 1.0,
        }
    }
}

type Waiter = oneshot::Sender<std::result::Result<ChatResponse, LlmError>>;

/// A request waiting for its answer, as the engine keeps it.
struct Pending {
    /// The wire body, serialized.
    body: String,
    model: String,
    /// The request itself, only when it may be finished live.
    live: Option<ChatRequest>,
}

#[derive(Default)]
struct State {
    /// Stories in the pipeline, with how many of their calls are waiting.
    active: HashMap<String, usize>,
    /// Changes on every enter, leave and ask.
    generation: u64,
    /// Asked and not yet submitted, in order.
    queue: Vec<String>,
    requests: HashMap<String, Pending>,
    waiters: HashMap<String, Vec<Waiter>>,
    submissions: HashMap<String, u32>,
    /// `custom_id` → the batch it was submitted in (and not yet collected).
    in_flight: HashSet<String>,
}

/// The engine of one batch run, shared by all its stories.
pub struct Engine {
    kind: EngineKind,
    client: Client,
    settings: BatchSettings,
    store: Store,
    /// Errored and expired requests go to live calls instead of the next batch.
    finish_live: bool,
    json: bool,
    state: Mutex<State>,
    changed: Notify,
    /// The last round submitted.
    round: AtomicUsize,
}

impl Engine {
    /// The engine for `out`, resuming what its records say; an import reads its
    /// results file first.
    pub fn open(
        kind: EngineKind,
        client: &Client,
        settings: &BatchSettings,
        out: &Path,
        finish_live: bool,
        json: bool,
    ) -> Result<Engine> {
        let store = Store::open(out).map_err(|e| {
            Error::io(
                format!("opening the batch engine's records in {}", out.display()),
                e,
            )
        })?;
        let mut state = State {
            in_flight: store.in_flight(),
            ..State::default()
        };
        for id in store.orphan_ids() {
            state.in_flight.insert(id);
        }
        let round = AtomicUsize::new(store.rounds);
        let engine = Engine {
            round,
            kind,
            client: client.clone(),
            settings: settings.clone(),
            store,
            finish_live,
            json,
            state: Mutex::new(state),
            changed: Notify::new(),
        };
        if let EngineKind::Import(file) = &engine.kind {
            engine.import(file)?;
        }
        Ok(engine)
    }

    /// The date the first run drafted with: a resumed run builds the same requests.
    pub fn pinned_date(&self, today: &str) -> Result<String> {
        let endpoint = self.client.http().endpoint();
        if let Some((date, first)) = &self.store.start {
            if *first != endpoint {
                tracing::warn!(
                    "this folder's batches went to {first}; now {endpoint}: answers already in are used, and batches still open are polled at the new address"
                );
            }
            return Ok(date.clone());
        }
        let entry = Entry::Start {
            date: today.to_string(),
            endpoint,
        };
        self.store
            .record(&entry)
            .map_err(|e| Error::io("writing the batch engine's journal", e))?;
        Ok(today.to_string())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn touch(&self, s: &mut State) {
        s.generation += 1;
        self.changed.notify_waiters();
    }

    /// A story enters the pipeline; the guard leaves it.
    pub fn enter(&self, story: &str) -> Entered<'_> {
        let mut s = self.lock();
        s.active.insert(story.to_string(), 0);
        self.touch(&mut s);
        Entered {
            engine: self,
            story: story.to_string(),
        }
    }

    /// The story's client: its calls wait for the engine.
    pub fn client_for(&self, story: &str) -> StoryClient<'_> {
        StoryClient {
            engine: self,
            story: story.to_string(),
        }
    }

    fn ask(
        &self,
        story: &str,
        id: &str,
        req: &ChatRequest,
    ) -> oneshot::Receiver<std::result::Result<ChatResponse, LlmError>> {
        let (tx, rx) = oneshot::channel();
        let pending = Pending {
            body: self.client.http().unstreamed_body(req).to_string(),
            model: req.model.clone(),
            live: self.finish_live.then(|| req.clone()),
        };
        let mut s = self.lock();
        *s.active.entry(story.to_string()).or_insert(0) += 1;
        // Asked before and still waiting: it is queued or in flight already.
        let first = !s.waiters.contains_key(id);
        s.waiters.entry(id.to_string()).or_default().push(tx);
        s.requests.insert(id.to_string(), pending);
        if first && !s.in_flight.contains(id) {
            s.queue.push(id.to_string());
        }
        self.touch(&mut s);
        rx
    }

    fn answered(&self, story: &str) {
        let mut s = self.lock();
        if let Some(n) = s.active.get_mut(story) {
            *n = n.saturating_sub(1);
        }
        self.touch(&mut s);
    }

    /// Hand a result to every call waiting for it.
    fn resolve(&self, id: &str, result: std::result::Result<ChatResponse, LlmError>) {
        let mut s = self.lock();
        s.in_flight.remove(id);
        s.requests.remove(id);
        // Answered for good: nothing about the request is kept, so memory stays
        // bounded by the window, not the manifest.
        s.submissions.remove(id);
        for w in s.waiters.remove(id).unwrap_or_default() {
            let _ = w.send(result.clone());
        }
    }

    /// Wait until every story in flight waits and there is something to send
    /// or to collect, and nothing new was asked for a moment.
    async fn barrier(&self) {
        loop {
            let ready = {
                let s = self.lock();
                let all_waiting = !s.active.is_empty() && s.active.values().all(|n| *n > 0);
                let work = !s.queue.is_empty() || !s.in_flight.is_empty();
                (all_waiting && work).then_some(s.generation)
            };
            match ready {
                None => {
                    let _ = tokio::time::timeout(SETTLE, self.changed.notified()).await;
                }
                Some(generation) => {
                    tokio::time::sleep(SETTLE).await;
                    if self.lock().generation == generation {
                        return;
                    }
                }
            }
        }
    }

    /// Run rounds for as long as the batch runs (the caller drops this future
    /// when every story is finished).
    pub async fn drive(&self) {
        loop {
            self.barrier().await;
            match &self.kind {
                EngineKind::Provider => self.provider_round().await,
                EngineKind::Export | EngineKind::Import(_) => {
                    let queued = std::mem::take(&mut self.lock().queue);
                    self.export_round(queued)
                }
                EngineKind::Live => return,
            }
        }
    }
}

/// A story's place in the engine, left when dropped.
pub struct Entered<'a> {
    engine: &'a Engine,
    story: String,
}

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        let mut s = self.engine.lock();
        s.active.remove(&self.story);
        self.engine.touch(&mut s);
    }
}

/// The client one story's pipeline calls.
pub struct StoryClient<'a> {
    engine: &'a Engine,
    story: String,
}

impl LlmClient for StoryClient<'_> {
    async fn complete(&self, req: &ChatRequest) -> std::result::Result<ChatResponse, LlmError> {
        let key = Cache::key(&self.engine.client.http().endpoint(), req);
        let id = custom_id(&self.story, &req.stage, &key);
        if let Some(answer) = self.engine.store.get(&id) {
            return Ok(answer);
        }
        let rx = self.engine.ask(&self.story, &id, req);
        let result = rx
            .await
            .unwrap_or_else(|_| Err(LlmError::Config("the batch engine stopped".into())));
        self.engine.answered(&self.story);
        result
    }
}

/// A request's id at the providers: `^[a-zA-Z0-9_-]{1,64}$` (Anthropic's rule),
/// readable (story and stage) and unique (a hash of both and the request).
pub fn custom_id(story: &str, stage: &str, request_key: &str) -> String {
    let clean = |s: &str, n: usize| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .take(n)
            .collect()
    };
    let mut h = Sha256::new();
    h.update(story.as_bytes());
    h.update([0]);
    h.update(request_key.as_bytes());
    let hash = crate::fsutil::hex(&h.finalize()[..5]);
    format!("{}-{}-{hash}", clean(story, 24), clean(stage, 26))
}

/// The batch engine the options ask for, resuming what `out` records.
pub(super) fn open_engine(session: &Session, opts: &Options) -> Result<Option<Engine>> {
    if opts.engine == EngineKind::Live {
        return Ok(None);
    }
    let client = model_client(session)?;
    if opts.engine == EngineKind::Provider
        && client.http().preset().protocol == crate::llm::presets::Protocol::Ollama
    {
        return Err(Error::Usage(crate::llm::batch_api::no_batches().to_string()));
    }
    let engine = Engine::open(
        opts.engine.clone(),
        client,
        &session.settings().batch,
        &opts.out,
        opts.finish_live,
        opts.json,
    )?;
    Ok(Some(engine))
}

fn model_client(session: &Session) -> Result<&Client> {
    session.drafter().client().ok_or_else(|| {
        Error::Usage(
            "a batch engine needs a model provider: set --provider (or OPENAI_API_KEY / ANTHROPIC_API_KEY)"
                .into(),
        )
    })
}

/// Cancel the provider batches an interrupted run left open in `out`.
pub async fn cancel(session: &Session, out: &Path) -> Result<usize> {
    if !out.join(".engine").join("journal.jsonl").is_file() {
        return Err(Error::Usage(format!(
            "{} holds no batch engine's records: nothing to cancel there",
            out.display()
        )));
    }
    let client = model_client(session)?;
    let engine = Engine::open(
        EngineKind::Provider,
        client,
        &session.settings().batch,
        out,
        false,
        false,
    )?;
    Ok(engine.cancel_open().await)
}

#[cfg(test)]
mod tests;
