//! Which model and temperature each stage uses: `--model`, `--stage-model`,
//! the persona's choice, `[models]` and the provider's default, in that order.

use std::collections::BTreeMap;

use super::{Flags, Loaded, STAGES};
use crate::error::Error;

/// Which model each stage uses, before the persona has a say.
#[derive(Debug, Clone, Default)]
pub struct ModelChoice {
    /// `--model`: every stage.
    pub forced: Option<String>,
    /// `--stage-model`.
    pub per_stage: BTreeMap<String, String>,
    /// `[models]` in the config file.
    pub configured_per_stage: BTreeMap<String, String>,
    /// `PARALLAX_MODEL`.
    pub env: Option<String>,
    /// `provider.model` in the config.
    pub configured: Option<String>,
    /// The preset's default.
    pub preset: Option<String>,
}

impl ModelChoice {
    /// The model for `stage` (`brief`, `lede`, `perspective`, `finish`), in the
    /// order of [`MODEL_PRECEDENCE`]: flags, environment, persona, config file,
    /// preset.
    pub fn for_stage(&self, stage: &str, persona: Option<&str>) -> Option<String> {
        self.forced
            .clone()
            .or_else(|| self.per_stage.get(stage).cloned())
            .or_else(|| self.env.clone())
            .or_else(|| persona.map(str::to_string))
            .or_else(|| self.configured_per_stage.get(stage).cloned())
            .or_else(|| self.configured.clone())
            .or_else(|| self.preset.clone())
    }
}

/// The sampling temperature: `--temperature`, else the persona's, else
/// `provider.temperature`, else the server's default.
#[derive(Debug, Clone, Copy, Default)]
pub struct Temperature {
    pub flag: Option<f32>,
    pub configured: Option<f32>,
}

impl Temperature {
    pub fn with_persona(&self, persona: Option<f32>) -> Option<f32> {
        self.flag.or(persona).or(self.configured)
    }
}

/// A model per stage kind.
type StageModels = BTreeMap<String, String>;

/// Models per stage: from `--stage-model` and from `[models]`, each checked.
pub(super) fn stage_models(flags: &Flags, loaded: &Loaded) -> Result<(StageModels, StageModels), Error> {
    let f = &loaded.file;
    let mut configured_per_stage = BTreeMap::new();
    for (stage, model) in &f.models {
        if !STAGES.contains(&stage.as_str()) {
            let e = loaded.err(&format!("models.{stage}"), "not a stage".into());
            return Err(e.hint(format!("stages: {}", STAGES.join(", "))).into());
        }
        configured_per_stage.insert(stage.clone(), model.clone());
    }
    let mut per_stage = BTreeMap::new();
    for pair in &flags.stage_model {
        match pair.split_once('=') {
            Some((stage, model)) if STAGES.contains(&stage) && !model.is_empty() => {
                per_stage.insert(stage.to_string(), model.to_string());
            }
            _ => {
                return Err(Error::Usage(format!(
                    "--stage-model `{pair}` is not STAGE=MODEL with STAGE one of {}",
                    STAGES.join(", ")
                )));
            }
        }
    }
    Ok((per_stage, configured_per_stage))
}
