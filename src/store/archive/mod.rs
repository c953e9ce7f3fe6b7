//! A programme's archive: one git repository that several facilitators share their sessions
//! through (`ambassador sync`). Each session is one file and one commit; what is shared, the
//! session as it is or an anonymous copy, is chosen once per archive in a file at its root.
//!
//! Git is the user's own `git` program, run as a child process, not a git library: the
//! organisation's remote then works as it does for the user already, with their credentials,
//! SSH keys and agent, credential helpers, proxies and certificates, and nothing of it is
//! re-implemented or stored here. Git never prompts (see `git`); a step that fails says what
//! git said.
//!
//! Every step can be interrupted (kill -9, the network gone) and the next sync finishes the
//! job: the clone is renamed into place only when complete, shared copies are written
//! atomically and each is committed on its own, a merge left half-way is undone (our commits
//! stay), git's stale `index.lock` is cleared, and the record of what was shared is written
//! before and after each file.

mod conflict;
mod git;
mod join;
mod layout;
mod listing;
mod shared;
mod state;
mod steps;

pub use git::GitError;
pub use layout::{Policy, Sharing, shared_sessions_dir};
pub use listing::{ArchiveStatus, archive_listings, find_any_session, status};
pub use shared::shared_copy;

use super::{Paths, StoreError};
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum SyncError {
    #[error(
        "no archive joined yet: join your programme's archive with `ambassador sync --remote URL` (a git repository)"
    )]
    NoRemote,
    #[error("{0}")]
    Git(#[from] GitError),
    #[error("another sync of this data folder is running; try again when it is done")]
    Busy,
    #[error(
        "this data folder is joined to the archive {joined}; it cannot sync with {asked} too (move {} away to join another)",
        ARCHIVE_HINT
    )]
    OtherRemote { joined: String, asked: String },
    #[error("{} is there but is not an archive (a git working tree); move it away and sync again", .0.display())]
    NotAnArchive(PathBuf),
    #[error(
        "this archive shares anonymous copies (its ambassador-archive.ron says so, or it has none and sessions already); --full only chooses for a new, empty archive"
    )]
    PolicyIsAnonymous,
    #[error("{path}: {source}", path = .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Store(#[from] StoreError),
}

const ARCHIVE_HINT: &str = "the data folder's `archive`";

impl SyncError {
    fn io(path: &Path, source: std::io::Error) -> SyncError {
        SyncError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Own sessions written to the archive (new or changed).
    pub shared: usize,
    /// Sessions from others that arrived or changed.
    pub received: usize,
    /// Conflict copies made (two versions of one session).
    pub conflict_copies: usize,
    /// Own sessions not shared this time because another window has them open.
    pub skipped: Vec<String>,
    pub sharing: Sharing,
}

/// Shares the own sessions and brings in the others': joins the archive at `remote` first
/// (and remembers it in the config file), else uses the one remembered. `full` chooses full
/// sharing for a new, empty archive.
pub fn sync(paths: &Paths, remote: Option<&str>, full: bool) -> Result<SyncReport, SyncError> {
    // Not joined yet: how to join comes first, whether git is there second.
    let url = match remote {
        Some(u) => u.to_string(),
        None => super::Config::load(&paths.config_dir)?
            .archive_remote
            .ok_or(SyncError::NoRemote)?,
    };
    git::available()?;
    let _lock = take_lock(&paths.data_dir)?;
    let (mut git, cloned) = join::ensure_clone(&paths.data_dir, &url)?;
    if remote.is_some() {
        super::remember_archive_remote(&paths.config_dir, &url)?;
    }
    join::recover(&git, RECOVER_SETTLE)?;
    let mut report = steps::run(paths, &mut git, full)?;
    if cloned {
        // What the clone brought in arrived too.
        report.received += listing::archive_listings(&paths.data_dir).len();
    }
    Ok(report)
}

/// How long a leftover `index.lock` must stay unchanged to count as stale.
const RECOVER_SETTLE: std::time::Duration = std::time::Duration::from_secs(3);

/// One sync at a time per data folder: an OS lock on `<data>/.archive.lock`, let go when the
/// process ends, however it ends.
fn take_lock(data_dir: &Path) -> Result<std::fs::File, SyncError> {
    std::fs::create_dir_all(data_dir).map_err(|e| SyncError::io(data_dir, e))?;
    let path = data_dir.join(".archive.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| SyncError::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(SyncError::Busy),
        Err(std::fs::TryLockError::Error(e)) => Err(SyncError::io(&path, e)),
    }
}
