//! `ambassador present` without a session: the one open for writing right now, else a list
//! to choose from (↑/↓, Enter shows it, Esc quits).

use crate::domain::Language;
use crate::interact::Action;
use crate::store::{Listing, Paths};
use std::path::PathBuf;

#[derive(Debug)]
pub struct Chooser {
    /// Readable sessions only (`Listing::Session`), newest first.
    pub sessions: Vec<Listing>,
    pub cursor: usize,
    /// The language of the screen (the newest session's).
    pub lang: Language,
}

/// What a key in the chooser leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Chosen {
    Stay,
    Show(PathBuf),
    Quit,
}

/// The readable sessions among `listings` (newest first), and the one a facilitator's window
/// holds right now, if any: the one the data folder's pointer names (`store::open_now`) when
/// it is one of `listings`, else the newest whose window is there. `now` is the room view's time of day, against which a
/// heartbeat counts as fresh.
pub fn open_or_list(
    listings: Vec<Listing>,
    open_now: Option<PathBuf>,
    now: jiff::Timestamp,
) -> Result<PathBuf, Chooser> {
    let alive =
        |path: &std::path::Path| crate::store::room_sidecar::facilitator_has_it_open(path, now);
    let sessions: Vec<Listing> = listings
        .into_iter()
        .filter(|l| matches!(l, Listing::Session(_)))
        .collect();
    // The pointer counts only for a session of this folder: a file put there by someone else
    // cannot send the projector anywhere else.
    let listed = |path: &PathBuf| sessions.iter().any(|s| s.path() == path.as_path());
    if let Some(path) = open_now.filter(|p| listed(p) && alive(p)) {
        return Ok(path);
    }
    if let Some(open) = sessions.iter().find(|s| alive(s.path())) {
        return Ok(open.path().to_path_buf());
    }
    let lang = match sessions.first() {
        Some(Listing::Session(s)) => s.language,
        _ => Language::En,
    };
    Err(Chooser {
        sessions,
        cursor: 0,
        lang,
    })
}

/// The session this data folder's facilitator has open right now, if any (as `open_or_list`
/// finds it): where the room view goes when the one it shows closes.
pub fn facilitators_session(paths: &Paths, now: jiff::Timestamp) -> Option<PathBuf> {
    let listings = crate::store::list_sessions(&paths.sessions_dir()).ok()?;
    let pointer = crate::store::open_now::read(&paths.data_dir);
    open_or_list(listings, pointer, now).ok()
}

impl Chooser {
    pub fn update(&mut self, action: Action) -> Chosen {
        let n = self.sessions.len();
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down if self.cursor + 1 < n => self.cursor += 1,
            Action::Commit => {
                if let Some(s) = self.sessions.get(self.cursor) {
                    return Chosen::Show(s.path().to_path_buf());
                }
            }
            Action::Quit | Action::Cancel => return Chosen::Quit,
            _ => {}
        }
        Chosen::Stay
    }
}
