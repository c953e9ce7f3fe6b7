//! What the room view knows: the last session it could read, whether the facilitator's
//! window still holds it, and what that window tells the room (selection, time left).

use super::PresentError;
use super::watch::{Stamp, stamp_of};
use crate::domain::{Clock, GroupId, IdeaId, Session};
use crate::store::room_sidecar::{self as sidecar, Room, TimeLeft};
use crate::store::{StoreError, read_session};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a new idea stays highlighted.
pub const NEW_FOR: Duration = Duration::from_secs(6);

/// The step's clock as the room sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    /// Runs; zero is reached at `ends`.
    Running { ends: Instant },
    /// Stands still with this many seconds left (negative: over time).
    Paused(i64),
}

impl Timer {
    /// Whole seconds left at `now`; negative once the time is up.
    pub fn left(&self, now: Instant) -> i64 {
        let secs = |d: Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
        match *self {
            Timer::Paused(left) => left,
            Timer::Running { ends } if now <= ends => secs(ends - now),
            Timer::Running { ends } => -secs(now - ends),
        }
    }

    /// When what `left` shows changes next (a running clock, once a second).
    fn next_change(&self, now: Instant) -> Option<Instant> {
        let Timer::Running { ends } = *self else {
            return None;
        };
        let into_second = if now <= ends {
            Duration::from_nanos(u64::from((ends - now).subsec_nanos()))
        } else {
            Duration::from_secs(1) - Duration::from_nanos(u64::from((now - ends).subsec_nanos()))
        };
        Some(now + into_second.max(Duration::from_millis(1)))
    }

    /// From what the sidecar says, with the room view's clock: `now` its monotonic reading,
    /// `wall` the time of day at that moment.
    fn of(time: TimeLeft, now: Instant, wall: jiff::Timestamp) -> Timer {
        match time {
            TimeLeft::Paused(left) => Timer::Paused(left),
            TimeLeft::EndsAt(ends) => {
                let ms = ends.as_millisecond() - wall.as_millisecond();
                let by = Duration::from_millis(ms.unsigned_abs());
                let ends = if ms >= 0 {
                    now + by
                } else {
                    now.checked_sub(by).unwrap_or(now)
                };
                Timer::Running { ends }
            }
        }
    }
}

#[derive(Debug)]
pub struct PresentState {
    pub path: PathBuf,
    pub session: Session,
    /// Show the authors of ideas (`--names`).
    pub names: bool,
    /// The facilitator's window no longer holds the session (or the file is gone).
    pub closed: bool,
    /// The group selected on the facilitator's board, outlined here.
    pub selected: Option<GroupId>,
    /// The time left of the current step, while the facilitator's window counts it.
    pub timer: Option<Timer>,
    /// The join link while the facilitator has joining on, shown large with its QR code.
    pub join_link: Option<String>,
    /// When each idea was first seen here, to highlight the newest for a moment.
    pub seen: HashMap<IdeaId, Instant>,
    stamp: Option<Stamp>,
}

impl PresentState {
    /// Reads the session once; a missing, unreadable or non-regular file is an error.
    /// The session at `path` as the room view opens it; `clock` is the room view's own.
    pub fn open(path: &Path, names: bool, clock: &dyn Clock) -> Result<PresentState, PresentError> {
        let now = clock.monotonic();
        let meta = std::fs::metadata(path).map_err(|e| StoreError::io("read", path, e))?;
        if !meta.is_file() {
            return Err(PresentError::NotAFile(path.to_path_buf()));
        }
        let session = read_session(path)?.session;
        let mut state = PresentState {
            path: path.to_path_buf(),
            stamp: stamp_of(path),
            ..PresentState::of(session, names)
        };
        state.mark_seen(now, true);
        state.look_at_room(clock);
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
            timer: None,
            join_link: None,
            seen: Default::default(),
            stamp: None,
        }
    }

    fn mark_seen(&mut self, now: Instant, first: bool) {
        // Ideas present when the view opened are not new; later ones are.
        let old = now.checked_sub(NEW_FOR * 2).unwrap_or(now);
        for (_, idea) in self.session.all_ideas() {
            self.seen
                .entry(idea.id)
                .or_insert(if first { old } else { now });
        }
    }

    /// Reads the file again even if it looks unchanged. Returns true when something changed.
    pub fn reread(&mut self, clock: &dyn Clock) -> bool {
        self.stamp = None;
        self.refresh(clock)
    }

    /// Looks at the file again. Returns true when something the room sees changed.
    pub fn refresh(&mut self, clock: &dyn Clock) -> bool {
        let now = clock.monotonic();
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
        let before = (self.closed, self.selected, self.timer);
        let link_before = self.join_link.take();
        self.closed = stamp.is_none();
        self.look_at_room(clock);
        changed
            || before != (self.closed, self.selected, self.timer)
            || link_before != self.join_link
    }

    /// Whether the facilitator's window holds the session, and what it tells the room. A
    /// closed session shows no selection and no clock: nobody is counting.
    fn look_at_room(&mut self, clock: &dyn Clock) {
        let (now, wall) = (clock.monotonic(), clock.now());
        let room = sidecar::read(&self.path);
        // The facilitator's window is there while its heartbeat is fresh.
        self.closed = self.closed || !room.is_alive(wall);
        let room = if self.closed { Room::default() } else { room };
        // A link left by a program that was killed is not shown: nobody answers it.
        self.join_link = room.join_link.clone();
        let this_step = room.step == Some(self.session.current_step_index());
        self.selected = room.selected;
        // A running clock read again lands a few microseconds apart: keep the one shown
        // unless it moved by a second or more.
        let timer = room
            .time
            .filter(|_| this_step)
            .map(|t| Timer::of(t, now, wall));
        self.timer = match (self.timer, timer) {
            (Some(Timer::Running { ends: a }), Some(Timer::Running { ends: b }))
                if a.max(b) - a.min(b) < Duration::from_secs(1) =>
            {
                Some(Timer::Running { ends: a })
            }
            (_, t) => t,
        };
    }

    /// When the screen next changes with nothing else happening: the clock's next second,
    /// or the end of a new idea's highlight.
    pub fn next_change(&self, now: Instant) -> Option<Instant> {
        let fading = self
            .seen
            .values()
            .map(|t| *t + NEW_FOR)
            .filter(|end| *end > now)
            .min();
        let clock = self.timer.and_then(|t| t.next_change(now));
        fading.into_iter().chain(clock).min()
    }
}
