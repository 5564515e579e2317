//! parallax: multi-perspective news articles through AI personas.
//!
//! Data flows one way: `cli` → `config` → `persona` + `source` → `prompt` →
//! `pipeline` (→ `llm`) → `article` → `render` → files. The binary is a thin shell
//! over [`run`]; tests and batch jobs call [`pipeline::draft`] directly.

pub mod article;
pub mod batch;
pub mod check;
pub mod cli;
pub mod config;
pub mod error;
pub mod fetch;
pub mod frontmatter;
pub mod fsutil;
pub mod labels;
pub mod llm;
pub mod persona;
pub mod pipeline;
pub mod prompt;
pub mod related;
pub mod render;
pub mod session;
pub mod source;
pub mod stage;

mod cmd;
pub mod provenance;

pub use error::{Error, Result};

/// Run a parsed command line.
pub async fn run(cli: cli::Cli) -> Result<()> {
    match &cli.command {
        cli::Command::Draft(args) => cmd::draft::run(args, cli.config.as_deref()).await,
        cli::Command::Batch(args) => batch::run(args, cli.config.as_deref()).await,
        cli::Command::Check(args) => cmd::check::run(args, cli.config.as_deref()).await,
        cli::Command::Personas(c) => cmd::personas::run(c, cli.config.as_deref()).await,
        cli::Command::Prompts(c) => cmd::prompts::run(c, cli.config.as_deref()).await,
        cli::Command::Init { dir } => cmd::init::run(dir.as_deref()),
    }
}
