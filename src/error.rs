//! The library's error type. Every variant carries what a user needs to fix the
//! problem (file, line, field, HTTP status, body excerpt) and maps to an exit code.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::llm::LlmError;

/// A problem with something the user handed us: a persona, source or config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub(crate) path: PathBuf,
    pub(crate) line: Option<usize>,
    pub(crate) column: Option<usize>,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

impl InputError {
    pub(crate) fn new(path: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            path: path.as_ref().to_path_buf(),
            line,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn column(mut self, column: Option<usize>) -> Self {
        self.column = column;
        self
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// A template that failed to parse or render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The template's file (or `builtin:NAME`).
    pub(crate) file: String,
    pub(crate) line: Option<usize>,
    pub(crate) column: Option<usize>,
    pub(crate) message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": template error: {}", self.message)
    }
}

impl std::error::Error for TemplateError {}

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Llm(#[from] LlmError),
    #[error(transparent)]
    Fetch(#[from] crate::fetch::FetchError),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    #[error("the integrity checks found {count} problem(s): {summary}")]
    Integrity { count: usize, summary: String },
    #[error("batch incomplete: {0}")]
    Batch(String),
    /// Channels that did not answer a live check.
    #[error("{0}")]
    Channels(String),
    /// Stopped by the user (a second Ctrl-C): exit 130, as shells expect.
    #[error("interrupted; rerun the same command to resume")]
    Interrupted,
    /// A bug in parallax rather than in its input: reported, exit 1.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// 2 for bad usage or input the user can fix; 1 for failures while working.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::Template(_) | Error::Usage(_) => 2,
            Error::Interrupted => 130,
            Error::Fetch(e) if e.refused => 2,
            Error::Fetch(_) => 1,
            Error::Llm(_)
            | Error::Io { .. }
            | Error::Integrity { .. }
            | Error::Batch(_)
            | Error::Channels(_)
            | Error::Internal(_) => 1,
        }
    }
}

impl Error {
    /// An internal failure (a value that could not be serialised, a broken invariant).
    pub(crate) fn internal(what: impl fmt::Display) -> Self {
        Error::Internal(what.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_failures_exit_1_and_bad_input_exits_2() {
        let e = serde_json::from_str::<u8>("x").unwrap_err();
        assert_eq!(Error::internal(e).exit_code(), 1);
        assert_eq!(Error::Usage("bad flag".into()).exit_code(), 2);
        assert_eq!(Error::Interrupted.exit_code(), 130);
    }
}
