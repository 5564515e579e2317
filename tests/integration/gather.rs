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
