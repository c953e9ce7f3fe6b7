use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// An exclusive lock on a sidecar file next to a session (`<file>.lock`). The session file
/// itself is replaced on every save, so it cannot carry the lock. The operating system drops
/// the lock when the process dies, so a lock file left by a crash never blocks anyone.
/// How often a refused lock is tried again before the session counts as taken.
const RETRIES: u32 = 4;

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

    /// `Ok(None)` when another process holds the lock. A room view may hold a shared lock
    /// for a moment to see whether the session is open (`is_held`): a refusal is tried again
    /// a few times over some milliseconds, so such a look never turns a writer away.
    pub fn try_acquire(session_path: &Path) -> io::Result<Option<SessionLock>> {
        let path = Self::sidecar_path(session_path);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        for attempt in 0..=RETRIES {
            match file.try_lock() {
                Ok(()) => return Ok(Some(SessionLock { _file: file, path })),
                Err(TryLockError::WouldBlock) if attempt < RETRIES => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) => return Err(e),
            }
        }
        Ok(None)
    }

    /// Whether a writer holds the session's lock, seen by taking a shared lock for an
    /// instant (and only if the lock file exists; it is never created here). `None` when the
    /// file system cannot say.
    pub fn is_held(session_path: &Path) -> Option<bool> {
        let file = File::open(Self::sidecar_path(session_path)).ok()?;
        match file.try_lock_shared() {
            Ok(()) => {
                let _ = file.unlock();
                Some(false)
            }
            Err(TryLockError::WouldBlock) => Some(true),
            Err(TryLockError::Error(_)) => None,
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

    #[test]
    fn a_look_sees_a_held_lock_and_never_takes_it_from_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("a.ron");
        assert_eq!(
            SessionLock::is_held(&session),
            None,
            "no lock file, none made"
        );
        assert!(!SessionLock::sidecar_path(&session).exists());
        let writer = SessionLock::try_acquire(&session).unwrap();
        assert_eq!(SessionLock::is_held(&session), Some(true));
        drop(writer);
        assert_eq!(SessionLock::is_held(&session), Some(false));
        // A look in progress (a shared lock held) does not turn a writer away for good: it
        // is released while the writer tries again.
        let look = File::open(SessionLock::sidecar_path(&session)).unwrap();
        look.try_lock_shared().unwrap();
        let release = std::thread::spawn(move || drop(look));
        let writer = SessionLock::try_acquire(&session).unwrap();
        release.join().unwrap();
        assert!(writer.is_some(), "the writer got the lock after the look");
    }
}
