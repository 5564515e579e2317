//! `parallax channels check --live`: each channel asked once, politely, for
//! whether it answers with a feed, how many items it holds and the newest one's
//! date. Official sites move and some refuse automated requests; this says which
//! before a nightly gather finds out.

use serde::Serialize;

use super::channel::Channel;
use super::polite::Polite;
use crate::fetch::Fetcher;

/// How one channel answered.
#[derive(Debug, Serialize)]
pub(crate) struct Health {
    pub(crate) channel: String,
    pub(crate) url: String,
    pub(crate) ok: bool,
    /// Items in the feed, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) items: Option<usize>,
    /// The newest item's date, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) newest: Option<crate::clock::Date>,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) problem: Option<String>,
}

/// Ask each of `channels` once.
pub(crate) async fn check(channels: &[Channel], fetcher: &Fetcher) -> Vec<Health> {
    let mut polite = Polite::new(fetcher);
    let mut out = Vec::new();
    for ch in channels {
        let mut h = Health {
            channel: ch.id.clone(),
            url: ch.url.clone(),
            ok: false,
            items: None,
            newest: None,
            problem: None,
        };
        match super::listing::read(&mut polite, ch).await {
            Err(e) => h.problem = Some(e),
            Ok(listing) => {
                h.items = Some(listing.entries.len());
                h.newest = listing
                    .entries
                    .iter()
                    .filter_map(|e| e.published)
                    .max()
                    .map(crate::clock::Date::of);
                if listing.final_url != ch.url {
                    h.problem = Some(format!("moved: the channel now answers at {}", listing.final_url));
                } else if listing.entries.is_empty() {
                    h.problem = Some("empty: the channel lists no item".into());
                } else {
                    h.ok = true;
                }
            }
        }
        out.push(h);
    }
    out
}
