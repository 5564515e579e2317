//! Each side's own words, gathered: every official channel of the persona's
//! sides is read (its feed), the items on the topic within the time asked are
//! fetched whole, and each is written as a source file whose front matter says
//! whose words they are (the side, the office, the channel, the licence and
//! its provenance flags). The folder, a source pack, drafts as any folder of
//! sources does, and `pack.json` lists what was kept and what was skipped, and
//! why. Pages come through the one fetcher, so its rules hold: non-public
//! addresses refused unless allowed, bounded sizes, a cache with conditional
//! requests.

pub(crate) mod channel;
pub(crate) mod health;
mod listing;
mod pack;
mod polite;
pub(crate) mod topics;

use crate::ids::SideId;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;

pub(crate) use channel::Channel;

use crate::error::{Error, Result};
use crate::fetch::Fetcher;
use crate::persona::Persona;
use polite::Polite;

/// What a gather run keeps.
pub(crate) struct Options {
    /// Words any of which an item must hold (a glossary term's names in every
    /// script, or the keywords given).
    pub(crate) topic: Vec<String>,
    /// How far back an item may be published.
    pub(crate) since: Option<Duration>,
    pub(crate) out: PathBuf,
    /// At most this many items read per channel.
    pub(crate) per_channel: usize,
}

/// One item kept.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Item {
    pub(crate) file: String,
    pub(crate) side: SideId,
    pub(crate) channel: String,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) published: Option<crate::clock::Date>,
    pub(crate) sha256: String,
}

/// An item or channel left out, and why.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Skipped {
    pub(crate) channel: String,
    pub(crate) url: String,
    pub(crate) reason: String,
}

/// What a gather run found.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Report {
    pub(crate) topic: Vec<String>,
    /// Items kept per side; a side of the persona with no channel or no item is 0.
    pub(crate) sides: BTreeMap<SideId, usize>,
    pub(crate) items: Vec<Item>,
    pub(crate) skipped: Vec<Skipped>,
}

/// The words of `topic`: a glossary term of the persona (`senkaku`) gives all
/// its names; otherwise the comma-separated keywords as given.
pub(crate) fn topic_words(topic: &str, persona: &Persona) -> Vec<String> {
    match persona.spec.glossary.iter().find(|g| g.id == topic) {
        Some(g) => g.names.iter().map(|n| n.name.clone()).collect(),
        None => topic
            .split(',')
            .map(|w| w.trim().to_string())
            .filter(|w| !w.is_empty())
            .collect(),
    }
}

/// Whether the persona reads `ch`: a channel of one of its sides, and one the
/// side names when it names its channels.
fn reads(persona: &Persona, ch: &Channel) -> bool {
    persona
        .spec
        .perspectives
        .iter()
        .any(|p| p.id == ch.side && (p.channels.is_empty() || p.channels.contains(&ch.id)))
}

/// Gather from `channels` (those of the persona's sides) into `opts.out`.
pub(crate) async fn run(
    channels: &[Channel],
    persona: &Persona,
    fetcher: &Fetcher,
    opts: &Options,
) -> Result<Report> {
    let mut report = Report {
        topic: opts.topic.clone(),
        ..Report::default()
    };
    for p in &persona.spec.perspectives {
        report.sides.insert(p.id.clone(), 0);
    }
    std::fs::create_dir_all(&opts.out)
        .map_err(|e| Error::io(format!("creating {}", opts.out.display()), e))?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let cutoff = opts.since.map(|s| now - s.as_secs() as i64);
    let ours: Vec<&Channel> = channels.iter().filter(|c| reads(persona, c)).collect();
    let mut polite = Polite::new(fetcher);
    for ch in ours {
        let skip = |reason: String| Skipped {
            channel: ch.id.clone(),
            url: ch.url.clone(),
            reason,
        };
        let listing = match listing::read(&mut polite, ch).await {
            Ok(l) => l,
            Err(e) => {
                report.skipped.push(skip(e));
                continue;
            }
        };
        for entry in listing.entries.iter().take(opts.per_channel) {
            if let (Some(cut), Some(p)) = (cutoff, entry.published)
                && p.as_second() < cut
            {
                continue;
            }
            let published = entry.published.map(crate::clock::Date::of);
            match pack::item(&mut polite, ch, entry, published, &opts.topic, &opts.out).await {
                Ok(Some(item)) => {
                    *report.sides.entry(ch.side.clone()).or_insert(0) += 1;
                    report.items.push(item);
                }
                Ok(None) => {}
                Err(reason) => report.skipped.push(Skipped {
                    channel: ch.id.clone(),
                    url: entry.link.clone(),
                    reason,
                }),
            }
        }
    }
    pack::write_index(&opts.out, &report)?;
    Ok(report)
}

#[cfg(test)]
mod tests;
