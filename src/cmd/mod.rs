//! The commands: each loads what it needs, calls the library and writes files.

pub mod check;
pub mod draft;
pub mod init;
pub mod personas;
pub mod prompts;

use std::io::Write;

use crate::error::{Error, Result};

/// Write to stdout; a closed pipe (`| head`) is not an error.
pub fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("writing to stdout", e)),
        _ => Ok(()),
    }
}
