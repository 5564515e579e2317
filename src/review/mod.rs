//! The review desk over a batch's output folder: one row per story (its status,
//! degraded parts, findings by kind, each side's share of the words, language
//! and cost), and the editor's decisions. Decisions are appended to
//! `DIR/review.jsonl`, one whole line each, with the time, the reviewer and the
//! hash of the article decided on; an approval of an article that changed
//! since is stale.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::error::{Error, Result};

/// The decisions file in an output folder.
pub const FILE: &str = "review.jsonl";

/// A story's state on the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Status {
    Done,
    Degraded,
    Failed,
}

/// An editor's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Approve,
    Reject,
}

/// Where a story stands after its latest decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Standing {
    Approve,
    Reject,
    /// Approved, but the article changed since.
    Stale,
}

/// One line of `review.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Decision {
    pub at: String,
    pub user: String,
    pub id: String,
    pub verdict: Verdict,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// SHA-256 of the article's JSON when decided.
    pub sha256: String,
}

/// One story's row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub headline: String,
    pub status: Status,
    pub degraded: usize,
    /// Findings by kind, degraded parts left out.
    pub findings: BTreeMap<String, usize>,
    /// Each side's share of the words, 0–1.
    pub shares: BTreeMap<String, f64>,
    pub language: String,
    pub cost_usd: Option<f64>,
    /// The failure's one line, for a failed story.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Where the story stands after its latest decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Standing>,
}

/// Every story of the output folder `dir`: its articles and its failures, with
/// the latest decision on each.
pub fn rows(dir: &Path) -> Result<Vec<Row>> {
    let decisions = latest(dir)?;
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
        let decision = decisions.get(&id).map(|d| match d.verdict {
            Verdict::Approve if d.sha256 != sha => Standing::Stale,
            Verdict::Approve => Standing::Approve,
            Verdict::Reject => Standing::Reject,
        });
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
            language: a.meta.language.clone(),
            cost_usd: a.meta.cost_usd,
            error: None,
            decision,
            degraded,
            findings,
            id,
        });
    }
    rows.extend(failed(dir)?);
    Ok(rows)
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

/// The failed stories `report.json` lists.
fn failed(dir: &Path) -> Result<Vec<Row>> {
    let path = dir.join("report.json");
    let Ok(text) = crate::fsutil::read_text(&path, 64 << 20) else {
        return Ok(Vec::new());
    };
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?;
    let rows = v["failures"].as_array().into_iter().flatten().map(|f| Row {
        id: f["id"]
            .as_str()
            .map_or_else(|| format!("line {}", f["line"]), str::to_string),
        headline: String::new(),
        status: Status::Failed,
        degraded: 0,
        findings: BTreeMap::new(),
        shares: BTreeMap::new(),
        language: String::new(),
        cost_usd: None,
        error: f["reason"].as_str().map(str::to_string),
        decision: None,
    });
    Ok(rows.collect())
}

/// The latest decision on each story, from `review.jsonl`. A line cut short
/// by a crash (no newline at its end) is no decision.
fn latest(dir: &Path) -> Result<BTreeMap<String, Decision>> {
    let path = dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
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
pub fn decide(dir: &Path, ids: &[String], verdict: Verdict, note: Option<&str>) -> Result<()> {
    let known: BTreeMap<String, PathBuf> = articles(dir)?.into_iter().collect();
    let user = ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "unknown".into());
    let mut lines = String::new();
    for id in ids {
        let path = known.get(id).ok_or_else(|| {
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
