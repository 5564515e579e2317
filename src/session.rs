//! One run's assembly: settings resolved from flags, environment and
//! `parallax.toml`, and from them the [`Drafter`] (model client, cache, server
//! facts), the persona registry ([`Voices`]) and the page fetcher. Commands
//! build a session once and ask its parts; nothing here drafts or writes.

use std::path::Path;

use crate::config::{self, Flags, ProcessEnv, Settings};
use crate::drafter::Drafter;
use crate::error::Result;
use crate::fetch::Fetcher;
use crate::llm::{Cache, Client, HttpClient, PriceTable};
use crate::voice::Voices;

pub(crate) struct Session {
    drafter: Drafter,
    voices: Voices,
    /// Fetches URL sources; its own HTTP client, never the API client.
    fetcher: Fetcher,
}

impl Session {
    /// Resolve `flags` with the environment and the config found from `cwd`.
    pub(crate) fn new(
        flags: &Flags,
        persona: Option<&str>,
        config: Option<&Path>,
        cwd: &Path,
    ) -> Result<Session> {
        let settings = config::resolve(flags, persona, config, &ProcessEnv, cwd)?;
        // A server on this machine or network costs nothing a token.
        let local = settings
            .http
            .as_ref()
            .is_none_or(|cfg| crate::fetch::guard::nearby(&cfg.base_url));
        let prices = PriceTable::new(&settings.prices, local);
        let client = match &settings.http {
            None => None,
            Some(cfg) => Some(Client::new(
                HttpClient::new(cfg.clone())?,
                settings.cache_dir.as_ref().map(Cache::new),
                settings.refresh,
                prices.clone(),
            )),
        };
        let fetcher = Fetcher::new(
            settings.fetch.clone(),
            settings.page_cache.clone(),
            settings.refresh,
        );
        let voices = Voices::new(&settings.persona, &settings.persona_dirs, &settings.prompt_dirs);
        Ok(Session {
            drafter: Drafter::new(settings, client, prices),
            voices,
            fetcher,
        })
    }

    pub(crate) fn settings(&self) -> &Settings {
        self.drafter.settings()
    }

    pub(crate) fn drafter(&self) -> &Drafter {
        &self.drafter
    }

    /// The drafter, to learn the server's context window before drafting.
    pub(crate) fn drafter_mut(&mut self) -> &mut Drafter {
        &mut self.drafter
    }

    pub(crate) fn voices(&self) -> &Voices {
        &self.voices
    }

    pub(crate) fn fetcher(&self) -> &Fetcher {
        &self.fetcher
    }
}
