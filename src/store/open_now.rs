//! Which session a facilitator has open for writing right now: `<data dir>/open-session`, one
//! line with the session file's path. The run screen writes it when it first tells the room
//! view anything and removes it when it closes the session (only if it still names that
//! session: another window may have opened one since). The room view, given no session, shows
//! this one while its heartbeat is fresh (`room_sidecar`). Runtime state, never part of a
//! session; a pointer left by a killed program points at a heartbeat gone stale.

use std::path::{Path, PathBuf};

pub fn path_of(data_dir: &Path) -> PathBuf {
    data_dir.join("open-session")
}

/// Best effort, like the room sidecar: a failed write never bothers the facilitator.
pub fn publish(data_dir: &Path, session: &Path) {
    let text = format!("{}\n", session.display());
    let _ = crate::store::write_atomic(&path_of(data_dir), text.as_bytes());
}

/// The window closes `session`: the pointer goes, unless it names another session now.
pub fn clear(data_dir: &Path, session: &Path) {
    if read(data_dir).as_deref() == Some(session) {
        let _ = std::fs::remove_file(path_of(data_dir));
    }
}

/// The session the pointer names, if there is one that reads as a path.
pub fn read(data_dir: &Path) -> Option<PathBuf> {
    // A regular file of a few bytes only: a FIFO or device put there never hangs the view.
    let bytes = crate::store::read_regular(&path_of(data_dir), 4096).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty() && !line.chars().any(char::is_control)).then(|| PathBuf::from(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pointer_names_the_last_session_opened_and_goes_only_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
        assert_eq!(read(dir.path()), None);
        publish(dir.path(), &a);
        assert_eq!(read(dir.path()), Some(a.clone()));
        publish(dir.path(), &b);
        clear(dir.path(), &a);
        assert_eq!(
            read(dir.path()),
            Some(b.clone()),
            "another window's session stays"
        );
        clear(dir.path(), &b);
        assert_eq!(read(dir.path()), None);
        std::fs::write(path_of(dir.path()), "\u{1b}[2J\n").unwrap();
        assert_eq!(read(dir.path()), None, "junk is no path");
    }
}
