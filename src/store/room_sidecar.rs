//! What the facilitator's window shows the room beyond the session itself, for the room view:
//! the group selected on the board, the time left of the step, the join link while joining is
//! on, and a heartbeat that says the window is there. A tiny sidecar `<session>.ron.room` next to the session, never inside it
//! (none of it is part of what was said). Written atomically when it changes and at least every
//! `BEAT` while the window holds the session, removed when the window closes the session.
//!
//! The heartbeat is how the room view knows the facilitator's program is alive, the same on
//! every system: no lock is inspected and no process table read. A window that was killed
//! leaves a sidecar whose heartbeat goes stale within `STALE`.

use crate::domain::GroupId;
use jiff::{SignedDuration, Timestamp};
use std::path::{Path, PathBuf};

/// How often the facilitator's window says it is there.
pub const BEAT: SignedDuration = SignedDuration::from_secs(1);
/// A heartbeat older than this is a window that is gone (killed, or its machine asleep).
pub const STALE: SignedDuration = SignedDuration::from_secs(4);
/// How far ahead of the room view's clock a heartbeat may be and still count.
pub const AHEAD: SignedDuration = SignedDuration::from_mins(10);

/// The time left of the current step, as the facilitator's window counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeLeft {
    /// The clock runs and reaches zero at this wall-clock time.
    EndsAt(Timestamp),
    /// The clock stands still with this many seconds left (negative: over time).
    Paused(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Room {
    /// The group selected on the board.
    pub selected: Option<GroupId>,
    /// The step the time belongs to (an index into the template's steps).
    pub step: Option<usize>,
    pub time: Option<TimeLeft>,
    /// The join link, while joining is on: the room view shows it large with its QR code.
    pub join_link: Option<String>,
    /// When the facilitator's window last said it is there (its own clock).
    pub beat: Option<Timestamp>,
}

impl Room {
    fn to_text(&self) -> String {
        let mut text = String::new();
        if let Some(g) = self.selected {
            text.push_str(&format!("selected_group: {g}\n"));
        }
        if let Some(s) = self.step {
            text.push_str(&format!("step: {s}\n"));
        }
        match self.time {
            Some(TimeLeft::EndsAt(t)) => text.push_str(&format!("ends_at: {t}\n")),
            Some(TimeLeft::Paused(left)) => text.push_str(&format!("paused_left: {left}\n")),
            None => {}
        }
        if let Some(link) = &self.join_link {
            text.push_str(&format!("join_link: {link}\n"));
        }
        if let Some(t) = self.beat {
            text.push_str(&format!("alive_at: {t}\n"));
        }
        text
    }

    /// Whether a facilitator's window holds the session at `now`: its heartbeat is fresh. A
    /// heartbeat a little ahead of `now` (another clock a moment ahead) counts as fresh; one
    /// far ahead (written before the system clock was set back) does not, or a killed window
    /// would look alive until that time came.
    pub fn is_alive(&self, now: Timestamp) -> bool {
        self.beat.is_some_and(|beat| {
            let age = now.duration_since(beat);
            age < STALE && age > -AHEAD
        })
    }

    fn from_text(text: &str) -> Room {
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
                .map(str::trim)
        };
        let ends = field("ends_at")
            .and_then(|t| t.parse().ok())
            .map(TimeLeft::EndsAt);
        let paused = field("paused_left")
            .and_then(|t| t.parse().ok())
            .map(TimeLeft::Paused);
        Room {
            selected: field("selected_group")
                .and_then(|n| n.parse().ok())
                .map(GroupId),
            step: field("step").and_then(|n| n.parse().ok()),
            time: ends.or(paused),
            join_link: field("join_link").and_then(plain_link),
            beat: field("alive_at").and_then(|t| t.parse().ok()),
        }
    }
}

/// Only an `http://` link of plain characters is taken, so a file put there by someone else
/// cannot put anything else on the projector.
fn plain_link(link: &str) -> Option<String> {
    let plain = link
        .chars()
        .all(|c| c.is_ascii_graphic() && c != '<' && c != '>');
    (link.starts_with("http://") && plain && link.len() < 200).then(|| link.to_string())
}

pub fn path_of(session: &Path) -> PathBuf {
    let mut name = session.file_name().unwrap_or_default().to_os_string();
    name.push(".room");
    session.with_file_name(name)
}

/// Best effort: the room view is a nicety, so a failed write never bothers the facilitator.
pub fn publish(session: &Path, room: &Room) {
    let _ = crate::store::write_atomic(&path_of(session), room.to_text().as_bytes());
}

/// The facilitator's window closes the session: nothing is selected or counted any more.
pub fn remove(session: &Path) {
    let _ = std::fs::remove_file(path_of(session));
}

/// Whether a facilitator's window holds `session` at `now` (see `Room::is_alive`).
pub fn facilitator_has_it_open(session: &Path, now: Timestamp) -> bool {
    read(session).is_alive(now)
}

/// What the sidecar says; nothing when there is none or it cannot be read.
pub fn read(session: &Path) -> Room {
    // A regular file of a few bytes only: a FIFO or device put there never hangs the view.
    crate::store::read_regular(&path_of(session), 1024)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map_or_else(Room::default, |text| Room::from_text(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_room_reads_back_and_an_empty_one_clears_it() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("a.ron");
        assert_eq!(read(&session), Room::default());
        let ends = Timestamp::from_second(1_800_000_000).unwrap();
        let room = Room {
            selected: Some(GroupId(42)),
            step: Some(3),
            time: Some(TimeLeft::EndsAt(ends)),
            join_link: Some("http://127.0.0.1:8737/?c=ABC234".into()),
            beat: Some(ends),
        };
        publish(&session, &room);
        assert_eq!(read(&session), room);
        let paused = Room {
            time: Some(TimeLeft::Paused(-75)),
            ..Room::default()
        };
        publish(&session, &paused);
        assert_eq!(read(&session), paused);
        publish(&session, &Room::default());
        assert_eq!(read(&session), Room::default());
        remove(&session);
        assert!(!path_of(&session).exists());
        // A link that is not a plain http:// link is not taken.
        std::fs::write(path_of(&session), "join_link: http://x/\u{1b}[2J\n").unwrap();
        assert_eq!(read(&session).join_link, None);
    }

    #[test]
    fn a_heartbeat_is_fresh_for_a_few_seconds_then_the_window_counts_as_gone() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("a.ron");
        let at = Timestamp::from_second(1_800_000_000).unwrap();
        assert!(!facilitator_has_it_open(&session, at), "no sidecar: nobody");
        let room = Room {
            beat: Some(at),
            ..Room::default()
        };
        publish(&session, &room);
        assert!(facilitator_has_it_open(&session, at));
        assert!(facilitator_has_it_open(
            &session,
            at + SignedDuration::from_secs(3)
        ));
        assert!(facilitator_has_it_open(
            &session,
            at - SignedDuration::from_secs(60)
        ));
        assert!(!facilitator_has_it_open(&session, at + STALE));
        assert!(
            !facilitator_has_it_open(&session, at - AHEAD - SignedDuration::from_secs(1)),
            "a heartbeat from far ahead: written before the clock was set back"
        );
        publish(&session, &Room::default());
        assert!(
            !facilitator_has_it_open(&session, at),
            "a sidecar without a heartbeat"
        );
    }
}
