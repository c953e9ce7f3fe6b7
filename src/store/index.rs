//! A small cache of session summaries (`sessions/.index.json`), so listing a thousand
//! sessions does not parse a thousand files. The folder is always read, so a stale or broken
//! index can never hide a session: an entry is used only when the file's inode, size, change time and
//! modification time are exactly those it was made from.

use super::summary::SessionSummary;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

const FILE_NAME: &str = ".index.json";
const INDEX_VERSION: u32 = 6;
/// The index holds the searchable text of every session; far beyond this it is not ours.
const MAX_INDEX_BYTES: u64 = 256 * 1024 * 1024;

/// A file as its metadata knows it; an entry is used only while the file's stamp is the same.
pub type Stamp = crate::platform::files::FileStamp;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    stamp: Stamp,
    summary: SessionSummary,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Index {
    version: u32,
    entries: BTreeMap<String, Entry>,
    #[serde(skip)]
    changed: bool,
}

impl Index {
    /// The index of a sessions folder; missing, unreadable or foreign → empty.
    pub fn load(sessions_dir: &Path) -> Index {
        super::read::read_regular(&sessions_dir.join(FILE_NAME), MAX_INDEX_BYTES)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Index>(&bytes).ok())
            .filter(|i| i.version == INDEX_VERSION)
            .unwrap_or_default()
    }

    pub fn get(&self, file_name: &str, stamp: Stamp) -> Option<&SessionSummary> {
        self.entries
            .get(file_name)
            .filter(|e| e.stamp == stamp)
            .map(|e| &e.summary)
    }

    pub fn put(&mut self, file_name: &str, stamp: Stamp, summary: SessionSummary) {
        self.entries
            .insert(file_name.to_string(), Entry { stamp, summary });
        self.changed = true;
    }

    /// Forgets files that are gone.
    pub fn retain(&mut self, present: &dyn Fn(&str) -> bool) {
        let before = self.entries.len();
        self.entries.retain(|name, _| present(name));
        self.changed |= self.entries.len() != before;
    }

    /// Writes the index back when it changed; a folder we cannot write is no error, the list
    /// is simply slower next time.
    pub fn save_if_changed(&self, sessions_dir: &Path) {
        if !self.changed {
            return;
        }
        let doc = Index {
            version: INDEX_VERSION,
            entries: self.entries.clone(),
            changed: false,
        };
        if let Ok(bytes) = serde_json::to_vec(&doc) {
            let _ = super::atomic::write_atomic(&sessions_dir.join(FILE_NAME), &bytes);
        }
    }
}
