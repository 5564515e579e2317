//! Which model and temperature each stage uses: `--model`, `--stage-model`,
//! the persona's choice, `[models]` and the provider's default, in that order.

use std::collections::BTreeMap;

use super::{Flags, Loaded};
use crate::error::Error;
pub(crate) use crate::llm::Model;
use crate::stage::StageKind;

/// Which model each stage uses, before the persona has a say.
#[derive(Debug, Clone, Default)]
pub(crate) struct ModelChoice {
    /// `--model`: every stage.
    pub(crate) forced: Option<Model>,
    /// `--stage-model`.
    pub(crate) per_stage: StageModels,
    /// `[models]` in the config file.
    pub(crate) configured_per_stage: StageModels,
    /// `PARALLAX_MODEL`.
    pub(crate) env: Option<Model>,
    /// `provider.model` in the config.
    pub(crate) configured: Option<Model>,
    /// The preset's default.
    pub(crate) preset: Option<Model>,
}

impl ModelChoice {
    /// The model for `stage`, in the order of the precedence table: flags,
    /// environment, persona, config file, preset.
    pub(crate) fn for_stage(&self, stage: StageKind, persona: Option<&Model>) -> Option<Model> {
        self.forced
            .clone()
            .or_else(|| self.per_stage.get(&stage).cloned())
            .or_else(|| self.env.clone())
            .or_else(|| persona.cloned())
            .or_else(|| self.configured_per_stage.get(&stage).cloned())
            .or_else(|| self.configured.clone())
            .or_else(|| self.preset.clone())
    }
}

/// The sampling temperature: `--temperature`, else the persona's, else
/// `provider.temperature`, else the server's default.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Temperature {
    pub(crate) flag: Option<f32>,
    pub(crate) configured: Option<f32>,
}

impl Temperature {
    pub(crate) fn with_persona(&self, persona: Option<f32>) -> Option<f32> {
        self.flag.or(persona).or(self.configured)
    }
}

/// A model per stage kind.
pub(crate) type StageModels = BTreeMap<StageKind, Model>;

/// The same model for every stage kind (previews and checks).
pub(crate) fn every_stage(model: Option<Model>) -> StageModels {
    let Some(model) = model else {
        return StageModels::new();
    };
    let kinds = <StageKind as strum::VariantArray>::VARIANTS;
    kinds.iter().map(|k| (*k, model.clone())).collect()
}

/// Models per stage: from `--stage-model` (parsed by the command line) and from
/// `[models]` (checked here, with the file and line of a bad key).
pub(super) fn stage_models(flags: &Flags, loaded: &Loaded) -> Result<(StageModels, StageModels), Error> {
    let mut configured_per_stage = BTreeMap::new();
    for (stage, model) in &loaded.file.models {
        let key = format!("models.{stage}");
        let Ok(kind) = stage.parse::<StageKind>() else {
            let e = loaded.err(&key, "not a stage".into());
            return Err(e.hint(format!("stages: {}", StageKind::names())).into());
        };
        let Some(model) = Model::new(model.as_str()) else {
            let e = loaded.err(&key, "an empty model name".into());
            return Err(e.hint("name a model, or remove the line").into());
        };
        configured_per_stage.insert(kind, model);
    }
    let per_stage = flags.stage_model.iter().cloned().collect();
    Ok((per_stage, configured_per_stage))
}

/// Parses `--stage-model STAGE=MODEL`, as the command line's value parser.
pub(crate) fn parse_stage_model(pair: &str) -> Result<(StageKind, Model), String> {
    let (stage, model) = pair.split_once('=').ok_or_else(|| {
        format!(
            "`{pair}` is not STAGE=MODEL (STAGE one of {})",
            StageKind::names()
        )
    })?;
    let kind = stage
        .trim()
        .parse::<StageKind>()
        .map_err(|_| format!("`{stage}` is not a stage; stages: {}", StageKind::names()))?;
    let model = Model::new(model.trim()).ok_or_else(|| format!("`{pair}` names no model after `=`"))?;
    Ok((kind, model))
}

/// Which kind of provider drafts an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProviderKind {
    /// No model: the article is built from the passages.
    Extractive,
    /// A language model over HTTP.
    Model,
}

impl ProviderKind {
    /// The provider name that means "no model".
    pub(crate) const EXTRACTIVE: &'static str = "extractive";

    /// The kind of the provider named `name` (a preset, or `extractive`).
    pub(crate) fn of(name: &str) -> Self {
        if name.eq_ignore_ascii_case(Self::EXTRACTIVE) {
            ProviderKind::Extractive
        } else {
            ProviderKind::Model
        }
    }
}
