//! What the command line asked for, as plain data: the command layer fills this
//! from its parsed arguments, and `resolve` turns it (with the environment and
//! `parallax.toml`) into settings. The library never sees the argument parser.

use crate::ids::Lang;
use std::path::PathBuf;

use super::Model;
use crate::clock::Date;
use crate::error::Error;
use crate::stage::StageKind;

/// The flags `draft` and `batch` share.
#[derive(Debug, Clone, Default)]
pub(crate) struct Flags {
    pub(crate) provider: Option<String>,
    /// `--model`: every stage.
    pub(crate) model: Option<Model>,
    /// `--stage-model STAGE=MODEL`, as given.
    pub(crate) stage_model: Vec<(StageKind, Model)>,
    pub(crate) base_url: Option<String>,
    pub(crate) no_stream: bool,
    pub(crate) temperature: Option<f32>,
    pub(crate) max_tokens: Option<u32>,
    pub(crate) no_cache: bool,
    pub(crate) refresh: bool,
    pub(crate) prompts: Option<PathBuf>,
    pub(crate) personas: Option<PathBuf>,
    /// The article's date, `YYYY-MM-DD`.
    pub(crate) date: Option<Date>,
    pub(crate) strict: bool,
    pub(crate) no_revise: bool,
    pub(crate) allow_private: bool,
    /// `--lang`: one edition per language, from one brief (empty: the persona's).
    pub(crate) languages: Vec<Lang>,
    /// `--dry-run`: nothing is sent and nothing is run (no key command).
    pub(crate) dry_run: bool,
}

impl Flags {
    /// `--date`, checked against the calendar, else today.
    pub(crate) fn checked_date(&self) -> Result<Date, Error> {
        Ok(self.date.unwrap_or_else(Date::today))
    }

    /// `--lang`, each language once.
    pub(crate) fn checked_languages(&self) -> Result<Vec<Lang>, Error> {
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
