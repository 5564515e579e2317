//! The review desk's page (`DIR/index.html`) in headless Chromium: a 60-story
//! batch with clean, degraded and failed stories at desk and phone widths, the
//! filters, the headline links, the fairness panel against the articles' own
//! figures, hostile text kept inert, and the keyboard alone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fake_llm::Config;
use serde_json::{Value, json};

use crate::support::{
    Parallax, example, files, findings, kcna, read, read_json, scratch, serve, write, write_jsonl,
};
use testkit::browser::Browser;

/// A source whose title (the extractive headline) is markup.
const HOSTILE: &str = "---\ntitle: \"Port deal <img src=x onerror=alert(document.domain)> signed </script><script>alert(document.cookie)</script>\"\npublisher: Desk Wire\n---\n\nThe port authority signed a lease worth $12.5 million on March 3.\n\nSeoul's foreign ministry said the lease was sound.\n";

/// 54 offline stories (one hostile), 3 that fail, then 3 degraded by a sloppy
/// model: 60 rows in `dir/out`, every article also as HTML.
fn desk(dir: &Path, offline_only: bool) -> PathBuf {
    write(dir.join("hostile.md"), HOSTILE);
    let pair = [kcna(), example("north-korea-russia-reactions.md")];
    let singles = [example("chip-export-controls.md"), example("eu-trade-defence.md")];
    let story = |i: usize| match i % 3 {
        0 => json!({"id": format!("s{i:02}"), "sources": pair}),
        k => json!({"id": format!("s{i:02}"), "source": singles[k - 1]}),
    };
    let hostile = json!({"id": "hostile", "source": "hostile.md"});
    let gone = (0..3).map(|i| json!({"id": format!("gone{i}"), "source": format!("<b>missing</b>{i}.md")}));
    write_jsonl(dir.join("stories.jsonl"), (0..53).map(story).chain([hostile]).chain(gone));
    let run = |manifest: &str| {
        Parallax::new(dir).batch([manifest, "--out", "out", "--allow-outside", "--format", "md,html"])
    };
    run("stories.jsonl").fails_with(1);
    if !offline_only {
        let srv = serve(Config { sloppy: true, ..Config::default() });
        write_jsonl(
            dir.join("sloppy.jsonl"),
            (0..3).map(|i| json!({"id": format!("sloppy{i}"), "sources": pair})),
        );
        run("sloppy.jsonl").fake(&srv).succeeds();
    }
    dir.join("out")
}

/// Each side's figures computed here from the articles' JSON: stories stating a
/// position, stories covering it, and the mean share where it states one.
fn expected_fairness(out: &Path) -> BTreeMap<String, (usize, usize, f64)> {
    let mut sides: BTreeMap<String, (usize, usize, f64)> = BTreeMap::new();
    for path in files(out, "*.json") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".provenance.json") || name == "report.json" {
            continue;
        }
        let a: Value = read_json(&path);
        let balance = a["meta"]["integrity"]["balance"].as_array().unwrap().clone();
        for p in a["perspectives"].as_array().unwrap() {
            let e = sides.entry(p["id"].as_str().unwrap().to_string()).or_default();
            e.1 += 1;
            if p["stated"] == true {
                e.0 += 1;
                e.2 += balance
                    .iter()
                    .find(|b| b["perspective"] == p["id"])
                    .and_then(|b| b["share"].as_f64())
                    .unwrap_or(0.0);
            }
        }
    }
    sides.values_mut().filter(|s| s.0 > 0).for_each(|s| s.2 /= s.0 as f64);
    sides
}

/// The panel's rows against `want`: per side, `(stated of covering)`, the share
/// of stories stating a position, and the mean share where one is stated.
fn assert_panel(fair: &Value, want: &BTreeMap<String, (usize, usize, f64)>) {
    let fair = fair.as_array().unwrap();
    assert_eq!(fair.len(), want.len());
    let pct = |x: f64| format!("{:.1}%", (x * 1000.0).round() / 10.0);
    for f in fair {
        let (stated, covering, mean) = want[f["side"].as_str().unwrap()];
        assert_eq!(f["counts"], format!("({stated} of {covering})"));
        assert_eq!(f["stated"], pct(stated as f64 / covering as f64));
        assert_eq!(f["mean"], pct(mean), "{}", f["side"]);
    }
}

const PROBE: &str = r#"(() => {
  const q = s => [...document.querySelectorAll(s)];
  const rows = q('#stories tbody tr');
  return {
    rows: rows.length,
    statuses: rows.map(r => r.dataset.status),
    count: document.getElementById('count').textContent,
    links: q('#stories tbody a').map(a => a.getAttribute('href')),
    fairness: q('#fairness tbody tr').map(r => ({
      side: r.dataset.side,
      stated: r.querySelector('.stated-share').textContent,
      mean: r.querySelector('.mean-share').textContent,
      counts: r.querySelector('.muted').textContent,
    })),
    publishers: q('#publishers tbody tr').length,
    imgs: q('img, iframe, object, embed').length,
    scripts: document.scripts.length,
    handlers: q('*').filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length,
    text: document.body.innerText,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
})()"#;

#[test]
fn the_desk_shows_every_story_filters_links_and_fairness_and_stays_inert() {
    let dir = scratch();
    let out = desk(&dir, false);
    let page = out.join("index.html");
    let html = read(&page);
    assert!(!html.contains("http://") && !html.contains("https://"), "no external address");
    assert!(!html.contains("<img src=x"), "the hostile headline is data, not markup");

    let mut browser = Browser::launch();
    for width in [1280, 390] {
        let v = browser.visit(&page, width, PROBE);
        assert!(v.requests.is_empty(), "{width}px: {:?}", v.requests);
        assert!(v.console_errors.is_empty(), "{width}px: {:?}", v.console_errors);
        assert_eq!(v.dialogs, 0, "nothing runs from a headline or an error");
        let p = &v.probe;
        assert_eq!(p["rows"], 60, "{width}px: {}", p["count"]);
        let statuses: Vec<&str> =
            p["statuses"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
        for s in ["done", "degraded", "failed"] {
            assert!(statuses.contains(&s), "{s} in {statuses:?}");
        }
        assert_eq!(p["imgs"], 0);
        assert_eq!(p["handlers"], 0);
        assert_eq!(p["scripts"], 2, "the data block and the page's own script");
        let text = p["text"].as_str().unwrap();
        assert!(
            text.contains("Port deal <img src=x onerror=alert(document.domain)> signed </script>"),
            "shown as text"
        );
        assert!(text.contains("<b>missing</b>0.md"), "the error, as text");
        assert!(
            text.contains("parallax batch MANIFEST --out out --retry-failed"),
            "the command that retries them (their manifest was not the last run's)"
        );
        assert!(p["overflow"].as_i64().unwrap() <= 0, "{width}px: no sideways scrolling");
        write(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("desk-{width}.png")), &v.screenshot);
        // `UPDATE_SCREENSHOTS=1` refreshes the README's picture of the desk.
        if width == 1280 && std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
            let tab = browser.open(&page, 1100);
            let png = browser.shot(&tab, 1100, 760);
            write(crate::support::root().join("docs/images/desk.png"), png);
            browser.close(tab, "1");
        }

        // Every headline link opens an article in the folder.
        let links = p["links"].as_array().unwrap();
        assert_eq!(links.len(), 57, "every written story links to its page");
        for l in links {
            let name = l.as_str().unwrap();
            assert!(name.ends_with(".html") && out.join(name).is_file(), "{name}");
        }

        // The panel's figures are those of the articles.
        assert_panel(&p["fairness"], &expected_fairness(&out));
        assert!(p["publishers"].as_u64().unwrap() >= 2, "by publisher too");
    }
}

#[test]
fn the_filters_narrow_the_list_and_the_keyboard_alone_can_use_it() {
    let dir = scratch();
    let out = desk(&dir, false);
    let mut browser = Browser::launch();
    let tab = browser.open(&out.join("index.html"), 1280);
    let rows = |b: &mut Browser, tab| {
        b.eval(
            tab,
            "[...document.querySelectorAll('#stories tbody tr')].map(r => [r.dataset.id, r.dataset.status])",
        )
    };
    let set = |b: &mut Browser, tab, id: &str, value: &str| {
        let js = format!(
            "(() => {{ const e = document.getElementById('{id}'); e.value = '{value}'; e.dispatchEvent(new Event('change')); }})()"
        );
        b.eval(tab, &js);
    };
    set(&mut browser, &tab, "status", "failed");
    let failed = rows(&mut browser, &tab);
    assert_eq!(failed.as_array().unwrap().len(), 3, "{failed}");
    set(&mut browser, &tab, "status", "degraded");
    let degraded = rows(&mut browser, &tab);
    let degraded = degraded.as_array().unwrap();
    assert!(!degraded.is_empty() && degraded.iter().all(|r| r[1] == "degraded"), "{degraded:?}");
    set(&mut browser, &tab, "status", "");

    // A silent side's link in the panel filters to the stories that leave it silent.
    let silent = browser.eval(&tab, "(() => { const a = document.querySelector('#fairness .silent-link'); a.click(); return a.closest('tr').dataset.side; })()");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let listed = rows(&mut browser, &tab);
    let n = listed.as_array().unwrap().len();
    let expected = expected_fairness(&out)[silent.as_str().unwrap()];
    assert_eq!(n, expected.1 - expected.0, "silent on {silent}");
    browser.eval(&tab, "(() => { location.hash = ''; const s = document.getElementById('silent'); s.value = ''; s.dispatchEvent(new Event('change')); })()");

    // Keyboard only: tab into the search box and type, then tab to a sort button
    // and press Enter, then follow a headline link with Enter.
    browser.eval(&tab, "document.activeElement.blur()");
    // Press Tab until `js` says `want`: within `most` presses from the start.
    let mut presses = 0;
    let mut tab_to = |b: &mut Browser, js: &str, want: &str, most: usize, what: &str| {
        while b.eval(&tab, js) != want {
            b.press(&tab, "Tab", false);
            presses += 1;
            assert!(presses < most, "{what} is reachable by Tab");
        }
    };
    tab_to(&mut browser, "document.activeElement.id", "q", 40, "the search box");
    browser.type_text(&tab, "port deal");
    let found = rows(&mut browser, &tab);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0][0], "hostile");
    browser.eval(&tab, "(() => { const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input')); })()");
    tab_to(&mut browser, "document.activeElement.dataset.sort || ''", "status", 80, "the sort buttons");
    browser.press(&tab, "Enter", false);
    browser.press(&tab, "Enter", false);
    let sorted = rows(&mut browser, &tab);
    assert_eq!(sorted[0][1], "failed", "sorted by status, descending: {}", sorted[0]);
    tab_to(&mut browser, "document.activeElement.tagName", "A", 140, "a headline link");
    browser.press(&tab, "Enter", false);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let at = browser.eval(&tab, "location.pathname");
    assert!(at.as_str().unwrap().ends_with(".html") && !at.as_str().unwrap().ends_with("index.html"), "{at}");
    browser.close(tab, "1");
}

/// Where a finding's mark belongs on the page, from its place in the JSON article.
fn expected_place(at: &Value, finding: &Value, article: &Value) -> Option<String> {
    let side = |k: usize| format!("article.perspective:nth-of-type({})", k + 1);
    match at {
        Value::String(s) => Some(
            match s.as_str() {
                "headline" => "h1",
                "deck" => "p.deck",
                "lede" => "section.lede > p",
                "closing" => "section.closing > p",
                other => panic!("place {other}"),
            }
            .to_string(),
        ),
        Value::Object(o) if o.contains_key("body") => {
            let ij = &o["body"];
            let (i, j) = (ij[0].as_u64().unwrap(), ij[1].as_u64().unwrap());
            Some(format!("section.context:nth-of-type({}) > p:nth-of-type({})", i + 2, j + 1))
        }
        Value::Object(o) if o.contains_key("side") => {
            let k = o["side"][0].as_u64().unwrap() as usize;
            let part = o["side"][1].as_str().unwrap();
            let nth = ["position", "reasons", "implications"].iter().position(|p| *p == part).unwrap();
            Some(format!("{} > div.part:nth-of-type({}) > p", side(k), nth + 1))
        }
        Value::Null => {
            let section = finding["section"].as_str().unwrap();
            match section {
                "lede" => return Some("section.lede > p".into()),
                "finish" => return Some("h1".into()),
                _ => {}
            }
            let id = section.strip_prefix("perspective:")?;
            let k = article["perspectives"].as_array().unwrap().iter().position(|p| p["id"] == id)?;
            Some(format!("{} > h3", side(k)))
        }
        other => panic!("place {other}"),
    }
}

#[test]
fn each_finding_is_marked_where_it_is_and_only_when_reviewing() {
    let srv = serve(Config { sloppy: true, ..Config::default() });
    let dir = scratch();
    let pair = [kcna(), example("north-korea-russia-reactions.md")];
    Parallax::new(&dir).fake(&srv).draft(pair).args(["-o", "a.html", "--format", "html,json"]).succeeds();
    let article: Value = read_json(dir.join("a.json"));
    let findings = findings(&article);
    let mut expected = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        if let Some(selector) = expected_place(f.get("at").unwrap_or(&Value::Null), f, &article) {
            expected.push((i + 1, selector, f["kind"].as_str().unwrap().to_string()));
        }
    }
    let kinds: std::collections::BTreeSet<&str> = expected.iter().map(|(_, _, k)| k.as_str()).collect();
    // Every kind at every place is the unit tests' job (render::marks); here, the
    // real page in a browser, with the parts a sloppy model's answers lost.
    assert!(kinds.contains("degraded"), "a part built from the sources: {kinds:?}");

    let checks: Vec<String> = expected
        .iter()
        .map(|(n, sel, kind)| {
            format!(
                "(() => {{ const m = document.getElementById('finding-{n}'); return !!m && !!m.closest({sel:?}) && m.querySelector('.flag').textContent === {kind:?} && m.classList.contains('built') === ({kind:?} === 'degraded'); }})()"
            )
        })
        .collect();
    let probe = format!(
        r##"(() => {{
  const marks = [...document.querySelectorAll('mark.review')];
  const hidden = marks.every(m => getComputedStyle(m).display === 'none');
  const clean = document.querySelector('main').innerText;
  const placed = [{}];
  document.getElementById('review-toggle').click();
  const shown = marks.every(m => getComputedStyle(m).display !== 'none');
  const links = [...document.querySelectorAll('details.integrity a[href^="#finding-"]')].filter(a => document.getElementById(a.getAttribute('href').slice(1))).length;
  return {{ marks: marks.length, hidden, shown, clean, placed, links }};
}})()"##,
        checks.join(", ")
    );
    let mut browser = Browser::launch();
    let v = browser.visit(&dir.join("a.html"), 1280, &probe);
    assert!(v.console_errors.is_empty(), "{:?}", v.console_errors);
    let p = &v.probe;
    assert_eq!(p["marks"], expected.len());
    assert_eq!(p["hidden"], true, "a reader who is not reviewing sees no mark");
    assert_eq!(p["shown"], true, "the switch shows every mark");
    assert_eq!(p["links"], expected.len(), "the integrity box links to each mark");
    let clean = p["clean"].as_str().unwrap();
    for f in &findings {
        let claim = f["expected"].as_str().unwrap();
        assert!(!clean.contains(claim), "no finding text in the clean article: {claim}");
    }
    for ((n, sel, kind), ok) in expected.iter().zip(p["placed"].as_array().unwrap()) {
        assert_eq!(ok, true, "finding {n} ({kind}) is marked in {sel}");
    }
    // `#review` in the address shows the marks too, with no script.
    let mut reviewing = dir.join("a.html").display().to_string();
    reviewing.push_str("#review");
    let v = browser.visit(
        Path::new(&reviewing),
        390,
        "[...document.querySelectorAll('mark.review')].every(m => getComputedStyle(m).display !== 'none')",
    );
    assert_eq!(v.probe, true);
}

#[test]
fn the_fairness_panel_says_what_the_batch_report_says() {
    let dir = scratch();
    let out = desk(&dir, true);
    let report: Value = read_json(out.join("report.json"));
    let sides = report["sides"].as_array().unwrap();
    assert_eq!(sides.len(), 4, "{report}");
    let want = sides.iter().map(|s| {
        let n = |k: &str| s[k].as_u64().unwrap() as usize;
        (
            s["id"].as_str().unwrap().to_string(),
            (n("stated"), n("stories"), s["mean_share"].as_f64().unwrap()),
        )
    });
    assert_panel(
        &Browser::launch().visit(&out.join("index.html"), 1280, PROBE).probe["fairness"],
        &want.collect(),
    );
}
