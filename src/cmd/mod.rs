//! The commands: each loads what it needs, calls the library and writes files.

pub mod batch;
pub mod check;
pub mod doctor;
pub mod draft;
pub mod gather;
pub mod init;
pub mod personas;
pub mod prompts;
pub mod review;
pub mod statements;

use std::io::Write;

use std::path::PathBuf;

use crate::cli::{self, Cli};
use parallax::error::{Error, Result};

/// Run a parsed command line.
pub async fn run(cli: Cli) -> Result<()> {
    let config = cli.config.as_deref();
    match &cli.command {
        cli::Command::Draft(args) => draft::run(args, config).await,
        cli::Command::Batch(args) => batch::run(args, config).await,
        cli::Command::Check(args) => check::run(args, config).await,
        cli::Command::Statements(args) => statements::run(args, config).await,
        cli::Command::Gather(args) => gather::run(args, config).await,
        cli::Command::Channels(c) => gather::channels(c, config),
        cli::Command::Review(args) => review::run(args),
        cli::Command::Personas(c) => personas::run(c, config).await,
        cli::Command::Prompts(c) => prompts::run(c, config).await,
        cli::Command::Init { dir } => init::run(dir.as_deref()),
        cli::Command::Trust { file } => trust(file.as_deref()),
        cli::Command::Doctor(args) => doctor::run(args, config).await,
    }
}

/// The project found from here, and the persona asked for (else its default).
fn project_and_persona(
    config: Option<&std::path::Path>,
    personas: Option<&std::path::Path>,
    persona: Option<&str>,
) -> Result<(parallax::config::Project, parallax::persona::Persona)> {
    use parallax::config::{ProcessEnv, Project};
    let project = Project::discover(config, personas, None, &ProcessEnv, &cwd()?)?;
    let id = persona.map_or_else(|| project.default_persona.clone(), str::to_string);
    let persona = parallax::persona::load(&id, &project.persona_dirs)?;
    Ok((project, persona))
}

/// `parallax trust [FILE]`: record a project config as trusted.
fn trust(file: Option<&std::path::Path>) -> Result<()> {
    use parallax::config::{ProcessEnv, find_project_config, trust};
    let file = match file {
        Some(f) => f.to_path_buf(),
        None => find_project_config(&cwd()?)
            .ok_or_else(|| Error::Usage("no parallax.toml here or above; name the file to trust".into()))?,
    };
    let store = trust::trust(&file, &ProcessEnv)?;
    tracing::info!("trusted {} (recorded in {})", file.display(), store.display());
    Ok(())
}

/// The working folder, which project discovery starts from.
pub fn cwd() -> Result<PathBuf> {
    std::env::current_dir().map_err(|e| Error::io("reading the working folder", e))
}

/// Write to stdout; a closed pipe (`| head`) is not an error.
pub fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("writing to stdout", e)),
        _ => Ok(()),
    }
}

/// Rows as aligned columns, measured in terminal cells (a Hangul or CJK
/// character takes two).
pub fn columns(rows: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let last = r.len().saturating_sub(1);
        for (c, cell) in r.iter().enumerate() {
            out.push_str(cell);
            if c < last {
                out.push_str(&" ".repeat(widths[c] - cell.width() + 2));
            }
        }
        out.push('\n');
    }
    out
}
