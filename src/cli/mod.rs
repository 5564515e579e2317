//! Command-line arguments, as typed. No I/O here: each command hands the
//! library plain flags (`config::Flags`), which `config` resolves into settings
//! once. This and `cmd` are the only modules that know the argument parser.
//!
//! The doc comments here are the help text people read in a terminal
//! (`<slug>.<ext>`, `perspective[:ID]`), not rustdoc's Markdown.
#![allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

use std::path::PathBuf;

use crate::config::{Flags, Model, parse_stage_model};
use crate::render::Format;
use crate::stage::StageKind;
use clap::{Args, Parser, Subcommand};

mod batch;
mod gather;
mod personas;
mod review;
pub(crate) use batch::{BatchArgs, DoctorArgs, Engine};
pub(crate) use gather::{ChannelsCommand, GatherArgs};
pub(crate) use personas::{Lookup, PersonasCommand, PromptsCommand};
pub(crate) use review::{PublishArgs, ReviewArgs};

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "Multi-perspective news articles through AI personas, every claim traceable to a source",
    after_help = "Examples:\n  parallax draft examples/sources/kim-putin-new-year.md --persona prism\n  parallax draft report.md -o article.md --model gpt-4o-mini\n  parallax draft notes.md --provider ollama --model llama3.1\n  parallax draft report.md --dry-run        # show every prompt, send nothing\n\nWith no provider configured, parallax drafts offline with the extractive provider."
)]
pub(crate) struct Cli {
    /// More log output on stderr (-v debug, -vv trace). RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub(crate) verbose: u8,
    /// Only warnings and errors on stderr.
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
    /// Config file to use instead of the discovered parallax.toml.
    #[arg(long, global = true, env = "PARALLAX_CONFIG", value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Draft one article from one or more sources.
    #[command(
        after_help = "Examples:\n  parallax draft examples/sources/kim-putin-new-year.md --persona prism\n  cat facts.md | parallax draft - -o article.md\n  parallax draft a.md b.md --provider openai --model gpt-4o-mini --no-stream\n  parallax draft kaiken-ja.md --lang ko,en -o out/story.md   # two editions, one brief\n  parallax draft a.md --dry-run"
    )]
    Draft(DraftArgs),
    /// Draft many stories: resumable, within budget, nothing lost.
    #[command(
        after_help = "Examples:\n  parallax batch stories.jsonl --out out/ -j 16\n  parallax batch stories.csv --out out/ --max-cost 5 --dry-run\n  parallax batch sources/ --out out/ --persona ledger\n  parallax batch stories.jsonl --out out/ --lang ja,en   # ID.ja.md and ID.en.md\n  parallax batch 'wire/*.md' --out out/ --retry-failed --json\n  parallax batch archive.jsonl --out out/ --engine provider --max-cost 50\n  parallax batch archive.jsonl --out out/ --provider vllm --engine export\n  parallax batch archive.jsonl --out out/ --provider vllm --engine import --results results.jsonl\n  parallax batch --cancel out/\n\nRerun the same command to resume: finished stories are skipped without a call, and\nbatches already submitted are polled, never submitted again."
    )]
    Batch(BatchArgs),
    /// Check any Markdown article against its sources: claims, balance, glossary.
    #[command(
        after_help = "Examples:\n  parallax check article.md --source report.md --source statement.md\n  parallax check draft.md -s facts.md --persona prism --json\n  parallax check --edition story.ko.md --against story.en.md --persona nuri\n\nExit codes: 0 no findings, 1 findings, 2 bad input."
    )]
    Check(CheckArgs),
    /// The review desk: a batch's stories with their status, findings and sides;
    /// approve or reject them.
    #[command(
        after_help = "Examples:\n  parallax review out/\n  parallax review out/ --json\n  parallax review out/ --approve story-0001 story-0002\n  parallax review out/ --reject story-0003 --note \"Japan's position is thin\"\n  parallax review out/ --approved          # what may go out\n\nDecisions are appended to DIR/review.jsonl with the time, your user name and the\narticle's hash; an approval of an article that changed since shows as stale."
    )]
    Review(ReviewArgs),
    /// Publish the approved stories of a batch folder to a static site (Hugo or
    /// Zola), once, then updated in place.
    #[command(
        after_help = "Examples:\n  parallax publish out/ --to site              # approved stories, current approvals only\n  parallax publish out/ --to site --dry-run    # what would be written\n  parallax publish out/ --to site --all        # every story; unapproved ones as drafts\n  parallax publish out/ --to site --check      # the target checked, nothing written\n\nThe target is a table of parallax.toml:\n  [publish.site]\n  kind = \"hugo\"            # or \"zola\"\n  dir = \"site/content/news\"\n\nEach story is recorded in DIR/published.jsonl; a second run updates what changed\nand writes nothing else. See docs/publish.md."
    )]
    Publish(PublishArgs),
    /// List who says what in the sources, and for which side.
    #[command(
        after_help = "Examples:\n  parallax statements report.md statement.md\n  parallax statements canal.md --persona prism --json | jq 'select(.side == \"china\")'\n\nA side comes from the speaker only (the persona's keywords and actors), never from\nwho else a sentence mentions."
    )]
    Statements(StatementsArgs),
    /// Gather each side's own words from its official channels into a source pack.
    #[command(
        after_help = "Examples:\n  parallax gather --persona prism --topic senkaku --since 7d -o pack/\n  parallax draft pack/ --persona prism -o senkaku.md\n  parallax gather --topic \"export controls,rare earths\" --channels channels/ -o pack/\n  parallax gather --manifest topics.toml --since 1d -o nightly/   # then: parallax batch nightly/batch.jsonl --out out/\n\nEach item is a source file whose front matter gives its side, office, channel,\nlicence and provenance; pack.json lists what was kept and skipped, and why."
    )]
    Gather(GatherArgs),
    /// List and check the official channels `gather` reads.
    #[command(subcommand)]
    Channels(ChannelsCommand),
    /// List, show, check and create personas.
    #[command(subcommand)]
    Personas(PersonasCommand),
    /// List, render and eject the prompt templates.
    #[command(subcommand)]
    Prompts(PromptsCommand),
    /// Probe a model server: models, context length, streaming, usage, and each
    /// structured-output mode.
    #[command(
        after_help = "Examples:\n  parallax doctor --provider llamacpp\n  parallax doctor --provider ollama --model llama3.1\n  parallax doctor --base-url http://127.0.0.1:8000/v1 --model Qwen/Qwen2.5-7B-Instruct --json\n\nExit codes: 0 the server answers, 1 it does not, 2 bad usage."
    )]
    Doctor(DoctorArgs),
    /// Trust a project's parallax.toml: let it set key sources and base_url.
    #[command(
        after_help = "Examples:\n  parallax trust                 # the parallax.toml found from here upward\n  parallax trust ../parallax.toml\n\nA parallax.toml found by walking up from the working folder may set\napi_key_cmd, api_key_file, api_key_env, or a base_url that receives your key,\nonly once trusted. A change to the file needs trusting again."
    )]
    Trust {
        /// The file to trust (default: the parallax.toml found from here upward).
        file: Option<PathBuf>,
    },
    /// Create a project folder: parallax.toml, personas/, prompts/, sources/.
    #[command(
        after_help = "Examples:\n  parallax init newsroom && cd newsroom && parallax draft sources/example.md"
    )]
    Init {
        /// The folder (created if missing). Default: the working folder.
        dir: Option<PathBuf>,
    },
    /// Print shell completions for bash, zsh, fish or PowerShell.
    #[command(
        after_help = "Examples:\n  source <(parallax completions bash)\n  parallax completions zsh > ~/.zfunc/_parallax\n  parallax completions fish > ~/.config/fish/completions/parallax.fish"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man`.
    #[command(after_help = "Examples:\n  parallax man > parallax.1 && man ./parallax.1")]
    Man,
}

#[derive(Debug, Args)]
pub(crate) struct DraftArgs {
    /// Sources: Markdown or text files (optional front matter), JSON/YAML fact
    /// sheets, http(s) URLs, or `-` for stdin.
    #[arg(required = true, value_name = "SOURCE")]
    pub(crate) sources: Vec<String>,
    /// Persona id (or path to a persona file). Default: config `persona`, else prism.
    #[arg(short, long, value_name = "ID")]
    pub(crate) persona: Option<String>,
    /// Where to write the article (atomically): FILE.md, FILE.html or FILE.json
    /// (the extension chooses the format unless --format names others, written
    /// beside it), a folder (`out/`: <slug-of-the-headline>.<ext>), or `-` for
    /// standard output. A provenance record is written beside each file.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Print the exact messages every round would send; send nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Where to write the provenance record. Default: beside `-o FILE` as
    /// FILE.provenance.json; none when the article goes to stdout.
    #[arg(long, value_name = "FILE")]
    pub(crate) provenance: Option<PathBuf>,
    /// Print raw Markdown even when stdout is a terminal.
    #[arg(long)]
    pub(crate) plain: bool,
    #[command(flatten)]
    pub(crate) run: RunArgs,
}

/// How articles are drafted: provider, model, cache, checks. Shared by `draft`
/// and `batch`.
#[derive(Debug, Args, Clone, Default)]
pub(crate) struct RunArgs {
    /// Provider: extractive, openai, anthropic, ollama, llamacpp, vllm, lmstudio, openrouter,
    /// groq, together, mistral, deepseek, gemini. Default: openai when OPENAI_API_KEY or
    /// OPENAI_BASE_URL is set, anthropic when ANTHROPIC_API_KEY is, else extractive.
    #[arg(long, value_name = "NAME")]
    pub(crate) provider: Option<String>,
    /// Model for every stage.
    #[arg(short, long, value_parser = model_parser)]
    pub(crate) model: Option<Model>,
    /// Model for one stage (brief, lede, perspective, finish); repeatable.
    #[arg(long, value_name = "STAGE=MODEL", value_parser = parse_stage_model)]
    pub(crate) stage_model: Vec<(StageKind, Model)>,
    /// Base URL of the provider's API, e.g. http://127.0.0.1:8080/v1 (llama-server).
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Ask for whole answers instead of server-sent event streams.
    #[arg(long)]
    pub(crate) no_stream: bool,
    /// Sampling temperature (0.0–2.0). Default: the persona's, else
    /// provider.temperature, else the server's.
    #[arg(long)]
    pub(crate) temperature: Option<f32>,
    /// Upper bound on tokens per answer.
    #[arg(long, value_name = "N")]
    pub(crate) max_tokens: Option<u32>,
    /// Do not read or write the response cache.
    #[arg(long)]
    pub(crate) no_cache: bool,
    /// Ask the model again even when the cache has an answer (and store the new one).
    #[arg(long)]
    pub(crate) refresh: bool,
    /// Folder of prompt templates overriding the built-ins file by file.
    #[arg(long, value_name = "DIR")]
    pub(crate) prompts: Option<PathBuf>,
    /// Folder searched first for persona files.
    #[arg(long, value_name = "DIR")]
    pub(crate) personas: Option<PathBuf>,
    /// The article's date (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "DATE", value_parser = date_parser)]
    pub(crate) date: Option<crate::clock::Date>,
    /// Fail (exit 1, nothing written) when the integrity checks still find
    /// something after the revision round.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Report findings without sending flagged sections back for revision.
    #[arg(long)]
    pub(crate) no_revise: bool,
    /// Fetch URL sources even from private, loopback and link-local addresses.
    #[arg(long)]
    pub(crate) allow_private: bool,
    /// Output formats, comma-separated: md, html, json. Default: the extension of
    /// `-o`, else md.
    #[arg(long, value_parser = format_parser(), value_delimiter = ',', value_name = "FORMATS")]
    pub(crate) format: Vec<Format>,
    /// Editions, comma-separated language codes (`ko,en`): one article per
    /// language from one brief, written as FILE.ko.md, FILE.en.md. One code
    /// writes in that language instead of the persona's.
    #[arg(long, value_parser = language_parser, value_delimiter = ',', value_name = "LANGS")]
    pub(crate) lang: Vec<crate::ids::Lang>,
}

#[derive(Debug, Args)]
pub(crate) struct StatementsArgs {
    /// Source files, URLs or `-` for standard input.
    #[arg(required = true, value_name = "SOURCE")]
    pub(crate) sources: Vec<String>,
    /// The persona whose perspectives give the sides.
    #[arg(short, long, value_name = "ID")]
    pub(crate) persona: Option<String>,
    /// Where persona files live.
    #[arg(long, value_name = "DIR")]
    pub(crate) personas: Option<PathBuf>,
    /// One JSON object per line: source, passage, speaker, side, verb, content.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The Markdown article to check.
    #[arg(value_name = "ARTICLE", required_unless_present = "edition")]
    pub(crate) article: Option<PathBuf>,
    /// The sources the article rests on (repeatable).
    #[arg(
        short,
        long = "source",
        value_name = "SOURCE",
        required_unless_present = "against"
    )]
    pub(crate) sources: Vec<String>,
    /// An edition of a story to compare with another (`--against`) for fact
    /// parity: numbers, dates, quotations, sides and shares.
    #[arg(
        long,
        value_name = "ARTICLE",
        requires = "against",
        conflicts_with = "article"
    )]
    pub(crate) edition: Option<PathBuf>,
    /// The other edition, in any language.
    #[arg(long, value_name = "ARTICLE", requires = "edition")]
    pub(crate) against: Option<PathBuf>,
    /// Persona whose perspectives and glossary apply. Default: the article's
    /// `persona` front-matter field, else the config's, else prism.
    #[arg(short, long, value_name = "ID")]
    pub(crate) persona: Option<String>,
    /// Folder searched first for persona files.
    #[arg(long, value_name = "DIR")]
    pub(crate) personas: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `md`, `html` or `json`, listed in `--help` and in the error for anything else.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["md", "html", "json"]).try_map(|s| s.parse::<Format>())
}

/// A model's name for `--model`: not empty.
fn model_parser(s: &str) -> Result<Model, String> {
    Model::new(s).ok_or_else(|| "an empty model name; give one such as gpt-4o-mini".to_string())
}

/// A calendar date for `--date`.
fn date_parser(s: &str) -> Result<crate::clock::Date, String> {
    s.parse().map_err(|e| format!("{e}"))
}

/// A language code for `--lang`.
fn language_parser(s: &str) -> Result<crate::ids::Lang, String> {
    crate::ids::Lang::parse(s)
}

impl RunArgs {
    /// The flags as the library takes them.
    pub(crate) fn flags(&self) -> Flags {
        Flags {
            provider: self.provider.clone(),
            model: self.model.clone(),
            stage_model: self.stage_model.clone(),
            base_url: self.base_url.clone(),
            no_stream: self.no_stream,
            temperature: self.temperature,
            max_tokens: self.max_tokens,
            no_cache: self.no_cache,
            refresh: self.refresh,
            prompts: self.prompts.clone(),
            personas: self.personas.clone(),
            date: self.date,
            strict: self.strict,
            no_revise: self.no_revise,
            allow_private: self.allow_private,
            languages: self.lang.clone(),
            dry_run: false,
        }
    }
}
