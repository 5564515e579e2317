//! The arguments of `gather` and `channels`: each side's own words from its
//! official channels, and the channels themselves.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct GatherArgs {
    /// The persona whose sides are gathered.
    #[arg(short, long, value_name = "ID")]
    pub persona: Option<String>,
    /// A glossary term of the persona (`senkaku`: all its names, in every
    /// script), or comma-separated keywords. Without it, every item is kept.
    #[arg(long, value_name = "TERM|WORDS")]
    pub topic: Option<String>,
    /// Keep items published within this long (`7d`, `36h`).
    #[arg(long, value_name = "AGE")]
    pub since: Option<String>,
    /// The source pack's folder.
    #[arg(short, long, value_name = "DIR")]
    pub out: PathBuf,
    /// A folder of channel files read before the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub channels: Option<PathBuf>,
    /// Read only these channels (repeatable; default: every channel of the
    /// persona's sides).
    #[arg(long = "channel", value_name = "ID")]
    pub only: Vec<String>,
    /// Where persona files live.
    #[arg(long, value_name = "DIR")]
    pub personas: Option<PathBuf>,
    /// At most this many items read per channel.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub per_channel: usize,
    /// Fetch from private, loopback and link-local addresses too.
    #[arg(long)]
    pub allow_private: bool,
    /// The run's report (pack.json's content) on stdout as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ChannelsCommand {
    /// List the channels: the project's, then the built-in ones.
    List {
        /// A folder of channel files read before the built-in ones.
        #[arg(long, value_name = "DIR")]
        channels: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Check channel files: each error with its file and line.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}
