//! Which config files may run commands and choose where keys go. A
//! `parallax.toml` found by walking up from the working folder could have been
//! put there by anyone (a cloned repository, a shared folder), so, as with git's
//! `safe.directory` or direnv's `allow`, its key command, key file, key variable
//! and a `base_url` that would receive the user's key take effect only once the
//! user has trusted that file, by path and content: `parallax trust [FILE]`. The
//! user's own config and a file named with `--config` are trusted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Env, user_config_dir};
use crate::error::{Error, Result};
use crate::fsutil::sha256_hex;

/// Where trusted files are recorded.
fn store(env: &dyn Env) -> Option<PathBuf> {
    user_config_dir(env).map(|d| d.join("trusted.json"))
}

fn read_store(path: &Path) -> BTreeMap<String, String> {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn key(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Whether `path`, with this `text`, has been trusted.
pub fn is_trusted(path: &Path, text: &str, env: &dyn Env) -> bool {
    let Some(store) = store(env) else {
        return false;
    };
    read_store(&store).get(&key(path)) == Some(&sha256_hex(text.as_bytes()))
}

/// Record `path` as trusted with its current content; returns the record's file.
pub fn trust(path: &Path, env: &dyn Env) -> Result<PathBuf> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    let store = store(env)
        .ok_or_else(|| Error::Usage("no user config folder: set HOME or XDG_CONFIG_HOME".into()))?;
    let mut all = read_store(&store);
    all.insert(key(path), sha256_hex(text.as_bytes()));
    let json = serde_json::to_vec_pretty(&all).map_err(Error::internal)?;
    crate::fsutil::write_atomic(&store, &json)
        .map_err(|e| Error::io(format!("writing {}", store.display()), e))?;
    Ok(store)
}
