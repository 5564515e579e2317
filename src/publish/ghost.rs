//! A Ghost site through its Admin API: the Admin API key (`id:secret`, the
//! secret in hex) signs a short-lived HS256 token for each request (`aud`
//! `/admin/`, five minutes at most); a story becomes a post whose HTML sits in
//! one HTML card, so Ghost keeps it as written; an edit sends the post's
//! current `updated_at`, and a collision is read again and retried once. A
//! newsletter is never attached: no request names one.

use base64::Engine;
use hmac::Mac;
use serde::Deserialize;
use serde_json::{Value, json};

/// A Ghost site and the integration's key.
pub(crate) struct Site {
    base: String,
    id: String,
    secret: Vec<u8>,
    client: reqwest::Client,
}

/// A post as Ghost holds it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Remote {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) url: String,
    pub(crate) updated_at: super::record::Revision,
}

/// What a post is made of.
pub(crate) struct Post<'a> {
    pub(crate) title: &'a str,
    pub(crate) html: &'a str,
    pub(crate) excerpt: &'a str,
    pub(crate) slug: &'a str,
    pub(crate) status: &'a str,
    pub(crate) tags: &'a [String],
}

/// Split and check an Admin API key: `id:secret`, the secret hex.
pub(crate) fn key(key: &str) -> Result<(String, Vec<u8>), String> {
    let wrong = "the Admin API key is not in Ghost's form `id:secret` (24 hex digits, a colon, 64 hex digits); copy it whole from Settings → Integrations → your integration → Admin API key (not the Content API key)";
    // The key's two halves, at its one colon.
    let key = key.trim();
    let colon = key.find(':').ok_or(wrong)?;
    let (id, secret) = (&key[..colon], &key[colon + 1..]);
    let hex =
        |s: &str| s.len().is_multiple_of(2) && !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit());
    if id.is_empty() || !hex(secret) {
        return Err(wrong.to_string());
    }
    let bytes = (0..secret.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&secret[i..i + 2], 16))
        .collect::<Result<Vec<u8>, _>>()
        .map_err(|_| wrong.to_string())?;
    Ok((id.to_string(), bytes))
}

impl Site {
    pub(crate) fn new(url: &str, admin_key: &str) -> Result<Site, String> {
        let (id, secret) = key(admin_key)?;
        let client = super::api::client()?;
        Ok(Site {
            base: url.trim_end_matches('/').to_string(),
            id,
            secret,
            client,
        })
    }

    /// The address of an Admin API path.
    pub(crate) fn endpoint(&self, path: &str) -> String {
        format!("{}/ghost/api/admin/{path}", self.base)
    }

    /// A token for one request: HS256, `kid` the key's id, valid five minutes.
    fn token(&self) -> String {
        let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let head = b64(&json!({ "alg": "HS256", "typ": "JWT", "kid": self.id }));
        let claims = b64(&json!({ "iat": now, "exp": now + 300, "aud": "/admin/" }));
        let signing = format!("{head}.{claims}");
        let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.secret) else {
            return signing;
        };
        mac.update(signing.as_bytes());
        let sig = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing}.{sig}")
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Value), String> {
        let req = self
            .client
            .request(method, self.endpoint(path))
            .header(reqwest::header::AUTHORIZATION, format!("Ghost {}", self.token()))
            .header("Accept-Version", "v5.0");
        super::api::answer(&self.base, req, body).await
    }

    /// Whether the Admin API answers and takes the key.
    pub(crate) async fn check(&self) -> Result<(), String> {
        let (status, answer) = self
            .send(reqwest::Method::GET, "posts/?limit=1&fields=id", None)
            .await?;
        match status {
            200 => Ok(()),
            401 | 403 => Err(format!(
                "{}: Ghost does not accept the Admin API key ({}); check that it is the Admin API key of an active integration, and that this machine's clock is right (tokens live five minutes)",
                self.base,
                error_type(&answer)
            )),
            _ => Err(failure(&self.base, status, &answer)),
        }
    }

    /// Post `id` as it is now; none when it was deleted.
    pub(crate) async fn post(&self, id: &str) -> Result<Option<Remote>, String> {
        let (status, answer) = self
            .send(reqwest::Method::GET, &format!("posts/{id}/"), None)
            .await?;
        match status {
            404 => Ok(None),
            200 => first(&self.base, answer).map(Some),
            _ => Err(failure(&self.base, status, &answer)),
        }
    }

    pub(crate) async fn create(&self, post: &Post<'_>) -> Result<Remote, String> {
        let body = json!({ "posts": [fields(post)] });
        let (status, answer) = self
            .send(reqwest::Method::POST, "posts/?source=html", Some(&body))
            .await?;
        if !(200..300).contains(&status) {
            return Err(failure(&self.base, status, &answer));
        }
        first(&self.base, answer)
    }

    /// Replace post `id`, sending its current `updated_at`; on a collision
    /// (someone saved it meanwhile) read it again and retry once.
    pub(crate) async fn update(&self, id: &str, post: &Post<'_>) -> Result<Option<Remote>, String> {
        for _ in 0..2 {
            let Some(now) = self.post(id).await? else {
                return Ok(None);
            };
            let mut fields = fields(post);
            fields["updated_at"] = json!(now.updated_at);
            let body = json!({ "posts": [fields] });
            let (status, answer) = self
                .send(
                    reqwest::Method::PUT,
                    &format!("posts/{id}/?source=html"),
                    Some(&body),
                )
                .await?;
            if status == 409 && error_type(&answer) == "UpdateCollisionError" {
                continue;
            }
            if !(200..300).contains(&status) {
                return Err(failure(&self.base, status, &answer));
            }
            return first(&self.base, answer).map(Some);
        }
        Err(format!(
            "{}: post {id} was saved by someone else twice while updating it; run again",
            self.base
        ))
    }
}

/// A post's fields: its HTML in one HTML card, so Ghost keeps it as written.
fn fields(post: &Post<'_>) -> Value {
    let tags: Vec<Value> = post.tags.iter().map(|t| json!({ "name": t })).collect();
    json!({
        "title": post.title,
        "html": format!("<!--kg-card-begin: html-->\n{}\n<!--kg-card-end: html-->", post.html),
        "custom_excerpt": post.excerpt,
        "slug": post.slug,
        "status": post.status,
        "tags": tags,
    })
}

fn first(base: &str, answer: Value) -> Result<Remote, String> {
    serde_json::from_value(answer["posts"][0].clone())
        .map_err(|e| format!("{base}: an answer that is not a post: {e}"))
}

fn error_type(answer: &Value) -> String {
    answer["errors"][0]["type"].as_str().unwrap_or("").to_string()
}

fn failure(base: &str, status: u16, answer: &Value) -> String {
    let message = answer["errors"][0]["message"].as_str().unwrap_or("");
    format!(
        "{base}: Ghost answered HTTP {status} {}: {}",
        error_type(answer),
        crate::text::excerpt(message, 200)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_admin_key_is_id_colon_hex_secret() {
        let (id, secret) = key("6489b2ba3b7d0c0001d1b7a2:00ff10").unwrap();
        assert_eq!(
            (id.as_str(), secret),
            ("6489b2ba3b7d0c0001d1b7a2", vec![0, 255, 16])
        );
        for wrong in ["no colon", "id:not-hex", "id:abc", ":00ff"] {
            assert!(key(wrong).unwrap_err().contains("Admin API key"), "{wrong}");
        }
    }

    #[test]
    fn a_token_is_hs256_for_the_admin_audience_and_five_minutes() {
        let site = Site::new("https://ghost.example", "abc:00ff10").unwrap();
        let token = site.token();
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let decode = |p: &str| -> Value {
            serde_json::from_slice(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(p)
                    .unwrap(),
            )
            .unwrap()
        };
        assert_eq!(decode(parts[0])["kid"], "abc");
        let claims = decode(parts[1]);
        assert_eq!(claims["aud"], "/admin/");
        assert_eq!(
            claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap(),
            300
        );
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&[0, 255, 16]).unwrap();
        mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
        assert!(
            mac.verify_slice(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(parts[2])
                    .unwrap()
            )
            .is_ok()
        );
    }
}
