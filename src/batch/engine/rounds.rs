//! The round collector every batch engine shares: stories' calls wait here,
//! keyed by `custom_id`, until every story in flight is waiting; the gathered
//! requests then form one round, which a backend answers (or parks). Answers
//! go back to the waiting calls; nothing about a request is kept once it is
//! answered, so memory is bounded by the window, not the manifest.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::{Notify, oneshot};

use super::store::Store;
use crate::llm::batch_api::BatchRequest;
use crate::llm::{ChatRequest, ChatResponse, Client, LlmError};

/// How long every story must have been waiting, with nothing new asked, before
/// a round goes out: sibling calls of a stage are all asked by then.
const SETTLE: Duration = Duration::from_millis(150);
/// Submissions of one request before its story is told it failed.
const MAX_SUBMISSIONS: u32 = 3;

pub(super) type Answer = std::result::Result<ChatResponse, LlmError>;
type Waiter = oneshot::Sender<Answer>;

/// A request waiting for its answer, as the collector keeps it.
struct Pending {
    /// The wire body, serialized.
    body: String,
    model: crate::llm::Model,
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
    /// Submitted in a batch and not yet collected.
    in_flight: HashSet<String>,
}

/// What becomes of a request whose batch did not answer it.
pub(super) enum Requeue {
    /// Nobody waits for it any more.
    Gone,
    /// Queued for the next round.
    Queued,
    /// To be finished with a live call (`--finish-live`).
    Live(ChatRequest),
    /// Submitted too often: its story is told it failed.
    Failed,
}

/// The waiting calls of one batch run, shared by its stories and its backend.
pub(super) struct Rounds {
    pub(crate) client: Client,
    pub(crate) store: Store,
    /// Errored and expired requests go to live calls instead of the next batch.
    finish_live: bool,
    state: Mutex<State>,
    changed: Notify,
}

impl Rounds {
    /// The collector over `store`: requests its records say are in a batch
    /// (or in a file uploaded for one) count as in flight.
    pub(crate) fn new(client: &Client, store: Store, finish_live: bool) -> Rounds {
        let mut in_flight = store.in_flight();
        in_flight.extend(store.orphan_ids());
        Rounds {
            client: client.clone(),
            store,
            finish_live,
            state: Mutex::new(State {
                in_flight,
                ..State::default()
            }),
            changed: Notify::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn touch(&self, s: &mut State) {
        s.generation += 1;
        self.changed.notify_waiters();
    }

    /// A story enters the pipeline (counted from its first step).
    pub(crate) fn enter(&self, story: &str) {
        let mut s = self.lock();
        s.active.insert(story.to_string(), 0);
        self.touch(&mut s);
    }

    /// A story leaves the pipeline.
    pub(crate) fn leave(&self, story: &str) {
        let mut s = self.lock();
        s.active.remove(story);
        self.touch(&mut s);
    }

    /// A story's call waits for the answer to request `id`.
    pub(crate) fn ask(&self, story: &str, id: &str, req: &ChatRequest) -> oneshot::Receiver<Answer> {
        let (tx, rx) = oneshot::channel();
        let pending = Pending {
            body: self.client.unstreamed_body(req).to_string(),
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

    /// A story's call has its answer.
    pub(crate) fn answered(&self, story: &str) {
        let mut s = self.lock();
        if let Some(n) = s.active.get_mut(story) {
            *n = n.saturating_sub(1);
        }
        self.touch(&mut s);
    }

    /// Wait until every story in flight waits and there is something to send
    /// or to collect, and nothing new was asked for a moment.
    pub(crate) async fn barrier(&self) {
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

    /// The requests asked and not yet submitted, in order.
    pub(crate) fn take_queue(&self) -> Vec<String> {
        std::mem::take(&mut self.lock().queue)
    }

    /// A waiting request as a batch line.
    pub(crate) fn line(&self, id: &str) -> Option<BatchRequest> {
        let body = self.lock().requests.get(id)?.body.clone();
        Some(BatchRequest {
            custom_id: id.to_string(),
            body,
        })
    }

    /// These requests went out in a batch.
    pub(crate) fn submitted(&self, ids: &[String]) {
        let mut s = self.lock();
        for id in ids {
            s.in_flight.insert(id.clone());
            *s.submissions.entry(id.clone()).or_insert(0) += 1;
        }
    }

    /// Requests marked in flight in no batch being polled (an upload that could
    /// not be submitted, a batch the provider lost) go out again.
    pub(crate) fn requeue_strays(&self, polled: &HashSet<&String>) {
        let mut s = self.lock();
        let strays: Vec<String> = s
            .in_flight
            .iter()
            .filter(|id| !polled.contains(id))
            .cloned()
            .collect();
        for id in strays {
            s.in_flight.remove(&id);
            if s.waiters.contains_key(&id) {
                s.queue.push(id);
            }
        }
    }

    /// A request its batch did not answer: into the next round, live, or failed.
    pub(crate) fn requeue(&self, id: &str, why: &str) -> Requeue {
        let mut s = self.lock();
        s.in_flight.remove(id);
        let n = s.submissions.get(id).copied().unwrap_or(1);
        if !s.waiters.contains_key(id) {
            return Requeue::Gone;
        }
        let kept = s.requests.get(id).and_then(|p| p.live.clone());
        if let (true, Some(req)) = (self.finish_live, kept) {
            return Requeue::Live(req);
        }
        if n < MAX_SUBMISSIONS {
            tracing::debug!("{id}: {why}; submitted again next round");
            s.queue.push(id.to_string());
            return Requeue::Queued;
        }
        drop(s);
        let e = LlmError::Api {
            url: "batch".into(),
            status: 503,
            message: format!("{why} ({n} submissions)"),
        };
        self.resolve(id, Err(e));
        Requeue::Failed
    }

    /// Price an answer (at `share` of the live price), store it for resuming,
    /// and hand it on.
    pub(crate) fn deliver(&self, id: &str, mut a: ChatResponse, share: f64) {
        let model = if a.model.is_empty() {
            self.lock()
                .requests
                .get(id)
                .map(|r| r.model.clone())
                .unwrap_or_default()
        } else {
            a.model.clone()
        };
        a.cost_usd = self.client.prices().cost(&model, &a.usage).map(|c| c * share);
        if let Err(e) = self.store.put(id, &a) {
            tracing::warn!("an answer could not be stored for resuming: {e}");
        }
        self.resolve(id, Ok(a));
    }

    /// Hand a result to every call waiting for it, and forget the request.
    pub(crate) fn resolve(&self, id: &str, result: Answer) {
        let mut s = self.lock();
        s.in_flight.remove(id);
        s.requests.remove(id);
        s.submissions.remove(id);
        for w in s.waiters.remove(id).unwrap_or_default() {
            let _ = w.send(result.clone());
        }
    }
}
