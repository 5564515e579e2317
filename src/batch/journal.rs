//! The batch journal: an append-only JSON-lines record in the output folder of
//! each story's state. Every event is one write followed by a sync, so a crash
//! loses at most the line being written, and a damaged last line is skipped.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum State {
    Started,
    Done,
    Failed,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Event {
    pub(crate) id: String,
    pub(crate) state: State,
    pub(crate) attempt: u32,
    /// Manifest line of the story.
    pub(crate) line: usize,
    pub(crate) at: crate::clock::Instant,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<String>,
    #[serde(default)]
    pub(crate) tokens: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) cost_usd: Option<f64>,
}

/// What the journal says of one story: its last state and how often it was tried.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Status {
    pub(crate) state: State,
    pub(crate) attempts: u32,
    pub(crate) reason: Option<String>,
}

pub(crate) struct Journal {
    path: PathBuf,
    file: Mutex<File>,
}

impl Journal {
    pub(crate) const FILE: &'static str = "journal.jsonl";

    /// Open (or create) the journal in `dir` and read what it says so far.
    pub(crate) fn open(dir: &Path) -> std::io::Result<(Journal, HashMap<String, Status>)> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(Self::FILE);
        let past = Self::read(dir);
        let mut file = OpenOptions::new().create(true).append(true).open(&path)?;
        // A line cut short by a crash must not swallow the next event.
        if std::fs::read(&path).is_ok_and(|b| b.last().is_some_and(|c| *c != b'\n')) {
            file.write_all(b"\n")?;
        }
        Ok((
            Journal {
                path,
                file: Mutex::new(file),
            },
            past,
        ))
    }

    /// What the journal in `dir` says of each story (nothing if it has none).
    pub(crate) fn read(dir: &Path) -> HashMap<String, Status> {
        let path = dir.join(Self::FILE);
        let mut past: HashMap<String, Status> = HashMap::new();
        if let Ok(f) = File::open(&path) {
            for (n, line) in BufReader::new(f).lines().enumerate() {
                let Ok(line) = line else { continue };
                match serde_json::from_str::<Event>(&line) {
                    Ok(e) => {
                        let attempts = past.get(&e.id).map_or(0, |s| s.attempts).max(e.attempt);
                        past.insert(
                            e.id,
                            Status {
                                state: e.state,
                                attempts,
                                reason: e.reason,
                            },
                        );
                    }
                    Err(_) if !line.trim().is_empty() => {
                        tracing::warn!("{}:{}: skipping a damaged journal line", path.display(), n + 1);
                    }
                    Err(_) => {}
                }
            }
        }
        past
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Append one event and flush it to disk.
    pub(crate) fn record(&self, event: &Event) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(event).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let mut file = self
            .file
            .lock()
            .map_err(|_| std::io::Error::other("journal lock poisoned"))?;
        file.write_all(&line)?;
        file.sync_data()
    }
}

#[cfg(test)]
mod tests;

/// An exclusive hold on an output folder for one batch run: two runs on one
/// folder would draft (and pay for) every story twice. The lock is the
/// operating system's, so a killed run leaves none behind.
pub(crate) struct FolderLock {
    _file: File,
}

/// Take the folder's lock, or say which process holds it.
pub(crate) fn lock_folder(dir: &Path) -> std::result::Result<FolderLock, String> {
    use std::io::{Read, Seek, Write};
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(".lock");
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    if file.try_lock().is_err() {
        let mut holder = String::new();
        let _ = file.read_to_string(&mut holder);
        let holder = holder.trim();
        let who = if holder.is_empty() {
            "another process".to_string()
        } else {
            holder.to_string()
        };
        return Err(format!(
            "{} is in use by another batch run ({who}); wait for it to finish, or give another --out",
            dir.display()
        ));
    }
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = write!(
        file,
        "pid {}, started {}",
        std::process::id(),
        crate::clock::now()
    );
    Ok(FolderLock { _file: file })
}
