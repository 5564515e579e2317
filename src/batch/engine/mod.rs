//! Batch engines: the same pipeline, its calls answered by a provider's batch
//! engine (OpenAI Batch, Anthropic Message Batches) or by a self-hosted one
//! through files. Each story's pipeline runs as in live mode; its calls wait in
//! a round collector (`rounds`) instead of going out. When every story in flight
//! is waiting, the requests gathered form one round, which a `Backend` answers:
//! `provider` as one provider batch (split only where a limit says so), `files`
//! as an exported requests file or an imported results file. Answers come back
//! to the waiting calls, which check, repair and degrade them exactly as live
//! answers. Requests are known by `custom_id` (story, stage and a hash of the
//! request), never by order.

mod files;
mod provider;
mod rounds;
mod store;

use std::path::{Path, PathBuf};

use futures::future::BoxFuture;
use sha2::{Digest, Sha256};

use super::Options;
use crate::config::BatchSettings;
use crate::error::{Error, Result};
use crate::llm::{Cache, ChatRequest, ChatResponse, Client, LlmClient, LlmError};
use crate::session::Session;
use files::{Export, Import};
use provider::ProviderBatches;
use rounds::Rounds;
use store::{Entry, Store};

/// Which engine answers a batch's calls.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum EngineKind {
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
    pub(crate) fn price_share(&self) -> f64 {
        match self {
            EngineKind::Provider => crate::llm::cost::BATCH_DISCOUNT,
            _ => 1.0,
        }
    }
}

/// What answers a round: a provider's batch API, or files for an engine
/// outside parallax. The collector decides when a round goes; the backend
/// takes its queue and resolves (or parks) every request in it.
trait Backend: Send + Sync {
    /// Answer the requests the collector has queued.
    fn round<'a>(&'a self, rounds: &'a Rounds) -> BoxFuture<'a, ()>;

    /// Cancel what earlier rounds left open; how many were cancelled.
    fn cancel_open<'a>(&'a self, _rounds: &'a Rounds) -> BoxFuture<'a, usize> {
        Box::pin(async { 0 })
    }
}

/// The engine of one batch run, shared by all its stories: the round collector
/// and the backend that answers its rounds.
pub(crate) struct Engine {
    rounds: Rounds,
    backend: Box<dyn Backend>,
}

impl Engine {
    /// The engine for `out`, resuming what its records say; an import reads its
    /// results file first. `Live` has no engine.
    pub(crate) fn open(
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
        let rounds = Rounds::new(client, store, finish_live);
        let backend: Box<dyn Backend> = match kind {
            EngineKind::Provider => Box::new(ProviderBatches::new(&rounds, settings, json)),
            EngineKind::Export => Box::new(Export),
            EngineKind::Import(file) => Box::new(Import::read(&rounds, &file)?),
            EngineKind::Live => {
                return Err(Error::internal("a live batch has no batch engine"));
            }
        };
        Ok(Engine { rounds, backend })
    }

    /// The date the first run drafted with: a resumed run builds the same requests.
    pub(crate) fn pinned_date(&self, today: crate::clock::Date) -> Result<crate::clock::Date> {
        let endpoint = self.rounds.client.endpoint();
        if let Some((date, first)) = &self.rounds.store.start {
            if *first != endpoint {
                tracing::warn!(
                    "this folder's batches went to {first}; now {endpoint}: answers already in are used, and batches still open are polled at the new address"
                );
            }
            return Ok(*date);
        }
        let entry = Entry::Start {
            date: today,
            endpoint,
        };
        self.rounds
            .store
            .record(&entry)
            .map_err(|e| Error::io("writing the batch engine's journal", e))?;
        Ok(today)
    }

    /// A story enters the pipeline; the guard leaves it.
    pub(crate) fn enter(&self, story: &str) -> Entered<'_> {
        self.rounds.enter(story);
        Entered {
            engine: self,
            story: story.to_string(),
        }
    }

    /// The story's client: its calls wait for the engine.
    pub(crate) fn client_for(&self, story: &str) -> StoryClient<'_> {
        StoryClient {
            engine: self,
            story: story.to_string(),
        }
    }

    /// Run rounds for as long as the batch runs (the caller drops this future
    /// when every story is finished).
    pub(crate) async fn drive(&self) {
        loop {
            self.rounds.barrier().await;
            self.backend.round(&self.rounds).await;
        }
    }

    /// Cancel every batch this output folder has open at the provider.
    pub(crate) async fn cancel_open(&self) -> usize {
        self.backend.cancel_open(&self.rounds).await
    }
}

/// A story's place in the engine, left when dropped.
pub(crate) struct Entered<'a> {
    engine: &'a Engine,
    story: String,
}

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        self.engine.rounds.leave(&self.story);
    }
}

/// The client one story's pipeline calls.
pub(crate) struct StoryClient<'a> {
    engine: &'a Engine,
    story: String,
}

impl LlmClient for StoryClient<'_> {
    async fn complete(&self, req: &ChatRequest) -> std::result::Result<ChatResponse, LlmError> {
        let rounds = &self.engine.rounds;
        let key = Cache::key(&rounds.client.endpoint(), req);
        let id = custom_id(&self.story, &req.stage, &key);
        if let Some(answer) = rounds.store.get(&id) {
            return Ok(answer);
        }
        let rx = rounds.ask(&self.story, &id, req);
        let result = rx
            .await
            .unwrap_or_else(|_| Err(LlmError::Config("the batch engine stopped".into())));
        rounds.answered(&self.story);
        result
    }
}

/// A request's id at the providers: `^[a-zA-Z0-9_-]{1,64}$` (Anthropic's rule),
/// readable (story and stage) and unique (a hash of both and the request).
pub(crate) fn custom_id(story: &str, stage: &crate::llm::Label, request_key: &str) -> String {
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
    format!("{}-{}-{hash}", clean(story, 24), clean(stage.as_str(), 26))
}

/// The batch engine the options ask for, resuming what `out` records.
pub(super) fn open_engine(session: &Session, opts: &Options) -> Result<Option<Engine>> {
    if opts.engine == EngineKind::Live {
        return Ok(None);
    }
    let client = model_client(session)?;
    if opts.engine == EngineKind::Provider && client.protocol() == crate::llm::presets::Protocol::Ollama {
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
pub(crate) async fn cancel(session: &Session, out: &Path) -> Result<usize> {
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
