//! The arguments of `batch` (engines, cancellation) and `doctor`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::RunArgs;

#[derive(Debug, Args)]
pub(crate) struct BatchArgs {
    /// A JSONL or CSV manifest (one story a line), a folder of source files (one
    /// story each), or a quoted glob.
    #[arg(value_name = "LIST", required_unless_present = "cancel")]
    pub(crate) list: Option<String>,
    /// Output folder: one `ID.md` and `ID.provenance.json` per story, the journal,
    /// and `report.json`.
    #[arg(short, long, value_name = "DIR", required_unless_present = "cancel")]
    pub(crate) out: Option<PathBuf>,
    /// Persona for stories that do not name one.
    #[arg(short, long, value_name = "ID")]
    pub(crate) persona: Option<String>,
    /// Stories in flight at once (default: four times the provider's
    /// `concurrency`, 8 offline; requests are further capped by `concurrency`,
    /// `rpm` and `tpm`).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub(crate) jobs: Option<usize>,
    /// Stop starting stories once the spent cost plus the estimate of those in
    /// flight would pass this many US dollars.
    #[arg(long, value_name = "USD")]
    pub(crate) max_cost: Option<f64>,
    /// Print the plan (stories, calls, estimated tokens and cost); call nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Try stories that failed in an earlier run again.
    #[arg(long)]
    pub(crate) retry_failed: bool,
    /// One JSON event per story on stdout.
    #[arg(long)]
    pub(crate) json: bool,
    /// Who answers the calls: `live` (each at once), `provider` (the provider's
    /// batch API, half price, rounds of up to 24 h), `export` (write each round as
    /// an OpenAI batch file and stop) or `import` (read `--results`, go on).
    #[arg(long, value_enum, default_value_t = Engine::Live, value_name = "ENGINE")]
    pub(crate) engine: Engine,
    /// The results file of an exported round (with `--engine import`).
    #[arg(long, value_name = "FILE")]
    pub(crate) results: Option<PathBuf>,
    /// Send batch requests that came back errored or expired as live calls
    /// instead of into the next batch.
    #[arg(long)]
    pub(crate) finish_live: bool,
    /// Let `source` paths in a JSONL or CSV manifest point outside its folder.
    #[arg(long)]
    pub(crate) allow_outside: bool,
    /// Cancel the provider batches a stopped run left open in DIR (default:
    /// --out), then exit.
    #[arg(long, value_name = "DIR", num_args = 0..=1)]
    pub(crate) cancel: Option<Option<PathBuf>>,
    #[command(flatten)]
    pub(crate) run: RunArgs,
}

#[derive(Debug, Args)]
pub(crate) struct DoctorArgs {
    /// The probes as JSON on stdout.
    #[arg(long)]
    pub(crate) json: bool,
    #[command(flatten)]
    pub(crate) run: RunArgs,
}

/// Who answers a batch's calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Engine {
    Live,
    Provider,
    Export,
    Import,
}
