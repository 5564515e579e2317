//! `parallax personas list|show|check|new`: personas as a toolkit for editors.

use std::path::{Path, PathBuf};

use serde_json::json;

use super::open::project;
use super::out::write_stdout;
use crate::cli::PersonasCommand;
use crate::config::Project;
use crate::error::{Error, InputError, Result};
use crate::persona::{self, Persona, is_slug};
use crate::pipeline::{self, DraftOptions, Job};
use crate::prompt::Prompts;
use crate::source;

pub(crate) async fn run(cmd: &PersonasCommand, config: Option<&Path>) -> Result<()> {
    match cmd {
        PersonasCommand::List { json, lookup } => list(&project(config, lookup)?, *json),
        PersonasCommand::Show { id, json, lookup } => show(&project(config, lookup)?, id, *json),
        PersonasCommand::Check { paths, lookup } => check(&project(config, lookup)?, paths).await,
        PersonasCommand::New {
            id,
            extends,
            dir,
            lookup,
        } => new(&project(config, lookup)?, id, extends.as_deref(), dir.as_deref()),
    }
}

fn list(project: &Project, json: bool) -> Result<()> {
    let mut rows = Vec::new();
    for entry in persona::discover(&project.persona_dirs) {
        let loaded = persona::load(&entry.spec(), &project.persona_dirs);
        rows.push((entry, loaded));
    }
    if json {
        let items: Vec<_> = rows
            .iter()
            .map(|(e, p)| match p {
                Ok(p) => json!({
                    "id": e.id, "name": p.spec.name, "beat": p.spec.beat, "language": p.spec.language,
                    "perspectives": p.spec.perspectives.iter().map(|x| &x.id).collect::<Vec<_>>(),
                    "origin": e.origin, "extends": p.extends,
                }),
                Err(err) => json!({ "id": e.id, "origin": e.origin, "error": err.to_string() }),
            })
            .collect();
        return write_stdout(&format!(
            "{}\n",
            serde_json::to_string_pretty(&items).unwrap_or_default()
        ));
    }
    let mut table: Vec<Vec<String>> = vec![
        ["ID", "NAME", "BEAT", "PERSPECTIVES", "FROM"]
            .map(String::from)
            .to_vec(),
    ];
    let mut invalid = String::new();
    for (e, p) in &rows {
        match p {
            Ok(p) => {
                let ids: Vec<&str> = p.spec.perspectives.iter().map(|x| x.id.as_str()).collect();
                table.push(vec![
                    e.id.clone(),
                    p.spec.name.clone(),
                    p.spec.beat.clone(),
                    ids.join(", "),
                    e.origin.clone(),
                ]);
            }
            Err(err) => invalid.push_str(&format!("{}  (invalid: {err})\n", e.id)),
        }
    }
    let out = super::out::columns(&table) + &invalid;
    write_stdout(&out)
}

/// The templates a persona uses, with where each comes from.
fn prompts_for(project: &Project, p: &Persona) -> Result<Prompts> {
    Ok(Prompts::load(
        &[p.template_dirs.clone(), project.prompt_dirs.clone()].concat(),
    )?)
}

fn show(project: &Project, id: &str, json: bool) -> Result<()> {
    let p = persona::load(id, &project.persona_dirs)?;
    let prompts = prompts_for(project, &p)?;
    let shadows = persona::discover(&project.persona_dirs)
        .into_iter()
        .find(|e| e.id == p.spec.id)
        .map(|e| e.shadows)
        .unwrap_or_default();
    if json {
        let v = json!({ "persona": p, "shadows": shadows, "templates": prompts.origins() });
        return write_stdout(&format!(
            "{}\n",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        ));
    }
    let s = &p.spec;
    let mut out = format!("{} ({})\n", s.name, s.id);
    out.push_str(&format!("  from:        {}\n", p.origin));
    for other in &shadows {
        out.push_str(&format!("  hides:       {other}\n"));
    }
    if !p.extends.is_empty() {
        out.push_str(&format!("  extends:     {}\n", p.extends.join(" → ")));
    }
    out.push_str(&format!(
        "  beat:        {}\n  language:    {}\n  length:      {} words\n",
        s.beat, s.language, s.length
    ));
    if let Some(m) = &s.model {
        out.push_str(&format!("  model:       {m}\n"));
    }
    out.push_str(&format!("  bio:         {}\n  rule:        {}\n", s.bio, s.rule));
    out.push_str("perspectives:\n");
    for x in &s.perspectives {
        out.push_str(&format!("  {:<16} {}: {}\n", x.id, x.label, x.focus));
        if !x.keywords.is_empty() {
            out.push_str(&format!("  {:<16} keywords: {}\n", "", x.keywords.join(", ")));
        }
        if !x.actors.is_empty() {
            out.push_str(&format!("  {:<16} actors: {}\n", "", x.actors.join(", ")));
        }
    }
    if !s.glossary.is_empty() {
        out.push_str("glossary:\n");
        for g in &s.glossary {
            let names: Vec<String> = g
                .names
                .iter()
                .map(|n| {
                    if n.used_by.is_empty() {
                        n.name.clone()
                    } else {
                        format!("{} ({})", n.name, n.used_by.join(", "))
                    }
                })
                .collect();
            out.push_str(&format!("  {:<16} {} [{}]\n", g.id, names.join(" / "), g.policy));
        }
    }
    out.push_str(&format!(
        "balance:\n  tolerance        ±{:.0}%\n",
        s.balance.tolerance * 100.0
    ));
    if !s.balance.loaded_language.is_empty() {
        out.push_str(&format!(
            "  loaded language  {}\n",
            s.balance.loaded_language.join(", ")
        ));
    }
    out.push_str("templates:\n");
    for (name, origin) in prompts.origins() {
        out.push_str(&format!("  {name:<16} {origin}\n"));
    }
    out.push_str("voice:\n");
    for line in p.voice.lines() {
        out.push_str(&format!("  {line}\n"));
    }
    write_stdout(&out)
}

/// A sample source that gives every side a position, so every template renders.
fn sample_source(p: &Persona) -> Result<source::Source> {
    let mut text = String::from(
        "---\ntitle: Sample source\npublisher: parallax\n---\n\nThe sample event happened on March 3, 2026.\n",
    );
    for x in &p.spec.perspectives {
        text.push_str(&format!(
            "\n{} said it was following the sample event closely.\n",
            x.keywords.first().unwrap_or(&x.label)
        ));
    }
    let mut sources = vec![source::parse(Path::new("sample-source.md"), &text, 1, 1)?];
    source::tag_perspectives(&mut sources, p)?;
    sources.pop().ok_or_else(|| Error::internal("no sample source"))
}

/// Everything wrong with one persona file: its fields, then its templates.
async fn check_persona(project: &Project, spec: &str) -> Result<String> {
    let p = persona::load(spec, &project.persona_dirs)?;
    let prompts = prompts_for(project, &p)?;
    if let Some(e) = prompts.unknown_variables().into_iter().next() {
        return Err(e.into());
    }
    let sources = vec![sample_source(&p)?];
    let options = DraftOptions::preview(Default::default());
    let job = Job {
        persona: &p,
        sources: &sources,
        prompts: &prompts,
        options: &options,
    };
    pipeline::every_request(&job).await?;
    Ok(p.spec.id.clone())
}

fn collect(paths: &[PathBuf], out: &mut Vec<PathBuf>) {
    for path in paths {
        if path.is_dir() {
            let mut inner: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect())
                .unwrap_or_default();
            inner.sort();
            out.extend(
                inner
                    .into_iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "j2")),
            );
        } else {
            out.push(path.clone());
        }
    }
}

async fn check(project: &Project, paths: &[PathBuf]) -> Result<()> {
    let mut specs: Vec<String> = Vec::new();
    let mut templates: Vec<PathBuf> = Vec::new();
    if paths.is_empty() {
        specs.extend(persona::discover(&project.persona_dirs).iter().map(|e| e.spec()));
    } else {
        let mut files = Vec::new();
        collect(paths, &mut files);
        for f in files {
            if f.extension().is_some_and(|e| e == "j2") {
                templates.push(f);
            } else {
                specs.push(f.display().to_string());
            }
        }
    }
    let mut failures = 0;
    let mut out = String::new();
    // A template shared by several personas fails each of them the same way:
    // say it once, with the personas it affects.
    let mut seen: Vec<(String, Vec<String>)> = Vec::new();
    for spec in &specs {
        match check_persona(project, spec).await {
            Ok(id) => out.push_str(&format!("ok      {id} ({spec})\n")),
            Err(e) => {
                failures += 1;
                let line = e.to_string();
                match seen.iter_mut().find(|(l, _)| *l == line) {
                    Some((_, who)) => who.push(spec.clone()),
                    None => seen.push((line, vec![spec.clone()])),
                }
            }
        }
    }
    for (line, who) in &seen {
        if who.len() > 1 {
            eprintln!("parallax: error: {line} (personas: {})", who.join(", "));
        } else {
            eprintln!("parallax: error: {line}");
        }
    }
    for t in &templates {
        let dir = t.parent().map(Path::to_path_buf).unwrap_or_default();
        let result = Prompts::load(&[dir]).map_err(Error::from).and_then(|p| {
            match p.unknown_variables().into_iter().next() {
                Some(e) => Err(e.into()),
                None => Ok(()),
            }
        });
        match result {
            Ok(()) => out.push_str(&format!("ok      {}\n", t.display())),
            Err(e) => {
                failures += 1;
                eprintln!("parallax: error: {e}");
            }
        }
    }
    write_stdout(&out)?;
    match failures {
        0 => Ok(()),
        n => Err(Error::Input(InputError::new(
            "personas check",
            None,
            format!("{n} of {} file(s) have errors", specs.len() + templates.len()),
        ))),
    }
}

fn new(project: &Project, id: &str, extends: Option<&str>, dir: Option<&Path>) -> Result<()> {
    if !is_slug(id) {
        return Err(Error::Usage(format!(
            "`{id}` is not a valid id: use lowercase letters, digits and dashes"
        )));
    }
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| project.root.join("personas"));
    let path = dir.join(format!("{id}.md"));
    if path.exists() {
        return Err(InputError::new(&path, None, "already exists")
            .hint("choose another id or edit the file")
            .into());
    }
    if let Some(parent) = extends {
        persona::load(parent, &project.persona_dirs)?;
    }
    let text = match extends {
        Some(parent) => scaffold_child(id, parent),
        None => scaffold(id),
    };
    crate::fsutil::write_atomic(&path, text.as_bytes())
        .map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    write_stdout(&format!(
        "wrote {}\ncheck it with: parallax personas check {}\n",
        path.display(),
        path.display()
    ))
}

fn scaffold_child(id: &str, parent: &str) -> String {
    format!(
        "---\n# A persona that starts from `{parent}` and overrides only what differs.\n\
         # Every field is described in docs/personas.md; `parallax personas show {id}` shows the result.\n\
         extends: {parent}\nid: {id}\nname: {}\n# beat, bio, rule, language, length, perspectives, glossary,\n\
         # balance, model and temperature are inherited unless set here.\n---\n\
         Write this persona's voice guide here, or leave the body empty to keep {parent}'s.\n",
        id.to_uppercase()
    )
}

fn scaffold(id: &str) -> String {
    format!(
        r#"---
# A parallax persona. Every field is described in docs/personas.md.
# Check it with: parallax personas check personas/{id}.md
id: {id}                       # must match the file name
name: {name}                   # the byline name
beat: Politics                 # what the persona covers
bio: >-                        # the byline blurb under every article
  {name} AI persona covering politics. As a rule, presents each side's position
  side by side rather than amplifying any single one.
rule: >-                       # the balance rule, in one sentence
  Present every side's position side by side, each in its own words.
language: en                   # the language articles are written in
length: 700                    # target length in words
perspectives:                  # the sides every article presents
  - id: government
    label: Government
    focus: The government's stated position and the interests behind it.
    keywords: [government, ministry, minister]
  - id: opposition
    label: Opposition
    focus: The opposition's stated position and the interests behind it.
    keywords: [opposition]
# glossary:                    # disputed terms and how to name them
#   - id: dokdo
#     names:
#       - {{ name: Dokdo, used_by: [government] }}
#       - {{ name: Takeshima, used_by: [opposition] }}
#       - {{ name: Liancourt Rocks }}
#     policy: first-mention-both   # or: attribute, neutral-only
# balance:
#   tolerance: 0.2             # each side within ±20% of the mean length
#   loaded_language: [regime, slammed]
# model: gpt-4o-mini           # optional: the model for this persona
# temperature: 0.4
---
The voice guide: how this persona writes, in plain prose. Tone, attribution habits,
what to avoid. It goes into every prompt as written.
"#,
        name = id.to_uppercase()
    )
}
