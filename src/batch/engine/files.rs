//! The file engines: a round's requests written as an OpenAI batch input file
//! for an engine outside parallax (vLLM's `run-batch`, say), and that engine's
//! results file read back in.

use std::path::Path;

use futures::future::BoxFuture;

use super::Backend;
use super::rounds::Rounds;
use super::store::Entry;
use crate::error::{Error, Result};
use crate::llm::LlmError;
use crate::llm::batch_api::{BatchRequest, Outcome, parse_openai_results};
use crate::llm::presets::Protocol;

/// Each round's requests written as an OpenAI batch input file; every story
/// waiting on them is parked until their answers are imported.
pub(super) struct Export;

/// A results file's answers handed to the stories; the requests still
/// unanswered are exported as the next round.
pub(super) struct Import;

impl Backend for Export {
    fn round<'a>(&'a self, rounds: &'a Rounds) -> BoxFuture<'a, ()> {
        Box::pin(async move { export_round(rounds, rounds.take_queue()) })
    }
}

impl Backend for Import {
    fn round<'a>(&'a self, rounds: &'a Rounds) -> BoxFuture<'a, ()> {
        Export.round(rounds)
    }
}

/// Write the round's requests for an engine outside parallax, and stop.
fn export_round(rounds: &Rounds, queued: Vec<String>) {
    let result = write_export(rounds, &queued);
    for id in &queued {
        let e = match &result {
            Ok((file, n)) => LlmError::Parked {
                file: file.clone(),
                count: *n,
            },
            Err(e) => LlmError::Config(e.to_string()),
        };
        rounds.resolve(id, Err(e));
    }
}

fn write_export(rounds: &Rounds, queued: &[String]) -> Result<(String, usize)> {
    if rounds.client.protocol() != Protocol::OpenAi {
        return Err(Error::Usage("--engine export writes OpenAI-format requests: use an OpenAI-compatible provider (e.g. --provider vllm)".into()));
    }
    let lines: Vec<BatchRequest> = queued.iter().filter_map(|id| rounds.line(id)).collect();
    let text: String = lines.iter().map(|l| l.openai_line() + "\n").collect();
    let path = rounds.store.export_path(rounds.store.exports + 1);
    crate::fsutil::write_atomic(&path, text.as_bytes())
        .map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    let entry = Entry::Exported {
        file: path.clone(),
        ids: queued.to_vec(),
    };
    rounds
        .store
        .record(&entry)
        .map_err(|e| Error::io("writing the batch engine's journal", e))?;
    Ok((path.display().to_string(), lines.len()))
}

impl Import {
    /// Read a results file an engine wrote; its answers wait for the stories.
    pub(crate) fn read(rounds: &Rounds, file: &Path) -> Result<Import> {
        let text = crate::fsutil::read_text(file, 4 << 30)
            .map_err(|e| Error::io(format!("reading results {}", file.display()), e))?;
        let (mut answers, mut other) = (0, 0);
        for (id, outcome) in parse_openai_results(&text, &file.display().to_string()) {
            match outcome {
                Outcome::Answer(a) => {
                    answers += 1;
                    rounds.deliver(&id, a, 1.0);
                }
                _ => other += 1,
            }
        }
        tracing::info!(
            "{}: {answers} answers imported, {other} not answered (they are exported again)",
            file.display()
        );
        Ok(Import)
    }
}
