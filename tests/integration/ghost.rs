//! Publishing to Ghost through the real binary, against a replay of its Admin
//! API on 127.0.0.1 that checks every token as Ghost does (HS256 with the
//! key's secret, `kid` the key's id, `aud` `/admin/`, at most five minutes,
//! not expired) and every edit's `updated_at`: approved stories become draft
//! posts once, a second run sends nothing, an edit updates its post in place
//! (a collision read again and retried once), no newsletter is ever named, and
//! a key in the wrong form or with the wrong secret is one line and exit 2.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use base64::Engine;
use hmac::Mac;
use serde_json::{Value, json};

use crate::support::{Parallax, example, kcna, read, scratch, write, write_jsonl};

const KEY_ID: &str = "6489b2ba3b7d0c0001d1b7a2";
const SECRET: &str = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

/// The replay's state: posts by id, and what it saw.
#[derive(Default)]
struct State {
    posts: HashMap<String, Value>,
    requests: Vec<String>,
    /// Someone else saves the post just before the next edit arrives.
    collide: bool,
    clock: u64,
}

fn b64(s: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(s).ok()
}

/// Whether `auth` is `Ghost <token>` signed and scoped as Ghost requires.
fn valid(auth: &str) -> bool {
    let Some(token) = auth.strip_prefix("Ghost ") else { return false };
    let parts: Vec<&str> = token.split('.').collect();
    let [head, claims, sig] = parts[..] else { return false };
    let json = |p: &str| b64(p).and_then(|b| serde_json::from_slice::<Value>(&b).ok()).unwrap_or_default();
    let (h, c) = (json(head), json(claims));
    let secret: Vec<u8> =
        (0..SECRET.len()).step_by(2).map(|i| u8::from_str_radix(&SECRET[i..i + 2], 16).unwrap()).collect();
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&secret).unwrap();
    mac.update(format!("{head}.{claims}").as_bytes());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let (iat, exp) = (c["iat"].as_u64().unwrap_or(0), c["exp"].as_u64().unwrap_or(0));
    h["alg"] == "HS256"
        && h["kid"] == KEY_ID
        && c["aud"] == "/admin/"
        && exp > now
        && exp.saturating_sub(iat) <= 300
        && b64(sig).is_some_and(|s| mac.verify_slice(&s).is_ok())
}

fn reply(stream: &mut std::net::TcpStream, status: u16, body: &Value) {
    let body = body.to_string();
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

fn handle(mut stream: std::net::TcpStream, state: &Mutex<State>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap_or(0);
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
    let (mut auth, mut length) = (String::new(), 0usize);
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            match k.to_ascii_lowercase().as_str() {
                "authorization" => auth = v.trim().to_string(),
                "content-length" => length = v.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap_or(());
    let body: Value = serde_json::from_slice(&body).unwrap_or_default();
    let mut s = state.lock().unwrap();
    s.requests.push(format!("{method} {target}"));
    if !valid(&auth) {
        return reply(
            &mut stream,
            401,
            &json!({"errors": [{"type": "UnauthorizedError", "message": "Invalid token"}]}),
        );
    }
    let path = target.split('?').next().unwrap_or("");
    let id = path.trim_start_matches("/ghost/api/admin/posts/").trim_end_matches('/').to_string();
    s.clock += 1;
    let stamp = format!("2026-12-07T10:00:{:02}.000Z", s.clock % 60);
    match (method.as_str(), id.is_empty()) {
        ("GET", true) => reply(&mut stream, 200, &json!({"posts": []})),
        ("GET", false) => match s.posts.get(&id) {
            Some(p) => reply(&mut stream, 200, &json!({"posts": [p]})),
            None => reply(
                &mut stream,
                404,
                &json!({"errors": [{"type": "NotFoundError", "message": "Post not found."}]}),
            ),
        },
        ("POST", true) => {
            let mut post = body["posts"][0].clone();
            let id = format!("{:024x}", s.posts.len() + 1);
            post["id"] = json!(id);
            post["url"] = json!(format!("http://ghost.test/{}/", post["slug"].as_str().unwrap_or("")));
            post["updated_at"] = json!(stamp);
            s.posts.insert(id, post.clone());
            reply(&mut stream, 201, &json!({"posts": [post]}))
        }
        ("PUT", false) => {
            if s.collide {
                s.collide = false;
                if let Some(p) = s.posts.get_mut(&id) {
                    p["updated_at"] = json!("2026-12-07T09:59:59.000Z");
                }
            }
            let Some(current) = s.posts.get(&id).cloned() else {
                return reply(&mut stream, 404, &json!({"errors": [{"type": "NotFoundError"}]}));
            };
            let sent = &body["posts"][0];
            if sent["updated_at"] != current["updated_at"] {
                return reply(
                    &mut stream,
                    409,
                    &json!({"errors": [{"type": "UpdateCollisionError", "message": "Saving failed! Someone else is editing this post."}]}),
                );
            }
            let mut post = sent.clone();
            post["id"] = json!(id);
            post["url"] = current["url"].clone();
            post["updated_at"] = json!(stamp);
            s.posts.insert(id, post.clone());
            reply(&mut stream, 200, &json!({"posts": [post]}))
        }
        _ => reply(&mut stream, 404, &json!({"errors": [{"type": "NotFoundError"}]})),
    }
}

fn replay() -> (String, Arc<Mutex<State>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let state = Arc::new(Mutex::new(State::default()));
    let shared = state.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            handle(stream, &shared);
        }
    });
    (url, state)
}

#[test]
fn approved_stories_become_ghost_drafts_once_then_update_in_place() {
    let (url, state) = replay();
    let dir = scratch();
    let lines = [
        json!({"id": "kim", "source": kcna()}),
        json!({"id": "chips", "source": example("chip-export-controls.md")}),
        json!({"id": "eu", "source": example("eu-trade-defence.md")}),
    ];
    write_jsonl(dir.join("stories.jsonl"), lines);
    Parallax::new(&dir).batch(["stories.jsonl", "--out", "out", "--allow-outside"]).succeeds();
    write(
        dir.join("parallax.toml"),
        format!("[publish.ghost]\nkind = \"ghost\"\nurl = \"{url}\"\nallow_http = true\ntags = [\"Asia\"]\n"),
    );
    Parallax::new(&dir).review(["out", "--approve", "kim", "chips"]).succeeds();
    let key = format!("{KEY_ID}:{SECRET}");
    let publish = |key: &str| {
        Parallax::new(&dir)
            .args(["publish", "out", "--to", "ghost", "--json"])
            .env("GHOST_ADMIN_API_KEY", key)
    };

    // A key in the wrong form, and one with another secret: one line, exit 2.
    let r = publish("just-a-content-key").fails_with(2);
    assert!(r.stderr.contains("id:secret") && r.stderr.trim().lines().count() == 1, "{}", r.stderr);
    let other = format!("{KEY_ID}:{}", "00".repeat(32));
    let r = publish(&other).fails_with(2);
    assert!(
        r.stderr.contains("does not accept the Admin API key") && !r.stderr.contains("0000"),
        "{}",
        r.stderr
    );
    assert!(state.lock().unwrap().posts.is_empty());

    let results = |r: crate::support::Run| -> Vec<String> {
        r.json_lines()
            .iter()
            .map(|o| format!("{} {}", o["id"].as_str().unwrap(), o["result"].as_str().unwrap()))
            .collect()
    };
    assert_eq!(results(publish(&key).succeeds()), ["chips published", "kim published"]);
    {
        let s = state.lock().unwrap();
        assert_eq!(s.posts.len(), 2);
        for p in s.posts.values() {
            assert_eq!(p["status"], "draft");
            assert_eq!(p["tags"][0]["name"], "Asia");
            let html = p["html"].as_str().unwrap();
            assert!(html.starts_with("<!--kg-card-begin: html-->") && html.contains("<h2"), "{html}");
            assert!(!html.contains("<!-- wp:"), "plain HTML, not WordPress blocks");
        }
    }
    // Again: nothing sent but the reads.
    assert_eq!(results(publish(&key).succeeds()), ["chips unchanged", "kim unchanged"]);
    // An edit, re-approved: its post updated in place, a collision retried once.
    let md = dir.join("out/kim.md");
    write(&md, format!("{}\nAn editor's line.\n", read(&md)));
    Parallax::new(&dir).review(["out", "--approve", "kim"]).succeeds();
    state.lock().unwrap().collide = true;
    assert_eq!(results(publish(&key).succeeds()), ["chips unchanged", "kim updated"]);
    {
        let s = state.lock().unwrap();
        assert_eq!(s.posts.len(), 2, "never a second post");
        assert_eq!(s.requests.iter().filter(|r| r.starts_with("PUT")).count(), 2, "{:#?}", s.requests);
    }
    // A post deleted at the site is reported, never recreated.
    state.lock().unwrap().posts.retain(|_, p| p["slug"] != "chips");
    assert_eq!(results(publish(&key).succeeds()), ["chips missing", "kim unchanged"]);
    let s = state.lock().unwrap();
    assert_eq!(s.posts.len(), 1);
    assert!(s.requests.iter().all(|r| !r.contains("newsletter")), "{:#?}", s.requests);
    assert!(!read(dir.join("out/published.jsonl")).contains(SECRET));
}
