//! What the facilitator has selected on the board, for the room view to outline: a tiny
//! sidecar `<session>.ron.room` next to the session, never inside it (the selection is not
//! part of what was said). Written atomically, and only when the selection changes.

use crate::domain::GroupId;
use std::path::{Path, PathBuf};

pub fn path_of(session: &Path) -> PathBuf {
    let mut name = session.file_name().unwrap_or_default().to_os_string();
    name.push(".room");
    session.with_file_name(name)
}

/// Best effort: the room view is a nicety, so a failed write never bothers the facilitator.
pub fn publish(session: &Path, selected: Option<GroupId>) {
    let text = selected.map_or_else(String::new, |g| format!("selected_group: {g}\n"));
    let _ = crate::store::write_atomic(&path_of(session), text.as_bytes());
}

/// The selected group, if the sidecar names one.
pub fn read(session: &Path) -> Option<GroupId> {
    // A regular file of a few bytes only: a FIFO or device put there never hangs the view.
    let bytes = crate::store::read_regular(&path_of(session), 1024).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("selected_group:"))
        .and_then(|n| n.trim().parse().ok())
        .map(GroupId)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_selection_reads_back_and_none_clears_it() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("a.ron");
        assert_eq!(read(&session), None);
        publish(&session, Some(GroupId(42)));
        assert_eq!(read(&session), Some(GroupId(42)));
        publish(&session, None);
        assert_eq!(read(&session), None);
    }
}
