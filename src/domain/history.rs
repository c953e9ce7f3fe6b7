//! Undo and redo over whole-session snapshots: sessions are small, so a snapshot per edit is
//! simpler and safer than inverse changes.

use super::ChangeError;
use super::change::Applied;
use super::{Change, Clock, EditNote, Session};
use std::collections::VecDeque;

const LIMIT: usize = 200;

#[derive(Debug, Default)]
pub struct History {
    /// Oldest first; the oldest is dropped past `LIMIT`. Each snapshot goes with what the
    /// edit after it did, so undoing and redoing it can say what.
    undo: VecDeque<(Session, EditNote)>,
    redo: VecDeque<(Session, EditNote)>,
}

impl History {
    /// Applies a change and remembers the state before it when it is an edit.
    pub fn apply(
        &mut self,
        session: &mut Session,
        change: Change,
        clock: &dyn Clock,
    ) -> Result<Applied, ChangeError> {
        let before = EditNote::of(&change, session).map(|note| (session.clone(), note));
        let applied = session.apply(change, clock)?;
        if let Some((before, note)) = before {
            self.record(before, note);
        }
        Ok(applied)
    }

    /// Records `before` as one undo step, for edits made of several changes; `note` says
    /// what the edit did.
    pub fn record(&mut self, before: Session, note: EditNote) {
        self.undo.push_back((before, note));
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

    /// What undo would take back now.
    pub fn next_undo(&self) -> Option<&EditNote> {
        self.undo.back().map(|(_, note)| note)
    }

    /// What redo would do again now.
    pub fn next_redo(&self) -> Option<&EditNote> {
        self.redo.back().map(|(_, note)| note)
    }

    /// Restores the state before the last edit; where the facilitator is stays put.
    pub fn undo(&mut self, session: &mut Session, clock: &dyn Clock) -> bool {
        Self::swap(&mut self.undo, &mut self.redo, session, clock)
    }

    pub fn redo(&mut self, session: &mut Session, clock: &dyn Clock) -> bool {
        Self::swap(&mut self.redo, &mut self.undo, session, clock)
    }

    fn swap(
        from: &mut VecDeque<(Session, EditNote)>,
        to: &mut VecDeque<(Session, EditNote)>,
        session: &mut Session,
        clock: &dyn Clock,
    ) -> bool {
        let Some((mut restored, note)) = from.pop_back() else {
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
        to.push_back((std::mem::replace(session, restored), note));
        true
    }
}
