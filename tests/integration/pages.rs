//! Articles people read and machines import: the HTML page in a real browser,
//! markup in sources and answers kept inert, JSON against its schema, related
//! articles after a batch.

use std::path::{Path, PathBuf};

use fake_llm::{Config, Tamper};
use serde_json::{Value, json};

use crate::support::{
    EXAMPLES, Parallax, example, read, read_json, root, scratch, serve, write, write_jsonl,
};
use testkit::browser::Browser;

const PROBE: &str = r#"(() => {
  const q = s => [...document.querySelectorAll(s)];
  return {
    perspectives: q('.perspective').map(e => { const r = e.getBoundingClientRect(); return { top: Math.round(r.top), left: Math.round(r.left) }; }),
    sections: {
      h1: q('h1').length, deck: q('.deck').length, lede: q('.lede p').length, pull: q('blockquote.pull').length,
      context: q('.context h2').length, byline: q('.byline').length, sources: q('ol.sources li').length,
      related: q('.related li').length, integrity: q('details.integrity').length,
    },
    scripts: document.scripts.length,
    handlers: q('*').filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length,
    jsLinks: q('a').filter(a => (a.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript:')).length,
    imgs: q('img, iframe, object, embed').length,
    text: document.body.innerText,
  };
})()"#;

fn shots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_page_has_every_section_no_requests_and_sides_in_a_row_or_stacked() {
    let dir = scratch();
    Parallax::new(&dir).draft_prism().args(["-o", "out/first.md", "--format", "md,html,json"]).succeeds();
    Parallax::new(&dir).draft_prism().args(["-o", "out/second.html"]).succeeds();
    let page = dir.join("out/second.html");
    let html = read(&page);
    assert!(
        !html.contains("<script") && !html.contains("http://") && !html.contains("https://"),
        "no script, no external address"
    );

    let mut browser = Browser::launch();
    let wide = browser.visit(&page, 1280, PROBE);
    write(shots().join("article-1280.png"), &wide.screenshot);
    let narrow = browser.visit(&page, 390, PROBE);
    write(shots().join("article-390.png"), &narrow.screenshot);
    for v in [&wide, &narrow] {
        assert!(v.requests.is_empty(), "network requests: {:?}", v.requests);
        assert!(v.console_errors.is_empty(), "console errors: {:?}", v.console_errors);
        assert_eq!(v.dialogs, 0);
        let s = &v.probe["sections"];
        for name in ["h1", "deck", "lede", "pull", "context", "byline", "sources", "related", "integrity"] {
            let least = if name == "sources" { 2 } else { 1 };
            assert!(s[name].as_u64().unwrap() >= least, "section {name}: {s}");
        }
    }
    let pos = |v: &testkit::browser::Visit| -> Vec<(i64, i64)> {
        v.probe["perspectives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["top"].as_i64().unwrap(), p["left"].as_i64().unwrap()))
            .collect()
    };
    let (w, n) = (pos(&wide), pos(&narrow));
    assert_eq!(w.len(), 4);
    assert!(w.iter().all(|p| p.0 == w[0].0), "one row at 1280 px: {w:?}");
    assert!(w.windows(2).all(|p| p[1].1 > p[0].1), "left to right: {w:?}");
    assert!(n.windows(2).all(|p| p[1].0 > p[0].0), "stacked at 390 px: {n:?}");
    assert!(n.iter().all(|p| p.1 == n[0].1), "one column at 390 px: {n:?}");
}

const XSS: &str = " <script>alert(1)</script> <img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">click</a> [link](javascript:alert(4))";

#[test]
fn markup_in_sources_and_answers_stays_text() {
    let srv = serve(Config {
        tamper: Some(Tamper {
            schemas: vec!["lede".into(), "perspective_south_korea".into(), "finish".into()],
            append: XSS.into(),
        }),
        ..Config::default()
    });
    let dir = scratch();
    let source = dir.join("hostile.md");
    let front = "---\ntitle: Hostile <script>alert(5)</script>\nurl: javascript:alert(6)\npublisher: <img src=x onerror=alert(7)>\n---";
    let text = format!("{front}\n\nSeoul said the council met.{XSS}\n\nThe council approved the plan.\n");
    write(&source, text);
    Parallax::new(&dir)
        .fake(&srv)
        .draft([source.to_str().unwrap(), "--no-revise", "-o", "x.html"])
        .succeeds();
    let page = dir.join("x.html");
    let html = read(&page);
    assert!(html.contains("&lt;script&gt;alert(1)"), "the payload is there, escaped");
    assert!(!["<script", "<img", "href=\"javascript"].iter().any(|m| html.to_lowercase().contains(m)));
    let mut browser = Browser::launch();
    let v = browser.visit(&page, 1280, PROBE);
    assert_eq!(v.dialogs, 0, "no dialog opened");
    for none in ["scripts", "handlers", "jsLinks", "imgs"] {
        assert_eq!(v.probe[none], 0, "{none}");
    }
    assert!(v.probe["text"].as_str().unwrap().contains("<script>alert(1)</script>"), "shown as text");
    assert!(v.requests.is_empty(), "{:?}", v.requests);
}

fn validator() -> jsonschema::Validator {
    let schema: Value = read_json(root().join("docs/article.schema.json"));
    jsonschema::validator_for(&schema).expect("a valid schema")
}

#[test]
fn the_published_schema_is_current() {
    let path = root().join("docs/article.schema.json");
    let generated = parallax::article_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        write(&path, &generated);
    }
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(published, generated, "docs/article.schema.json is stale: rerun with UPDATE_SCHEMA=1");
}

fn validate(v: &jsonschema::Validator, file: &Path) {
    let doc: Value = read_json(file);
    let errors: Vec<String> =
        v.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    assert_eq!(doc["schema_version"], "1");
}

#[test]
fn json_output_validates_against_the_schema_for_every_example() {
    let v = validator();
    let dir = scratch();
    for (persona, sources) in EXAMPLES {
        let out = format!("{persona}.json");
        Parallax::new(&dir)
            .draft(["--persona", persona, "-o", &out])
            .args(sources.iter().map(|s| example(s)))
            .succeeds();
        validate(&v, &dir.join(out));
    }
    let srv = serve(Config::default());
    Parallax::new(&dir).fake(&srv).draft_prism().args(["-o", "model.json"]).succeeds();
    validate(&v, &dir.join("model.json"));
}

#[test]
fn a_batch_fills_in_related_articles_never_itself() {
    let dir = scratch();
    let korea = |i| {
        let text = format!(
            "North Korean leader Kim Jong-un sent a message to Vladimir Putin on day {i}.\n\n\
             Pyongyang and Moscow signed a treaty and North Korea deployed troops to Russia.\n\n\
             Seoul called the troop deployment a threat to the Korean Peninsula."
        );
        json!({"id": format!("korea-{i}"), "text": text})
    };
    let trade = |i| {
        let text = format!(
            "Spain and Italy asked the European Commission for faster tariffs on Chinese steel in week {i}.\n\n\
             Brussels said any tariffs must respect World Trade Organization rules.\n\n\
             China's commerce ministry criticised the tariffs on steel and electric vehicles."
        );
        json!({"id": format!("trade-{i}"), "persona": "ledger", "text": text})
    };
    write_jsonl(dir.join("m.jsonl"), (0..5).flat_map(|i| [korea(i), trade(i)]));
    Parallax::new(&dir).batch(["m.jsonl", "--out", "out", "--format", "md,html"]).succeeds();
    for topic in ["korea", "trade"] {
        for i in 0..5 {
            let id = format!("{topic}-{i}");
            let doc: Value = read_json(dir.join(format!("out/{id}.json")));
            let related: Vec<&str> =
                doc["related"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
            assert!((1..=4).contains(&related.len()), "{id}: {related:?}");
            assert!(!related.contains(&id.as_str()), "{id} lists itself");
            assert!(related.iter().all(|r| r.starts_with(topic)), "{id} relates across topics: {related:?}");
            let md = read(dir.join(format!("out/{id}.md")));
            assert!(md.contains(&format!("]({}.md)", related[0])), "{id}.md links {}", related[0]);
            let html = read(dir.join(format!("out/{id}.html")));
            let link = format!("href=\"{}.html\"", related[0]);
            assert!(html.contains(&link), "{id}.html links {}", related[0]);
        }
    }
}
