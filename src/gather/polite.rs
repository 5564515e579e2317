//! A gatherer is a guest. Each host's `robots.txt` is read once a run and
//! obeyed (the rules for `parallax`, else for every agent); a host whose
//! robots.txt cannot be read is taken to allow everything, as crawlers do. And
//! requests to one host are spaced by the channel's `pace` (one second unless
//! it says otherwise), so a run over many items never hammers a ministry's
//! server. Pages come through the one fetcher, whose rules (public addresses
//! only, size caps, its cache) still hold.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use texting_robots::Robot;

use crate::fetch::{Fetcher, Page};

/// The agent name robots.txt rules are read for.
const AGENT: &str = "parallax";

/// The fetcher, with each host's rules and its last request.
pub(crate) struct Polite<'f> {
    fetcher: &'f Fetcher,
    /// Each origin's rules; `None` where robots.txt could not be read.
    rules: HashMap<String, Option<Robot>>,
    last: HashMap<String, Instant>,
}

impl<'f> Polite<'f> {
    pub(crate) fn new(fetcher: &'f Fetcher) -> Self {
        Polite {
            fetcher,
            rules: HashMap::new(),
            last: HashMap::new(),
        }
    }

    /// `url`, if its host's robots.txt allows it, no sooner than `pace` after
    /// the last request to that host; otherwise why not.
    pub(crate) async fn fetch(&mut self, url: &str, pace: Duration) -> Result<Page, String> {
        let origin = origin(url).ok_or_else(|| format!("{url}: not a web address"))?;
        if !self.rules.contains_key(&origin) {
            self.wait(&origin, pace).await;
            let robots = self.fetcher.fetch(&format!("{origin}/robots.txt")).await.ok();
            let robot = robots.and_then(|p| Robot::new(AGENT, p.body.as_bytes()).ok());
            self.rules.insert(origin.clone(), robot);
        }
        if let Some(Some(robot)) = self.rules.get(&origin)
            && !robot.allowed(url)
        {
            return Err(format!("{url}: the site's robots.txt does not allow it"));
        }
        self.wait(&origin, pace).await;
        self.fetcher.fetch(url).await.map_err(|e| e.to_string())
    }

    /// Sleep until `pace` has passed since the last request to `origin`.
    async fn wait(&mut self, origin: &str, pace: Duration) {
        if let Some(last) = self.last.get(origin) {
            let due = *last + pace;
            let now = Instant::now();
            if due > now {
                tokio::time::sleep(due - now).await;
            }
        }
        self.last.insert(origin.to_string(), Instant::now());
    }
}

/// `scheme://host[:port]` of a web address.
fn origin(url: &str) -> Option<String> {
    let u = reqwest::Url::parse(url).ok()?;
    let host = u.host_str()?;
    Some(match u.port() {
        Some(p) => format!("{}://{host}:{p}", u.scheme()),
        None => format!("{}://{host}", u.scheme()),
    })
}

#[cfg(test)]
mod tests {
    use super::origin;

    #[test]
    fn an_origin_is_scheme_host_and_port() {
        assert_eq!(
            origin("https://www.state.gov/briefings/x?y=1").as_deref(),
            Some("https://www.state.gov")
        );
        assert_eq!(
            origin("http://127.0.0.1:8080/a").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin("not a url"), None);
    }
}
