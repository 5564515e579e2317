//! What the CMS clients share: one HTTP client set up for a CMS's API, and a
//! request whose answer is its status and its JSON (null when it is not JSON),
//! errors naming the site but never the address's query.

use serde_json::Value;

/// A client for a CMS's API: a minute per request, a User-Agent naming parallax.
pub(crate) fn client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(60))
        .user_agent(concat!("parallax/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| e.to_string())
}

/// Send `req` (with `body` as JSON, if any); its status and JSON answer.
pub(crate) async fn answer(
    base: &str,
    req: reqwest::RequestBuilder,
    body: Option<&Value>,
) -> Result<(u16, Value), String> {
    let req = match body {
        Some(b) => req.json(b),
        None => req,
    };
    let resp = req
        .send()
        .await
        .map_err(|e| format!("{base}: {}", e.without_url()))?;
    let status = resp.status().as_u16();
    let bytes = resp
        .bytes()
        .await
        .map_err(|e| format!("{base}: {}", e.without_url()))?;
    Ok((status, serde_json::from_slice(&bytes).unwrap_or(Value::Null)))
}
