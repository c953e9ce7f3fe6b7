//! What this laptop last shared, kept in the clone's git folder
//! (`archive/.git/ambassador-shared.ron`): per own session, its archive name, the `updated`
//! time of the version shared and the fingerprint of the shared file; and when the last sync
//! finished. It tells "not yet shared" without rendering anything, and lets the listing leave
//! out the archive's copy of a session that is already listed as one's own.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const FILE_NAME: &str = "ambassador-shared.ron";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedRecord {
    /// The session's archive name.
    pub name: String,
    /// The session's `updated` time when it was last shared; none while a share is under
    /// way (written before the file, so a sync killed in between shares it again).
    pub updated: Option<Timestamp>,
    /// `layout::fingerprint` of the last few files written to the archive, newest last: an
    /// archive file with one of these is this laptop's own, not another facilitator's.
    pub fingerprints: Vec<String>,
}

/// How many earlier fingerprints a record keeps.
const KEPT_FINGERPRINTS: usize = 3;

impl SharedRecord {
    /// Notes a share of `bytes` about to be written.
    pub fn begin(&mut self, bytes: &[u8]) {
        self.updated = None;
        self.fingerprints.push(super::layout::fingerprint(bytes));
        let extra = self.fingerprints.len().saturating_sub(KEPT_FINGERPRINTS);
        self.fingerprints.drain(..extra);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    /// By the own session's id (its file name without `.ron`).
    #[serde(default)]
    pub own: BTreeMap<String, SharedRecord>,
    #[serde(default)]
    pub last_sync: Option<Timestamp>,
}

impl SyncState {
    pub fn file(archive: &Path) -> PathBuf {
        archive.join(".git").join(FILE_NAME)
    }

    /// The state, or an empty one (nothing shared yet) when it is missing or unreadable:
    /// then the next sync writes every session again, which changes nothing in the archive.
    pub fn load(archive: &Path) -> SyncState {
        std::fs::read_to_string(Self::file(archive))
            .ok()
            .and_then(|t| ron::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, archive: &Path) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        crate::store::write_atomic(&Self::file(archive), text.as_bytes())
    }

    /// Whether the archive file `name` with these bytes is this laptop's own latest share.
    pub fn is_own_share(&self, name: &str, bytes: &[u8]) -> bool {
        let fp = super::layout::fingerprint(bytes);
        self.own
            .values()
            .any(|r| r.name == name && r.fingerprints.contains(&fp))
    }

    /// Whether the own session `id`, last changed at `updated`, has changes not yet shared.
    pub fn unshared(&self, id: &str, updated: Timestamp) -> bool {
        self.own.get(id).is_none_or(|r| r.updated != Some(updated))
    }
}
