use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// An exclusive lock on a sidecar file next to a session (`<file>.lock`). The session file
/// itself is replaced on every save, so it cannot carry the lock. The operating system drops
/// the lock when the process dies, so a lock file left by a crash never blocks anyone.
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
    path: PathBuf,
}

impl SessionLock {
    pub fn sidecar_path(session_path: &Path) -> PathBuf {
        let mut name = session_path.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        session_path.with_file_name(name)
    }

    /// `Ok(None)` when another process holds the lock.
    pub fn try_acquire(session_path: &Path) -> io::Result<Option<SessionLock>> {
        let path = Self::sidecar_path(session_path);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(SessionLock { _file: file, path })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_session_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("a.ron");
        let first = SessionLock::try_acquire(&session).unwrap();
        assert!(first.is_some());
        assert!(SessionLock::try_acquire(&session).unwrap().is_none());
        drop(first);
        assert!(SessionLock::try_acquire(&session).unwrap().is_some());
    }
}
