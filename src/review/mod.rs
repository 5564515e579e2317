//! The review desk over a batch's output folder: one row per story (its status,
//! degraded parts, findings by kind, each side's share of the words, language
//! and cost), and the editor's decisions. Decisions are appended to
//! `DIR/review.jsonl`, one whole line each, with the time, the reviewer and the
//! hash of every file written for the story (its JSON, Markdown, page and
//! provenance, in every edition); an approval of a story any of whose files
//! changed since is stale, and says which. `fairness` sums the sides over the batch; `page` writes the
//! desk as `DIR/index.html`.

use crate::ids::Lang;
use crate::ids::SideId;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::batch::journal::{Journal, State};
use crate::error::{Error, Result};

pub(crate) mod fairness;
mod files;
pub(crate) mod page;
mod published;

use files::Listing;
pub(crate) use published::PublishedTo;

/// The decisions file in an output folder.
pub(crate) const FILE: &str = "review.jsonl";

/// A story's state on the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub(crate) enum Status {
    Done,
    Degraded,
    Failed,
    /// Started by a run that stopped before it was done.
    Pending,
}

/// An editor's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Verdict {
    Approve,
    Reject,
}

/// Where a story stands after its latest decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub(crate) enum Standing {
    Approve,
    Reject,
    /// Approved, but the article changed since.
    Stale,
}

/// One line of `review.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Decision {
    pub(crate) at: crate::clock::Instant,
    pub(crate) user: String,
    pub(crate) id: String,
    pub(crate) verdict: Verdict,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
    /// SHA-256 of the article's JSON when decided.
    pub(crate) sha256: String,
    /// SHA-256 of every file written for the story when decided, by file name
    /// (none in decisions recorded before files were covered: the JSON alone).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) files: BTreeMap<String, String>,
}

/// A row's language as the desk's JSON has always written it: empty when none.
fn lang_or_empty<S: serde::Serializer>(l: &Option<Lang>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(l.as_ref().map_or("", Lang::as_str))
}

/// One story's row.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Row {
    pub(crate) id: String,
    pub(crate) headline: String,
    pub(crate) status: Status,
    pub(crate) degraded: usize,
    /// Findings by kind, degraded parts left out.
    pub(crate) findings: BTreeMap<String, usize>,
    /// Each side's share of the words, 0–1.
    pub(crate) shares: BTreeMap<SideId, f64>,
    /// The story's language; written empty for a story with no article.
    #[serde(serialize_with = "lang_or_empty")]
    pub(crate) language: Option<Lang>,
    pub(crate) cost_usd: Option<f64>,
    /// The failure's one line, for a failed story.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) error: Option<String>,
    /// Where the story stands after its latest decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) decision: Option<Standing>,
    /// For a stale approval: the files written for the story that changed,
    /// appeared or went since.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) changed: Vec<String>,
    /// The article's page (else its Markdown, else its JSON), by file name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) file: Option<String>,
    /// The sides the article covers, in the persona's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) sides: Vec<SideName>,
    /// The sides that state a position in the article.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) stated: Vec<SideId>,
    /// The publishers the article's sources name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) publishers: Vec<String>,
    /// How long drafting took, in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) elapsed_ms: Option<u64>,
    /// Where the story was published (`parallax publish`), each target once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) published: Vec<PublishedTo>,
}

/// A side by id, with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct SideName {
    pub(crate) id: SideId,
    pub(crate) label: String,
}

/// Every story of the output folder `dir`: its articles and its failures, with
/// the latest decision on each.
pub(crate) fn rows(dir: &Path) -> Result<Vec<Row>> {
    let decisions = latest(dir)?;
    let listing = Listing::read(dir)?;
    let sent = crate::publish::records(dir);
    // A story's approval is checked once, whichever of its editions asks.
    let mut checked: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut rows = Vec::new();
    for (id, path) in articles(dir)? {
        let text = crate::fsutil::read_text(&path, 64 << 20)
            .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
        let Ok(a) = serde_json::from_str::<Article>(&text) else {
            continue;
        };
        let report = a.meta.integrity.clone().unwrap_or_default();
        let degraded = report.degraded().count();
        let mut findings = BTreeMap::new();
        for f in report
            .findings
            .iter()
            .filter(|f| f.check != crate::check::Check::Answer)
        {
            *findings.entry(f.kind.as_str().to_string()).or_insert(0) += 1;
        }
        let sha = crate::fsutil::sha256_hex(text.as_bytes());
        let (decision, changed) = standing(&listing, &decisions, &mut checked, &id, &sha)?;
        rows.push(Row {
            status: if degraded > 0 {
                Status::Degraded
            } else {
                Status::Done
            },
            headline: a.headline.clone(),
            shares: report
                .balance
                .iter()
                .map(|s| (s.perspective.clone(), s.share))
                .collect(),
            language: Some(a.meta.language.clone()),
            cost_usd: a.meta.cost_usd,
            error: None,
            decision,
            changed,
            degraded,
            findings,
            file: page_of(dir, &id),
            sides: a
                .perspectives
                .iter()
                .map(|p| SideName {
                    id: p.id.clone(),
                    label: p.label.clone(),
                })
                .collect(),
            stated: a
                .perspectives
                .iter()
                .filter(|p| p.stated)
                .map(|p| p.id.clone())
                .collect(),
            publishers: publishers(&a),
            elapsed_ms: Some(a.meta.elapsed_ms),
            published: published::to(dir, &id, &sent),
            id,
        });
    }
    let failures = failed(dir, &rows)?;
    rows.extend(failures);
    Ok(rows)
}

/// Where story `id` (its JSON's hash `sha`) stands after its latest decision,
/// and for a stale approval the files that changed. An edition's row (`ID.ko`)
/// takes the story's decision when it has none of its own; a story's approval
/// is checked once, whichever of its editions asks (`checked`).
fn standing(
    listing: &Listing,
    decisions: &BTreeMap<String, Decision>,
    checked: &mut BTreeMap<String, Vec<String>>,
    id: &str,
    sha: &str,
) -> Result<(Option<Standing>, Vec<String>)> {
    let decided = decisions
        .get(id)
        .or_else(|| id.rsplit_once('.').and_then(|(story, _)| decisions.get(story)));
    let changed = match decided {
        Some(d) if d.verdict == Verdict::Approve => match checked.get(&d.id) {
            Some(c) if d.id != id => c.clone(),
            _ => {
                let c = listing.changed_since(d, sha)?;
                checked.insert(d.id.clone(), c.clone());
                c
            }
        },
        _ => Vec::new(),
    };
    let decision = decided.map(|d| match d.verdict {
        Verdict::Approve if !changed.is_empty() => Standing::Stale,
        Verdict::Approve => Standing::Approve,
        Verdict::Reject => Standing::Reject,
    });
    Ok((decision, changed))
}

/// The file a reader opens for story `id`: its page, else its Markdown, else
/// its JSON.
fn page_of(dir: &Path, id: &str) -> Option<String> {
    ["html", "md", "json"]
        .iter()
        .map(|ext| format!("{id}.{ext}"))
        .find(|name| dir.join(name).is_file())
}

/// The distinct publishers an article's sources name, in order.
fn publishers(a: &Article) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in a.sources.iter().filter_map(|s| s.publisher.as_deref()) {
        let p = p.trim();
        if !p.is_empty() && !out.iter().any(|o| o == p) {
            out.push(p.to_string());
        }
    }
    out
}

/// The article JSON files of `dir`, by story id (file stem).
fn articles(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
    let mut out: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            let id = name.strip_suffix(".json")?;
            (!id.ends_with(".provenance") && id != "report").then(|| (id.to_string(), p.clone()))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// The stories whose last attempt failed or never finished, from the batch
/// journal (every run's, so a later run over another manifest keeps them), and
/// the manifest lines the last run could not read, from `report.json`; none
/// with an article.
fn failed(dir: &Path, written: &[Row]) -> Result<Vec<Row>> {
    let has_article = |id: &str| {
        written
            .iter()
            .any(|r| r.id == id || r.id.starts_with(&format!("{id}.")))
    };
    let mut failures: Vec<(String, Status, Option<String>)> = Journal::read(dir)
        .into_iter()
        .filter(|(id, s)| s.state != State::Done && !has_article(id))
        .map(|(id, s)| match s.state {
            State::Started => (id, Status::Pending, None),
            _ => (id, Status::Failed, s.reason),
        })
        .collect();
    failures.sort();
    let path = dir.join("report.json");
    if let Ok(text) = crate::fsutil::read_text(&path, 64 << 20) {
        let v: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?;
        for f in v["failures"].as_array().into_iter().flatten() {
            let id = f["id"]
                .as_str()
                .map_or_else(|| format!("line {}", f["line"]), str::to_string);
            if !failures.iter().any(|(known, ..)| *known == id) && !has_article(&id) {
                failures.push((id, Status::Failed, f["reason"].as_str().map(str::to_string)));
            }
        }
    }
    let rows = failures.into_iter().map(|(id, status, error)| Row {
        id,
        headline: String::new(),
        status,
        degraded: 0,
        findings: BTreeMap::new(),
        shares: BTreeMap::new(),
        language: None,
        cost_usd: None,
        error,
        decision: None,
        changed: Vec::new(),
        file: None,
        sides: Vec::new(),
        stated: Vec::new(),
        publishers: Vec::new(),
        elapsed_ms: None,
        published: Vec::new(),
    });
    Ok(rows.collect())
}

/// The latest decision on each story, from `review.jsonl`. A line cut short
/// by a crash (no newline at its end) is no decision.
fn latest(dir: &Path) -> Result<BTreeMap<String, Decision>> {
    let path = dir.join(FILE);
    let text = match crate::fsutil::read_text(&path, 64 << 20) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(Error::io(format!("reading {}", path.display()), e)),
    };
    let mut out = BTreeMap::new();
    for line in text.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
        if let Ok(d) = serde_json::from_str::<Decision>(line) {
            out.insert(d.id.clone(), d);
        }
    }
    Ok(out)
}

/// Record `verdict` on each of `ids`, appended to `DIR/review.jsonl` as whole
/// lines, synced before returning. An id with no article is refused.
pub(crate) fn decide(dir: &Path, ids: &[String], verdict: Verdict, note: Option<&str>) -> Result<()> {
    let known: BTreeMap<String, PathBuf> = articles(dir)?.into_iter().collect();
    let user = ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "unknown".into());
    let listing = Listing::read(dir)?;
    let mut lines = String::new();
    for id in ids {
        let files = listing.story_files(id)?;
        // A story written in editions is decided as a whole (`ID` for `ID.ko`, `ID.en`).
        let edition = known
            .iter()
            .find(|(k, _)| k.strip_prefix(id.as_str()).is_some_and(|r| r.starts_with('.')));
        let path = known.get(id).or(edition.map(|(_, p)| p)).ok_or_else(|| {
            Error::Usage(format!(
                "no article `{}` in {}; `parallax review {}` lists them",
                crate::text::printable(id),
                dir.display(),
                dir.display()
            ))
        })?;
        let text = crate::fsutil::read_text(path, 64 << 20)
            .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
        let d = Decision {
            at: crate::clock::now(),
            user: user.clone(),
            id: id.clone(),
            verdict,
            note: note.map(str::to_string),
            sha256: crate::fsutil::sha256_hex(text.as_bytes()),
            files,
        };
        lines.push_str(&serde_json::to_string(&d).map_err(Error::internal)?);
        lines.push('\n');
    }
    let path = dir.join(FILE);
    let io = |e| Error::io(format!("writing {}", path.display()), e);
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(io)?;
    f.write_all(lines.as_bytes()).map_err(io)?;
    f.sync_data().map_err(io)
}
