//! An open session file: the session in memory, where it lives, and whether we may write it.

use super::atomic::{create_atomic, write_atomic};
use super::load::read_session;
use super::naming::file_name_for;
use super::{SessionLock, StoreError};
use crate::domain::{Clock, FORMAT_VERSION, NewSession, Session, Template};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::os::unix::fs::MetadataExt;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: i64,
    mtime_nsec: i64,
}

impl Stamp {
    fn of(path: &Path) -> std::io::Result<Stamp> {
        let m = std::fs::metadata(path)?;
        Ok(Stamp {
            dev: m.dev(),
            ino: m.ino(),
            len: m.len(),
            mtime: m.mtime(),
            mtime_nsec: m.mtime_nsec(),
        })
    }
}

#[derive(Debug)]
pub struct SessionFile {
    pub path: PathBuf,
    pub session: Session,
    access: Access,
    /// Where the original of a migrated file was kept.
    pub backup: Option<PathBuf>,
    /// The file as we last read or wrote it.
    written: Cell<Option<Stamp>>,
    note: RefCell<Option<SaveNote>>,
    guard: SaveGuard,
}

impl SessionFile {
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
            let name = file_name_for(&session.title, now, n);
            let path = sessions_dir.join(&name);
            session.id = name.trim_end_matches(".ron").to_string();
            match create_atomic(&path, render(&session).as_bytes()) {
                Ok(()) => {
                    let lock = SessionLock::try_acquire(&path)
                        .map_err(|e| StoreError::io("lock", &path, e))?
                        .expect("nobody can hold the lock of a file created just now");
                    let written = Cell::new(Stamp::of(&path).ok());
                    return Ok(SessionFile {
                        path,
                        session,
                        access: Access::ReadWrite(lock),
                        backup: None,
                        written,
                        note: RefCell::new(None),
                        guard: SaveGuard::default(),
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(StoreError::io("create", &path, e)),
            }
        }
        unreachable!("the loop above returns")
    }

    /// Opens a session for editing when it can, else read-only with the reason.
    pub fn open(path: &Path) -> Result<SessionFile, StoreError> {
        // Lock before reading, so nobody saves between our read and our first write.
        let access = match SessionLock::try_acquire(path) {
            Ok(Some(lock)) => {
                // Ours alone now: temp files of saves a crash interrupted can go.
                super::atomic::remove_leftover_temps(path);
                Access::ReadWrite(lock)
            }
            Ok(None) => Access::ReadOnly(ReadOnlyReason::LockedElsewhere),
            Err(e) => Access::ReadOnly(ReadOnlyReason::CannotLock(e.to_string())),
        };
        Self::load(path, access)
    }

    /// Opens a session without taking the lock or ever writing it.
    pub fn open_read_only(path: &Path) -> Result<SessionFile, StoreError> {
        Self::load(path, Access::ReadOnly(ReadOnlyReason::Requested))
    }

    fn load(path: &Path, mut access: Access) -> Result<SessionFile, StoreError> {
        let written = Cell::new(Stamp::of(path).ok());
        let parsed = read_session(path)?;
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
        if let Some(reason) = self.read_only() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                reason: reason.to_string(),
            });
        }
        let mut unsaved = self.guard.0.lock().unwrap_or_else(PoisonError::into_inner);
        let bytes = render(&self.session).into_bytes();
        let result = self.write(&bytes);
        *unsaved = result.is_err().then(|| (self.path.clone(), bytes));
        result
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
        write_atomic(&self.path, bytes).map_err(|e| StoreError::io("save", &self.path, e))?;
        self.written.set(Stamp::of(&self.path).ok());
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
        match Stamp::of(&self.path) {
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

pub(super) fn render(session: &Session) -> String {
    let mut text = String::with_capacity(4096);
    text.push_str(HEADER);
    text.push_str(&session.to_ron());
    text.push('\n');
    text
}

/// Copies the original of a file about to be migrated next to it, as `<name>.v<N>.bak`.
fn keep_backup(path: &Path, version: u32) -> Result<PathBuf, StoreError> {
    keep_copy(path, &format!("v{version}"))
}

/// Copies a file next to itself as `<name>.<tag>.bak` (or `.<tag>.2.bak`, …), never replacing
/// an earlier copy.
fn keep_copy(path: &Path, tag: &str) -> Result<PathBuf, StoreError> {
    let original = std::fs::read(path).map_err(|e| StoreError::io("read", path, e))?;
    for n in 1.. {
        let suffix = if n == 1 {
            format!(".{tag}.bak")
        } else {
            format!(".{tag}.{n}.bak")
        };
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        let backup = path.with_file_name(name);
        match create_atomic(&backup, &original) {
            Ok(()) => return Ok(backup),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(StoreError::io("back up", &backup, e)),
        }
    }
    unreachable!("the loop above returns")
}
