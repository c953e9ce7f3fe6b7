//! Watching a session file without polling the disk to death: one `stat` of the file every
//! 100 ms (the atomic rename of each save gives it a new inode), and a look at `/proc/locks`
//! every half second to tell whether the facilitator's window still holds the session. Neither
//! opens, locks or writes anything, so the facilitator's window is never disturbed.

use crate::store::SessionLock;
use std::cell::Cell;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, Instant};

/// What changes when the file is saved, replaced or deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    ino: u64,
    len: u64,
    mtime_ns: i128,
}

pub fn stamp_of(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some(Stamp {
        ino: m.ino(),
        len: m.len(),
        mtime_ns: i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
    })
}

/// Whether some process holds the session's lock sidecar. Read from `/proc/locks`, so the
/// room view never takes the lock itself, not even for a moment. Where that file cannot be
/// read, the session counts as open.
pub fn facilitator_has_it_open(session: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(SessionLock::sidecar_path(session)) else {
        return false;
    };
    let Ok(locks) = std::fs::read_to_string("/proc/locks") else {
        return true;
    };
    locks_hold(&locks, meta.ino())
}

/// Lines look like `1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF`; field 5 ends in the inode.
fn locks_hold(locks: &str, ino: u64) -> bool {
    locks.lines().any(|line| {
        line.split_whitespace()
            .nth(5)
            .and_then(|dev_ino| dev_ino.rsplit(':').next())
            .and_then(|n| n.parse::<u64>().ok())
            == Some(ino)
    })
}

/// The loop's pace: how long to wait for a key, and when to look at the file again.
pub struct Watcher {
    next: Cell<Instant>,
}

const EVERY: Duration = Duration::from_millis(100);

impl Watcher {
    pub fn new(_path: &Path) -> Watcher {
        Watcher {
            next: Cell::new(Instant::now() + EVERY),
        }
    }

    pub fn wait(&self) -> Duration {
        self.next.get().saturating_duration_since(Instant::now())
    }

    /// True once per period.
    pub fn due(&self) -> bool {
        let now = Instant::now();
        if now >= self.next.get() {
            self.next.set(now + EVERY);
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_line_with_the_inode_counts_as_held_and_others_do_not() {
        let text = "1: FLOCK  ADVISORY  WRITE 77 08:01:5678 0 EOF\n2: POSIX ADVISORY READ 9 00:2a:12 0 EOF\n";
        assert!(locks_hold(text, 5678));
        assert!(locks_hold(text, 12));
        assert!(!locks_hold(text, 567));
    }

    #[test]
    fn a_held_session_lock_is_seen_and_a_dropped_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("a.ron");
        std::fs::write(&session, "x").unwrap();
        let lock = SessionLock::try_acquire(&session).unwrap().unwrap();
        assert!(facilitator_has_it_open(&session));
        drop(lock);
        assert!(!facilitator_has_it_open(&session));
    }
}
