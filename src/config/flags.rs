//! What the command line asked for, as plain data: the command layer fills this
//! from its parsed arguments, and `resolve` turns it (with the environment and
//! `parallax.toml`) into settings. The library never sees the argument parser.

use std::path::PathBuf;

use super::Model;
use crate::error::Error;
use crate::render::Format;
use crate::stage::StageKind;

/// The flags `draft` and `batch` share.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub provider: Option<String>,
    /// `--model`: every stage.
    pub model: Option<String>,
    /// `--stage-model STAGE=MODEL`, as given.
    pub stage_model: Vec<(StageKind, Model)>,
    pub base_url: Option<String>,
    pub no_stream: bool,
    pub temperature: Option<f32>,
    pub max_tokens: Option<u32>,
    pub no_cache: bool,
    pub refresh: bool,
    pub prompts: Option<PathBuf>,
    pub personas: Option<PathBuf>,
    /// The article's date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub strict: bool,
    pub no_revise: bool,
    pub allow_private: bool,
    pub format: Vec<Format>,
    /// `--lang`: one edition per language, from one brief (empty: the persona's).
    pub languages: Vec<String>,
    /// `--dry-run`: nothing is sent and nothing is run (no key command).
    pub dry_run: bool,
}

impl Flags {
    /// `--date`, checked against the calendar, else today.
    pub fn checked_date(&self) -> Result<String, Error> {
        match self.date.as_deref() {
            Some(d) if crate::clock::is_date(d) => Ok(d.to_string()),
            Some(d) => Err(Error::Usage(format!(
                "--date `{d}` is not a calendar date like 2026-01-31"
            ))),
            None => Ok(crate::clock::today()),
        }
    }

    /// `--lang`, each language once.
    pub fn checked_languages(&self) -> Result<Vec<String>, Error> {
        let asked = &self.languages;
        for (i, l) in asked.iter().enumerate() {
            if asked[..i].contains(l) {
                return Err(Error::Usage(format!(
                    "--lang names `{l}` twice; name each language once"
                )));
            }
        }
        Ok(asked.clone())
    }
}
