//! The arguments of `gather` and `channels`: each side's own words from its
//! official channels, and the channels themselves.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub(crate) struct GatherArgs {
    /// The persona whose sides are gathered.
    #[arg(short, long, value_name = "ID")]
    pub(crate) persona: Option<String>,
    /// A glossary term of the persona (`senkaku`: all its names, in every
    /// script), or comma-separated keywords. Without it, every item is kept.
    #[arg(long, value_name = "TERM|WORDS", conflicts_with = "manifest")]
    pub(crate) topic: Option<String>,
    /// A topics file: one pack per topic in the `--out` folder, and a batch
    /// manifest (`batch.jsonl`) there whose stories are those packs.
    #[arg(long, value_name = "TOPICS.toml")]
    pub(crate) manifest: Option<PathBuf>,
    /// Keep items published within this long (`7d`, `36h`).
    #[arg(long, value_name = "AGE")]
    pub(crate) since: Option<String>,
    /// The source pack's folder (with `--manifest`, the folder of the packs).
    #[arg(short, long, value_name = "DIR")]
    pub(crate) out: PathBuf,
    /// A folder of channel files read before the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub(crate) channels: Option<PathBuf>,
    /// Read only these channels (repeatable; default: every channel of the
    /// persona's sides).
    #[arg(long = "channel", value_name = "ID")]
    pub(crate) only: Vec<String>,
    /// Where persona files live.
    #[arg(long, value_name = "DIR")]
    pub(crate) personas: Option<PathBuf>,
    /// At most this many items read per channel.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub(crate) per_channel: usize,
    /// Fetch from private, loopback and link-local addresses too.
    #[arg(long)]
    pub(crate) allow_private: bool,
    /// The run's report (pack.json's content) on stdout as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ChannelsCommand {
    /// List the channels: the project's, then the built-in ones.
    List {
        /// A folder of channel files read before the built-in ones.
        #[arg(long, value_name = "DIR")]
        channels: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Check channel files: each error with its file and line. With --live,
    /// ask each channel (these files, else every channel) whether it answers
    /// with a feed, and how fresh it is.
    #[command(
        after_help = "Examples:\n  parallax channels check channels/*.toml\n  parallax channels check --live                 # every channel, asked once\n  parallax channels check --live --json channels/kr.toml"
    )]
    Check {
        #[arg(required_unless_present = "live", value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Ask each channel over the network (robots.txt and pacing obeyed).
        #[arg(long)]
        live: bool,
        /// A folder of channel files read before the built-in ones (with --live).
        #[arg(long, value_name = "DIR")]
        channels: Option<PathBuf>,
        /// Fetch from private, loopback and link-local addresses too.
        #[arg(long)]
        allow_private: bool,
        /// One JSON object per channel.
        #[arg(long)]
        json: bool,
    },
}
