//! Command-line arguments, as typed. No I/O here: `config` turns these into
//! settings once.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "Multi-perspective news articles through AI personas, every claim traceable to a source",
    after_help = "Examples:\n  parallax draft examples/sources/kim-putin-new-year.md --persona prism\n  parallax draft report.md -o article.md --model gpt-4o-mini\n  OPENAI_BASE_URL=http://127.0.0.1:11434/v1 parallax draft notes.md --model llama3.1\n  parallax draft report.md --dry-run        # show every prompt, send nothing\n\nWith no provider configured, parallax drafts offline with the extractive provider."
)]
pub struct Cli {
    /// More log output on stderr (-v debug, -vv trace). RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Only warnings and errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Config file to use instead of the discovered parallax.toml.
    #[arg(long, global = true, env = "PARALLAX_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Draft one article from one or more sources.
    #[command(
        after_help = "Examples:\n  parallax draft examples/sources/kim-putin-new-year.md --persona prism\n  cat facts.md | parallax draft - -o article.md\n  parallax draft a.md b.md --provider openai --model gpt-4o-mini --no-stream\n  parallax draft a.md --dry-run"
    )]
    Draft(DraftArgs),
    /// Check any Markdown article against its sources: claims, balance, glossary.
    #[command(
        after_help = "Examples:\n  parallax check article.md --source report.md --source statement.md\n  parallax check draft.md -s facts.md --persona prism --json\n\nExit codes: 0 no findings, 1 findings, 2 bad input."
    )]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// Source files (Markdown or text, optional front matter); `-` reads stdin.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// Persona id (or path to a persona file). Default: config `persona`, else prism.
    #[arg(short, long, value_name = "ID")]
    pub persona: Option<String>,
    /// Write the article to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Provider: extractive, openai, anthropic, ollama, llamacpp, vllm, lmstudio, openrouter,
    /// groq, together, mistral, deepseek, gemini. Default: openai when OPENAI_API_KEY or
    /// OPENAI_BASE_URL is set, anthropic when ANTHROPIC_API_KEY is, else extractive.
    #[arg(long, value_name = "NAME")]
    pub provider: Option<String>,
    /// Model for every stage.
    #[arg(short, long)]
    pub model: Option<String>,
    /// Model for one stage (brief, lede, perspective, finish); repeatable.
    #[arg(long, value_name = "STAGE=MODEL")]
    pub stage_model: Vec<String>,
    /// Do not read or write the response cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Ask the model again even when the cache has an answer (and store the new one).
    #[arg(long)]
    pub refresh: bool,
    /// Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Ask for whole answers instead of server-sent event streams.
    #[arg(long)]
    pub no_stream: bool,
    #[arg(long)]
    pub temperature: Option<f32>,
    /// Upper bound on tokens per answer.
    #[arg(long, value_name = "N")]
    pub max_tokens: Option<u32>,
    /// Print the exact messages every round would send; send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Folder of prompt templates overriding the built-ins file by file.
    #[arg(long, value_name = "DIR")]
    pub prompts: Option<PathBuf>,
    /// Folder searched first for persona files.
    #[arg(long, value_name = "DIR")]
    pub personas: Option<PathBuf>,
    /// The article's date (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Fail (exit 1, nothing written) when the integrity checks still find
    /// something after the revision round.
    #[arg(long)]
    pub strict: bool,
    /// Report findings without sending flagged sections back for revision.
    #[arg(long)]
    pub no_revise: bool,
    /// Where to write the provenance record. Default: beside `-o FILE` as
    /// FILE.provenance.json; none when the article goes to stdout.
    #[arg(long, value_name = "FILE")]
    pub provenance: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The Markdown article to check.
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,
    /// The sources the article rests on (repeatable).
    #[arg(short, long = "source", value_name = "SOURCE", required = true)]
    pub sources: Vec<String>,
    /// Persona whose perspectives and glossary apply. Default: the article's
    /// `persona` front-matter field, else the config's, else prism.
    #[arg(short, long, value_name = "ID")]
    pub persona: Option<String>,
    /// Folder searched first for persona files.
    #[arg(long, value_name = "DIR")]
    pub personas: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
