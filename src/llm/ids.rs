//! The names a request carries: the model's, and what the request is for.
//! Typed, so that no other string (a side, a language) takes their place;
//! written as plain strings in every record, as before.

use serde::{Deserialize, Serialize};

/// A model's name, as its server knows it; empty where no model answers (the
/// extractive provider, a dry run's stand-ins).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(transparent)]
#[schemars(inline)]
pub struct Model(String);

impl Model {
    /// A model by name; `None` for an empty name.
    pub(crate) fn new(name: impl Into<String>) -> Option<Self> {
        let name = name.into();
        (!name.trim().is_empty()).then_some(Model(name))
    }

    /// A model's name as a server reported it (perhaps empty).
    pub(crate) fn reported(name: impl Into<String>) -> Self {
        Model(name.into())
    }
}

impl From<&str> for Model {
    fn from(name: &str) -> Model {
        Model::reported(name)
    }
}

impl std::ops::Deref for Model {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a request is for, as logs, the cache index and batch ids name it: a
/// pipeline stage's name (`perspective:china`), given by the pipeline, or
/// `probe`. Typed so that no other string (a model, a side) takes its place;
/// it is never parsed back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Label(String);

impl Label {
    /// The label of a stage, from its name.
    pub(crate) fn stage(name: impl std::fmt::Display) -> Label {
        Label(name.to_string())
    }

    /// The label of a request that probes a server.
    pub(crate) fn probe() -> Label {
        Label("probe".into())
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Label {
    fn default() -> Self {
        Label::probe()
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
