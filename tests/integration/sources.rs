//! Sources from anywhere: web pages (extracted, decoded, decompressed, redirected),
//! fact sheets and feeds, fetched safely.

use std::io::Write;
use std::time::Duration;

use crate::support::{Parallax, done_events, fixture, read, read_json, scratch, write};
use testkit::web::{Reply, Web};

fn news() -> Vec<u8> {
    std::fs::read(fixture("pages/news.html")).unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn site() -> Web {
    let web = Web::start();
    web.route("/news", Reply::ok("text/html; charset=utf-8", news()));
    web.route("/latin1", Reply::ok("text/html", std::fs::read(fixture("pages/latin1.html")).unwrap()));
    web.route("/gzip", Reply::ok("text/html", gzip(&news())).header("Content-Encoding", "gzip"));
    web.route("/r1", Reply::redirect(302, "/r2"));
    web.route("/r2", Reply::redirect(301, "/news"));
    web
}

/// The JSON of an article drafted from the page at `path` (extractive, private
/// addresses allowed), and the folder it was written in.
fn draft_json(web: &Web, path: &str) -> (serde_json::Value, crate::support::Scratch) {
    let dir = scratch();
    Parallax::new(&dir).draft([&web.url(path), "--allow-private", "-o", "a.json"]).succeeds();
    (read_json(dir.join("a.json")), dir)
}

#[test]
fn a_news_page_yields_its_article_without_the_boilerplate() {
    let web = site();
    for path in ["/news", "/gzip", "/r1"] {
        let (v, dir) = draft_json(&web, path);
        let s = &v["sources"][0];
        assert_eq!(s["title"], "Council approves $1.2 billion budget after late-night session", "{path}");
        assert_eq!(s["published"], "2026-03-04", "{path}");
        assert_eq!(s["publisher"], "The Harbour Gazette", "{path}");
        assert_eq!(s["url"], web.url(path));
        let text = v.to_string();
        assert!(
            text.contains("The city council approved a budget of $1.2 billion on March 3"),
            "{path}: main text"
        );
        for junk in [
            "Refinance your mortgage",
            "Ten best brunch",
            "harbourfan99",
            "Cookie settings",
            "Subscribe today",
        ] {
            assert!(!text.contains(junk), "{path}: boilerplate `{junk}` kept");
        }
        let p: serde_json::Value = read_json(dir.join("a.provenance.json"));
        assert_eq!(p["sources"][0]["url"], web.url(path));
        assert!(
            p["sources"][0]["fetched"].as_str().unwrap().starts_with("20"),
            "fetch time kept: {}",
            p["sources"][0]
        );
    }
    assert_eq!(web.hits("/r2"), 1, "the chain was followed hop by hop");
}

#[test]
fn a_page_in_another_charset_is_decoded() {
    let web = site();
    let (v, _dir) = draft_json(&web, "/latin1");
    assert_eq!(v["sources"][0]["title"], "Zürcher Gemeinderat genehmigt Budget");
    let text = v.to_string();
    assert!(text.contains("Gemeinderat von Zürich") && text.contains("Café"), "{text}");
    assert!(!text.contains("Datenschutz"));
}

#[test]
fn loopback_is_refused_before_any_request_unless_allowed() {
    let web = site();
    for host in ["127.0.0.1", "localhost"] {
        let url = format!("http://{host}:{}/news", web.addr.port());
        let r = Parallax::scratch().draft([&url]).fails_with(2);
        let line = r.error_line();
        assert!(line.contains(&url) && line.contains("loopback") && line.contains("refused"), "{line}");
    }
    assert_eq!(web.total_hits(), 0, "no request was sent");
    draft_json(&web, "/news");
    assert_eq!(web.hits("/news"), 1);
}

#[test]
fn a_redirect_to_a_private_address_is_refused_before_it_is_followed() {
    let inner = Web::start();
    inner.route("/secret", Reply::ok("text/plain", "internal data"));
    let outer = Web::start();
    outer.route("/go", Reply::redirect(302, &format!("http://localhost:{}/secret", inner.addr.port())));
    let dir = scratch();
    let config = format!("[fetch]\nallow = [\"127.0.0.1:{}\"]\n", outer.addr.port());
    write(dir.join("parallax.toml"), config);
    let r = Parallax::new(&dir).draft([&outer.url("/go")]).fails_with(2);
    assert!(r.stderr.contains("localhost") && r.stderr.contains("loopback"), "{}", r.stderr);
    assert_eq!(outer.hits("/go"), 1);
    assert_eq!(inner.total_hits(), 0, "the redirect target got no request");
}

#[test]
fn oversized_and_slow_bodies_are_cut_off() {
    let web = site();
    web.route("/big", Reply::ok("text/plain", vec![b'a'; 300_000]));
    web.route(
        "/slow",
        Reply { drip: Some(Duration::from_millis(300)), ..Reply::ok("text/plain", "slow text ".repeat(20)) },
    );
    let dir = scratch();
    let config = "[fetch]\nallow_private = true\nmax_bytes = 100000\ntimeout = \"1500ms\"\n";
    write(dir.join("parallax.toml"), config);
    let r = Parallax::new(&dir).draft([&web.url("/big")]).fails_with(1);
    assert!(r.stderr.contains("larger than the 100000-byte limit"), "{}", r.stderr);
    let r = Parallax::new(&dir).draft([&web.url("/slow")]).fails_with(1);
    assert!(r.stderr.contains("no complete answer within 1.5 s"), "{}", r.stderr);
}

#[test]
fn fetched_pages_are_cached_and_refresh_asks_again() {
    let dir = scratch();
    let web = site();
    let draft =
        |extra: &[&str]| Parallax::new(&dir).draft([&web.url("/news"), "--allow-private"]).args(extra);
    draft(&[]).succeeds();
    draft(&[]).succeeds();
    assert_eq!(web.hits("/news"), 1, "the rerun did not fetch again");
    draft(&["--refresh"]).succeeds();
    assert_eq!(web.hits("/news"), 2);
}

#[test]
fn refused_content_types_and_schemes_say_why() {
    let web = site();
    web.route("/doc.pdf", Reply::ok("application/pdf", "%PDF-1.4"));
    web.route("/img", Reply::ok("image/png", "x"));
    for (url, why) in [
        (web.url("/doc.pdf"), "PDF sources are not supported"),
        (web.url("/img"), "content type `image/png`"),
        (format!("http://user:pw@127.0.0.1:{}/news", web.addr.port()), "credentials"),
    ] {
        let r = Parallax::scratch().draft([&url, "--allow-private"]).run();
        assert_eq!(r.code, 2, "{url}: {}", r.stderr);
        assert!(r.stderr.contains(why), "{url}: {}", r.stderr);
    }
}

#[test]
fn fact_sheets_and_feeds() {
    let dir = scratch();
    Parallax::new(&dir)
        .draft([&fixture("pages/tariffs.yaml"), "--persona", "ledger", "-o", "t.json"])
        .succeeds();
    let v: serde_json::Value = read_json(dir.join("t.json"));
    let stated: Vec<&str> = v["perspectives"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["stated"] == true)
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(stated, ["member-states", "brussels", "china"], "each fact's side is kept");

    let web = site();
    let feed = read(fixture("pages/feed.xml"))
        .replace("LINK_NEWS", &web.url("/news"))
        .replace("LINK_LATIN1", &web.url("/latin1"));
    web.route("/feed.xml", Reply::ok("application/rss+xml", feed));
    let r = Parallax::new(&dir)
        .batch([&web.url("/feed.xml"), "--out", "out", "--allow-private", "--json"])
        .succeeds();
    assert_eq!(done_events(&r.stdout), 3, "{}", r.stdout);
    assert_eq!((web.hits("/news"), web.hits("/latin1")), (1, 1));
}

#[test]
fn a_batch_manifest_with_urls_runs_end_to_end() {
    let web = site();
    let dir = scratch();
    let lines = [
        serde_json::json!({"id": "news", "source": web.url("/news")}).to_string(),
        serde_json::json!({"id": "zurich", "sources": [web.url("/latin1"), web.url("/gzip")]}).to_string(),
    ];
    write(dir.join("m.jsonl"), lines.join("\n"));
    Parallax::new(&dir).batch(["m.jsonl", "--out", "out", "--allow-private"]).succeeds();
    let md = read(dir.join("out/zurich.md"));
    assert!(md.contains(&web.url("/latin1")) && md.contains(&web.url("/gzip")), "{md}");
    let hits = web.total_hits();
    Parallax::new(&dir).batch(["m.jsonl", "--out", "out2", "--allow-private"]).succeeds();
    assert_eq!(web.total_hits(), hits, "cached pages need no fetch");
    // A page fetched under the allowance is not served to a run without it.
    Parallax::new(&dir).batch(["m.jsonl", "--out", "out3"]).fails_with(1);
    assert_eq!(web.total_hits(), hits);
}
