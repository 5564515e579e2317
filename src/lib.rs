//! parallax: multi-perspective news articles through AI personas.
//!
//! Data flows one way: `config` → `persona` + `source` → `prompt` → `pipeline`
//! (→ stage answerer → `llm`) → `article` → `check` → `render` → `publish`.
//! `batch` drives the same pipeline over many stories as a service. The
//! command line (`cli`, `cmd`, behind the `cli` feature) sits over the rest:
//! only it knows the argument parser, and `run` is its door.

#![deny(unreachable_pub)]
// Without the command line the library is only its readers (what the fuzz
// tests call); the rest is there for `run`.
#![cfg_attr(not(feature = "cli"), allow(dead_code, unused_imports))]

mod article;
mod batch;
mod check;
#[cfg(feature = "cli")]
mod cli;
mod clock;
#[cfg(feature = "cli")]
mod cmd;
mod config;
mod drafter;
mod error;
mod fetch;
mod frontmatter;
mod fsutil;
mod gather;
mod ids;
mod lang;
mod llm;
mod memo;
mod pattern;
mod persona;
mod pipeline;
mod prompt;
mod provenance;
mod publish;
mod related;
mod render;
mod review;
mod session;
mod source;
mod stage;
mod template;
mod text;
mod voice;

pub use error::{Error, InputError, Result};

// What the tests outside this crate read directly: the readers of untrusted
// input (fuzzed there) and the published JSON schema.
pub use batch::manifest::Manifest;
pub use fetch::extract::{decode as decode_page, html as extract_page};
pub use persona::Persona;
pub use render::json::schema as article_schema;
pub use source::{Source, parse as parse_source};

/// parallax as a command: parse the arguments, run, and give the exit code.
#[cfg(feature = "cli")]
pub fn run() -> std::process::ExitCode {
    cmd::main()
}
