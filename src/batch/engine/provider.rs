//! The provider backend: a round's requests split by the provider's limits,
//! submitted to its batch API (each id journaled first), polled with a growing
//! interval, collected by `custom_id`; errored and expired ones go into the
//! next round (or to live calls).

use std::collections::HashSet;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::future::{BoxFuture, join_all};

use super::rounds::{Requeue, Rounds};
use super::store::{Entry, OpenBatch};
use super::{Backend, EngineKind};
use crate::config::BatchSettings;
use crate::llm::batch_api::{BatchApi, BatchRequest, BatchStatus, Outcome};
use crate::llm::presets::Protocol;
use crate::llm::{LlmClient, LlmError};

/// Characters per token, for the enqueued-token estimate.
const CHARS_PER_TOKEN: usize = 4;

/// OpenAI Batch or Anthropic Message Batches, at the batch price.
pub(super) struct ProviderBatches {
    settings: BatchSettings,
    json: bool,
    /// The last round submitted.
    round: AtomicUsize,
}

impl Backend for ProviderBatches {
    fn round<'a>(&'a self, rounds: &'a Rounds) -> BoxFuture<'a, ()> {
        Box::pin(Round { p: self, rounds }.run())
    }

    fn cancel_open<'a>(&'a self, rounds: &'a Rounds) -> BoxFuture<'a, usize> {
        Box::pin(Round { p: self, rounds }.cancel_open())
    }
}

impl ProviderBatches {
    pub(crate) fn new(rounds: &Rounds, settings: &BatchSettings, json: bool) -> ProviderBatches {
        ProviderBatches {
            settings: settings.clone(),
            json,
            round: AtomicUsize::new(rounds.store.rounds),
        }
    }
}

/// One round's work: the backend and the collector it answers.
struct Round<'a> {
    p: &'a ProviderBatches,
    rounds: &'a Rounds,
}

impl Round<'_> {
    /// Requests in groups no larger than the limits allow.
    fn split(&self, lines: Vec<BatchRequest>) -> Vec<Vec<BatchRequest>> {
        let limits = &self.p.settings;
        let mut groups: Vec<Vec<BatchRequest>> = Vec::new();
        let (mut bytes, mut tokens) = (0usize, 0u64);
        for line in lines {
            // The line around the body: id, method and url.
            let size = line.body.len() + line.custom_id.len() + 64;
            let t = (size / CHARS_PER_TOKEN) as u64;
            let full = groups.last().is_none_or(|g| {
                g.len() >= limits.max_requests
                    || bytes + size > limits.max_bytes
                    || limits.max_enqueued_tokens.is_some_and(|m| tokens + t > m)
            });
            if full {
                groups.push(Vec::new());
                (bytes, tokens) = (0, 0);
            }
            bytes += size;
            tokens += t;
            if let Some(g) = groups.last_mut() {
                g.push(line);
            }
        }
        groups
    }

    /// Submit the round's requests, then poll them (and any batch a killed run
    /// left open) until every one has ended.
    async fn run(self) {
        let api = self.rounds.client.batch_api();
        let round = self.p.round.fetch_add(1, Ordering::SeqCst) + 1;
        let mut open = self.rounds.store.open_batches();
        open.extend(self.adopt_orphans(&api).await);
        let polled: HashSet<&String> = open.iter().flat_map(|b| &b.ids).collect();
        self.rounds.requeue_strays(&polled);
        let queued = self.rounds.take_queue();
        let lines: Vec<BatchRequest> = queued.iter().filter_map(|id| self.rounds.line(id)).collect();
        let groups = self.split(lines);
        if groups.len() > 1 {
            tracing::info!(
                "round {round}: {} requests split into {} batches by the provider's limits",
                queued.len(),
                groups.len()
            );
        }
        // OpenAI counts enqueued tokens across batches: under that limit, one at a time.
        let one_at_a_time = self.p.settings.max_enqueued_tokens.is_some();
        for group in groups {
            match self.submit(&api, round, &group).await {
                Ok(b) => open.push(b),
                Err(e) => group
                    .iter()
                    .for_each(|l| self.rounds.resolve(&l.custom_id, Err(e.clone()))),
            }
            if one_at_a_time {
                self.poll(&api, std::mem::take(&mut open)).await;
            }
        }
        self.poll(&api, open).await;
    }

    /// Batch input files a killed run uploaded but did not get to submit.
    async fn adopt_orphans(&self, api: &BatchApi<'_>) -> Vec<OpenBatch> {
        let mut out = Vec::new();
        for (file, (round, ids)) in &self.rounds.store.take_orphans() {
            let made = match api.find_by_file(file).await {
                Ok(Some(st)) => Ok(st),
                _ => api.create_from_file(file).await,
            };
            match made {
                Ok(st) => {
                    let entry = Entry::Submitted {
                        batch_id: st.id.clone(),
                        file_id: Some(file.clone()),
                        round: *round,
                        ids: ids.clone(),
                    };
                    if self.journal(&entry) {
                        out.push(OpenBatch {
                            batch_id: st.id,
                            round: *round,
                            ids: ids.clone(),
                        });
                    }
                }
                Err(e) => tracing::warn!("batch file {file} from an earlier run could not be submitted: {e}"),
            }
        }
        out
    }

    fn journal(&self, entry: &Entry) -> bool {
        match self.rounds.store.record(entry) {
            Ok(()) => true,
            Err(e) => {
                tracing::error!("cannot write the batch engine's journal: {e}");
                false
            }
        }
    }

    async fn submit(
        &self,
        api: &BatchApi<'_>,
        round: usize,
        group: &[BatchRequest],
    ) -> std::result::Result<OpenBatch, LlmError> {
        let ids: Vec<String> = group.iter().map(|l| l.custom_id.clone()).collect();
        let unjournaled = || LlmError::Config("the batch engine's journal cannot be written".into());
        let st = match api.protocol() {
            Protocol::OpenAi => {
                let file_id = api.upload(group).await?;
                let entry = Entry::Uploaded {
                    file_id: file_id.clone(),
                    round,
                    ids: ids.clone(),
                };
                if !self.journal(&entry) {
                    return Err(unjournaled());
                }
                let st = api.create_from_file(&file_id).await?;
                let entry = Entry::Submitted {
                    batch_id: st.id.clone(),
                    file_id: Some(file_id),
                    round,
                    ids: ids.clone(),
                };
                self.journal(&entry).then_some(st).ok_or_else(unjournaled)?
            }
            Protocol::Anthropic => {
                let st = api.create_inline(group).await?;
                let entry = Entry::Submitted {
                    batch_id: st.id.clone(),
                    file_id: None,
                    round,
                    ids: ids.clone(),
                };
                self.journal(&entry).then_some(st).ok_or_else(unjournaled)?
            }
            Protocol::Ollama => return Err(crate::llm::batch_api::no_batches()),
        };
        self.rounds.submitted(&ids);
        tracing::info!(
            "round {round}: submitted batch {} with {} requests",
            st.id,
            ids.len()
        );
        Ok(OpenBatch {
            batch_id: st.id,
            round,
            ids,
        })
    }

    /// Poll until every batch has ended, collecting each as it does.
    async fn poll(&self, api: &BatchApi<'_>, mut open: Vec<OpenBatch>) {
        let mut wait = self.p.settings.poll_interval;
        while !open.is_empty() {
            tokio::time::sleep(wait).await;
            wait = (wait.mul_f64(1.5)).min(self.p.settings.poll_interval * 10);
            let mut still = Vec::new();
            for b in open {
                match api.status(&b.batch_id).await {
                    Ok(st) if st.ended => self.collect(api, &b, &st).await,
                    Ok(st) => {
                        self.progress(&b, &st);
                        still.push(b);
                    }
                    Err(e) if e.stops_the_run() => {
                        // Left open: a later run with a working key polls it again.
                        b.ids
                            .iter()
                            .for_each(|id| self.rounds.resolve(id, Err(e.clone())));
                    }
                    Err(e) if lost(&e) => {
                        tracing::warn!("batch {}: {e}; its requests go out again", b.batch_id);
                        self.journal(&Entry::Collected {
                            batch_id: b.batch_id.clone(),
                        });
                        let ids = b
                            .ids
                            .iter()
                            .map(|id| (id.clone(), "batch lost".to_string()))
                            .collect();
                        self.retry(ids).await;
                    }
                    Err(e) => {
                        tracing::warn!("batch {}: {e}; polling again", b.batch_id);
                        still.push(b);
                    }
                }
            }
            open = still;
        }
    }

    /// The provider's counts: a log line, or a JSON event with `--json`.
    fn progress(&self, b: &OpenBatch, st: &BatchStatus) {
        let c = st.counts;
        if self.p.json {
            let v = serde_json::json!({"event": "engine", "round": b.round, "batch": b.batch_id, "status": st.status, "counts": c});
            let _ = writeln!(std::io::stdout().lock(), "{v}");
        } else {
            tracing::info!(
                "round {}: batch {}: {}: {} processing, {} succeeded, {} errored, {} expired",
                b.round,
                b.batch_id,
                st.status,
                c.processing,
                c.succeeded,
                c.errored,
                c.expired
            );
        }
    }

    /// Store every answer of an ended batch and hand it on; resubmit the rest.
    async fn collect(&self, api: &BatchApi<'_>, b: &OpenBatch, st: &BatchStatus) {
        let results = match (&st.failed, api.results(st).await) {
            (Some(why), _) => {
                let e = LlmError::Api {
                    url: format!("batch {}", b.batch_id),
                    status: 400,
                    message: why.clone(),
                };
                b.ids
                    .iter()
                    .map(|id| (id.clone(), Outcome::Failed(e.clone())))
                    .collect()
            }
            (None, Ok(r)) => r,
            (None, Err(e)) => {
                tracing::warn!(
                    "batch {}: results not read ({e}); its requests go out again",
                    b.batch_id
                );
                Vec::new()
            }
        };
        let mut retry = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (id, outcome) in results {
            if !b.ids.contains(&id) || !seen.insert(id.clone()) {
                continue;
            }
            match outcome {
                Outcome::Answer(a) => self.rounds.deliver(&id, a, EngineKind::Provider.price_share()),
                Outcome::Retry(why) => retry.push((id, why)),
                Outcome::Failed(e) => self.rounds.resolve(&id, Err(e)),
            }
        }
        retry.extend(
            b.ids
                .iter()
                .filter(|id| !seen.contains(*id))
                .map(|id| (id.clone(), "no result came back".to_string())),
        );
        self.progress(b, st);
        self.journal(&Entry::Collected {
            batch_id: b.batch_id.clone(),
        });
        self.retry(retry).await;
    }

    /// Errored and expired requests: into the next round, or live with `--finish-live`.
    async fn retry(&self, ids: Vec<(String, String)>) {
        let live: Vec<_> = ids
            .into_iter()
            .filter_map(|(id, why)| match self.rounds.requeue(&id, &why) {
                Requeue::Live(req) => Some((id, req)),
                Requeue::Gone | Requeue::Queued | Requeue::Failed => None,
            })
            .collect();
        let calls = live.into_iter().map(|(id, req)| async move {
            match self.rounds.client.complete(&req).await {
                Ok(a) => self.rounds.deliver(&id, a, 1.0),
                Err(e) => self.rounds.resolve(&id, Err(e)),
            }
        });
        join_all(calls).await;
    }

    /// Cancel every batch this output folder has open at the provider.
    async fn cancel_open(self) -> usize {
        let api = self.rounds.client.batch_api();
        let mut n = 0;
        for b in self.rounds.store.open_batches() {
            match api.cancel(&b.batch_id).await {
                Ok(_) => {
                    n += 1;
                    self.journal(&Entry::Cancelled {
                        batch_id: b.batch_id.clone(),
                    });
                    tracing::info!("batch {} cancelled", b.batch_id);
                }
                Err(e) => tracing::warn!("batch {}: not cancelled: {e}", b.batch_id),
            }
        }
        n
    }
}

/// A status error that polling again will not mend (the batch is unknown, or the
/// key no longer works for it).
fn lost(e: &LlmError) -> bool {
    match e {
        LlmError::Api { status, .. } => (400..500).contains(status) && !matches!(status, 408 | 409 | 429),
        LlmError::ModelNotFound { .. } | LlmError::Decode { .. } => true,
        _ => false,
    }
}
