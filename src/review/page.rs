//! The desk as a page: `DIR/index.html`, rewritten by every batch run and every
//! decision. Self-contained and inert like the article pages (no network, the
//! same Content-Security-Policy with one exception: the hash of its own script).
//! Stories travel as JSON data that the script shows a page at a time, so a
//! 10,000-story batch stays light; the script sets every text as text. The
//! fairness panel is plain HTML, readable without the script.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use minijinja::{Value as Jinja, context};
use serde::Serialize;
use serde_json::Value;

use super::{Row, SideName, Standing, Status, fairness};
use crate::error::{Error, Result};

/// The desk's file in an output folder.
pub(crate) const FILE: &str = "index.html";
const TEMPLATE: &str = include_str!("../../templates/desk.html.j2");
const SCRIPT: &str = include_str!("../../templates/desk.js");

/// What marks a page as the desk, so a file of the same name that is not (a
/// story called `index`, a page of the user's) is never overwritten.
const MARK: &str = r#"<meta name="parallax-page" content="review-desk">"#;

/// Write `dir/index.html` from the folder's rows (`review::rows`: its
/// articles, failures and decisions).
pub(crate) fn write(dir: &Path, rows: &[Row]) -> Result<PathBuf> {
    let path = dir.join(FILE);
    if !ours_or_absent(&path) {
        return Err(Error::Usage(format!(
            "{} is not a review desk written by parallax, so it was left alone; move it away to get the desk",
            path.display()
        )));
    }
    let report = read_report(dir);
    let html = render(dir, rows, &report)?;
    crate::fsutil::write_atomic(&path, html.as_bytes())
        .map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    Ok(path)
}

/// Whether `path` is free for the desk: absent, or a desk (its mark is in the
/// page's head, so the first few kilobytes tell).
fn ours_or_absent(path: &Path) -> bool {
    use std::io::Read;
    let Ok(f) = std::fs::File::open(path) else {
        return true;
    };
    let mut head = Vec::new();
    f.take(4096).read_to_end(&mut head).is_ok() && String::from_utf8_lossy(&head).contains(MARK)
}

/// The batch's last `report.json`, or nothing.
fn read_report(dir: &Path) -> Value {
    crate::fsutil::read_text(&dir.join("report.json"), 64 << 20)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null)
}

/// The page for `rows` of the folder `dir`, given its last report.
pub(crate) fn render(dir: &Path, rows: &[Row], report: &Value) -> Result<String> {
    let fair = fairness::of(rows);
    let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
    let not_started = report["not_started"].as_u64().unwrap_or(0) as usize;
    let cost: f64 = rows.iter().filter_map(|r| r.cost_usd).sum();
    let kinds: BTreeSet<String> = rows.iter().flat_map(|r| r.findings.keys().cloned()).collect();
    let languages: BTreeSet<String> = rows
        .iter()
        .filter_map(|r| r.language.as_ref().map(|l| l.to_string()))
        .collect();
    let folder = dir.display().to_string();
    let retry = Retry::new(report, &folder);
    let data = Data {
        sides: fair
            .sides
            .iter()
            .map(|s| SideName {
                id: s.id.clone(),
                label: s.label.clone(),
            })
            .collect(),
        rows: rows.iter().map(|r| compact(r, &fair.sides, &retry)).collect(),
    };
    let mut env = crate::template::environment(crate::template::Output::Html);
    env.add_template("desk.html.j2", TEMPLATE)
        .map_err(Error::internal)?;
    let tmpl = env.get_template("desk.html.j2").map_err(Error::internal)?;
    tmpl.render(context! {
        generator => concat!("parallax ", env!("CARGO_PKG_VERSION")),
        folder,
        written => crate::clock::now().to_string(),
        counts => context! {
            total => rows.len() + not_started,
            done => count(Status::Done),
            degraded => count(Status::Degraded),
            failed => count(Status::Failed),
            pending => count(Status::Pending) + not_started,
        },
        cost => (cost > 0.0).then(|| format!("{cost:.4}")),
        fairness => Jinja::from(minijinja::value::Serde(&fair)),
        kinds,
        languages,
        data => Jinja::from_safe_string(inert_json(&serde_json::to_string(&data).map_err(Error::internal)?)),
        script => Jinja::from_safe_string(SCRIPT.to_string()),
        script_hash => Jinja::from_safe_string(script_hash()),
    })
    .map_err(Error::internal)
}

/// One story as the script reads it, with short keys; serialized straight from
/// the row, so a 10,000-story desk builds no tree of values.
#[derive(Serialize)]
struct Compact<'a> {
    i: &'a str,
    h: &'a str,
    f: Option<String>,
    s: &'static str,
    d: usize,
    k: &'a BTreeMap<String, usize>,
    /// Each side's share of the words in percent, in the panel's side order
    /// (-1 silent, null not covered).
    w: Vec<Option<i64>>,
    l: &'a str,
    c: Option<f64>,
    t: Option<u64>,
    e: Option<&'a str>,
    r: Option<&'static str>,
    /// The files a stale approval's story changed in.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    g: &'a [String],
    x: Option<String>,
    /// Where the story was published: the target, and whether the article
    /// changed since.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    p: Vec<(&'a str, bool)>,
}

fn compact<'a>(r: &'a Row, sides: &[fairness::Side], retry: &Retry) -> Compact<'a> {
    let w = sides
        .iter()
        .map(|s| {
            if !r.sides.iter().any(|x| x.id == s.id) {
                None
            } else if r.stated.contains(&s.id) {
                let share = r.shares.get(&s.id).copied().unwrap_or(0.0);
                Some((share * 100.0).round() as i64)
            } else {
                Some(-1)
            }
        })
        .collect();
    Compact {
        i: &r.id,
        h: &r.headline,
        f: r.file.as_deref().map(href),
        s: r.status.into(),
        d: r.degraded,
        k: &r.findings,
        w,
        l: r.language.as_deref().unwrap_or(""),
        c: r.cost_usd,
        t: r.elapsed_ms,
        e: r.error.as_deref(),
        r: r.decision.map(|d: Standing| d.into()),
        g: &r.changed,
        x: (r.status == Status::Failed).then(|| retry.command(&r.id)),
        p: r.published.iter().map(|p| (p.target.as_str(), p.stale)).collect(),
    }
}

/// The command that retries a failed story: with the last run's manifest when
/// that run listed the failure, else with MANIFEST for the user to fill in.
struct Retry {
    manifest: Option<String>,
    listed: BTreeSet<String>,
    folder: String,
}

impl Retry {
    fn new(report: &Value, folder: &str) -> Self {
        let listed = report["failures"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["id"].as_str().map(str::to_string))
            .collect();
        Retry {
            manifest: report["manifest"].as_str().map(shell),
            listed,
            folder: shell(folder),
        }
    }

    fn command(&self, id: &str) -> String {
        let manifest = match &self.manifest {
            Some(m) if self.listed.contains(id) => m.as_str(),
            _ => "MANIFEST",
        };
        format!("parallax batch {manifest} --out {} --retry-failed", self.folder)
    }
}

/// A file name as a relative link: everything but `A–Z a–z 0–9 . _ -`
/// percent-encoded, so no name can become a scheme or leave the folder.
fn href(name: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'.')
        .remove(b'_')
        .remove(b'-');
    percent_encoding::utf8_percent_encode(name, KEEP).to_string()
}

/// The page's data: the sides in the panel's order and one entry per story.
#[derive(Serialize)]
struct Data<'a> {
    sides: Vec<SideName>,
    rows: Vec<Compact<'a>>,
}

/// JSON that cannot close its `<script>` element or open a comment.
fn inert_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The CSP source that allows the page's one script and nothing else.
fn script_hash() -> String {
    use sha2::{Digest, Sha256};
    format!(
        "sha256-{}",
        crate::fsutil::base64(&Sha256::digest(SCRIPT.as_bytes()))
    )
}

/// A word as the shell reads it back: quoted unless it is plainly safe.
fn shell(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_./-=:,".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests;
