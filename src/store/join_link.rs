//! The join link, for the room view to show large with its QR code: a sidecar
//! `<session>.ron.join` beside the session (runtime state, never inside it), written when
//! the facilitator turns joining on and removed when it goes off or the session closes.

use std::path::{Path, PathBuf};

pub fn path_of(session: &Path) -> PathBuf {
    let mut name = session.file_name().unwrap_or_default().to_os_string();
    name.push(".join");
    session.with_file_name(name)
}

/// Best effort: the room view is a nicety, so a failed write never bothers the facilitator.
pub fn publish(session: &Path, link: &str) {
    let _ = crate::store::write_atomic(&path_of(session), format!("link: {link}\n").as_bytes());
}

pub fn clear(session: &Path) {
    let _ = std::fs::remove_file(path_of(session));
}

/// The link, if joining is on. Only an `http://` link of plain characters is taken, so a
/// file put there by someone else cannot put anything else on the projector.
pub fn read(session: &Path) -> Option<String> {
    let bytes = crate::store::read_regular(&path_of(session), 1024).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let link = text.lines().find_map(|l| l.strip_prefix("link: "))?.trim();
    let plain = link
        .chars()
        .all(|c| c.is_ascii_graphic() && c != '<' && c != '>');
    (link.starts_with("http://") && plain && link.len() < 200).then(|| link.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_link_reads_back_until_cleared_and_junk_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("a.ron");
        assert_eq!(read(&session), None);
        publish(&session, "http://127.0.0.1:8737/?c=ABC234");
        assert_eq!(
            read(&session).as_deref(),
            Some("http://127.0.0.1:8737/?c=ABC234")
        );
        clear(&session);
        assert_eq!(read(&session), None);
        std::fs::write(path_of(&session), "link: http://x/\u{1b}[2J\n").unwrap();
        assert_eq!(read(&session), None);
    }
}
