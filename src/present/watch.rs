//! Watching a session file without polling the disk to death. File notifications (`notify`)
//! on the session's folder wake the room view when the session or its room sidecar changes:
//! the atomic rename of each save, a session deleted or put back, the facilitator's window
//! telling the room something (its heartbeat included). Where notifications are unavailable,
//! the view looks once a second instead; with them, it still looks every `period`, which is
//! also how it notices a heartbeat gone stale. Nothing here opens the session for writing or
//! takes its lock from the facilitator.

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

/// What changes when the file is saved, replaced or deleted.
pub type Stamp = crate::platform::files::FileStamp;

pub fn stamp_of(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path).ok().map(|m| Stamp::of(&m))
}

/// How long the view waits for a notification before it looks anyway.
const WITH_NOTIFICATIONS: Duration = Duration::from_secs(2);
/// How often it looks when the system gives no notifications.
const WITHOUT_NOTIFICATIONS: Duration = Duration::from_secs(1);
/// File notifications for one session, or none (then the view polls slowly).
pub struct Watcher {
    notify: Option<notify::RecommendedWatcher>,
}

impl Watcher {
    /// Calls `changed` (on the notifier's thread) whenever the session, its lock or its room
    /// sidecar is written, renamed, created or deleted.
    pub fn start(session: &Path, changed: impl Fn() + Send + 'static) -> Watcher {
        Watcher {
            notify: notifier(session, changed),
        }
    }

    /// Whether file notifications work here.
    pub fn notifies(&self) -> bool {
        self.notify.is_some()
    }

    /// The longest the view waits before it looks at the file anyway.
    pub fn period(&self) -> Duration {
        if self.notifies() {
            WITH_NOTIFICATIONS
        } else {
            WITHOUT_NOTIFICATIONS
        }
    }
}

fn notifier(
    session: &Path,
    changed: impl Fn() + Send + 'static,
) -> Option<notify::RecommendedWatcher> {
    let folder = session
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = session.file_name()?.to_os_string();
    let with = |suffix: &str| {
        let mut n = name.clone();
        n.push(suffix);
        n
    };
    let names: Vec<OsString> = vec![name.clone(), with(".lock"), with(".room"), with(".join")];
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let ours = event
            .paths
            .iter()
            .any(|p| p.file_name().is_some_and(|n| names.iter().any(|m| m == n)));
        if ours && matters(&event.kind) {
            changed();
        }
    })
    .ok()?;
    watcher.watch(folder, RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}

/// Reading a file (as the room view itself does) is no change; closing one that was open for
/// writing is: that is how a writer's window ending shows on its lock file.
fn matters(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SessionLock;
    use std::sync::mpsc;

    /// Waits (10 s at most) for a notification; false if none came.
    fn notified(rx: &mpsc::Receiver<()>) -> bool {
        let got = rx.recv_timeout(Duration::from_secs(10)).is_ok();
        // One change can be several events: let them all arrive.
        while rx.recv_timeout(Duration::from_millis(100)).is_ok() {}
        got
    }

    #[test]
    fn saves_deletes_and_a_closed_lock_file_notify_and_other_files_and_reads_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("a.ron");
        std::fs::write(&session, "one").unwrap();
        let lock = SessionLock::try_acquire(&session).unwrap().unwrap();
        let (tx, rx) = mpsc::channel();
        let watcher = Watcher::start(&session, move || {
            let _ = tx.send(());
        });
        assert!(
            watcher.notifies(),
            "file notifications work on this machine"
        );

        drop(lock);
        // Linux tells when a file open for writing is closed (how a writer's window ending
        // shows on its lock file); other systems do not, and there the heartbeat says it.
        let closed = notified(&rx);
        assert!(
            closed || !crate::platform::files::CLOSE_IS_NOTIFIED,
            "the writer's lock file closed"
        );
        crate::store::write_atomic(&session, b"two").unwrap();
        assert!(notified(&rx), "the atomic rename of a save");
        std::fs::remove_file(&session).unwrap();
        assert!(notified(&rx), "a deleted session");
        std::fs::write(&session, "back").unwrap();
        assert!(notified(&rx), "a session put back");

        // Another session in the folder and reads of this one (as the view itself reads
        // them) stay quiet.
        std::fs::write(dir.path().join("b.ron"), "other").unwrap();
        let _ = std::fs::read(&session).unwrap();
        let _ = crate::store::room_sidecar::read(&session);
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "another file or a read woke the view"
        );
        crate::store::room_sidecar::publish(&session, &Default::default());
        assert!(notified(&rx), "the room sidecar");
    }
}
