//! Which config files may run commands and choose where keys go. A
//! `parallax.toml` found by walking up from the working folder could have been
//! put there by anyone (a cloned repository, a shared folder), so, as with git's
//! `safe.directory` or direnv's `allow`, its key command, key file, key variable
//! and a `base_url` that would receive the user's key take effect only once the
//! user has trusted that file, by path and content: `parallax trust [FILE]`. The
//! user's own config and a file named with `--config` are trusted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::dirs::{Env, user_config_dir};
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
pub(crate) fn is_trusted(path: &Path, text: &str, env: &dyn Env) -> bool {
    let Some(store) = store(env) else {
        return false;
    };
    read_store(&store).get(&key(path)) == Some(&sha256_hex(text.as_bytes()))
}

/// Record `path` as trusted with its current content; returns the record's file.
pub(crate) fn trust(path: &Path, env: &dyn Env) -> Result<PathBuf> {
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

/// This installation's secret for the prompt fence: random, made on first use
/// and kept in the user's data folder (`$XDG_DATA_HOME/parallax/fence.key`,
/// private). With it the fence's nonce stays stable for caching but cannot be
/// computed by whoever wrote a source. Without a data folder, one per run.
pub(crate) fn fence_key(env: &dyn Env) -> String {
    let dir = env
        .var("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| env.var("HOME").map(|h| Path::new(&h).join(".local/share")))
        .map(|d| d.join("parallax"));
    let fresh = || {
        use rand::RngCore;
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        crate::fsutil::hex(&bytes)
    };
    let Some(dir) = dir else {
        return fresh();
    };
    let path = dir.join("fence.key");
    if let Ok(k) = crate::fsutil::read_text(&path, 256) {
        let k = k.trim().to_string();
        if k.len() >= 32 {
            return k;
        }
    }
    let key = fresh();
    if crate::fsutil::write_atomic(&path, key.as_bytes()).is_ok() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
        }
    }
    key
}
