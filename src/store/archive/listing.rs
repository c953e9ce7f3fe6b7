//! The archive as the listing and the home screen see it: the sessions others shared (and
//! conflict copies), read-only, and what of one's own is not yet shared.

use super::layout::{ArchiveFile, archive_dir, shared_sessions_dir};
use super::state::SyncState;
use crate::store::{Listing, Origin, Paths, StoreError, find_session, list_sessions};
use jiff::Timestamp;
use std::path::{Path, PathBuf};

/// The sessions in the archive that are not this laptop's own latest share, marked as from
/// the archive or as conflict copies. Empty when no archive was joined.
pub fn archive_listings(data_dir: &Path) -> Vec<Listing> {
    let dir = shared_sessions_dir(data_dir);
    if !dir.is_dir() {
        return Vec::new();
    }
    let state = SyncState::load(&archive_dir(data_dir));
    let listings = list_sessions(&dir).unwrap_or_default();
    listings
        .into_iter()
        .filter_map(|l| match l {
            Listing::Session(mut s) => {
                match ArchiveFile::of_path(&s.path)? {
                    ArchiveFile::Session { name } => {
                        let ours = std::fs::read(&s.path)
                            .is_ok_and(|bytes| state.is_own_share(&name, &bytes));
                        if ours {
                            return None;
                        }
                        s.origin = Origin::Archive;
                    }
                    ArchiveFile::ConflictCopy { .. } => s.origin = Origin::ConflictCopy,
                }
                Some(Listing::Session(s))
            }
            other => Some(other),
        })
        .collect()
}

/// A session by path or id among one's own, else among the archive's. The flag says it is
/// the archive's (to be opened read-only): found there, or a path into the archive.
pub fn find_any_session(paths: &Paths, query: &str) -> Result<(PathBuf, bool), StoreError> {
    match find_session(&paths.sessions_dir(), query) {
        Ok(path) => {
            let shared = is_in_archive(&paths.data_dir, &path);
            Ok((path, shared))
        }
        Err(StoreError::NotFound { query, dir }) => {
            let archive = shared_sessions_dir(&paths.data_dir);
            match find_session(&archive, &query) {
                Ok(path) => Ok((path, true)),
                Err(StoreError::NotFound { .. }) => Err(StoreError::NotFound { query, dir }),
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

fn is_in_archive(data_dir: &Path, path: &Path) -> bool {
    let (Ok(archive), Ok(file)) = (
        std::fs::canonicalize(archive_dir(data_dir)),
        std::fs::canonicalize(path),
    ) else {
        return false;
    };
    file.starts_with(archive)
}

/// What the home screen says about the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveStatus {
    /// Own sessions with changes not yet shared.
    pub unshared: usize,
    /// When the last sync finished.
    pub last_sync: Option<Timestamp>,
}

/// The archive's status for the own sessions `own`, or `None` when this data folder has not
/// joined an archive.
pub fn status(paths: &Paths, own: &[Listing]) -> Option<ArchiveStatus> {
    let dir = archive_dir(&paths.data_dir);
    if !dir.join(".git").is_dir() {
        return None;
    }
    let state = SyncState::load(&dir);
    let unshared = own
        .iter()
        .filter(|l| match l {
            Listing::Session(s) => s.origin.is_own() && state.unshared(&s.id, s.updated),
            _ => false,
        })
        .count();
    Some(ArchiveStatus {
        unshared,
        last_sync: state.last_sync,
    })
}
