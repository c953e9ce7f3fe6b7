//! An open session file: the session in memory, where it lives, and whether we may write it.

use super::atomic::{create_atomic, write_atomic, write_atomic_locked};
use super::copies::{keep_backup, keep_copy};
use super::load::{MAX_FILE_BYTES, read_session};
use super::naming::file_name_for;
use super::{SessionLock, StoreError};
use crate::domain::{Clock, FORMAT_VERSION, NewSession, Session, Template};
use crate::platform::files::{FileStamp, identity};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::{Duration, Instant};

const HEADER: &str = "// ambassador session file. Plain RON: readable, and editable with care \
while the program is closed.\n";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Another ambassador has this session open for editing.
    LockedElsewhere,
    /// The file was written by a newer program; saving would drop what it added.
    NewerVersion { found: u32 },
    /// The lock could not be taken (for example a read-only folder).
    CannotLock(String),
    /// Opened for review.
    Requested,
}

impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnlyReason::LockedElsewhere => {
                f.write_str("another ambassador window has this session open")
            }
            ReadOnlyReason::NewerVersion { found } => write!(
                f,
                "written by a newer ambassador (format {found}; this one knows {FORMAT_VERSION})"
            ),
            ReadOnlyReason::CannotLock(why) => write!(f, "the session cannot be locked: {why}"),
            ReadOnlyReason::Requested => f.write_str("opened for review"),
        }
    }
}

#[derive(Debug)]
pub enum Access {
    ReadWrite(SessionLock),
    ReadOnly(ReadOnlyReason),
}

/// Something a save found on disk that the facilitator should know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveNote {
    /// The file had been deleted by someone else; it was written again.
    Recreated,
    /// The file had been replaced or changed by someone else; their version was kept here
    /// before this session was saved over it.
    KeptOtherVersion(PathBuf),
}

type Unsaved = Option<(PathBuf, Vec<u8>)>;

/// Shared by a session file and the signal thread. A save holds it while it writes; a save
/// that failed leaves in it what it could not write, for one last try when the program is
/// stopped by a signal (the event loop may be stuck on a hung-up terminal and cannot retry).
#[derive(Debug, Clone, Default)]
pub struct SaveGuard(Arc<Mutex<Unsaved>>);

impl SaveGuard {
    /// Waits (up to `wait`) for a save in progress to finish, then writes what a failed save
    /// left, if anything. Returns the lock, so no save starts while the program leaves; `None`
    /// if a save is still running after `wait`.
    pub fn last_try(&self, wait: Duration) -> Option<MutexGuard<'_, Unsaved>> {
        let deadline = Instant::now() + wait;
        let mut slot = loop {
            match self.0.try_lock() {
                Ok(slot) => break slot,
                Err(TryLockError::Poisoned(p)) => break p.into_inner(),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(TryLockError::WouldBlock) => return None,
            }
        };
        if let Some((path, bytes)) = slot.take()
            && write_atomic(&path, &bytes).is_err()
        {
            *slot = Some((path, bytes));
        }
        Some(slot)
    }
}

/// Identifies one version of a file on disk, to tell our last save from someone else's.
fn stamp_of(path: &Path) -> std::io::Result<FileStamp> {
    Ok(FileStamp::of(&std::fs::metadata(path)?))
}

#[derive(Debug)]
pub struct SessionFile {
    pub path: PathBuf,
    /// Read through `session()`; changed through `apply` or the workspace's transaction.
    session: Session,
    access: Access,
    /// Where the original of a migrated file was kept.
    pub backup: Option<PathBuf>,
    /// The file as we last read or wrote it.
    written: Cell<Option<FileStamp>>,
    note: RefCell<Option<SaveNote>>,
    guard: SaveGuard,
    /// The session file as last written, locked: the lock that still stands when someone
    /// deletes the sidecar `.lock` file. Replaced by the new file on each save.
    held: RefCell<Option<File>>,
}

impl SessionFile {
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The session, the file let go (read-only uses: the earlier session of a follow-up).
    pub fn into_session(self) -> Session {
        self.session
    }

    /// One change to the session in memory (`save` writes it): for tools and tests that
    /// edit a file outside a running program. The program itself changes a session through
    /// the workspace's transaction.
    pub fn apply(
        &mut self,
        change: crate::domain::Change,
        clock: &dyn crate::domain::Clock,
    ) -> Result<crate::domain::Applied, crate::domain::ChangeError> {
        self.session.apply(change, clock)
    }

    /// The session itself, for the open session's transaction (undo snapshot, apply, roll
    /// back) and history: the one place a running program changes it.
    pub(crate) fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// Creates a new session file in `sessions_dir` with a readable, unique name and opens it.
    pub fn create(
        sessions_dir: &Path,
        template: Template,
        details: NewSession,
        clock: &dyn Clock,
    ) -> Result<SessionFile, StoreError> {
        let now = clock.now();
        let mut session = Session::start(String::new(), template, details, clock);
        for n in 1.. {
            let name = file_name_for(session.title(), now, &clock.time_zone(), n);
            let path = sessions_dir.join(&name);
            session.name_after_file(name.trim_end_matches(".ron"));
            match create_atomic(&path, &render(&path, &session)?) {
                Ok(()) => {
                    let lock = SessionLock::try_acquire(&path)
                        .map_err(|e| StoreError::io("lock", &path, e))?
                        .ok_or_else(|| {
                            StoreError::io(
                                "lock",
                                &path,
                                std::io::Error::other(
                                    "another program took the lock of a file created just now",
                                ),
                            )
                        })?;
                    let held = RefCell::new(lock_file(&path).ok().flatten());
                    let written = Cell::new(stamp_of(&path).ok());
                    return Ok(SessionFile {
                        path,
                        session,
                        access: Access::ReadWrite(lock),
                        backup: None,
                        written,
                        note: RefCell::new(None),
                        guard: SaveGuard::default(),
                        held,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(StoreError::io("create", &path, e)),
            }
        }
        unreachable!("the loop above returns")
    }

    /// Opens a session for editing when it can, else read-only with the reason. Nothing is
    /// locked, cleaned or written before the file has been read as a session: `open
    /// notes.txt` leaves `notes.txt` and its folder as they were. A symbolic link is followed,
    /// and the session is saved to (and locked next to) the file it points to.
    pub fn open(path: &Path) -> Result<SessionFile, StoreError> {
        let target = follow_link(path)?;
        let path = target.as_path();
        let before = stamp_of(path).ok();
        let parsed = read_session(path)?;
        let (access, held) = take_locks(path);
        // Someone may have saved between our read and our lock: read what is there now.
        let parsed = if held.is_some() && stamp_of(path).ok() != before {
            read_session(path)?
        } else {
            parsed
        };
        if held.is_some() {
            // Ours alone now: temp files of saves a crash interrupted can go.
            super::atomic::remove_leftover_temps(path);
        }
        Self::from_parsed(path, parsed, access, held)
    }

    /// Opens a session without taking the lock or ever writing it.
    pub fn open_read_only(path: &Path) -> Result<SessionFile, StoreError> {
        let parsed = read_session(path)?;
        Self::from_parsed(
            path,
            parsed,
            Access::ReadOnly(ReadOnlyReason::Requested),
            None,
        )
    }

    fn from_parsed(
        path: &Path,
        parsed: super::load::Parsed,
        mut access: Access,
        held: Option<File>,
    ) -> Result<SessionFile, StoreError> {
        let written = Cell::new(stamp_of(path).ok());
        if parsed.found_version > FORMAT_VERSION {
            access = Access::ReadOnly(ReadOnlyReason::NewerVersion {
                found: parsed.found_version,
            });
        }
        let mut file = SessionFile {
            path: path.to_path_buf(),
            session: parsed.session,
            access,
            backup: None,
            written,
            note: RefCell::new(None),
            guard: SaveGuard::default(),
            held: RefCell::new(held),
        };
        if parsed.found_version < FORMAT_VERSION && file.read_only().is_none() {
            file.backup = Some(keep_backup(path, parsed.found_version)?);
            file.save()?;
        }
        Ok(file)
    }

    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        match &self.access {
            Access::ReadWrite(_) => None,
            Access::ReadOnly(reason) => Some(reason),
        }
    }

    /// Durably writes the session. Refused for read-only sessions: their file stays as it was.
    pub fn save(&self) -> Result<(), StoreError> {
        self.refuse_read_only()?;
        // What could never be read back is never written: the file on disk stays as it was.
        let bytes = render(&self.path, &self.session)?;
        self.save_rendered(bytes)
    }

    /// Saves bytes rendered elsewhere (`render_session`, on another thread, from a copy of
    /// this session at some moment): written exactly as `save` writes, with the same lock,
    /// checks and rescue on failure.
    pub fn save_rendered(&self, bytes: Vec<u8>) -> Result<(), StoreError> {
        self.refuse_read_only()?;
        let mut unsaved = self.guard.0.lock().unwrap_or_else(PoisonError::into_inner);
        let result = self.write(&bytes);
        *unsaved = result.is_err().then(|| (self.path.clone(), bytes));
        result
    }

    fn refuse_read_only(&self) -> Result<(), StoreError> {
        match self.read_only() {
            Some(reason) => Err(StoreError::ReadOnly {
                path: self.path.clone(),
                reason: reason.to_string(),
            }),
            None => Ok(()),
        }
    }

    /// The guard the signal thread uses to finish a failed save (see `SaveGuard`).
    pub fn save_guard(&self) -> SaveGuard {
        self.guard.clone()
    }

    fn write(&self, bytes: &[u8]) -> Result<(), StoreError> {
        let note = self.check_underneath()?;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // A folder deleted underneath is made again: what is in memory goes back to disk.
            if !dir.exists() {
                std::fs::create_dir_all(dir).map_err(|e| StoreError::io("create", dir, e))?;
            }
        }
        // Where an open file cannot be replaced (Windows), our own hold on it goes first; the
        // sidecar lock still keeps other windows out meanwhile.
        if !crate::platform::files::REPLACE_WHILE_OPEN {
            self.held.borrow_mut().take();
        }
        let file = write_atomic_locked(&self.path, bytes).map_err(|e| {
            if self.held.borrow().is_none() {
                *self.held.borrow_mut() = lock_file(&self.path).ok().flatten();
            }
            StoreError::io("save", &self.path, e)
        })?;
        // The old file's lock goes with it; the new one is held from now on.
        *self.held.borrow_mut() = Some(file);
        self.written.set(stamp_of(&self.path).ok());
        if note.is_some() {
            *self.note.borrow_mut() = note;
        }
        Ok(())
    }

    /// What the last save found underneath (a deleted or replaced file), once.
    pub fn take_note(&self) -> Option<SaveNote> {
        self.note.borrow_mut().take()
    }

    /// Before saving over the file: is it still the one we last read or wrote? If someone
    /// else deleted it, say so; if someone else changed it, keep their version first.
    fn check_underneath(&self) -> Result<Option<SaveNote>, StoreError> {
        let Some(ours) = self.written.get() else {
            return Ok(None);
        };
        match stamp_of(&self.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Some(SaveNote::Recreated)),
            Ok(found) if found != ours => {
                let kept = keep_copy(&self.path, "replaced")?;
                // Kept once: a failing save that is retried does not copy it again.
                self.written.set(Some(found));
                Ok(Some(SaveNote::KeptOtherVersion(kept)))
            }
            _ => Ok(None),
        }
    }
}

/// The bytes of a session file: readable (pretty) RON, or compact RON when the readable form
/// would be larger than a session file may be. Refused when even that is too large, since
/// `read_session` would refuse the file.
fn render(path: &Path, session: &Session) -> Result<Vec<u8>, StoreError> {
    render_within(path, session, MAX_FILE_BYTES)
}

/// The bytes `save` would write for `session` (`path` names it in errors): for
/// `SessionFile::save_rendered`, made on any thread.
pub fn render_session(path: &Path, session: &Session) -> Result<Vec<u8>, StoreError> {
    render(path, session)
}

fn render_within(path: &Path, session: &Session, limit: u64) -> Result<Vec<u8>, StoreError> {
    let mut text = String::with_capacity(4096);
    text.push_str(HEADER);
    text.push_str(&session.to_ron());
    text.push('\n');
    if text.len() as u64 <= limit {
        return Ok(text.into_bytes());
    }
    let mut compact = String::from(HEADER);
    compact.push_str(&session.to_compact_ron());
    compact.push('\n');
    if compact.len() as u64 <= limit {
        return Ok(compact.into_bytes());
    }
    Err(StoreError::WouldBeTooLarge {
        path: path.to_path_buf(),
        size: compact.len() as u64,
        limit,
    })
}

/// A session opened through a symbolic link is the file the link points to; a link to
/// something else (a device, a FIFO) is refused naming the link the user gave.
fn follow_link(path: &Path) -> Result<PathBuf, StoreError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            let target = std::fs::canonicalize(path)
                .map_err(|e| StoreError::io("follow the link", path, e))?;
            match std::fs::metadata(&target) {
                Ok(t) if !t.is_file() => Err(StoreError::LinkToNotAFile {
                    path: path.to_path_buf(),
                    target,
                    what: "a session file",
                    kind: super::read::kind_of(t.file_type()),
                }),
                _ => Ok(target),
            }
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// The sidecar lock, then the session file itself. A deleted `.lock` file is made again, but
/// the session file is still locked by the window that has it open, so the second window is
/// read-only all the same.
fn take_locks(path: &Path) -> (Access, Option<File>) {
    match SessionLock::try_acquire(path) {
        Ok(Some(lock)) => match lock_file(path) {
            Ok(Some(file)) => (Access::ReadWrite(lock), Some(file)),
            Ok(None) => (Access::ReadOnly(ReadOnlyReason::LockedElsewhere), None),
            // No locks on this file system: the sidecar is all there is.
            Err(_) => (Access::ReadWrite(lock), None),
        },
        Ok(None) => (Access::ReadOnly(ReadOnlyReason::LockedElsewhere), None),
        Err(e) => (
            Access::ReadOnly(ReadOnlyReason::CannotLock(e.to_string())),
            None,
        ),
    }
}

/// Locks the session file at `path`: `Ok(None)` when another window holds it. Checks after
/// locking that the file is still the one at `path` (a save may have just replaced it).
fn lock_file(path: &Path) -> std::io::Result<Option<File>> {
    use std::fs::TryLockError;
    for _ in 0..16 {
        let file = super::read::open_regular(path).map_err(|e| match e {
            super::read::ReadError::Io(e) => e,
            other => std::io::Error::other(other.to_string()),
        })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(e)) => return Err(e),
        }
        let (locked, now) = (file.metadata()?, std::fs::metadata(path)?);
        if identity(&locked) == identity(&now) {
            return Ok(Some(file));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FixedClock, NewSession};

    #[test]
    fn a_session_too_large_when_readable_is_written_compact_and_reads_back_equal() {
        let clock = FixedClock::at("2026-11-27T09:00:00Z".parse().unwrap());
        let template = super::super::builtin_templates().remove(0);
        let mut s = Session::start("s".into(), template, NewSession::default(), &clock);
        let path = Path::new("s.ron");
        let pretty = render_within(path, &s, u64::MAX).unwrap();
        let compact = HEADER.len() + s.to_compact_ron().len() + 1;
        let limit = compact as u64 + 10;
        assert!((pretty.len() as u64) > limit);
        let bytes = render_within(path, &s, limit).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        let back = super::super::parse_session_text(path, text)
            .unwrap()
            .session;
        s.name_after_file(back.id());
        assert_eq!(back, s);
        let err = render_within(path, &s, limit - 20).unwrap_err();
        assert!(matches!(err, StoreError::WouldBeTooLarge { .. }), "{err}");
    }
}
