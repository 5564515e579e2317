//! The arguments of the commands over files people keep: personas and prompt
//! templates (list, show, check, create, render, eject).

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Where persona and template lookups start, shared by the persona and prompt commands.
#[derive(Debug, Args, Clone, Default)]
pub(crate) struct Lookup {
    /// Folder searched first for persona files.
    #[arg(long, value_name = "DIR", global = true)]
    pub(crate) personas: Option<PathBuf>,
    /// Folder of prompt templates overriding the built-ins file by file.
    #[arg(long, value_name = "DIR", global = true)]
    pub(crate) prompts: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum PersonasCommand {
    /// Every persona reachable by id: id, name, beat, perspectives, where it comes from.
    #[command(after_help = "Examples:\n  parallax personas list\n  parallax personas list --json")]
    List {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lookup: Lookup,
    },
    /// Everything about one persona, with the template files it uses and where each comes from.
    #[command(
        after_help = "Examples:\n  parallax personas show prism\n  parallax personas show personas/desk.md --json"
    )]
    Show {
        /// Persona id or path.
        id: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lookup: Lookup,
    },
    /// Validate persona files and the templates they use; exit 2 on any error.
    #[command(
        after_help = "Examples:\n  parallax personas check                 # every reachable persona\n  parallax personas check personas/ prompts/brief.j2"
    )]
    Check {
        /// Persona files, template files or folders. Default: every reachable persona.
        paths: Vec<PathBuf>,
        #[command(flatten)]
        lookup: Lookup,
    },
    /// Write a commented persona file to start from.
    #[command(
        after_help = "Examples:\n  parallax personas new desk\n  parallax personas new desk --extends prism"
    )]
    New {
        /// The new persona's id (lowercase letters, digits, dashes).
        id: String,
        /// Start from an existing persona and override only what differs.
        #[arg(long, value_name = "ID")]
        extends: Option<String>,
        /// Folder to write into. Default: the project's personas/.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        lookup: Lookup,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum PromptsCommand {
    /// The templates in effect and where each comes from.
    List {
        /// Include the persona's own template overrides.
        #[arg(short, long, value_name = "ID")]
        persona: Option<String>,
        #[command(flatten)]
        lookup: Lookup,
    },
    /// Print the exact messages of one stage (brief, lede, perspective[:ID], finish, revise, or all).
    #[command(
        after_help = "Examples:\n  parallax prompts render brief --persona prism --source report.md\n  parallax prompts render perspective:japan -p prism -s a.md -s b.md"
    )]
    Render {
        /// The stage to show: brief, lede, perspective, perspective:ID, finish,
        /// revise, or all.
        #[arg(value_parser = shown_parser)]
        stage: crate::stage::Shown,
        /// Persona id (or path to a persona file).
        #[arg(short, long, value_name = "ID")]
        persona: Option<String>,
        /// A source to fill the prompts with (repeatable).
        #[arg(short, long = "source", value_name = "SOURCE", required = true)]
        sources: Vec<String>,
        #[command(flatten)]
        lookup: Lookup,
    },
    /// Copy the built-in templates (prompts and the HTML page) to edit them.
    #[command(
        after_help = "Examples:\n  parallax prompts eject            # all of them into the project's prompts/\n  parallax prompts eject finish.j2  # one template into prompts/\n  parallax prompts eject my-prompts --force"
    )]
    Eject {
        /// A template's name (finish.j2, article.html.j2) to eject that one into
        /// the project's prompts/, or a folder for all of them. Default: all into
        /// the project's prompts/.
        dir: Option<PathBuf>,
        /// Overwrite files that exist.
        #[arg(long)]
        force: bool,
    },
}

/// A stage (or group of stages, or `all`) for `prompts render`.
fn shown_parser(s: &str) -> Result<crate::stage::Shown, String> {
    s.parse().map_err(|_| {
        format!("no stage `{s}`; give all, brief, lede, perspective, perspective:ID, finish or revise")
    })
}
