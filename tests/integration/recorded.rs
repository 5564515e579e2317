//! Every built-in channel, answered from recordings written in the formats its
//! office publishes (`tests/fixtures/channels/`) and served from 127.0.0.1:
//! the channel files are the shipped ones with only their addresses moved
//! here. The gather keeps each side's item on the topic, and the offline draft
//! of the pack gives each side a position from its spokesperson's turns, never
//! from a reporter's question.

use crate::support::{Parallax, read_json, root, scratch, write};
use testkit::web::{Reply, Web};

/// The pages a channel's items link to: a path of the server, and the
/// recording served there.
type Pages = &'static [(&'static str, &'static str)];

/// Each built-in channel: its listing's recording and type, and its pages.
const RECORDED: &[(&str, &str, &str, Pages)] = &[
    ("us-state-briefings", "us-state-briefings.json", "application/json", &[]),
    ("us-state-releases", "us-state-releases.json", "application/json; charset=UTF-8", &[]),
    (
        "cn-mfa-briefings-en",
        "cn-mfa-briefings-en.xml",
        "application/rss+xml",
        &[("/eng/xw/fyrbt/lxjzh/202612/t20261207_1.html", "cn-mfa-briefings-en.html")],
    ),
    (
        "cn-mfa-briefings-zh",
        "cn-mfa-briefings-zh.xml",
        "application/rss+xml",
        &[("/web/wjdt_674879/fyrbt_674889/202612/t20261207_1.shtml", "cn-mfa-briefings-zh.html")],
    ),
    (
        "cn-mfa-conferences-en",
        "cn-mfa-conferences-en.list.html",
        "text/html; charset=utf-8",
        &[("/cn-mfa-conferences-en/202612/t20261207_11111111.html", "cn-mfa-conferences-en.html")],
    ),
    (
        "cn-mfa-conferences-zh",
        "cn-mfa-conferences-zh.list.html",
        "text/html; charset=utf-8",
        &[("/cn-mfa-conferences-zh/202612/t20261207_22222222.shtml", "cn-mfa-conferences-zh.html")],
    ),
    (
        "jp-kantei",
        "jp-kantei.rdf",
        "application/rdf+xml",
        &[("/jp/tyoukanpress/202612/7_a.html", "jp-kantei.html")],
    ),
    (
        "jp-mofa",
        "jp-mofa.xml",
        "application/rss+xml",
        &[("/mofaj/press/kaiken/kaiken4_000319.html", "jp-mofa.html")],
    ),
    // Korea's foreign ministry carries each briefing whole in its feed.
    ("kr-mofa-briefings", "kr-mofa-briefings.xml", "application/rss+xml", &[]),
    ("kr-mofa-releases-en", "kr-mofa-releases-en.xml", "application/rss+xml", &[]),
    (
        "kr-korea-kr",
        "kr-korea-kr.xml",
        "application/rss+xml",
        &[("/briefing/presidentView.do?newsId=1", "kr-korea-kr.html")],
    ),
];

fn recording(name: &str, base: &str) -> String {
    let now = jiff::Timestamp::now();
    let text = std::fs::read_to_string(root().join("tests/fixtures/channels").join(name)).unwrap();
    text.replace("{BASE}", base)
        .replace("{NOW_WP}", &now.strftime("%Y-%m-%dT%H:%M:%S").to_string())
        .replace("{NOW_RFC2822}", &now.strftime("%a, %d %b %Y %H:%M:%S +0000").to_string())
        .replace("{NOW}", &now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

#[test]
fn every_built_in_channel_gathers_from_its_recording_into_a_pack_that_drafts() {
    let web = Web::start();
    let base = web.url("").trim_end_matches('/').to_string();
    let dir = scratch();
    std::fs::create_dir_all(dir.join("channels")).unwrap();
    let shipped: Vec<_> = std::fs::read_dir(root().join("channels"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(shipped.len(), RECORDED.len(), "a recording for every shipped channel");
    for path in &shipped {
        let text = std::fs::read_to_string(path).unwrap();
        let id = path.file_stem().unwrap().to_str().unwrap();
        let (_, listing, kind, pages) =
            RECORDED.iter().find(|r| r.0 == id).unwrap_or_else(|| panic!("no recording for {id}"));
        let listed = format!("/{id}/");
        web.route(&listed, Reply::ok(kind, recording(listing, &base)));
        for (at, page) in *pages {
            web.route(at, Reply::ok("text/html; charset=utf-8", recording(page, &base)));
        }
        // The shipped file, its address moved here and its pace shortened.
        let moved: String = text
            .lines()
            .map(|l| {
                if l.starts_with("url = ") {
                    format!("url = \"{base}{listed}\"\npace = \"0s\"")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        write(dir.join("channels").join(path.file_name().unwrap()), moved + "\n");
    }
    let r = Parallax::new(&dir)
        .args(["gather", "--persona", "prism", "--topic", "senkaku", "--since", "2d", "-o", "pack"])
        .args(["--allow-private", "--json"])
        .succeeds();
    let pack = read_json(dir.join("pack/pack.json"));
    let items = pack["items"].as_array().unwrap();
    for (id, ..) in RECORDED {
        assert!(items.iter().any(|i| i["channel"] == *id), "{id} gave no item: {pack}\n{}", r.stderr);
    }
    assert!(
        !items.iter().any(|i| i["title"].as_str().unwrap().contains("December 6")),
        "an item off the topic is left out"
    );
    let draft = Parallax::new(&dir)
        .args(["draft", "pack/", "--persona", "prism", "--format", "json", "-o", "-"])
        .succeeds();
    let article: serde_json::Value = draft.json();
    // What each side's offices said (any of it may be its position), and what
    // a reporter asked it.
    let answers: [(&str, &[&str], &str); 4] = [
        ("united-states", &["status quo", "is concerned by"], "are Chinese"),
        ("china", &["inherent territory", "固有领土"], "comment"),
        ("japan", &["固有の領土", "厳重に抗議"], "受け止め"),
        ("south-korea", &["예의주시", "면밀히 주시", "closely following"], "무엇입니까"),
    ];
    let sides = article["perspectives"].as_array().unwrap();
    for (side, said, asked) in answers {
        let p = sides.iter().find(|p| p["id"] == side).unwrap();
        assert_eq!(p["stated"], true, "{side}: {p}");
        let position = p["position"]["text"].as_str().unwrap();
        assert!(said.iter().any(|s| position.contains(s)), "{side}: {position}");
        assert!(!p.to_string().contains(asked), "{side}: a reporter's question in its section: {p}");
    }
    // A gathered item quoted in another language says so beside it; one in
    // the article's own language does not.
    for source in article["sources"].as_array().unwrap() {
        let foreign = source["title"].as_str().unwrap().chars().any(|c| !c.is_ascii() && c.is_alphabetic());
        let marked = source["provenance"].to_string().contains("in translation");
        assert_eq!(marked, foreign, "{source}");
    }
    // Neither a question nor a line that only leads into a statement opens it.
    let opening = format!("{} {}", article["lede"]["text"], article["deck"]);
    assert!(!opening.contains('?') && !opening.trim_end().ends_with(':'), "{opening}");
}
