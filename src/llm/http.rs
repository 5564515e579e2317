//! The one place that talks HTTP to a model: timeouts (connect, first token, idle
//! stream), retries with backoff shared across workers, and the provider's
//! concurrency and rate limits. Wire formats live behind `wire::Wire`.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use tokio::sync::Semaphore;
use tokio::time::{Instant, timeout, timeout_at};

use super::error::cut_prompt;
use super::facts::ServerFacts;
use super::modes::{OutputMode, refused_by};
use super::presets::{Preset, Protocol};
use super::retry::{
    Gate, RetryHints, Warned, flush_warning, is_retryable, looping, rate_limit_pause, refused_nearby, shape,
    with_prompt_size,
};
use super::wire::{self, Wire};
use super::{ChatRequest, ChatResponse, LlmError};

use super::settings::HttpConfig;

/// State shared by every clone of a client: one gate, one semaphore, one limiter.
#[derive(Debug)]
struct Shared {
    gate: Gate,
    slots: Semaphore,
    rpm: Option<DefaultDirectRateLimiter>,
    tpm: Option<(DefaultDirectRateLimiter, NonZeroU32)>,
}

#[derive(Debug, Clone)]
pub(crate) struct HttpClient {
    cfg: Arc<HttpConfig>,
    wire: Arc<dyn Wire>,
    facts: Arc<ServerFacts>,
    http: reqwest::Client,
    shared: Arc<Shared>,
}

type Failure = (LlmError, RetryHints);

impl HttpClient {
    pub(crate) fn new(cfg: HttpConfig) -> Result<Self, LlmError> {
        let http = reqwest::Client::builder()
            .connect_timeout(cfg.timeouts.connect)
            .timeout(cfg.timeouts.total)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("parallax/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| LlmError::Config(format!("cannot build the HTTP client: {e}")))?;
        let per_minute = |n: u32| NonZeroU32::new(n).map(|n| (RateLimiter::direct(Quota::per_minute(n)), n));
        let shared = Shared {
            gate: Gate::default(),
            slots: Semaphore::new(if cfg.limits.concurrency == 0 {
                8
            } else {
                cfg.limits.concurrency
            }),
            rpm: per_minute(cfg.limits.rpm).map(|(l, _)| l),
            tpm: per_minute(cfg.limits.tpm),
        };
        Ok(Self {
            wire: Arc::from(wire::for_protocol(
                cfg.preset.protocol,
                cfg.preset.max_tokens_field,
            )),
            facts: Arc::new(ServerFacts::new(cfg.preset.output_mode, cfg.facts_file.clone())),
            cfg: Arc::new(cfg),
            http,
            shared: Arc::new(shared),
        })
    }

    pub(crate) fn base_url(&self) -> &str {
        &self.cfg.base_url
    }

    /// The protocol and base URL: where requests go, as the cache keys them.
    pub(crate) fn endpoint(&self) -> String {
        self.cfg.preset.protocol.endpoint(&self.cfg.base_url)
    }

    /// The pause every worker of this provider honours (a 429 pauses them all).
    pub(crate) fn gate(&self) -> &Gate {
        &self.shared.gate
    }

    /// What this client's server was found to support.
    pub(crate) fn facts(&self) -> &ServerFacts {
        &self.facts
    }

    pub(crate) fn streams(&self) -> bool {
        self.cfg.stream
    }

    pub(crate) fn preset(&self) -> &Preset {
        &self.cfg.preset
    }

    /// What the batch engines need: the wire, the configuration and the client.
    pub(super) fn parts(&self) -> (&dyn Wire, &HttpConfig, &reqwest::Client) {
        (self.wire.as_ref(), &self.cfg, &self.http)
    }

    /// The body of `req` as a whole (unstreamed) call, in the output mode that works.
    pub(crate) fn unstreamed_body(&self, req: &ChatRequest) -> serde_json::Value {
        let mode = self.facts.output_mode(&self.endpoint(), &req.model);
        self.wire.body(req, req.max_tokens, false, mode)
    }

    /// One call with retries: transient failures wait and try again; a cut-off
    /// answer is tried once more with twice the token budget.
    pub(crate) async fn complete(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        let policy = self.cfg.retry;
        let mut budget = req.max_tokens;
        let mut raised = false;
        let mut retries = 0;
        let mut warned: Warned = None;
        loop {
            self.shared.gate.wait().await;
            self.wait_for_rate(req, budget).await;
            let mode = self.facts.output_mode(&self.endpoint(), &req.model);
            let outcome = self.attempt_in_slot(req, budget, retries, mode).await?;
            let (error, hints) = match outcome {
                Ok(answer) if answer.truncated() && !raised => {
                    raised = true;
                    budget = budget.saturating_mul(2);
                    tracing::warn!(stage = %req.stage, "answer cut off at the token limit; retrying with max_tokens {budget}");
                    continue;
                }
                Ok(answer) if answer.truncated() => {
                    return Err(LlmError::Truncated {
                        reason: format!("stopped at max_tokens {budget} even after raising it"),
                        partial: answer.content,
                        usage: answer.usage,
                    });
                }
                Ok(answer) => {
                    flush_warning(&req.stage, warned.take());
                    // Only OpenAI-style usage counts the whole prompt, cached or not.
                    let url = self.wire.url(&self.cfg.base_url);
                    let cut = (self.cfg.preset.protocol == Protocol::OpenAi)
                        .then(|| cut_prompt(&url, req, answer.usage.prompt_tokens));
                    return cut.flatten().map_or(Ok(answer), Err);
                }
                Err(failure) => failure,
            };
            let error = with_prompt_size(error, req);
            if let LlmError::Api { status, message, .. } = &error
                && self.wire.negotiates()
                && req.schema.is_some()
                && refused_by(*status, message)
                && self.facts.step_down(&self.endpoint(), &req.model, mode, message)
            {
                // Not a transient failure: a weaker mode, at once, not a retry.
                let next = self.facts.output_mode(&self.endpoint(), &req.model);
                tracing::info!(stage = %req.stage, "{} refused {}; asking in {} from now on", self.cfg.base_url, mode.name(), next.name());
                continue;
            }
            // A server that is not running on this machine or network will not
            // start between two retries: try once more, then say so.
            let limit = if refused_nearby(&error, &self.cfg.base_url) {
                policy.max_retries.min(1)
            } else {
                policy.max_retries
            };
            if retries >= limit || !is_retryable(&error, &hints) {
                flush_warning(&req.stage, warned.take());
                return Err(error);
            }
            retries += 1;
            let wait = hints
                .retry_after
                .unwrap_or_else(|| policy.backoff(retries))
                .min(Duration::from_secs(600));
            let line = error.to_string();
            match &mut warned {
                // The same failure again (bar its request id): counted, not repeated.
                Some((last, n)) if shape(last) == shape(&line) => *n += 1,
                _ => {
                    flush_warning(&req.stage, warned.take());
                    tracing::warn!(stage = %req.stage, "{line}; retrying (up to {limit} times) in {} ms", wait.as_millis());
                    warned = Some((line, 1));
                }
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// One attempt in one of the provider's concurrency slots; a 429, 503 or 529
    /// pauses every worker before the slot is handed on.
    async fn attempt_in_slot(
        &self,
        req: &ChatRequest,
        budget: u32,
        retries: u32,
        mode: OutputMode,
    ) -> Result<Result<ChatResponse, Failure>, LlmError> {
        let _slot = self
            .shared
            .slots
            .acquire()
            .await
            .map_err(|_| LlmError::Config("client closed".into()))?;
        // A pause may have begun while this call queued for a slot.
        self.shared.gate.wait().await;
        let outcome = self.attempt(req, budget, mode).await;
        if let Err((
            LlmError::Api {
                status: 429 | 503 | 529,
                ..
            },
            hints,
        )) = &outcome
        {
            let policy = self.cfg.retry;
            self.shared
                .gate
                .pause(hints.retry_after.unwrap_or_else(|| policy.backoff(retries + 1)));
        }
        Ok(outcome)
    }

    async fn wait_for_rate(&self, req: &ChatRequest, budget: u32) {
        if let Some(rpm) = &self.shared.rpm {
            rpm.until_ready().await;
        }
        if let Some((tpm, burst)) = &self.shared.tpm {
            let estimate = u32::try_from(req.prompt_tokens())
                .unwrap_or(u32::MAX)
                .saturating_add(budget);
            let n = NonZeroU32::new(estimate.clamp(1, burst.get())).unwrap_or(*burst);
            // `n` never exceeds the burst size, so the limiter cannot refuse it.
            let _ = tpm.until_n_ready(n).await;
        }
    }

    /// Remove the API key, and a password from the base URL, from any text
    /// that may reach a user.
    pub(crate) fn scrub(&self, text: &str) -> String {
        self.cfg.scrub(text)
    }

    /// Basic auth from the base URL's `user:password@`, unless a key is sent.
    pub(crate) fn with_url_credentials(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match (&self.cfg.url_credentials, &self.cfg.key) {
            (Some((user, pass)), None) => req.basic_auth(user, Some(pass)),
            _ => req,
        }
    }

    async fn attempt(
        &self,
        req: &ChatRequest,
        budget: u32,
        mode: OutputMode,
    ) -> Result<ChatResponse, Failure> {
        let url = self.wire.url(&self.cfg.base_url);
        let none = RetryHints::default();
        let headers = self
            .wire
            .headers(self.cfg.key.as_ref(), &self.cfg.key_env)
            .map_err(|e| (e, none))?;
        let request = self
            .with_url_credentials(self.http.post(&url).headers(headers))
            .json(&self.wire.body(req, budget, self.cfg.stream, mode));
        tracing::debug!(stage = %req.stage, %url, model = %req.model, "sending request");
        let started = Instant::now();
        let first_deadline = started + self.cfg.timeouts.first_token;
        let timed_out = |what: String| {
            (
                LlmError::Timeout {
                    url: url.clone(),
                    what,
                },
                none,
            )
        };
        let resp = timeout_at(first_deadline, request.send())
            .await
            .map_err(|_| {
                timed_out(format!(
                    "no answer within {} s",
                    self.cfg.timeouts.first_token.as_secs_f32()
                ))
            })?
            .map_err(|e| (self.cfg.transport_error(&url, &e), none))?;
        let status = resp.status().as_u16();
        let hints = RetryHints::from_headers(resp.headers());
        if let Some(pause) = rate_limit_pause(resp.headers()) {
            self.shared.gate.pause(pause);
        }
        if !resp.status().is_success() {
            let body = timeout(Duration::from_secs(10), resp.text())
                .await
                .ok()
                .and_then(Result::ok)
                .unwrap_or_default();
            let e = self
                .wire
                .status_error(&url, status, &self.scrub(&body), &req.model, &self.cfg.key_env);
            return Err((e, hints));
        }
        if !self.cfg.stream {
            let body = timeout_at(first_deadline, resp.text())
                .await
                .map_err(|_| {
                    timed_out(format!(
                        "no whole answer within {} s",
                        self.cfg.timeouts.first_token.as_secs_f32()
                    ))
                })?
                .map_err(|e| (self.cfg.transport_error(&url, &e), none))?;
            let body = self.scrub(&body);
            return self.wire.parse(&url, status, &body).map_err(|e| (e, none));
        }
        self.read_stream(&url, resp, first_deadline)
            .await
            .map_err(|e| (e, none))
    }

    async fn read_stream(
        &self,
        url: &str,
        resp: reqwest::Response,
        first_deadline: Instant,
    ) -> Result<ChatResponse, LlmError> {
        let mut parser = self.wire.stream();
        let mut events = wire::pieces(self.wire.framing(), resp);
        let mut deadline = first_deadline;
        let mut seen_content = false;
        let mut checked = 0;
        while !parser.done() {
            let next = timeout_at(deadline, events.next()).await.map_err(|_| {
                let what = if seen_content {
                    format!(
                        "no new content for {} s (idle stream)",
                        self.cfg.timeouts.idle.as_secs_f32()
                    )
                } else {
                    format!(
                        "no first token within {} s",
                        self.cfg.timeouts.first_token.as_secs_f32()
                    )
                };
                LlmError::Timeout {
                    url: url.to_string(),
                    what,
                }
            })?;
            let Some(piece) = next else { break };
            let piece = piece.map_err(|e| LlmError::Stream {
                url: url.to_string(),
                reason: self.scrub(&e),
            })?;
            if parser.feed(url, &piece)? {
                seen_content = true;
                deadline = Instant::now() + self.cfg.timeouts.idle;
            }
            // A looping answer is stopped as if cut off at the token limit.
            if parser.content().len() >= checked + 256 {
                checked = parser.content().len();
                if looping(parser.content()) {
                    tracing::warn!("{url}: the answer repeats itself; stopped after {checked} bytes");
                    let mut answer = parser.into_answer();
                    answer.finish_reason = Some("length".into());
                    return Ok(answer);
                }
            }
        }
        if !parser.done() {
            return Err(LlmError::Stream {
                url: url.to_string(),
                reason: "the stream ended without its terminator ([DONE], message_stop or done)".into(),
            });
        }
        Ok(parser.into_answer())
    }
}
