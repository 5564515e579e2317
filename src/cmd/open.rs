//! How a command opens what it works in: the working folder, the project
//! found from it upward (its `parallax.toml`, persona and prompt folders), and
//! the persona asked for. Every command that does not draft opens the project
//! here; those that draft build a `Session`, whose settings resolve the same
//! project.

use std::path::{Path, PathBuf};

use crate::cli::Lookup;
use crate::config::{ProcessEnv, Project};
use crate::error::{Error, Result};
use crate::persona::Persona;

/// The working folder, which project discovery starts from.
pub(crate) fn cwd() -> Result<PathBuf> {
    std::env::current_dir().map_err(|e| Error::io("reading the working folder", e))
}

/// The project found from the working folder upward, with the persona and
/// prompt folders the command names searched first.
pub(crate) fn project(config: Option<&Path>, lookup: &Lookup) -> Result<Project> {
    discover(config, lookup.personas.as_deref(), lookup.prompts.as_deref())
}

/// How every command opens the project: from the working folder, with the
/// process environment.
pub(super) fn discover(
    config: Option<&Path>,
    personas: Option<&Path>,
    prompts: Option<&Path>,
) -> Result<Project> {
    Ok(Project::discover(
        config,
        personas,
        prompts,
        &ProcessEnv,
        &cwd()?,
    )?)
}

/// The project found from here, and the persona asked for (else its default).
pub(crate) fn project_and_persona(
    config: Option<&Path>,
    personas: Option<&Path>,
    persona: Option<&str>,
) -> Result<(Project, Persona)> {
    let project = discover(config, personas, None)?;
    let id = persona.map_or_else(|| project.default_persona.clone(), str::to_string);
    let persona = crate::persona::load(&id, &project.persona_dirs)?;
    Ok((project, persona))
}
