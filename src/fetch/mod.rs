//! Fetching sources from the web, safely: http(s) only, no credentials or
//! cookies, a client separate from the one that carries API keys, every address
//! checked after DNS resolution and after every redirect (and the connection
//! pinned to the address checked), limits on size, time and redirects, a short
//! list of content types, and a cache on disk so a rerun does not fetch again.

pub(crate) mod extract;
pub(crate) mod guard;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use futures::StreamExt;
use reqwest::header::{CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION};
use reqwest::{StatusCode, Url};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A fetch that could not be done, naming the URL and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{url}: {reason}")]
pub struct FetchError {
    pub(crate) url: String,
    pub(crate) reason: String,
    /// Refused by policy (bad input) rather than failed on the way.
    pub(crate) refused: bool,
}

/// What may be fetched, and how much.
#[derive(Debug, Clone)]
pub(crate) struct FetchPolicy {
    /// Allow private, loopback and link-local addresses (`--allow-private`).
    pub(crate) allow_private: bool,
    /// Hosts (`host` or `host:port`) allowed whatever their address.
    pub(crate) allow: Vec<String>,
    /// Largest body, after decompression.
    pub(crate) max_bytes: usize,
    /// Longest a whole fetch may take, redirects included.
    pub(crate) timeout: Duration,
    pub(crate) max_redirects: usize,
    /// Who the fetcher's operators are, in its User-Agent (`[fetch] contact`).
    pub(crate) contact: Option<String>,
}

impl FetchPolicy {
    /// The User-Agent: parallax, its version, and the contact when given.
    pub(crate) fn user_agent(&self) -> String {
        let version = env!("CARGO_PKG_VERSION");
        match &self.contact {
            Some(c) => format!("parallax/{version} (source fetcher; +{c})"),
            None => format!("parallax/{version} (source fetcher)"),
        }
    }
}

impl Default for FetchPolicy {
    fn default() -> Self {
        Self {
            allow_private: false,
            allow: Vec::new(),
            max_bytes: 5 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            max_redirects: 5,
            contact: None,
        }
    }
}

/// A fetched page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Page {
    /// The URL asked for.
    pub(crate) url: String,
    /// Where it was found after redirects.
    pub(crate) final_url: String,
    pub(crate) content_type: String,
    /// When it was fetched (RFC 3339).
    pub(crate) fetched: crate::clock::Instant,
    pub(crate) etag: Option<String>,
    pub(crate) last_modified: Option<String>,
    /// The body, decoded to text.
    pub(crate) body: String,
}

/// Why a server gave no page: a refusal says so, with how long it asks to
/// wait (`Retry-After`, as it was sent, when it is short and printable).
fn unanswered(status: StatusCode, headers: &reqwest::header::HeaderMap) -> String {
    let code = status.as_u16();
    let wait = headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_graphic() || c == ' '));
    let wait = match wait {
        Some(w) if w.chars().all(|c| c.is_ascii_digit()) => format!("; it asks to wait {w} s"),
        Some(w) => format!("; it asks to wait until {w}"),
        None => String::new(),
    };
    match code {
        401 | 403 => format!("refused: the server answered HTTP {code}{wait}"),
        429 => format!("refused: too many requests (HTTP 429){wait}"),
        _ => format!("the server answered HTTP {code}{wait}"),
    }
}

/// Content types a source may have.
const ACCEPTED: &[&str] = &[
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/json",
];

#[derive(Debug, Clone)]
pub(crate) struct Fetcher {
    policy: FetchPolicy,
    cache: Option<PathBuf>,
    refresh: bool,
}

impl Fetcher {
    pub(crate) fn new(policy: FetchPolicy, cache: Option<PathBuf>, refresh: bool) -> Self {
        Self {
            policy,
            cache,
            refresh,
        }
    }

    /// A page's place in the cache, keyed by the address policy too: a page
    /// fetched under `--allow-private` is never served to a run without it.
    fn cache_path(&self, url: &str) -> Option<PathBuf> {
        let mut h = Sha256::new();
        h.update(url.as_bytes());
        if self.policy.allow_private || !self.policy.allow.is_empty() {
            h.update(
                format!(
                    "\0private={}\0allow={}",
                    self.policy.allow_private,
                    self.policy.allow.join(",")
                )
                .as_bytes(),
            );
        }
        let digest = crate::fsutil::hex(&h.finalize());
        self.cache
            .as_ref()
            .map(|d| d.join(&digest[..2]).join(format!("{digest}.json")))
    }

    fn cached(&self, url: &str) -> Option<Page> {
        let text = std::fs::read_to_string(self.cache_path(url)?).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// The page at `url`: from the cache when it has it (unless `--refresh`, which
    /// asks the server again with the cached validators).
    pub(crate) async fn fetch(&self, url: &str) -> Result<Page, FetchError> {
        let cached = self.cached(url);
        if let (Some(page), false) = (&cached, self.refresh) {
            tracing::debug!(%url, "page served from the cache");
            return Ok(page.clone());
        }
        let err = |reason: String, refused: bool| FetchError {
            url: url.to_string(),
            reason,
            refused,
        };
        let result = tokio::time::timeout(self.policy.timeout, self.fetch_live(url, cached.as_ref())).await;
        let page = match result {
            Ok(r) => r?,
            Err(_) => {
                return Err(err(
                    format!(
                        "no complete answer within {} s",
                        self.policy.timeout.as_secs_f32()
                    ),
                    false,
                ));
            }
        };
        if let Some(path) = self.cache_path(url)
            && let Ok(bytes) = serde_json::to_vec(&page)
            && let Err(e) = crate::fsutil::write_atomic(&path, &bytes)
        {
            tracing::warn!("could not cache {url}: {e}");
        }
        Ok(page)
    }

    async fn fetch_live(&self, start: &str, cached: Option<&Page>) -> Result<Page, FetchError> {
        let fail = |(reason, refused): (String, bool)| FetchError {
            url: start.to_string(),
            reason,
            refused,
        };
        let mut url = Url::parse(start).map_err(|e| fail((format!("not a URL ({e})"), true)))?;
        for _ in 0..=self.policy.max_redirects {
            let resp = self.send(&url, cached).await.map_err(fail)?;
            let status = resp.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let Some(location) = resp
                    .headers()
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .filter(|l| !l.trim().is_empty())
                else {
                    return Err(fail((
                        format!(
                            "the server answered HTTP {} without a Location to go to",
                            status.as_u16()
                        ),
                        false,
                    )));
                };
                url = url
                    .join(location)
                    .map_err(|e| fail((format!("bad redirect `{location}` ({e})"), false)))?;
                tracing::debug!(from = start, to = %url, "following a redirect");
                continue;
            }
            if status == StatusCode::NOT_MODIFIED
                && let Some(c) = cached
            {
                return Ok(Page {
                    fetched: crate::clock::now(),
                    ..c.clone()
                });
            }
            if !status.is_success() {
                return Err(fail((unanswered(status, resp.headers()), false)));
            }
            return self.read_page(start, &url, resp).await.map_err(fail);
        }
        Err(fail((
            format!("more than {} redirects", self.policy.max_redirects),
            false,
        )))
    }

    /// One request to `url`, after its scheme, credentials and every address of
    /// its host are checked; conditional when a cached copy of it exists.
    async fn send(&self, url: &Url, cached: Option<&Page>) -> Result<reqwest::Response, (String, bool)> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err((format!("`{}` is not http or https; refused", url.scheme()), true));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(("credentials in the URL are never sent; refused".into(), true));
        }
        let host = url
            .host_str()
            .ok_or_else(|| ("no host".to_string(), true))?
            .to_string();
        let port = url.port_or_known_default().unwrap_or(80);
        let addrs = self.resolve(url, &host, port).await?;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .resolve_to_addrs(&host, &addrs)
            .connect_timeout(Duration::from_secs(10))
            .user_agent(self.policy.user_agent())
            .build()
            .map_err(|e| (format!("cannot build the HTTP client: {e}"), false))?;
        let mut request = client.get(url.clone()).header(
            "accept",
            "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        );
        if let Some(c) = cached.filter(|c| c.final_url == url.as_str()) {
            if let Some(e) = &c.etag {
                request = request.header(IF_NONE_MATCH, e);
            }
            if let Some(m) = &c.last_modified {
                request = request.header(IF_MODIFIED_SINCE, m);
            }
        }
        request
            .send()
            .await
            .map_err(|e| (format!("the request failed: {}", root_cause(&e)), false))
    }

    /// The page of a successful answer, if its type is one we read.
    async fn read_page(
        &self,
        start: &str,
        url: &Url,
        resp: reqwest::Response,
    ) -> Result<Page, (String, bool)> {
        let header = |name| {
            resp.headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header(CONTENT_TYPE).unwrap_or_else(|| "text/html".into());
        let mime = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if mime == "application/pdf" {
            return Err((
                "PDF sources are not supported; save the text of the PDF as a .md or .txt file and give that"
                    .into(),
                true,
            ));
        }
        // Any XML or JSON dialect is text (`application/rdf+xml`, `application/ld+json`).
        let dialect = mime.starts_with("application/") && (mime.ends_with("+xml") || mime.ends_with("+json"));
        if !ACCEPTED.contains(&mime.as_str()) && !dialect {
            return Err((
                format!("content type `{mime}` is not text, HTML, XML or JSON; refused"),
                true,
            ));
        }
        let (etag, last_modified) = (header(ETAG), header(LAST_MODIFIED));
        let bytes = self.read_limited(resp).await.map_err(|reason| (reason, false))?;
        Ok(Page {
            url: start.to_string(),
            final_url: url.to_string(),
            body: extract::decode(&bytes, &content_type),
            content_type,
            fetched: crate::clock::now(),
            etag,
            last_modified,
        })
    }

    /// Resolve `host` and check every address it has, before any request to it.
    async fn resolve(&self, url: &Url, host: &str, port: u16) -> Result<Vec<SocketAddr>, (String, bool)> {
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let addrs: Vec<SocketAddr> = match bare.parse::<std::net::IpAddr>() {
            Ok(ip) => vec![SocketAddr::new(ip, port)],
            Err(_) => tokio::net::lookup_host((bare, port))
                .await
                .map_err(|e| (format!("cannot resolve `{bare}`: {e}"), false))?
                .collect(),
        };
        if addrs.is_empty() {
            return Err((format!("`{bare}` has no address"), false));
        }
        if self.policy.allow_private || guard::allowed(&self.policy.allow, bare, port) {
            return Ok(addrs);
        }
        for a in &addrs {
            if let Some(why) = guard::refused(a.ip()) {
                return Err((
                    format!(
                        "{url} goes to {bare}, which resolves to {}, a {why} address; refused before any request \
                         (use --allow-private, or `allow` in [fetch] of parallax.toml, to fetch from it)",
                        a.ip()
                    ),
                    true,
                ));
            }
        }
        Ok(addrs)
    }

    async fn read_limited(&self, resp: reqwest::Response) -> Result<Vec<u8>, String> {
        let limit = self.policy.max_bytes;
        let mut body = Vec::new();
        let mut stream = resp.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| format!("the body broke off: {}", root_cause(&e)))?;
            if body.len() + chunk.len() > limit {
                return Err(format!(
                    "the body is larger than the {limit}-byte limit (after decompression); cut off"
                ));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

fn root_cause(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg = s.to_string();
        source = s.source();
    }
    msg
}
