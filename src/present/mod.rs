//! The room view: a read-only window on a session for the projector. It follows the session
//! file live (`watch`), never takes the write lock and never writes the session.

pub mod join_link;
pub mod sidecar;
pub mod watch;

use crate::domain::Session;
use crate::store::{StoreError, read_session};
use std::path::{Path, PathBuf};
use std::time::Instant;
use thiserror::Error;
use watch::{Stamp, facilitator_has_it_open, stamp_of};

#[derive(Debug, Error)]
pub enum PresentError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{}: not a regular file; the room view shows session files only", .0.display())]
    NotAFile(PathBuf),
    #[error("the terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

/// What the room view knows: the last session it could read, and whether it is still open.
#[derive(Debug)]
pub struct PresentState {
    pub path: PathBuf,
    pub session: Session,
    /// Show the authors of ideas (`--names`).
    pub names: bool,
    /// The facilitator's window no longer holds the session (or the file is gone).
    pub closed: bool,
    /// The group selected on the facilitator's board, outlined here.
    pub selected: Option<crate::domain::GroupId>,
    /// The join link while the facilitator has joining on, shown large with its QR code.
    pub join_link: Option<String>,
    /// When each idea was first seen here, to highlight the newest for a moment.
    pub seen: std::collections::HashMap<crate::domain::IdeaId, Instant>,
    stamp: Option<Stamp>,
}

impl PresentState {
    /// Reads the session once; a missing, unreadable or non-regular file is an error.
    pub fn open(path: &Path, names: bool, now: Instant) -> Result<PresentState, PresentError> {
        let meta = std::fs::metadata(path).map_err(|e| StoreError::io("read", path, e))?;
        if !meta.is_file() {
            return Err(PresentError::NotAFile(path.to_path_buf()));
        }
        let session = read_session(path)?.session;
        let mut state = PresentState {
            path: path.to_path_buf(),
            session,
            names,
            closed: !facilitator_has_it_open(path),
            selected: sidecar::read(path),
            join_link: join_link::read(path).filter(|_| facilitator_has_it_open(path)),
            seen: Default::default(),
            stamp: stamp_of(path),
        };
        state.mark_seen(now, true);
        Ok(state)
    }

    /// A state from a session in memory (snapshots and tests).
    pub fn of(session: Session, names: bool) -> PresentState {
        PresentState {
            path: PathBuf::new(),
            session,
            names,
            closed: false,
            selected: None,
            join_link: None,
            seen: Default::default(),
            stamp: None,
        }
    }

    fn mark_seen(&mut self, now: Instant, first: bool) {
        // Ideas present when the view opened are not new; later ones are.
        let old = now
            .checked_sub(std::time::Duration::from_secs(3600))
            .unwrap_or(now);
        for (_, idea) in self.session.all_ideas() {
            self.seen
                .entry(idea.id)
                .or_insert(if first { old } else { now });
        }
    }

    /// Looks at the file again. Returns true when something the room sees changed.
    pub fn refresh(&mut self, now: Instant) -> bool {
        let closed_before = self.closed;
        let stamp = stamp_of(&self.path);
        let mut changed = false;
        if stamp.is_some() && stamp != self.stamp {
            // A file caught mid-replace or damaged keeps the last good state on screen.
            if let Ok(parsed) = read_session(&self.path) {
                self.stamp = stamp;
                if parsed.session != self.session {
                    self.session = parsed.session;
                    self.mark_seen(now, false);
                    changed = true;
                }
            }
        }
        let selected = sidecar::read(&self.path);
        changed |= selected != self.selected;
        self.selected = selected;
        self.closed = stamp.is_none() || !facilitator_has_it_open(&self.path);
        // A link left by a program that was killed is not shown: nobody answers it.
        let link = join_link::read(&self.path).filter(|_| !self.closed);
        changed |= link != self.join_link;
        self.join_link = link;
        changed || closed_before != self.closed
    }
}

/// Runs the room view full screen until q, Esc or Ctrl-C.
pub fn run(path: &Path, names: bool) -> Result<(), PresentError> {
    use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    use std::time::Duration;
    let mut state = PresentState::open(path, names, Instant::now())?;
    let mut terminal = ratatui::init();
    let watcher = watch::Watcher::new(path);
    let result = (|| -> Result<(), PresentError> {
        let mut dirty = true;
        loop {
            let now = Instant::now();
            if dirty {
                terminal.draw(|f| crate::ui::present::draw(&state, f, now))?;
                dirty = false;
            }
            if event::poll(watcher.wait())? {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        let quit = matches!(k.code, KeyCode::Char('q') | KeyCode::Esc)
                            || (k.code == KeyCode::Char('c')
                                && k.modifiers.contains(KeyModifiers::CONTROL));
                        if quit {
                            return Ok(());
                        }
                    }
                    Event::Resize(..) => dirty = true,
                    _ => {}
                }
            }
            if watcher.due() {
                dirty |= state.refresh(Instant::now());
            }
            // The highlight of new ideas fades: redraw while one is fresh.
            dirty |= state
                .seen
                .values()
                .any(|t| t.elapsed() < Duration::from_secs(6));
        }
    })();
    ratatui::restore();
    result
}
