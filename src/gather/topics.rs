//! A nightly gather over several topics: a topics file names each topic (its
//! id, its words, how far back, whose persona), and the run writes one source
//! pack per topic and a batch manifest whose stories are those packs, so that
//! `parallax batch` drafts them all.

use std::path::Path;

use serde::Deserialize;

use crate::error::InputError;

/// A topics file (`topics.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Topics {
    #[serde(rename = "topic")]
    pub(crate) topics: Vec<Topic>,
}

/// One topic of a topics file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Topic {
    /// Names its pack's folder and its story in the manifest.
    pub(crate) id: String,
    /// A glossary term of the persona, or comma-separated keywords; the id
    /// when not given.
    #[serde(default)]
    pub(crate) topic: Option<String>,
    /// How far back (`2d`); the command's `--since` when not given.
    #[serde(default)]
    pub(crate) since: Option<String>,
    /// The persona; the command's `--persona` when not given.
    #[serde(default)]
    pub(crate) persona: Option<String>,
}

impl Topics {
    /// Read and check a topics file: ids are unique and usable as folder
    /// names, ages are durations.
    pub(crate) fn load(path: &Path) -> Result<Topics, InputError> {
        let text = crate::fsutil::read_text(path, 1 << 20)
            .map_err(|e| InputError::new(path, None, format!("cannot read it: {e}")))?;
        Self::parse(path, &text)
    }

    pub(crate) fn parse(path: &Path, text: &str) -> Result<Topics, InputError> {
        let hint =
            "each topic is a [[topic]] table with `id` and, if you like, `topic`, `since` and `persona`";
        let t: Topics = toml::from_str(text).map_err(|e| {
            // An unknown field is named on its own line, not its table's.
            let field = e
                .message()
                .strip_prefix("unknown field `")
                .and_then(|m| m.split('`').next());
            let line = field
                .and_then(|f| {
                    text.lines()
                        .position(|l| l.trim_start().starts_with(f))
                        .map(|i| i + 1)
                })
                .or_else(|| {
                    e.span()
                        .map(|s| text[..s.start.min(text.len())].lines().count().max(1))
                });
            InputError::new(path, line, e.message().trim().to_string()).hint(hint)
        })?;
        let line_of = |id: &str| {
            text.lines()
                .position(|l| l.contains(&format!("\"{id}\"")))
                .map(|i| i + 1)
        };
        let mut seen = std::collections::BTreeSet::new();
        for topic in &t.topics {
            let id = topic.id.as_str();
            let usable = !id.is_empty()
                && id.len() <= 100
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                && !id.starts_with('.');
            if !usable {
                return Err(InputError::new(
                    path,
                    line_of(id),
                    format!("field `id`: `{id}` cannot name a folder"),
                )
                .hint("use letters, digits, `-`, `_` and `.`"));
            }
            if !seen.insert(id) {
                return Err(InputError::new(
                    path,
                    line_of(id),
                    format!("field `id`: `{id}` is used twice"),
                ));
            }
            if let Some(s) = &topic.since
                && humantime::parse_duration(s).is_err()
            {
                return Err(
                    InputError::new(path, line_of(s), format!("field `since`: `{s}` is not an age"))
                        .hint("write it like \"1d\" or \"36h\""),
                );
            }
        }
        if t.topics.is_empty() {
            return Err(InputError::new(path, None, "no topic".to_string()).hint(hint));
        }
        Ok(t)
    }
}

/// The batch manifest line of a topic's story: its pack (a folder beside the
/// manifest) drafted with its persona.
pub(crate) fn manifest_line(id: &str, persona: &str) -> String {
    let line = serde_json::json!({ "id": id, "persona": persona, "sources": [id] });
    format!("{line}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_topics_file_is_checked_with_its_lines() {
        let p = Path::new("topics.toml");
        let ok = "[[topic]]\nid = \"senkaku\"\n\n[[topic]]\nid = \"chips\"\ntopic = \"export controls,semiconductors\"\nsince = \"2d\"\n";
        let t = Topics::parse(p, ok).unwrap();
        assert_eq!(t.topics.len(), 2);
        assert_eq!(t.topics[1].since.as_deref(), Some("2d"));
        let twice = Topics::parse(p, &ok.replace("chips", "senkaku"))
            .unwrap_err()
            .to_string();
        assert!(
            twice.contains("topics.toml:2") && twice.contains("used twice"),
            "{twice}"
        );
        let bad_age = Topics::parse(p, &ok.replace("2d", "soon"))
            .unwrap_err()
            .to_string();
        assert!(
            bad_age.contains("topics.toml:7") && bad_age.contains("since"),
            "{bad_age}"
        );
        let escape = Topics::parse(p, "[[topic]]\nid = \"../etc\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            escape.contains("topics.toml:2") && escape.contains("cannot name a folder"),
            "{escape}"
        );
        let unknown = Topics::parse(p, "[[topic]]\nid = \"x\"\ncolour = \"red\"\n")
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("topics.toml:3"), "{unknown}");
    }
}
