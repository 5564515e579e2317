//! `parallax prompts list|render|eject`: the templates behind every call.

use std::path::Path;

use super::open::project;
use super::out::write_stdout;
use crate::cli::{Lookup, PromptsCommand};
use crate::config::{self, Project};
use crate::error::{Error, InputError, Result};
use crate::pipeline::{self, DraftOptions, Job};
use crate::prompt::{BUILTIN, Prompts};
use crate::render::html::{TEMPLATE, TEMPLATE_NAME};
use crate::{fsutil, persona, source};

/// What each built-in template is for.
fn purpose(name: &str) -> &'static str {
    match name {
        "system.j2" => "system message of every call",
        "_sources.j2" => "the fenced source passages, included by every task",
        "brief.j2" => "round 1: key facts and each side's position",
        "lede.j2" => "round 2: lede, pull quote, context sections, with finish.j2",
        "perspective.j2" => "round 2: one perspective's section",
        "finish.j2" => "headline, deck, closing: part of the lede's call",
        "revise.j2" => "round 3: revision of a flagged section",
        _ => "included by other templates",
    }
}

pub(crate) async fn run(cmd: &PromptsCommand, config: Option<&Path>) -> Result<()> {
    match cmd {
        PromptsCommand::List { persona, lookup } => list(&project(config, lookup)?, persona.as_deref()),
        PromptsCommand::Render {
            stage,
            persona,
            sources,
            lookup,
        } => render(&project(config, lookup)?, stage, persona.as_deref(), sources).await,
        PromptsCommand::Eject { dir, force } => {
            eject(&project(config, &Lookup::default())?, dir.as_deref(), *force)
        }
    }
}

fn load(project: &Project, persona: Option<&str>) -> Result<(Option<persona::Persona>, Prompts)> {
    let p = persona
        .map(|id| persona::load(id, &project.persona_dirs))
        .transpose()?;
    let own = p.as_ref().map(|p| p.template_dirs.clone()).unwrap_or_default();
    let prompts = Prompts::load(&[own, project.prompt_dirs.clone()].concat())?;
    Ok((p, prompts))
}

fn list(project: &Project, persona: Option<&str>) -> Result<()> {
    let (_, prompts) = load(project, persona)?;
    let mut out = String::new();
    for (name, origin) in prompts.origins() {
        out.push_str(&format!("{name:<16} {:<52} {origin}\n", purpose(name)));
    }
    write_stdout(&out)
}

async fn render(
    project: &Project,
    stage: &crate::stage::Shown,
    persona: Option<&str>,
    specs: &[String],
) -> Result<()> {
    let persona_id = persona.unwrap_or(&project.default_persona);
    let (p, prompts) = load(project, Some(persona_id))?;
    let p = p.ok_or_else(|| Error::internal("no persona"))?;
    let mut sources = source::load_all(specs, &project.fetcher(&crate::config::ProcessEnv)?).await?;
    source::tag_perspectives(&mut sources, &p)?;
    let options = DraftOptions::preview(config::every_stage(config::Model::new("MODEL")));
    let job = Job {
        persona: &p,
        sources: &sources,
        prompts: &prompts,
        options: &options,
    };
    let calls = pipeline::every_request(&job).await?;
    let wanted: Vec<_> = calls.iter().filter(|c| stage.shows(&c.stage)).collect();
    if wanted.is_empty() {
        let stages: Vec<String> = calls.iter().map(|c| c.stage.to_string()).collect();
        return Err(Error::Usage(format!(
            "no stage `{stage}` in this draft; stages: {}",
            stages.join(", ")
        )));
    }
    let mut out = String::new();
    for c in wanted {
        out.push_str(&format!("=== round {} · {} ===\n", c.round, c.stage));
        if c.round > 1 {
            out.push_str("(depends on earlier answers; shown with extractive answers in their place)\n");
        }
        for m in &c.request.messages {
            out.push_str(&format!("--- {} ---\n{}\n", m.role.as_str(), m.content));
        }
    }
    write_stdout(&out)
}

fn eject(project: &Project, dir: Option<&Path>, force: bool) -> Result<()> {
    // `eject finish.j2` (or `eject finish`, `eject article.html.j2`): that one
    // template into the project's prompts/; anything else names a folder.
    let page = (TEMPLATE_NAME, TEMPLATE);
    let all: Vec<(&str, &str)> = BUILTIN.iter().copied().chain(std::iter::once(page)).collect();
    let named = dir.and_then(|d| d.to_str()).and_then(|d| {
        let name = if d.ends_with(".j2") {
            d.to_string()
        } else {
            format!("{d}.j2")
        };
        all.iter().copied().find(|(n, _)| *n == name)
    });
    let (dir, chosen) = match named {
        Some(one) => (project.root.join("prompts"), vec![one]),
        None => (
            dir.map(Path::to_path_buf)
                .unwrap_or_else(|| project.root.join("prompts")),
            all,
        ),
    };
    let mut out = String::new();
    for (name, text) in chosen {
        let path = dir.join(name);
        if path.exists() && !force {
            out.push_str(&format!(
                "kept    {} (exists; --force overwrites)\n",
                path.display()
            ));
            continue;
        }
        fsutil::write_atomic(&path, text.as_bytes())
            .map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
        out.push_str(&format!("wrote   {}\n", path.display()));
    }
    if !dir.is_dir() {
        return Err(InputError::new(&dir, None, "could not create the folder").into());
    }
    out.push_str(
        "edit them in place; parallax uses a file here instead of the built-in one of the same name\n",
    );
    write_stdout(&out)
}
