//! parallax: multi-perspective news articles through AI personas.
//!
//! Data flows one way: `config` → `persona` + `source` → `prompt` → `pipeline`
//! (→ stage answerer → `llm`) → `article` → `check` → `render` → `publish`.
//! `batch` drives the same pipeline over many stories as a service. The
//! command line (`cli`, `cmd`, behind the `cli` feature) sits over the rest:
//! only it knows the argument parser, and `run` is its door.

pub mod article;
pub mod batch;
#[cfg(feature = "cli")]
mod cli;
#[cfg(feature = "cli")]
mod cmd;
pub mod check;
pub mod clock;
pub mod config;
pub mod drafter;
pub mod error;
pub mod fetch;
pub mod frontmatter;
pub mod fsutil;
pub mod gather;
pub mod lang;
pub mod llm;
pub mod persona;
pub mod pipeline;
pub mod prompt;
pub mod provenance;
pub mod publish;
pub mod related;
pub mod render;
pub mod review;
pub mod session;
pub mod source;
pub mod stage;
pub mod text;
pub mod voice;

pub use error::{Error, Result};

/// parallax as a command: parse the arguments, run, and give the exit code.
#[cfg(feature = "cli")]
pub fn run() -> std::process::ExitCode {
    cmd::main()
}
