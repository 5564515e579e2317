//! A story's inputs: its sources (files, URLs or inline text, passages numbered
//! across them) and its persona with any language override.

use std::path::Path;

use super::manifest::{Item, SourceSpec};
use crate::error::{Error, Result};
use crate::session::Session;
use crate::source::{self, Source};
use crate::voice::Voice;

/// Load a story's sources (fetching URLs); passages are numbered across them.
pub(crate) async fn load_sources(session: &Session, item: &Item) -> Result<Vec<Source>> {
    // A source pack (a folder `parallax gather` wrote) is its files.
    let specs: Vec<SourceSpec> = item
        .sources
        .iter()
        .flat_map(|spec| match spec {
            SourceSpec::Path(p) => source::folders_expanded(&[p.display().to_string()])
                .into_iter()
                .map(|f| SourceSpec::Path(f.into()))
                .collect(),
            other => vec![other.clone()],
        })
        .collect();
    let mut out = Vec::with_capacity(specs.len());
    let mut next = 1;
    for (i, spec) in specs.iter().enumerate() {
        let s = match spec {
            SourceSpec::Path(p) => source::load_any(&p.display().to_string(), i + 1, next, session.fetcher())
                .await
                .map_err(|e| match e {
                    // Standard input is not a manifest's business.
                    Error::Input(mut e)
                        if e.hint.as_deref().is_some_and(|h| h.contains("standard input")) =>
                    {
                        e.hint = Some("check the path; it is relative to the manifest's folder".into());
                        Error::Input(e)
                    }
                    other => other,
                })?,
            SourceSpec::Url(url) => source::load_any(url, i + 1, next, session.fetcher()).await?,
            SourceSpec::Inline { title, text } => {
                let mut s = source::parse(Path::new(&format!("{}#text", item.id)), text, i + 1, next)?;
                if s.meta.title.is_none() {
                    s.meta.title = title.as_deref().map(source::clean);
                }
                s
            }
        };
        next += s.passages.len();
        out.push(s);
    }
    Ok(out)
}

/// The persona of a story, with its language override.
pub(crate) fn voice_for(session: &Session, item: &Item) -> Result<std::sync::Arc<Voice>> {
    let voice = session.voices().get(item.persona.as_deref())?;
    match &item.language {
        Some(lang) if *lang != voice.persona.spec.language => {
            let mut persona = voice.persona.clone();
            persona.spec.language = lang.clone();
            Ok(std::sync::Arc::new(Voice::load(
                persona,
                &session.settings().prompt_dirs,
            )?))
        }
        _ => Ok(voice),
    }
}
