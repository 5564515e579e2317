//! What a batch engine remembers in the output folder, so a killed run resumes
//! without submitting a request twice: a journal of uploaded files, submitted
//! and collected batches (written before anything else happens with them), and
//! every answer that came back, one file each, found again by `custom_id`.

use std::collections::{BTreeMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::fsutil::write_atomic;
use crate::llm::{ChatResponse, Usage};

/// One line of the engine journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub(crate) enum Entry {
    /// The first run: the date articles carry and where requests go, kept so a
    /// resumed run builds the very same requests.
    Start {
        date: crate::clock::Date,
        endpoint: String,
    },
    /// A batch input file was uploaded (OpenAI); its batch may not exist yet.
    Uploaded {
        file_id: String,
        round: usize,
        ids: Vec<String>,
    },
    Submitted {
        batch_id: String,
        file_id: Option<String>,
        round: usize,
        ids: Vec<String>,
    },
    /// Every result of the batch is stored (or was resubmitted).
    Collected {
        batch_id: String,
    },
    Cancelled {
        batch_id: String,
    },
    /// Requests written for an engine run outside parallax.
    Exported {
        file: PathBuf,
        ids: Vec<String>,
    },
}

/// A batch submitted but not yet collected.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OpenBatch {
    pub(crate) batch_id: String,
    pub(crate) round: usize,
    pub(crate) ids: Vec<String>,
}

/// An answer as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    content: String,
    usage: Usage,
    model: crate::llm::Model,
    finish_reason: Option<String>,
    cost_usd: Option<f64>,
}

pub(crate) struct Store {
    dir: PathBuf,
    journal: Mutex<File>,
    pub(crate) start: Option<(crate::clock::Date, String)>,
    /// Uploaded files whose batch was never recorded: `file id → (round, ids)`.
    orphans: Mutex<BTreeMap<String, (usize, Vec<String>)>>,
    open: Mutex<Vec<OpenBatch>>,
    pub(crate) rounds: usize,
    pub(crate) exports: usize,
}

impl Store {
    /// Open (or start) the engine's records under `out/.engine`.
    pub(crate) fn open(out: &Path) -> std::io::Result<Store> {
        let dir = out.join(".engine");
        std::fs::create_dir_all(dir.join("answers"))?;
        let path = dir.join("journal.jsonl");
        let mut store = Store {
            journal: Mutex::new(OpenOptions::new().create(true).append(true).open(&path)?),
            dir,
            start: None,
            orphans: Mutex::new(BTreeMap::new()),
            open: Mutex::new(Vec::new()),
            rounds: 0,
            exports: 0,
        };
        let mut open: Vec<OpenBatch> = Vec::new();
        let mut orphans = BTreeMap::new();
        let mut closed = HashSet::new();
        for line in BufReader::new(File::open(&path)?).lines() {
            // A line cut short by a kill is the last one: nothing after it to lose.
            let Ok(entry) = serde_json::from_str::<Entry>(&line?) else {
                continue;
            };
            match entry {
                Entry::Start { date, endpoint } => store.start = Some((date, endpoint)),
                Entry::Uploaded { file_id, round, ids } => {
                    orphans.insert(file_id, (round, ids));
                }
                Entry::Submitted {
                    batch_id,
                    file_id,
                    round,
                    ids,
                } => {
                    if let Some(f) = file_id {
                        orphans.remove(&f);
                    }
                    store.rounds = store.rounds.max(round);
                    open.push(OpenBatch { batch_id, round, ids });
                }
                Entry::Collected { batch_id } | Entry::Cancelled { batch_id } => {
                    closed.insert(batch_id);
                }
                Entry::Exported { .. } => store.exports += 1,
            }
        }
        open.retain(|b| !closed.contains(&b.batch_id));
        store.open = Mutex::new(open);
        store.orphans = Mutex::new(orphans);
        Ok(store)
    }

    /// Append an entry and flush it to disk before going on.
    pub(crate) fn record(&self, entry: &Entry) -> std::io::Result<()> {
        let mut line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
        line.push('\n');
        let mut f = self
            .journal
            .lock()
            .map_err(|_| std::io::Error::other("journal lock poisoned"))?;
        f.write_all(line.as_bytes())?;
        f.sync_data()?;
        match entry {
            Entry::Submitted {
                batch_id, round, ids, ..
            } => self.with_open(|o| {
                o.push(OpenBatch {
                    batch_id: batch_id.clone(),
                    round: *round,
                    ids: ids.clone(),
                })
            }),
            Entry::Collected { batch_id } | Entry::Cancelled { batch_id } => {
                self.with_open(|o| o.retain(|b| b.batch_id != *batch_id))
            }
            _ => {}
        }
        Ok(())
    }

    fn with_open(&self, f: impl FnOnce(&mut Vec<OpenBatch>)) {
        if let Ok(mut o) = self.open.lock() {
            f(&mut o);
        }
    }

    /// The uploaded files a killed run did not submit, each handed out once.
    pub(crate) fn take_orphans(&self) -> BTreeMap<String, (usize, Vec<String>)> {
        self.orphans
            .lock()
            .map(|mut o| std::mem::take(&mut *o))
            .unwrap_or_default()
    }

    /// The requests in uploaded files not yet submitted.
    pub(crate) fn orphan_ids(&self) -> Vec<String> {
        let o = self.orphans.lock().map(|o| o.clone()).unwrap_or_default();
        o.into_values().flat_map(|(_, ids)| ids).collect()
    }

    /// Batches submitted and not yet collected.
    pub(crate) fn open_batches(&self) -> Vec<OpenBatch> {
        self.open.lock().map(|o| o.clone()).unwrap_or_default()
    }

    /// The requests waiting in a submitted batch.
    pub(crate) fn in_flight(&self) -> HashSet<String> {
        self.open_batches().into_iter().flat_map(|b| b.ids).collect()
    }

    fn answer_path(&self, custom_id: &str) -> PathBuf {
        let hex = crate::fsutil::hex(&Sha256::digest(custom_id.as_bytes())[..16]);
        self.dir
            .join("answers")
            .join(&hex[..2])
            .join(format!("{hex}.json"))
    }

    pub(crate) fn put(&self, custom_id: &str, a: &ChatResponse) -> std::io::Result<()> {
        let s = Stored {
            content: a.content.clone(),
            usage: a.usage,
            model: a.model.clone(),
            finish_reason: a.finish_reason.clone(),
            cost_usd: a.cost_usd,
        };
        let text = serde_json::to_vec(&s).map_err(std::io::Error::other)?;
        write_atomic(&self.answer_path(custom_id), &text)
    }

    /// A stored answer; a damaged one counts as missing.
    pub(crate) fn get(&self, custom_id: &str) -> Option<ChatResponse> {
        let text = std::fs::read(self.answer_path(custom_id)).ok()?;
        let s: Stored = serde_json::from_slice(&text).ok()?;
        Some(ChatResponse {
            content: s.content,
            usage: s.usage,
            model: s.model,
            finish_reason: s.finish_reason,
            cost_usd: s.cost_usd,
            ..ChatResponse::default()
        })
    }

    /// Where the next export's requests are written.
    pub(crate) fn export_path(&self, n: usize) -> PathBuf {
        self.dir
            .parent()
            .unwrap_or(&self.dir)
            .join(format!("requests-{n}.jsonl"))
    }
}
