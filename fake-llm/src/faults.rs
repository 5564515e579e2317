//! Injected failures, chosen deterministically from each request's content so a
//! test run is repeatable: the same requests meet the same faults.

use std::collections::HashMap;
use std::time::Duration;

/// One way a request can go wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// 429 with `retry-after-ms` (and `Retry-After` rounded up to seconds).
    RateLimited { retry_after_ms: u64 },
    /// An error status with a JSON body in the protocol's shape (500, 502, 503, 529, 400, …).
    Status(u16),
    /// No response headers for a long time.
    Hang,
    /// A stream that sends its first content chunk, then nothing.
    HangAfterFirstChunk,
    /// The connection breaks in the middle of the body.
    Reset,
    /// A stream that ends without its terminator (`[DONE]` / `message_stop`).
    TruncatedStream,
    /// A 200 whose body is an HTML error page.
    InvalidJsonBody,
    /// The answer stops at the token limit (`length` / `max_tokens`).
    LengthCut,
    /// Valid JSON that does not match the requested schema.
    SchemaViolation,
}

impl Fault {
    /// Every kind, for mixed-fault tests.
    pub fn all() -> Vec<Fault> {
        vec![
            Fault::RateLimited { retry_after_ms: 100 },
            Fault::Status(500),
            Fault::Status(502),
            Fault::Status(503),
            Fault::Status(529),
            Fault::Hang,
            Fault::HangAfterFirstChunk,
            Fault::Reset,
            Fault::TruncatedStream,
            Fault::InvalidJsonBody,
            Fault::LengthCut,
            Fault::SchemaViolation,
        ]
    }

    /// A short label for logs and counters.
    pub fn label(&self) -> String {
        match self {
            Fault::RateLimited { .. } => "429".into(),
            Fault::Status(s) => s.to_string(),
            Fault::Hang => "hang".into(),
            Fault::HangAfterFirstChunk => "hang-after-first-chunk".into(),
            Fault::Reset => "reset".into(),
            Fault::TruncatedStream => "truncated-stream".into(),
            Fault::InvalidJsonBody => "invalid-json-body".into(),
            Fault::LengthCut => "length-cut".into(),
            Fault::SchemaViolation => "schema-violation".into(),
        }
    }

    /// Whether the fault breaks the answer's content rather than its delivery.
    fn is_content(&self) -> bool {
        matches!(self, Fault::LengthCut | Fault::SchemaViolation)
    }
}

/// How long a hang lasts: far longer than any test's timeouts.
pub const HANG: Duration = Duration::from_secs(30);

/// Which requests fail, and how.
#[derive(Debug, Clone, Default)]
pub struct FaultPlan {
    /// Chance that a conversation's first request fails (0.0–1.0).
    pub rate: f64,
    pub kinds: Vec<Fault>,
    pub seed: u64,
    /// Faults each conversation may meet (a conversation is a model plus its
    /// messages; retries, bigger budgets and repairs belong to one). 0 means 1.
    pub per_conversation: u32,
}

/// Counts how often each conversation has been seen, and the faults injected
/// so far (kinds are dealt in turn, so every kind appears once there are enough).
#[derive(Debug, Default)]
pub struct Sightings(HashMap<u64, u32>, usize);

impl FaultPlan {
    /// The fault for a request, if any. `conversation` hashes the model and the
    /// messages; `first_attempt` is false for repair rounds (which carry extra
    /// messages), where content faults are not injected.
    pub fn pick(&self, sightings: &mut Sightings, conversation: u64, first_attempt: bool) -> Option<Fault> {
        if self.kinds.is_empty() || self.rate <= 0.0 {
            return None;
        }
        let seen = sightings.0.entry(conversation).or_insert(0);
        let n = *seen;
        *seen += 1;
        if n >= self.per_conversation.max(1) {
            return None;
        }
        let roll = mix(conversation ^ self.seed, n as u64);
        if (roll % 10_000) as f64 >= self.rate * 10_000.0 {
            return None;
        }
        // Deal the kinds in turn; a content fault is not dealt to a repair round.
        let dealt = sightings.1;
        sightings.1 += 1;
        let k = self.kinds[dealt % self.kinds.len()];
        Some(if first_attempt || !k.is_content() {
            k
        } else {
            Fault::Status(503)
        })
    }
}

/// A 64-bit mix of two numbers (splitmix64 finaliser).
pub fn mix(a: u64, b: u64) -> u64 {
    let mut z = a.wrapping_add(b.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a hash of text.
pub fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;
