//! Publishing to a real WordPress (Debian's 6.1, started by
//! `scripts/wordpress-site` on 127.0.0.1): approved stories go out once as
//! drafts, a second run sends nothing, an edited and re-approved story updates
//! its post in place, the posts' blocks parse with WordPress's own parser with
//! no Classic block, hostile text stays text, and a wrong password is one line
//! and exit 2 with nothing published.

use serde_json::{Value, json};

use crate::support::{Parallax, example, kcna, read, root, scratch, write, write_jsonl};

/// A WordPress site for one test, stopped when dropped.
struct WordPress {
    url: String,
    password: String,
    root: String,
    pids: Vec<String>,
}

impl WordPress {
    fn start(dir: &std::path::Path) -> WordPress {
        Self::start_with(dir, &[])
    }

    fn start_with(dir: &std::path::Path, args: &[&str]) -> WordPress {
        let out = std::process::Command::new(root().join("scripts/wordpress-site"))
            .arg(dir.join("wp"))
            .args(args)
            .output()
            .expect("scripts/wordpress-site");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
        let field = |k: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}=")))
                .unwrap_or_else(|| panic!("no {k} in {text}"))
                .to_string()
        };
        WordPress {
            url: field("url"),
            password: field("password"),
            root: field("root"),
            pids: field("pids").split_whitespace().map(str::to_string).collect(),
        }
    }

    /// The site's posts of every status, as WordPress lists them.
    fn posts(&self) -> Vec<Value> {
        let out = std::process::Command::new("php")
            .current_dir(&self.root)
            .env("HTTP_HOST", self.url.trim_start_matches("http://"))
            .args(["-r", r#"$_SERVER["HTTP_HOST"] = getenv("HTTP_HOST"); require "./wp-load.php";
                $out = array();
                foreach (get_posts(array("post_status" => "any", "numberposts" => -1, "post_type" => "post")) as $p) {
                    $classic = 0;
                    foreach (parse_blocks($p->post_content) as $b) {
                        if ($b["blockName"] === null && trim($b["innerHTML"]) !== "") { $classic++; }
                    }
                    $out[] = array("id" => $p->ID, "slug" => $p->post_name, "status" => $p->post_status,
                        "title" => $p->post_title, "excerpt" => $p->post_excerpt, "content" => $p->post_content,
                        "blocks" => count(parse_blocks($p->post_content)), "classic" => $classic,
                        "categories" => wp_get_post_categories($p->ID, array("fields" => "names")));
                }
                echo json_encode($out);"#])
            .output()
            .expect("php");
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)))
    }
}

impl Drop for WordPress {
    fn drop(&mut self) {
        for pid in &self.pids {
            let _ = std::process::Command::new("kill").arg(pid).status();
        }
    }
}

/// An offline batch of five stories in `dir/out`, one of them hostile, and the
/// site as the target `blog`.
fn setup(dir: &std::path::Path, wp: &WordPress) {
    let hostile = dir.join("hostile.md");
    write(
        &hostile,
        "---\ntitle: Markup\n---\nSeoul's foreign ministry said the talks <script>alert(1)</script> must go on <!-- wp:html --><b>now</b><!-- /wp:html --> [embed]https://example.org[/embed].\n",
    );
    let lines = [
        json!({"id": "kim", "source": kcna()}),
        json!({"id": "chips", "source": example("chip-export-controls.md")}),
        json!({"id": "eu", "source": example("eu-trade-defence.md")}),
        json!({"id": "reactions", "source": example("north-korea-russia-reactions.md")}),
        json!({"id": "odd", "source": hostile.display().to_string()}),
    ];
    write_jsonl(dir.join("stories.jsonl"), lines);
    Parallax::new(dir).batch(["stories.jsonl", "--out", "out", "--allow-outside"]).succeeds();
    write(
        dir.join("parallax.toml"),
        format!(
            "[publish.blog]\nkind = \"wordpress\"\nurl = \"{}\"\nuser = \"editor\"\nallow_http = true\n",
            wp.url
        ),
    );
}

fn publish(dir: &std::path::Path, password: &str) -> Vec<(String, String)> {
    Parallax::new(dir)
        .args(["publish", "out", "--to", "blog", "--json"])
        .env("WORDPRESS_APP_PASSWORD", password)
        .succeeds()
        .json_lines()
        .iter()
        .map(|o| (o["id"].as_str().unwrap().to_string(), o["result"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn approved_stories_become_drafts_once_then_update_in_place() {
    let dir = scratch();
    let wp = WordPress::start(&dir);
    setup(&dir, &wp);
    // A category the site lacks is refused unless the target may create it.
    let toml = read(dir.join("parallax.toml"));
    write(dir.join("parallax.toml"), format!("{toml}categories = [\"Politics\"]\n"));
    let r = Parallax::new(&dir)
        .args(["publish", "out", "--to", "blog", "--check"])
        .env("WORDPRESS_APP_PASSWORD", &wp.password)
        .fails_with(2);
    assert!(
        r.stderr.contains("no category named `Politics`") && r.stderr.contains("create_terms"),
        "{}",
        r.stderr
    );
    write(dir.join("parallax.toml"), format!("{toml}categories = [\"Politics\"]\ncreate_terms = true\n"));
    // The preflight writes nothing; a wrong password is one line, exit 2.
    let ok = Parallax::new(&dir)
        .args(["publish", "out", "--to", "blog", "--check"])
        .env("WORDPRESS_APP_PASSWORD", &wp.password)
        .succeeds();
    assert!(ok.stdout.contains("ok") && ok.stdout.contains("editor"), "{}", ok.stdout);
    Parallax::new(&dir).review(["out", "--approve", "kim", "chips", "odd"]).succeeds();
    let wrong = Parallax::new(&dir)
        .args(["publish", "out", "--to", "blog"])
        .env("WORDPRESS_APP_PASSWORD", "not the password")
        .fails_with(2);
    assert_eq!(wrong.stderr.trim().lines().count(), 1, "{}", wrong.stderr);
    assert!(wrong.stderr.contains("Authorization") && wrong.stderr.contains("wrong"), "{}", wrong.stderr);
    assert!(!wrong.stderr.contains("not the password"), "a password never reaches a message");
    assert!(wp.posts().is_empty(), "nothing published by a failed preflight");

    // A dry run prints the requests, the password redacted, and sends none.
    let dry = Parallax::new(&dir)
        .args(["publish", "out", "--to", "blog", "--dry-run"])
        .env("WORDPRESS_APP_PASSWORD", &wp.password)
        .succeeds();
    assert_eq!(dry.stderr.matches("POST ").count(), 3, "{}", dry.stderr);
    assert!(dry.stderr.contains("<redacted>") && !dry.stderr.contains(&wp.password), "{}", dry.stderr);
    assert!(wp.posts().is_empty());

    // Three approved of five: exactly three drafts.
    let first = publish(&dir, &wp.password);
    assert_eq!(first.iter().filter(|(_, r)| r == "published").count(), 3, "{first:?}");
    let posts = wp.posts();
    assert_eq!(posts.len(), 3, "{posts:#?}");
    for p in &posts {
        assert_eq!(p["status"], "draft", "{p}");
        assert_eq!(p["categories"], json!(["Politics"]), "{p}");
        assert!(p["blocks"].as_u64().unwrap() > 5 && p["classic"] == 0, "{p}");
    }
    let journal = read(dir.join("out/published.jsonl"));
    assert!(!journal.contains(&wp.password), "the password is never recorded");

    // Again: nothing sent.
    let again = publish(&dir, &wp.password);
    assert!(again.iter().all(|(_, r)| r == "unchanged"), "{again:?}");
    assert_eq!(wp.posts().len(), 3);

    // An edited, re-approved story updates its one post in place.
    let md = dir.join("out/kim.md");
    write(&md, format!("{}\nAn editor's line.\n", read(&md)));
    Parallax::new(&dir).review(["out", "--approve", "kim"]).succeeds();
    let updated = publish(&dir, &wp.password);
    assert!(updated.contains(&("kim".into(), "updated".into())), "{updated:?}");
    let posts = wp.posts();
    assert_eq!(posts.len(), 3, "never a second post");

    // Hostile text is text: no script, no block comment, no shortcode runs.
    let odd = posts.iter().find(|p| p["slug"] == "odd").unwrap();
    let content = odd["content"].as_str().unwrap();
    assert!(content.contains("&lt;script&gt;") && !content.contains("<script"), "{content}");
    assert!(!content.contains("<!-- wp:html") && !content.contains("[embed]"), "{content}");
    assert_eq!(odd["classic"], 0);

    // A post deleted at the site is reported, never recreated.
    let chips = posts.iter().find(|p| p["slug"] == "chips").unwrap()["id"].as_u64().unwrap();
    let deleted = std::process::Command::new("php")
        .current_dir(&wp.root)
        .env("HTTP_HOST", wp.url.trim_start_matches("http://"))
        .args(["-r", &format!("$_SERVER[\"HTTP_HOST\"] = getenv(\"HTTP_HOST\"); require \"./wp-load.php\"; wp_delete_post({chips}, true);")])
        .status()
        .unwrap();
    assert!(deleted.success());
    let after = publish(&dir, &wp.password);
    assert!(after.contains(&("chips".into(), "missing".into())), "{after:?}");
    assert_eq!(wp.posts().len(), 2, "not recreated");
}

#[test]
fn each_preflight_failure_is_one_line_and_exit_2_with_nothing_published() {
    use testkit::web::{Reply, Web};
    let web = Web::start();
    let dir = scratch();
    let target = |url: &str, extra: &str| {
        write(
            dir.join("parallax.toml"),
            format!("[publish.blog]\nkind = \"wordpress\"\nurl = \"{url}\"\nuser = \"editor\"\n{extra}"),
        );
    };
    let check = || {
        let r = Parallax::new(&dir)
            .args(["publish", "out", "--to", "blog", "--check"])
            .env("WORDPRESS_APP_PASSWORD", "abcd efgh ijkl mnop")
            .fails_with(2);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
        assert!(!r.stderr.contains("abcd efgh"), "{}", r.stderr);
        r.stderr
    };
    let url = web.url("").trim_end_matches('/').to_string();
    // Plain HTTP is refused before any request, unless the site is allowed.
    target(&url, "");
    assert!(check().contains("https://"));
    assert_eq!(web.total_hits(), 0);
    target(&url, "allow_http = true\n");
    // The REST API disabled.
    web.route("/?rest_route=/", Reply::ok("text/html", "<html>Not here</html>").status(404));
    assert!(check().contains("REST API"));
    // The Authorization header stripped by the host (WordPress 6.1 answers a
    // wrong password alike): both causes, and how to tell them apart.
    let index = json!({"namespaces": ["oembed/1.0", "wp/v2"]}).to_string();
    web.route("/?rest_route=/", Reply::ok("application/json", index));
    let me = "/?rest_route=/wp/v2/users/me&context=edit";
    let not_logged_in = json!({"code": "rest_not_logged_in", "message": "You are not currently logged in.", "data": {"status": 401}});
    web.route(me, Reply::ok("application/json", not_logged_in.to_string()).status(401));
    let line = check();
    assert!(
        line.contains("CGIPassAuth") && line.contains("wrong") && line.contains("tell them apart"),
        "{line}"
    );
    // A newer WordPress names an unknown user: the application password's name
    // given as the user.
    let unknown =
        json!({"code": "invalid_username", "message": "Unknown username.", "data": {"status": 401}});
    web.route(me, Reply::ok("application/json", unknown.to_string()).status(401));
    assert!(check().contains("not the application password's name"));
    // No password at all.
    let r = Parallax::new(&dir).args(["publish", "out", "--to", "blog", "--check"]).fails_with(2);
    assert!(r.stderr.contains("WORDPRESS_APP_PASSWORD"), "{}", r.stderr);
}

#[test]
fn a_host_that_strips_the_authorization_header_is_named_by_the_preflight() {
    // Debian's Apache in front of PHP-FPM, as hosts set it up, without
    // `CGIPassAuth`: the right password never reaches WordPress.
    let dir = scratch();
    let wp = WordPress::start_with(&dir, &["--apache"]);
    write(
        dir.join("parallax.toml"),
        format!(
            "[publish.blog]\nkind = \"wordpress\"\nurl = \"{}\"\nuser = \"editor\"\nallow_http = true\n",
            wp.url
        ),
    );
    let r = Parallax::new(&dir)
        .args(["publish", "out", "--to", "blog", "--check"])
        .env("WORDPRESS_APP_PASSWORD", &wp.password)
        .fails_with(2);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("CGIPassAuth") && r.stderr.contains("rest_not_logged_in"), "{}", r.stderr);
    assert!(!r.stderr.contains(&wp.password));
}
