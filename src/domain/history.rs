//! Undo and redo over whole-session snapshots: sessions are small, so a snapshot per edit is
//! simpler and safer than inverse changes.

use super::ChangeError;
use super::change::Applied;
use super::{Change, Clock, Session};
use std::collections::VecDeque;

const LIMIT: usize = 200;

#[derive(Debug, Default)]
pub struct History {
    /// Oldest first; the oldest is dropped past `LIMIT`.
    undo: VecDeque<Session>,
    redo: VecDeque<Session>,
}

impl History {
    /// Applies a change and remembers the state before it when it is an edit.
    pub fn apply(
        &mut self,
        session: &mut Session,
        change: Change,
        clock: &dyn Clock,
    ) -> Result<Applied, ChangeError> {
        let before = change.is_undoable().then(|| session.clone());
        let applied = session.apply(change, clock)?;
        if let Some(before) = before {
            self.record(before);
        }
        Ok(applied)
    }

    /// Records `before` as one undo step, for edits made of several changes.
    pub fn record(&mut self, before: Session) {
        self.undo.push_back(before);
        if self.undo.len() > LIMIT {
            self.undo.pop_front();
        }
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Restores the state before the last edit; where the facilitator is stays put.
    pub fn undo(&mut self, session: &mut Session, clock: &dyn Clock) -> bool {
        Self::swap(&mut self.undo, &mut self.redo, session, clock)
    }

    pub fn redo(&mut self, session: &mut Session, clock: &dyn Clock) -> bool {
        Self::swap(&mut self.redo, &mut self.undo, session, clock)
    }

    fn swap(
        from: &mut VecDeque<Session>,
        to: &mut VecDeque<Session>,
        session: &mut Session,
        clock: &dyn Clock,
    ) -> bool {
        let Some(mut restored) = from.pop_back() else {
            return false;
        };
        restored.current_step = session.current_step;
        restored.focus = session.focus;
        if restored
            .focus
            .is_some_and(|f| restored.participant(f).is_none())
        {
            restored.focus = restored.participants.first().map(|p| p.id);
        }
        restored.updated = clock.now();
        to.push_back(std::mem::replace(session, restored));
        true
    }
}
