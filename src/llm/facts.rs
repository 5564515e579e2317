//! What a server was found to support, per endpoint and model: the context
//! window it states and the structured-output mode it takes. Learnt once and
//! kept in one file (`servers.json` in the cache folder) with one key format,
//! `PROTOCOL BASE_URL MODEL`. These are facts about a server, not cached
//! answers: `--no-cache` keeps them, so a server that refuses a mode is not
//! asked in it again on every run.

use super::Model;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::modes::{OutputMode, after_refusal};

/// One server and model's facts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Facts {
    /// Whether the server was asked for its context window.
    #[serde(default)]
    pub(crate) context_asked: bool,
    /// The context window it states, in tokens (none: it does not say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) context: Option<u64>,
    /// The strongest structured-output mode it takes (none: not refused yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) output_mode: Option<OutputMode>,
}

/// The facts of every server and model this installation has talked to.
#[derive(Debug)]
pub(crate) struct ServerFacts {
    /// The mode a request starts in before anything is known.
    start: OutputMode,
    known: Mutex<BTreeMap<String, Facts>>,
    file: Option<PathBuf>,
}

impl ServerFacts {
    /// Facts read from `file` (none when there is no file or it cannot be read).
    pub(crate) fn new(start: OutputMode, file: Option<PathBuf>) -> Self {
        let known = file
            .as_ref()
            .and_then(|f| crate::fsutil::read_text(f, crate::fsutil::MAX_SMALL_FILE).ok())
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        Self {
            start,
            known: Mutex::new(known),
            file,
        }
    }

    /// The one key: an endpoint (`HttpClient::endpoint`) and a model.
    pub(crate) fn key(endpoint: &str, model: &Model) -> String {
        format!("{} {model}", endpoint.trim_end_matches('/'))
    }

    fn get(&self, endpoint: &str, model: &Model) -> Facts {
        self.known
            .lock()
            .ok()
            .and_then(|k| k.get(&Self::key(endpoint, model)).copied())
            .unwrap_or_default()
    }

    /// Change one entry and write the file.
    fn update(&self, endpoint: &str, model: &Model, change: impl FnOnce(&mut Facts)) {
        let Ok(mut k) = self.known.lock() else {
            return;
        };
        change(k.entry(Self::key(endpoint, model)).or_default());
        if let Some(f) = &self.file
            && let Ok(json) = serde_json::to_vec_pretty(&*k)
            && let Err(e) = crate::fsutil::write_atomic(f, &json)
        {
            tracing::debug!(
                "could not remember what {endpoint} supports in {}: {e}",
                f.display()
            );
        }
    }

    /// The mode to ask `model` at `endpoint` in.
    pub(crate) fn output_mode(&self, endpoint: &str, model: &Model) -> OutputMode {
        self.get(endpoint, model).output_mode.unwrap_or(self.start)
    }

    /// Step down from `from` after the server refused it with `message`; false
    /// when there is no weaker mode. Another worker may have stepped down already.
    pub(crate) fn step_down(&self, endpoint: &str, model: &Model, from: OutputMode, message: &str) -> bool {
        let Some(next) = after_refusal(from, message) else {
            return false;
        };
        let start = self.start;
        self.update(endpoint, model, |f| {
            let mode = f.output_mode.get_or_insert(start);
            if *mode < next {
                *mode = next;
            }
        });
        true
    }

    /// The context window as the server stated it: `None` when it was never
    /// asked, `Some(None)` when it was asked and did not say.
    pub(crate) fn context(&self, endpoint: &str, model: &Model) -> Option<Option<u64>> {
        let f = self.get(endpoint, model);
        f.context_asked.then_some(f.context)
    }

    /// Remember what the server said of its context window.
    pub(crate) fn set_context(&self, endpoint: &str, model: &Model, context: Option<u64>) {
        self.update(endpoint, model, |f| {
            f.context_asked = true;
            f.context = context;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_kept_per_endpoint_and_model_in_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("servers.json");
        let facts = ServerFacts::new(OutputMode::JsonSchemaStrict, Some(file.clone()));
        let (a, b) = ("OpenAi http://h/v1", "OpenAi http://other/v1");
        assert_eq!(facts.context(a, &"m".into()), None, "never asked");
        facts.set_context(a, &"m".into(), Some(8192));
        facts.set_context(b, &"m".into(), None);
        assert!(facts.step_down(
            a,
            &"m".into(),
            OutputMode::JsonSchemaStrict,
            "strict mode unsupported"
        ));
        let again = ServerFacts::new(OutputMode::JsonSchemaStrict, Some(file.clone()));
        assert_eq!(again.context(a, &"m".into()), Some(Some(8192)));
        assert_eq!(again.context(&format!("{a}/"), &"m".into()), Some(Some(8192)));
        assert_eq!(again.context(b, &"m".into()), Some(None), "asked; it did not say");
        assert_eq!(again.context(a, &"other-model".into()), None);
        assert_eq!(again.output_mode(a, &"m".into()), OutputMode::JsonSchema);
        assert_eq!(again.output_mode(b, &"m".into()), OutputMode::JsonSchemaStrict);
        assert!(!again.step_down(a, &"m".into(), OutputMode::Plain, "response_format"));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("\"OpenAi http://h/v1 m\""), "{text}");
    }
}
