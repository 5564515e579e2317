//! Channels of every kind and their health, through the real binary against
//! servers on 127.0.0.1: a WordPress collection, a sitemap and an HTML listing
//! read into a pack; a live check that names each way a channel fails.

use std::time::SystemTime;

use crate::gather::{TOKYO, channel, rss};
use crate::support::{Parallax, read, read_json, scratch, write};
use testkit::web::{Reply, Web};

#[test]
fn a_live_check_asks_each_channel_once() {
    let web = Web::start();
    let now = SystemTime::now();
    web.route("/ok.xml", Reply::ok("application/atom+xml", rss(&[("Briefing", &web.url("/b"), now)])));
    web.route("/moved.xml", Reply::ok("text/html", "<html><body>We moved</body></html>"));
    let dir = scratch();
    channel(&dir, "ok-test", "china", &web.url("/ok.xml"), "");
    channel(&dir, "moved-test", "japan", &web.url("/moved.xml"), "");
    let r = Parallax::new(&dir)
        .args(["channels", "check", "--live", "--allow-private", "--json"])
        .args(["channels/ok-test.toml", "channels/moved-test.toml"])
        .fails_with(1);
    let lines = r.json_lines();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    let ok = lines.iter().find(|l| l["channel"] == "ok-test").unwrap();
    assert_eq!(ok["ok"], true);
    assert_eq!(ok["items"], 1);
    let moved = lines.iter().find(|l| l["channel"] == "moved-test").unwrap();
    assert_eq!(moved["ok"], false);
    assert!(moved["problem"].as_str().unwrap().contains("not a feed"), "{moved}");
    assert!(r.stderr.contains("1 of 2 channel(s)"), "{}", r.stderr);
    assert_eq!(web.hits("/ok.xml"), 1);
}

/// A channel file of any kind, with its extra lines (selectors).
fn channel_of(dir: &std::path::Path, id: &str, side: &str, kind: &str, url: &str, extra: &str) {
    std::fs::create_dir_all(dir.join("channels")).unwrap();
    write(
        dir.join(format!("channels/{id}.toml")),
        format!(
            "id = \"{id}\"\nside = \"{side}\"\noffice = \"Office of {side}\"\nlanguage = \"en\"\nkind = \"{kind}\"\nurl = \"{url}\"\nformat = \"statement\"\nlicence = \"Licence of {side}\"\nattribution = \"Office of {side}\"\npace = \"0s\"\n{extra}"
        ),
    );
}

#[test]
fn wordpress_sitemap_and_html_listing_channels_are_read() {
    let web = Web::start();
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    let stamp = jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%S").to_string();
    // WordPress: the posts carry their bodies; no page is fetched for them.
    let posts = serde_json::json!([
        {"link": web.url("/us/senkaku-statement/"), "date_gmt": stamp,
         "title": {"rendered": "Statement on the Senkaku Islands &#8211; Spokesperson"},
         "content": {"rendered": "<p>The Spokesperson said the United States opposes any unilateral action near the Senkaku Islands.</p><p>Our commitment is firm.</p>"}},
        {"link": web.url("/us/weather/"), "date_gmt": stamp,
         "title": {"rendered": "On the weather"}, "content": {"rendered": "<p>Rain today.</p>"}}
    ]);
    web.route("/wp-json/wp/v2/posts", Reply::ok("application/json", posts.to_string()));
    // A sitemap: addresses and their last changes.
    web.route(
        "/kr/sitemap.xml",
        Reply::ok(
            "application/xml",
            format!(
                "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>{}</loc><lastmod>{today}</lastmod></url><url><loc>{}</loc><lastmod>2001-01-01</lastmod></url></urlset>",
                web.url("/kr/briefing"),
                web.url("/kr/ancient")
            ),
        ),
    );
    web.route(
        "/kr/briefing",
        Reply::ok(
            "text/plain; charset=utf-8",
            "The foreign ministry said Seoul is watching the Senkaku Islands dispute closely.\n",
        ),
    );
    web.route("/kr/ancient", Reply::ok("text/plain; charset=utf-8", "Senkaku Islands, long ago.\n"));
    // An HTML listing: items by the link selector, their text by the body selector.
    web.route(
        "/jp/list.html",
        Reply::ok(
            "text/html; charset=utf-8",
            "<html><body><nav><a href=\"/jp/about\">About</a></nav><main><a class=\"item\" href=\"/jp/press\">Press conference</a></main></body></html>",
        ),
    );
    web.route(
        "/jp/press",
        Reply::ok(
            "text/html; charset=utf-8",
            "<html><body><nav>Menu Senkaku Islands Home</nav><div class=\"content\"><p>The Chief Cabinet Secretary said Japan protested over ships near the Senkaku Islands.</p></div></body></html>",
        ),
    );
    let dir = scratch();
    channel_of(&dir, "us-wp", "united-states", "wordpress", &web.url("/wp-json/wp/v2/posts"), "");
    channel_of(&dir, "kr-map", "south-korea", "sitemap", &web.url("/kr/sitemap.xml"), "");
    channel_of(
        &dir,
        "jp-list",
        "japan",
        "html",
        &web.url("/jp/list.html"),
        "links = \"main a.item\"\nbody = \"div.content\"\n",
    );
    let r = Parallax::new(&dir)
        .args(["gather", "--persona", "prism", "--topic", "senkaku", "--since", "7d", "-o", "pack"])
        .args(["--channels", "channels", "--allow-private", "--json"])
        .args(["--channel", "us-wp", "--channel", "kr-map", "--channel", "jp-list"])
        .succeeds();
    let pack = read_json(dir.join("pack/pack.json"));
    for side in ["united-states", "south-korea", "japan"] {
        assert_eq!(pack["sides"][side], 1, "{side}: {pack}\n{}", r.stderr);
    }
    assert_eq!(web.hits("/us/senkaku-statement/"), 0, "a WordPress post's body comes with the collection");
    assert_eq!(web.hits("/kr/ancient"), 0, "an item older than --since is not fetched");
    assert_eq!(web.hits("/jp/about"), 0, "only the links the selector picks");
    let items = pack["items"].as_array().unwrap();
    let text_of = |side: &str| {
        let item = items.iter().find(|i| i["side"] == side).unwrap();
        read(dir.join("pack").join(item["file"].as_str().unwrap()))
    };
    let us = text_of("united-states");
    assert!(
        us.contains("opposes any unilateral action")
            && us.contains("Statement on the Senkaku Islands – Spokesperson"),
        "{us}"
    );
    let jp = text_of("japan");
    assert!(jp.contains("Japan protested") && !jp.contains("Menu"), "the body selector's text only: {jp}");
}

#[test]
fn a_live_check_names_each_way_a_channel_fails_and_the_healthy_are_still_gathered() {
    let web = Web::start();
    let now = SystemTime::now();
    web.route(
        "/ok.xml",
        Reply::ok("application/atom+xml", rss(&[("Protest", &web.url("/jp/statement"), now)])),
    );
    web.route("/jp/statement", Reply::ok("text/plain; charset=utf-8", TOKYO));
    web.route("/refused.xml", Reply { status: 403, ..Reply::default() });
    web.route("/busy.xml", Reply { status: 429, ..Reply::default() }.header("Retry-After", "120"));
    web.route("/html.xml", Reply::ok("text/html", "<html><body>Technical difficulties</body></html>"));
    web.route("/empty.xml", Reply::ok("application/atom+xml", rss(&[])));
    web.route("/old.xml", Reply::redirect(301, &web.url("/new.xml")));
    web.route("/new.xml", Reply::ok("application/atom+xml", rss(&[("Briefing", &web.url("/b"), now)])));
    web.route(
        "/list.html",
        Reply::ok(
            "text/html",
            "<html><body><div class=\"redesigned\"><a href=\"/x\">x</a></div></body></html>",
        ),
    );
    let dir = scratch();
    let cases = [
        ("ok", "feed", "/ok.xml", "", "ok"),
        ("refused", "feed", "/refused.xml", "", "refused"),
        ("busy", "feed", "/busy.xml", "", "refused"),
        ("html", "feed", "/html.xml", "", "not a feed"),
        ("empty", "feed", "/empty.xml", "", "empty"),
        ("moved", "feed", "/old.xml", "", "moved"),
        ("changed", "html", "/list.html", "links = \"main a.item\"\n", "format changed"),
    ];
    for (id, kind, path, extra, _) in cases {
        channel_of(&dir, id, "japan", kind, &web.url(path), extra);
    }
    let files: Vec<String> = cases.iter().map(|c| format!("channels/{}.toml", c.0)).collect();
    let r = Parallax::new(&dir)
        .args(["channels", "check", "--live", "--allow-private", "--json"])
        .args(&files)
        .fails_with(1);
    let lines = r.json_lines();
    assert_eq!(lines.len(), cases.len(), "{}", r.stdout);
    for (id, _, _, _, want) in cases {
        let line = lines.iter().find(|l| l["channel"] == id).unwrap();
        let said = if line["ok"] == true { "ok".to_string() } else { line["problem"].to_string() };
        assert!(said.contains(want), "{id}: want {want:?}, got {line}");
    }
    assert!(lines.iter().find(|l| l["channel"] == "busy").unwrap()["problem"].to_string().contains("120"));
    // A gather over all of them keeps the healthy channel's item.
    let args: Vec<String> = cases.iter().flat_map(|c| ["--channel".to_string(), c.0.to_string()]).collect();
    Parallax::new(&dir)
        .args(["gather", "--persona", "prism", "--topic", "senkaku", "--since", "7d", "-o", "pack"])
        .args(["--channels", "channels", "--allow-private", "--json"])
        .args(&args)
        .succeeds();
    let pack = read_json(dir.join("pack/pack.json"));
    assert_eq!(pack["sides"]["japan"], 1, "{pack}");
}

#[test]
fn channels_load_from_the_project_then_the_user_then_the_built_in_ones() {
    let dir = scratch();
    let user = dir.join(".config/parallax");
    // The user's own channel, and their version of a built-in one.
    channel_of(&user, "us-own", "united-states", "feed", "https://example.org/own.xml", "");
    channel_of(&user, "jp-mofa", "japan", "feed", "https://example.org/user-mofa.xml", "");
    // The project's version of that same channel comes first.
    channel_of(&dir, "jp-mofa", "japan", "feed", "https://example.org/project-mofa.xml", "");
    let lines = Parallax::new(&dir).args(["channels", "list", "--json"]).succeeds().json_lines();
    let url = |id: &str| lines.iter().find(|c| c["id"] == id).map(|c| c["url"].as_str().unwrap().to_string());
    assert_eq!(url("us-own").as_deref(), Some("https://example.org/own.xml"));
    assert_eq!(url("jp-mofa").as_deref(), Some("https://example.org/project-mofa.xml"));
    assert!(url("kr-korea-kr").is_some(), "the built-in ones after");
    assert_eq!(lines.iter().filter(|c| c["id"] == "jp-mofa").count(), 1);
}
