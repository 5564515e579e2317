//! Personas with their templates: a [`Voice`] is a persona and the prompts and
//! page template it writes with, and [`Voices`] is the registry that loads each
//! persona (by id or path) once per run, however many stories use it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::error::Result;
use crate::persona::{self, Persona};
use crate::pipeline::{DraftOptions, Job};
use crate::prompt::Prompts;
use crate::render::Html;
use crate::source::Source;

/// A persona with the templates it uses (prompts and the HTML page), loaded once.
pub(crate) struct Voice {
    pub(crate) persona: Persona,
    pub(crate) prompts: Prompts,
    pub(crate) html: Html,
}

impl Voice {
    /// Load the templates of `persona`: its own folder first, then `prompt_dirs`.
    pub(crate) fn load(persona: Persona, prompt_dirs: &[PathBuf]) -> Result<Voice> {
        let dirs = [persona.template_dirs.clone(), prompt_dirs.to_vec()].concat();
        let prompts = Prompts::load(&dirs)?;
        let html = Html::load(&dirs)?;
        Ok(Voice {
            persona,
            prompts,
            html,
        })
    }

    /// One article's job: this persona and templates on `sources`.
    pub(crate) fn job<'a>(&'a self, sources: &'a [Source], options: &'a DraftOptions) -> Job<'a> {
        Job {
            persona: &self.persona,
            sources,
            prompts: &self.prompts,
            options,
        }
    }
}

/// Every persona a run uses, each loaded once.
pub(crate) struct Voices {
    default: String,
    persona_dirs: Vec<PathBuf>,
    prompt_dirs: Vec<PathBuf>,
    loaded: Mutex<HashMap<String, Arc<Voice>>>,
}

impl Voices {
    /// Personas found in `persona_dirs` (then the built-ins), templates in
    /// `prompt_dirs`; `default` when a story names none.
    pub(crate) fn new(default: &str, persona_dirs: &[PathBuf], prompt_dirs: &[PathBuf]) -> Self {
        Self {
            default: default.to_string(),
            persona_dirs: persona_dirs.to_vec(),
            prompt_dirs: prompt_dirs.to_vec(),
            loaded: Mutex::new(HashMap::new()),
        }
    }

    /// A persona (by id or path; the default when `None`) and its templates.
    pub(crate) fn get(&self, spec: Option<&str>) -> Result<Arc<Voice>> {
        let spec = spec.unwrap_or(&self.default);
        if let Some(v) = self.loaded.lock().ok().and_then(|m| m.get(spec).cloned()) {
            return Ok(v);
        }
        let persona = persona::load(spec, &self.persona_dirs)?;
        let voice = Arc::new(Voice::load(persona, &self.prompt_dirs)?);
        if let Ok(mut m) = self.loaded.lock() {
            m.insert(spec.to_string(), voice.clone());
        }
        Ok(voice)
    }
}
