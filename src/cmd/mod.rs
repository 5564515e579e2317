//! The commands: each loads what it needs, calls the library and writes files.

pub(crate) mod batch;
pub(crate) mod check;
pub(crate) mod doctor;
pub(crate) mod draft;
pub(crate) mod gather;
pub(crate) mod init;
mod open;
mod out;
pub(crate) mod personas;
pub(crate) mod prompts;
mod publish;
pub(crate) mod review;
pub(crate) mod statements;

use open::cwd;
use out::write_stdout;

use crate::cli::{self, Cli};
use crate::error::{Error, Result};

/// parallax as a command: parse the arguments, set up logging, run, and map
/// errors to exit codes (0 ok, 1 failure, 2 bad usage or input).
pub(crate) fn main() -> std::process::ExitCode {
    use clap::Parser;
    let cli = Cli::parse();
    init_logging(cli.verbose, cli.quiet);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("parallax: error: cannot start the async runtime: {e}");
            return std::process::ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parallax: error: {}", crate::text::printable(&e.to_string()));
            std::process::ExitCode::from(e.exit_code())
        }
    }
}

/// Logs on stderr, coloured only on a terminal and without `NO_COLOR`.
fn init_logging(verbose: u8, quiet: bool) {
    use std::io::IsTerminal;
    use tracing_subscriber::EnvFilter;
    let level = match (quiet, verbose) {
        (true, _) => "warn",
        (false, 0) => "parallax=info,warn",
        (false, 1) => "parallax=debug,info",
        (false, _) => "parallax=trace,debug",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(level));
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(color)
        .without_time()
        .with_target(false)
        .init();
}

/// Run a parsed command line.
async fn run(cli: Cli) -> Result<()> {
    let config = cli.config.as_deref();
    match &cli.command {
        cli::Command::Draft(args) => draft::run(args, config).await,
        cli::Command::Batch(args) => batch::run(args, config).await,
        cli::Command::Check(args) => check::run(args, config).await,
        cli::Command::Statements(args) => statements::run(args, config).await,
        cli::Command::Gather(args) => gather::run(args, config).await,
        cli::Command::Channels(c) => gather::channels(c, config).await,
        cli::Command::Review(args) => review::run(args),
        cli::Command::Publish(args) => publish::run(args, config).await,
        cli::Command::Personas(c) => personas::run(c, config).await,
        cli::Command::Prompts(c) => prompts::run(c, config).await,
        cli::Command::Init { dir } => init::run(dir.as_deref()),
        cli::Command::Trust { file } => trust(file.as_deref()),
        cli::Command::Doctor(args) => doctor::run(args, config).await,
        cli::Command::Completions { shell } => completions(*shell),
        cli::Command::Man => man(),
    }
}

/// `parallax completions SHELL`: the shell's completion script, from the
/// argument definitions, on stdout.
fn completions(shell: clap_complete::Shell) -> Result<()> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "parallax", &mut out);
    write_stdout(&String::from_utf8_lossy(&out))
}

/// `parallax man`: the manual page, from the argument definitions, on stdout.
fn man() -> Result<()> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Error::io("rendering the manual page", e))?;
    write_stdout(&String::from_utf8_lossy(&out))
}

/// `parallax trust [FILE]`: record a project config as trusted.
fn trust(file: Option<&std::path::Path>) -> Result<()> {
    use crate::config::{ProcessEnv, find_project_config, trust};
    let file = match file {
        Some(f) => f.to_path_buf(),
        None => find_project_config(&cwd()?)
            .ok_or_else(|| Error::Usage("no parallax.toml here or above; name the file to trust".into()))?,
    };
    let store = trust::trust(&file, &ProcessEnv)?;
    tracing::info!("trusted {} (recorded in {})", file.display(), store.display());
    Ok(())
}
