//! The file engines: a round's requests written as an OpenAI batch input file
//! for an engine outside parallax (vLLM's `run-batch`, say), and that engine's
//! results file read back in.

use std::path::Path;

use super::Engine;
use super::store::Entry;
use crate::error::{Error, Result};
use crate::llm::LlmError;
use crate::llm::batch_api::{BatchRequest, Outcome, parse_openai_results};
use crate::llm::presets::Protocol;

impl Engine {
    /// Write the round's requests for an engine outside parallax, and stop.
    pub(super) fn export_round(&self, queued: Vec<String>) {
        let result = self.write_export(&queued);
        for id in &queued {
            let e = match &result {
                Ok((file, n)) => LlmError::Parked {
                    file: file.clone(),
                    count: *n,
                },
                Err(e) => LlmError::Config(e.to_string()),
            };
            self.resolve(id, Err(e));
        }
    }

    fn write_export(&self, queued: &[String]) -> Result<(String, usize)> {
        if self.client.http().preset().protocol != Protocol::OpenAi {
            return Err(Error::Usage("--engine export writes OpenAI-format requests: use an OpenAI-compatible provider (e.g. --provider vllm)".into()));
        }
        let lines: Vec<BatchRequest> = queued.iter().filter_map(|id| self.line(id)).collect();
        let text: String = lines.iter().map(|l| l.openai_line() + "\n").collect();
        let n = self.store.exports + 1;
        let path = self.store.export_path(n);
        crate::fsutil::write_atomic(&path, text.as_bytes())
            .map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
        let entry = Entry::Exported {
            file: path.clone(),
            ids: queued.to_vec(),
        };
        self.store
            .record(&entry)
            .map_err(|e| Error::io("writing the batch engine's journal", e))?;
        Ok((path.display().to_string(), lines.len()))
    }

    /// Read a results file an engine wrote; its answers wait for the stories.
    pub(super) fn import(&self, file: &Path) -> Result<()> {
        let text = crate::fsutil::read_text(file, 4 << 30)
            .map_err(|e| Error::io(format!("reading results {}", file.display()), e))?;
        let (mut answers, mut other) = (0, 0);
        for (id, outcome) in parse_openai_results(&text, &file.display().to_string()) {
            match outcome {
                Outcome::Answer(a) => {
                    answers += 1;
                    self.deliver(&id, a, 1.0);
                }
                _ => other += 1,
            }
        }
        tracing::info!(
            "{}: {answers} answers imported, {other} not answered (they are exported again)",
            file.display()
        );
        Ok(())
    }
}
