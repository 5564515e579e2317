//! Finding and loading personas: by id through the lookup folders and the
//! built-ins, or by path; resolving `extends` (with cycles refused) by merging a
//! child's fields over its parent's.

use crate::ids::Lang;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::validate::{is_slug, validate};
use super::{BUILTIN, BalanceSpec, GlossaryEntry, Persona, PersonaSpec, Perspective};
use crate::error::InputError;
use crate::frontmatter;
use crate::fsutil::line_of_key;

/// A persona file as written: every field optional, so a child can leave out
/// what it inherits.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonaFile {
    /// Id of the persona whose fields this one starts from.
    pub(crate) extends: Option<String>,
    pub(crate) id: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) beat: Option<String>,
    pub(crate) bio: Option<String>,
    pub(crate) rule: Option<String>,
    pub(crate) language: Option<Lang>,
    pub(crate) length: Option<u32>,
    pub(crate) perspectives: Option<Vec<Perspective>>,
    pub(crate) glossary: Option<Vec<GlossaryEntry>>,
    pub(crate) balance: Option<BalanceSpec>,
    pub(crate) model: Option<crate::llm::Model>,
    pub(crate) temperature: Option<f32>,
    pub(crate) mark_translations: Option<bool>,
}

/// One persona reachable by id, and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) id: String,
    /// A file path, or `builtin:ID`.
    pub(crate) origin: String,
    /// Same-id personas further down the lookup order, which this one hides.
    pub(crate) shadows: Vec<String>,
}

impl Entry {
    /// What to pass to [`load`] for this entry: its id when built in, else its path.
    pub(crate) fn spec(&self) -> String {
        if self.origin.starts_with("builtin:") {
            self.id.clone()
        } else {
            self.origin.clone()
        }
    }
}

/// Every persona reachable by id: the lookup folders in order, then the built-ins.
/// The first of each id wins.
pub(crate) fn discover(dirs: &[PathBuf]) -> Vec<Entry> {
    let mut found: BTreeMap<String, Entry> = BTreeMap::new();
    let mut add = |id: String, origin: String| match found.get_mut(&id) {
        Some(e) => e.shadows.push(origin),
        None => {
            found.insert(
                id.clone(),
                Entry {
                    id,
                    origin,
                    shadows: vec![],
                },
            );
        }
    };
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for path in files {
            if path.extension().is_some_and(|e| e == "md")
                && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
                && is_slug(stem)
            {
                add(stem.to_string(), path.display().to_string());
            }
        }
    }
    for (id, _) in BUILTIN {
        add(id.to_string(), format!("builtin:{id}"));
    }
    found.into_values().collect()
}

/// Ids of every reachable persona, sorted.
pub(crate) fn known_ids(dirs: &[PathBuf]) -> Vec<String> {
    discover(dirs).into_iter().map(|e| e.id).collect()
}

/// Find a persona by id (through `dirs`, then the built-ins) or by path.
pub(crate) fn load(spec: &str, dirs: &[PathBuf]) -> Result<Persona, InputError> {
    load_with(spec, dirs, &mut Vec::new())
}

fn load_with(spec: &str, dirs: &[PathBuf], stack: &mut Vec<String>) -> Result<Persona, InputError> {
    if spec.contains(['/', '\\']) || spec.ends_with(".md") {
        return load_file(Path::new(spec), dirs, stack);
    }
    for dir in dirs {
        let path = dir.join(format!("{spec}.md"));
        if path.is_file() {
            return load_file(&path, dirs, stack);
        }
    }
    if let Some((id, text)) = BUILTIN.iter().find(|(id, _)| *id == spec) {
        return from_text(Path::new(&format!("builtin:{id}")), text, dirs, stack);
    }
    Err(InputError::new(spec, None, "no such persona")
        .hint(format!("known personas: {}", known_ids(dirs).join(", "))))
}

fn load_file(path: &Path, dirs: &[PathBuf], stack: &mut Vec<String>) -> Result<Persona, InputError> {
    let text = crate::fsutil::read_text(path, crate::fsutil::MAX_SMALL_FILE)
        .map_err(|e| InputError::new(path, None, format!("cannot read persona file: {e}")))?;
    // A parent is looked up beside its child first.
    let mut search = vec![path.parent().unwrap_or(Path::new(".")).to_path_buf()];
    search.extend(dirs.iter().cloned());
    let persona = from_text(path, &text, &search, stack)?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if is_slug(stem) && stem != persona.id() {
        let header = frontmatter::split(path, &text)?
            .header
            .map(|(_, h)| h)
            .unwrap_or("");
        return Err(InputError::new(
            path,
            line_of_key(header, "id").map(|l| l + 1),
            format!(
                "field `id`: `{}` differs from the file name `{stem}`",
                persona.id()
            ),
        )
        .hint(format!(
            "rename the file to `{}.md` or set `id: {stem}`",
            persona.id()
        )));
    }
    Ok(persona)
}

/// Parse, resolve `extends`, merge and validate one persona's text.
pub(super) fn from_text(
    path: &Path,
    text: &str,
    dirs: &[PathBuf],
    stack: &mut Vec<String>,
) -> Result<Persona, InputError> {
    let split = frontmatter::split(path, text)?;
    let file: PersonaFile = frontmatter::parse(path, &split)?;
    let header = split.header.map(|(_, h)| h).unwrap_or("");
    let base = split.header_line - 1;
    let at = |key: &str| line_of_key(header, key).map(|l| l + base);
    let id = file.id.clone().ok_or_else(|| {
        InputError::new(path, None, "missing field `id`").hint("every persona needs its own `id`")
    })?;
    let parent = match &file.extends {
        None => None,
        Some(parent_id) => {
            stack.push(id.clone());
            if stack.contains(parent_id) {
                let chain = format!("{} → {parent_id}", stack.join(" → "));
                return Err(InputError::new(
                    path,
                    at("extends"),
                    format!("field `extends`: a cycle of personas: {chain}"),
                )
                .hint("a persona cannot extend itself, directly or through others"));
            }
            let root = stack.len() == 1;
            let loaded = load_with(parent_id, dirs, stack).map_err(|e| {
                if e.message == "no such persona" {
                    InputError::new(
                        path,
                        at("extends"),
                        format!("field `extends`: `{parent_id}` is not a persona"),
                    )
                    .hint(e.hint.unwrap_or_default())
                } else if root && e.message.contains("a cycle of personas") {
                    // Report the cycle at the file that was asked for.
                    InputError {
                        path: path.to_path_buf(),
                        line: at("extends"),
                        column: None,
                        ..e
                    }
                } else {
                    e
                }
            });
            stack.pop();
            Some(loaded?)
        }
    };
    let mut spec = merge(path, file, parent.as_ref().map(|p| &p.spec))?;
    spec.perspectives.iter_mut().for_each(Perspective::expand_aliases);
    validate(path, header, base, &spec)?;
    let own_dir = path.parent().map(|d| d.join(&spec.id)).filter(|d| d.is_dir());
    let voice = match split.body.trim() {
        "" => parent.as_ref().map(|p| p.voice.clone()).unwrap_or_default(),
        body => body.to_string(),
    };
    let mut extends = Vec::new();
    let mut template_dirs: Vec<PathBuf> = own_dir.into_iter().collect();
    let mut raw = text.to_string();
    if let Some(p) = parent {
        extends.push(p.spec.id.clone());
        extends.extend(p.extends);
        template_dirs.extend(p.template_dirs);
        raw = format!("{raw}\n{}", p.raw);
    }
    Ok(Persona {
        spec,
        voice,
        origin: path.display().to_string(),
        extends,
        template_dirs,
        raw,
    })
}

/// The child's fields over the parent's; what neither gives is an error.
fn merge(path: &Path, f: PersonaFile, parent: Option<&PersonaSpec>) -> Result<PersonaSpec, InputError> {
    let missing = |field: &str| {
        InputError::new(path, None, format!("missing field `{field}`"))
            .hint(format!("add `{field}`, or `extends` a persona that has it"))
    };
    macro_rules! take {
        ($field:ident) => {
            match f.$field {
                Some(v) => v,
                None => parent
                    .map(|p| p.$field.clone())
                    .ok_or_else(|| missing(stringify!($field)))?,
            }
        };
    }
    macro_rules! or_parent {
        ($field:ident, $default:expr) => {
            f.$field
                .or_else(|| parent.map(|p| p.$field.clone()))
                .unwrap_or_else(|| $default)
        };
    }
    Ok(PersonaSpec {
        id: f.id.clone().unwrap_or_default(),
        name: take!(name),
        beat: take!(beat),
        bio: take!(bio),
        rule: take!(rule),
        perspectives: take!(perspectives),
        language: or_parent!(language, Lang::english()),
        length: or_parent!(length, 700),
        glossary: or_parent!(glossary, Vec::new()),
        balance: or_parent!(balance, BalanceSpec::default()),
        model: f.model.or_else(|| parent.and_then(|p| p.model.clone())),
        temperature: f.temperature.or_else(|| parent.and_then(|p| p.temperature)),
        mark_translations: or_parent!(mark_translations, false),
    })
}
