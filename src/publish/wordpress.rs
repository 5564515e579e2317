//! A WordPress site through its REST API, with an application password: a
//! story becomes a post (block markup, the deck as its excerpt, the story id as
//! its slug), sent as a draft unless asked otherwise, and is updated in place
//! later. Routes go through `?rest_route=`, which every WordPress answers with
//! or without pretty permalinks. The password never leaves the request's
//! Authorization header: not in a message, a log or a record.

use base64::Engine;
use serde::Deserialize;
use serde_json::{Value, json};

/// A WordPress site and who publishes to it.
pub(crate) struct Site {
    base: String,
    user: String,
    password: String,
    client: reqwest::Client,
}

/// A post as WordPress holds it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Remote {
    pub(crate) id: u64,
    pub(crate) link: String,
    /// When WordPress last changed it (UTC, `2026-12-07T10:00:00`).
    #[serde(default)]
    pub(crate) modified_gmt: super::record::Revision,
    #[serde(default)]
    pub(crate) status: String,
}

/// What a post is made of.
pub(crate) struct Post<'a> {
    pub(crate) title: &'a str,
    pub(crate) content: &'a str,
    pub(crate) excerpt: &'a str,
    pub(crate) slug: &'a str,
    /// `draft` or `publish`.
    pub(crate) status: &'a str,
    pub(crate) categories: &'a [u64],
    pub(crate) tags: &'a [u64],
}

impl Site {
    pub(crate) fn new(url: &str, user: &str, password: &str) -> Result<Site, String> {
        let client = super::api::client()?;
        Ok(Site {
            base: url.trim_end_matches('/').to_string(),
            user: user.to_string(),
            password: password.to_string(),
            client,
        })
    }

    /// The address of a REST route, with more query parameters after `&`.
    pub(crate) fn endpoint(&self, route: &str, query: &str) -> String {
        let sep = if query.is_empty() { "" } else { "&" };
        format!("{}/?rest_route={route}{sep}{query}", self.base)
    }

    /// Send a request; the answer's status and JSON (null when it is not JSON).
    async fn send(
        &self,
        method: reqwest::Method,
        route: &str,
        query: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Value), String> {
        let auth =
            base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", self.user, self.password));
        let req = self
            .client
            .request(method, self.endpoint(route, query))
            .header(reqwest::header::AUTHORIZATION, format!("Basic {auth}"));
        super::api::answer(&self.base, req, body).await
    }

    /// Whether the REST API answers, and whether it knows the user by the
    /// password: `Ok` with the user's name, else the one line that says why
    /// and how to fix it.
    pub(crate) async fn check(&self) -> Result<String, String> {
        let (status, index) = self.send(reqwest::Method::GET, "/", "", None).await?;
        let routes = index.get("namespaces").and_then(Value::as_array);
        if status != 200 || !routes.is_some_and(|n| n.iter().any(|v| v == "wp/v2")) {
            return Err(format!(
                "{}: the REST API does not answer (HTTP {status}); it is disabled or blocked (a security plugin, a host rule): enable it for this site",
                self.base
            ));
        }
        let (status, me) = self
            .send(reqwest::Method::GET, "/wp/v2/users/me", "context=edit", None)
            .await?;
        if status == 200 {
            return Ok(me["name"].as_str().unwrap_or(&self.user).to_string());
        }
        Err(explain(&self.base, &self.user, status, &me))
    }

    /// The ids of `names` in a taxonomy (`categories` or `tags`), created when
    /// missing if `create` allows it.
    pub(crate) async fn terms(
        &self,
        taxonomy: &str,
        names: &[String],
        create: bool,
    ) -> Result<Vec<u64>, String> {
        let route = format!("/wp/v2/{taxonomy}");
        let mut ids = Vec::new();
        for name in names {
            let query = format!(
                "search={}&per_page=100",
                percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC)
            );
            let (status, found) = self.send(reqwest::Method::GET, &route, &query, None).await?;
            let known = found.as_array().and_then(|terms| {
                terms
                    .iter()
                    .find(|t| {
                        t["name"]
                            .as_str()
                            .is_some_and(|n| unescape(n).eq_ignore_ascii_case(name))
                    })
                    .and_then(|t| t["id"].as_u64())
            });
            if let Some(id) = known {
                ids.push(id);
                continue;
            }
            if status != 200 || !create {
                return Err(format!(
                    "{}: no {} named `{name}`; create it in WordPress, or set `create_terms = true`",
                    self.base,
                    taxonomy.trim_end_matches('s').replace("categorie", "category")
                ));
            }
            let (status, made) = self
                .send(reqwest::Method::POST, &route, "", Some(&json!({ "name": name })))
                .await?;
            ids.push(
                made["id"]
                    .as_u64()
                    .ok_or_else(|| failure(&self.base, status, &made))?,
            );
        }
        Ok(ids)
    }

    /// Create a post.
    pub(crate) async fn create(&self, post: &Post<'_>) -> Result<Remote, String> {
        self.write("/wp/v2/posts", post).await
    }

    /// Replace post `id` with `post`.
    pub(crate) async fn update(&self, id: u64, post: &Post<'_>) -> Result<Remote, String> {
        self.write(&format!("/wp/v2/posts/{id}"), post).await
    }

    async fn write(&self, route: &str, post: &Post<'_>) -> Result<Remote, String> {
        let body = json!({
            "title": post.title,
            "content": post.content,
            "excerpt": post.excerpt,
            "slug": post.slug,
            "status": post.status,
            "categories": post.categories,
            "tags": post.tags,
        });
        let (status, answer) = self.send(reqwest::Method::POST, route, "", Some(&body)).await?;
        if !(200..300).contains(&status) {
            return Err(failure(&self.base, status, &answer));
        }
        serde_json::from_value(answer)
            .map_err(|e| format!("{}: an answer that is not a post: {e}", self.base))
    }

    /// Post `id` as it is now; none when it was deleted or trashed.
    pub(crate) async fn post(&self, id: u64) -> Result<Option<Remote>, String> {
        let (status, answer) = self
            .send(
                reqwest::Method::GET,
                &format!("/wp/v2/posts/{id}"),
                "context=edit",
                None,
            )
            .await?;
        match status {
            404 | 410 => Ok(None),
            200 => {
                let remote: Remote = serde_json::from_value(answer)
                    .map_err(|e| format!("{}: an answer that is not a post: {e}", self.base))?;
                Ok((remote.status != "trash").then_some(remote))
            }
            _ => Err(failure(&self.base, status, &answer)),
        }
    }
}

/// An entity-escaped term name as plain text (`Q&amp;A`).
fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#039;", "'")
        .replace("&quot;", "\"")
}

/// A failed write or read: WordPress's code and message.
fn failure(base: &str, status: u16, answer: &Value) -> String {
    let code = answer["code"].as_str().unwrap_or("");
    let message = answer["message"].as_str().unwrap_or("");
    format!(
        "{base}: WordPress answered HTTP {status} {code}: {}",
        crate::text::excerpt(message, 200)
    )
}

/// Why WordPress does not know the user by the password, and the fix.
fn explain(base: &str, user: &str, status: u16, answer: &Value) -> String {
    let code = answer["code"].as_str().unwrap_or("");
    match code {
        "invalid_username" => format!(
            "{base}: WordPress has no user `{user}`; `user` is your WordPress login, not the application password's name (Users → Profile → Application Passwords shows both)"
        ),
        "incorrect_password" => format!(
            "{base}: the application password is wrong for `{user}`; create one under Users → Profile → Application Passwords and give it in the environment variable the target names"
        ),
        "application_passwords_disabled" | "application_passwords_disabled_for_user" => format!(
            "{base}: application passwords are turned off on this site (a plugin or a filter); turn them on, or they are unavailable over plain HTTP: use the site's https:// address"
        ),
        "rest_not_logged_in" => format!(
            "{base}: WordPress accepted no credentials for `{user}` (HTTP {status} rest_not_logged_in), which it answers alike for two causes: the web server strips the Authorization header before PHP sees it (Apache with PHP-FPM: add `CGIPassAuth On`, or `SetEnvIf Authorization \"(.*)\" HTTP_AUTHORIZATION=$1` to .htaccess), or the user or password is wrong (`user` is your login, not the application password's name). To tell them apart, create a new application password and try it: if it fails the same way, the header is stripped"
        ),
        _ => failure(base, status, answer),
    }
}
