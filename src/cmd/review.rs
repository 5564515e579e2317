//! The `review` command: a batch folder's stories as a table (or JSON lines),
//! the editor's approvals and rejections, and what may go out.

use std::fmt::Write as _;

use super::out::write_stdout;
use crate::cli::ReviewArgs;
use crate::error::{Error, Result};
use crate::review::{self, Row, Standing, Verdict};
use crate::text::printable;

pub(crate) fn run(args: &ReviewArgs) -> Result<()> {
    if !args.dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a folder; give a batch's output folder (the --out of parallax batch)",
            args.dir.display()
        )));
    }
    if args.note.is_some() && args.approve.is_empty() && args.reject.is_empty() {
        return Err(Error::Usage("--note goes with --approve or --reject".into()));
    }
    for (ids, verdict) in [(&args.approve, Verdict::Approve), (&args.reject, Verdict::Reject)] {
        if !ids.is_empty() {
            review::decide(&args.dir, ids, verdict, args.note.as_deref())?;
            let what = match verdict {
                Verdict::Approve => "approval",
                Verdict::Reject => "rejection",
            };
            tracing::info!(
                "{} {what}(s) recorded in {}",
                ids.len(),
                args.dir.join(review::FILE).display()
            );
        }
    }
    // Read once: the page after a decision and the listing share the rows.
    let mut rows = review::rows(&args.dir)?;
    if !(args.approve.is_empty() && args.reject.is_empty())
        && let Err(e) = review::page::write(&args.dir, &rows)
    {
        tracing::warn!("the review desk (index.html) was not updated: {e}");
    }
    if args.approved {
        rows.retain(|r| r.decision == Some(Standing::Approve));
    }
    let text = if args.json {
        let mut out = String::new();
        for r in &rows {
            out.push_str(&serde_json::to_string(r).map_err(Error::internal)?);
            out.push('\n');
        }
        out
    } else if args.approved {
        rows.iter().map(|r| format!("{}\n", r.id)).collect()
    } else {
        table(&rows)
    };
    write_stdout(&text)
}

/// The rows as a table a terminal shows: model and source text made inert.
fn table(rows: &[Row]) -> String {
    let mut out = String::from("ID\tSTATUS\tDEGRADED\tFINDINGS\tSIDES\tLANG\tCOST\tDECISION\tHEADLINE\n");
    for r in rows {
        let findings = r
            .findings
            .iter()
            .map(|(k, n)| format!("{k}:{n}"))
            .collect::<Vec<_>>()
            .join(",");
        let sides = r
            .shares
            .iter()
            .map(|(k, s)| format!("{k}:{:.0}%", s * 100.0))
            .collect::<Vec<_>>()
            .join(",");
        let cost = r.cost_usd.map_or("-".into(), |c| format!("${c:.4}"));
        let status: &str = r.status.into();
        let last = r.error.as_deref().unwrap_or(&r.headline);
        // A stale approval names the files that changed since.
        let decision = match r.decision {
            Some(Standing::Stale) => format!("stale ({} changed)", r.changed.join(", ")),
            d => d.map_or("-", <&str>::from).to_string(),
        };
        let _ = writeln!(
            out,
            "{}\t{status}\t{}\t{}\t{}\t{}\t{cost}\t{}\t{}",
            printable(&r.id),
            r.degraded,
            or_dash(&findings),
            or_dash(&sides),
            or_dash(r.language.as_deref().unwrap_or("")),
            printable(&decision),
            printable(last)
        );
    }
    out
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "-" } else { s }
}
