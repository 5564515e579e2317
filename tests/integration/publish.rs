//! Publishing a batch folder to a static site through the real binary: only
//! approved stories whose approval is current, each once; a second run writes
//! nothing; an edited and re-approved story is updated in place; a page deleted
//! at the target is reported, not recreated; and a source's text that looks
//! like a generator's shortcode stays text.

use serde_json::{Value, json};

use crate::support::{Parallax, example, files, kcna, read, scratch, write, write_jsonl};

/// An offline batch of three stories in `dir/out`, and a Hugo target.
fn setup(dir: &std::path::Path) {
    let hostile = dir.join("hostile.md");
    write(
        &hostile,
        "---\ntitle: Shortcodes\n---\nSeoul's foreign ministry said the talks \"{{< embed >}} must go on {% raw %} now\".\n",
    );
    let lines = [
        json!({"id": "kim", "source": kcna()}),
        json!({"id": "chips", "source": example("chip-export-controls.md")}),
        json!({"id": "odd", "source": hostile.display().to_string()}),
    ];
    write_jsonl(dir.join("stories.jsonl"), lines);
    Parallax::new(dir).batch(["stories.jsonl", "--out", "out", "--allow-outside"]).succeeds();
    write(dir.join("parallax.toml"), "[publish.site]\nkind = \"hugo\"\ndir = \"site/content/news\"\n");
}

fn publish(dir: &std::path::Path, extra: &[&str]) -> Vec<Value> {
    let r = Parallax::new(dir).args(["publish", "out", "--to", "site", "--json"]).args(extra).succeeds();
    r.json_lines()
}

fn results(out: &[Value]) -> Vec<(String, String)> {
    out.iter()
        .map(|o| (o["id"].as_str().unwrap().to_string(), o["result"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn approved_stories_go_out_once_then_in_place() {
    let dir = scratch();
    setup(&dir);
    // Nothing approved: nothing published.
    assert!(publish(&dir, &[]).is_empty());
    Parallax::new(&dir).review(["out", "--approve", "kim", "odd"]).succeeds();
    let first = publish(&dir, &[]);
    assert_eq!(results(&first), [("kim".into(), "published".into()), ("odd".into(), "published".into())]);
    let pages = files(dir.join("site/content/news"), "*/index.md");
    assert_eq!(pages.len(), 2, "{pages:?}");
    let kim = read(dir.join("site/content/news/kim/index.md"));
    assert!(kim.starts_with("+++\ntitle = ") && kim.contains("draft = false"), "{kim}");
    assert_eq!(read(dir.join("out/published.jsonl")).lines().count(), 2);

    // Again: nothing changes, nothing is written.
    let again = publish(&dir, &[]);
    assert!(again.iter().all(|o| o["result"] == "unchanged"), "{again:?}");
    assert_eq!(read(dir.join("out/published.jsonl")).lines().count(), 2);

    // The desk says where each story went.
    let desk = |id: &str| {
        let rows = Parallax::new(&dir).review(["out", "--json"]).succeeds().json_lines();
        rows.into_iter().find(|r| r["id"] == id).unwrap()["published"].clone()
    };
    assert_eq!(desk("kim")[0]["target"], "site");
    assert_eq!(desk("kim")[0]["stale"], false);
    assert!(desk("chips").is_null());

    // An edit makes the approval stale: the story waits for a new approval,
    // and the desk says the published page is behind.
    let md = dir.join("out/kim.md");
    write(&md, format!("{}\nAn editor's line.\n", read(&md)));
    assert_eq!(desk("kim")[0]["stale"], true);
    let stale = publish(&dir, &[]);
    assert_eq!(results(&stale), [("odd".into(), "unchanged".into())]);
    Parallax::new(&dir).review(["out", "--approve", "kim"]).succeeds();
    let updated = publish(&dir, &[]);
    assert!(results(&updated).contains(&("kim".into(), "updated".into())), "{updated:?}");
    assert!(read(dir.join("site/content/news/kim/index.md")).contains("An editor's line."));
    assert_eq!(desk("kim")[0]["stale"], false);
    assert_eq!(files(dir.join("site/content/news"), "*/index.md").len(), 2);

    // A page deleted at the target is reported, not recreated.
    std::fs::remove_dir_all(dir.join("site/content/news/odd")).unwrap();
    let missing = publish(&dir, &[]);
    assert!(results(&missing).contains(&("odd".into(), "missing".into())), "{missing:?}");
    assert!(!dir.join("site/content/news/odd").exists());

    // `--all` sends the unapproved story as a draft; `--dry-run` writes nothing.
    let dry = publish(&dir, &["--all", "--dry-run"]);
    assert!(results(&dry).contains(&("chips".into(), "would publish".into())), "{dry:?}");
    assert!(!dir.join("site/content/news/chips").exists());
    publish(&dir, &["--all"]);
    assert!(read(dir.join("site/content/news/chips/index.md")).contains("draft = true"));
}

#[test]
fn a_shortcode_in_a_source_stays_text() {
    let dir = scratch();
    setup(&dir);
    Parallax::new(&dir).review(["out", "--approve", "odd"]).succeeds();
    publish(&dir, &[]);
    let page = read(dir.join("site/content/news/odd/index.md"));
    // Front matter is data a generator never runs; the body is what it would.
    let body = page.splitn(3, "+++\n").nth(2).unwrap();
    assert!(body.contains("embed") && body.contains("raw"), "{page}");
    assert!(!body.contains("{{") && !body.contains("{%"), "{page}");
}

#[test]
fn an_unknown_target_is_one_line_naming_the_known_ones() {
    let dir = scratch();
    setup(&dir);
    let r = Parallax::new(&dir).args(["publish", "out", "--to", "cms"]).fails_with(2);
    assert!(r.stderr.contains("no publishing target `cms`") && r.stderr.contains("site"), "{}", r.stderr);
}

#[test]
fn hugo_itself_builds_the_bundles_into_pages_with_every_section() {
    let dir = scratch();
    setup(&dir);
    Parallax::new(&dir).review(["out", "--approve", "kim", "chips"]).succeeds();
    publish(&dir, &[]);
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("layouts/_default")).unwrap();
    write(site.join("hugo.toml"), "baseURL = \"http://127.0.0.1/\"\ntitle = \"desk\"\n");
    write(site.join("layouts/_default/single.html"), "<h1>{{ .Title }}</h1>{{ .Content }}");
    write(site.join("layouts/_default/list.html"), "{{ range .Pages }}{{ .Title }}{{ end }}");
    let built = std::process::Command::new("hugo")
        .arg("--quiet")
        .current_dir(&site)
        .output()
        .expect("hugo (Debian's `hugo` package; scripts/test installs it)");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    for id in ["kim", "chips"] {
        let page = read(site.join(format!("public/news/{id}/index.html")));
        let article: Value = serde_json::from_str(&read(dir.join(format!("out/{id}.json")))).unwrap();
        assert!(page.contains("<h1>"), "{page}");
        for p in article["perspectives"].as_array().unwrap() {
            let label = p["label"].as_str().unwrap();
            assert!(page.contains(label), "{id}: {label} missing from the built page");
        }
        assert!(page.contains("Sources"), "{id}");
    }
}

#[test]
fn preflight_checks_the_site_and_writes_nothing() {
    let dir = scratch();
    setup(&dir);
    let check = || Parallax::new(&dir).args(["publish", "out", "--to", "site", "--check"]);
    // No Hugo site around the content folder yet.
    let r = check().fails_with(2);
    assert!(r.stderr.contains("hugo.toml") && r.stderr.contains("content folder"), "{}", r.stderr);
    std::fs::create_dir_all(dir.join("site")).unwrap();
    write(dir.join("site/hugo.toml"), "title = \"desk\"\n");
    let ok = check().succeeds();
    assert!(ok.stdout.contains("ok") && ok.stdout.contains("nothing was written"), "{}", ok.stdout);
    assert!(!dir.join("site/content").exists());
    assert!(!dir.join("out/published.jsonl").exists());
    // A folder that cannot be written is refused with the fix.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.join("site"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let r = check().fails_with(2);
    std::fs::set_permissions(dir.join("site"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(r.stderr.contains("cannot be written"), "{}", r.stderr);
}
