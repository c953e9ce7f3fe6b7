//! The one way to change the open session. A transaction checks that the session may be
//! changed, remembers it for undo, applies the changes, brings the touched steps' groups up to
//! date, and saves; if any change is refused, memory is rolled back and nothing is saved.

use super::Workspace;
use super::live_groups::LiveGroups;
use crate::domain::{Applied, Change, ChangeError, Clock, EditNote, IdeaId, Session, StepKind};
use crate::grouping::{Constraints, Engine};
use crate::i18n::trf;
use crate::interact::Message;
use std::collections::BTreeSet;

/// What a transaction's body may do to the session.
pub struct Tx<'a> {
    session: &'a mut Session,
    groups: &'a mut LiveGroups,
    clock: &'a dyn Clock,
    /// Steps whose engine moved: their groups are stored when the body is done.
    touched: BTreeSet<String>,
    /// Whether the facilitator edited something (and so there is an undo step).
    undoable: bool,
    /// What the edit did, for "Undone: …": its first undoable change, or the board reshaped.
    note: Option<EditNote>,
    changed: bool,
}

impl Tx<'_> {
    pub fn session(&self) -> &Session {
        self.session
    }

    /// Applies one change. An idea added, edited or removed on a question step also goes into
    /// that step's grouping engine, which is built first from the session as it was, so the
    /// idea is taken in exactly once.
    pub fn apply(&mut self, change: Change) -> Result<Applied, ChangeError> {
        let grouped = self.grouped_step_of(&change);
        if let Some(step) = &grouped {
            self.groups.engine(self.session, step);
        }
        let feed = IdeaFeed::of(&change);
        let undoable = change.is_undoable();
        let note = EditNote::of(&change, self.session);
        let applied = self.session.apply(change, self.clock)?;
        self.undoable |= undoable;
        match (&mut self.note, note) {
            (Some(first), Some(_)) => first.more += 1,
            (first, note) => *first = first.take().or(note),
        }
        self.changed = true;
        if let Some(step) = grouped {
            let engine = self.groups.engine(self.session, &step);
            match (feed, applied) {
                (Some(IdeaFeed::Add(text)), Applied::Created(id)) => {
                    engine.add(id, text.trim());
                    self.groups.ask(&text);
                }
                (Some(IdeaFeed::Edit(id, text)), _) => {
                    engine.edit(id.0, text.trim());
                    self.groups.ask(&text);
                }
                (Some(IdeaFeed::Remove(id)), _) => engine.remove(id.0),
                _ => {}
            }
            self.touched.insert(step);
        }
        Ok(applied)
    }

    /// The facilitator reshapes a step's groups (move, merge, split, rename, lock, tidy...).
    pub fn reshape(&mut self, step: &str, op: impl FnOnce(&mut Engine)) {
        op(self.groups.engine(self.session, step));
        self.touched.insert(step.to_string());
        self.undoable = true;
        self.note.get_or_insert_with(EditNote::groups);
        self.changed = true;
    }

    /// Takes in ideas changed on other steps (the common ground follows the questions). A
    /// derived update, not an edit of the facilitator's, so it leaves no undo step.
    pub fn refresh(&mut self, step: &str) {
        if self.groups.refresh(self.session, step) {
            self.touched.insert(step.to_string());
            self.changed = true;
        }
    }

    /// Embeddings arrived from the worker: ideas placed before theirs was known are looked
    /// at once more. A derived update: no undo step.
    pub fn supply(&mut self, batch: Vec<(String, Vec<f32>)>) {
        for step in self.groups.supply(batch) {
            self.touched.insert(step);
            self.changed = true;
        }
    }

    /// A board the worker regrouped replaces the step's groups; one undo step when the
    /// facilitator asked for it.
    pub fn adopt(&mut self, step: &str, constraints: &Constraints, asked_for: bool) {
        self.groups.adopt(self.session, step, constraints);
        self.touched.insert(step.to_string());
        self.undoable |= asked_for;
        if asked_for {
            self.note.get_or_insert_with(EditNote::groups);
        }
        self.changed = true;
    }

    fn grouped_step_of(&self, change: &Change) -> Option<String> {
        let step = match change {
            Change::AddIdea { step, .. } | Change::AddDeviceIdea { step, .. } => {
                Some(step.as_str())
            }
            Change::EditIdea { id, .. } | Change::RemoveIdea(id) => self.session.step_of_idea(*id),
            _ => None,
        }?;
        let is_question = self
            .session
            .template()
            .steps
            .iter()
            .any(|s| s.id == step && s.kind == StepKind::Question);
        is_question.then(|| step.to_string())
    }

    /// Stores the groups of every step whose engine moved.
    fn store_groups(&mut self) -> Result<(), ChangeError> {
        for step in std::mem::take(&mut self.touched) {
            let groups = self.groups.snapshot(self.session, &step);
            self.session
                .apply(Change::SetGroups { step, groups }, self.clock)?;
        }
        Ok(())
    }
}

/// What an idea change means to the grouping engine.
enum IdeaFeed {
    Add(String),
    Edit(IdeaId, String),
    Remove(IdeaId),
}

impl IdeaFeed {
    fn of(change: &Change) -> Option<IdeaFeed> {
        match change {
            Change::AddIdea { text, .. } | Change::AddDeviceIdea { text, .. } => {
                Some(IdeaFeed::Add(text.clone()))
            }
            Change::EditIdea { id, text } => Some(IdeaFeed::Edit(*id, text.clone())),
            Change::RemoveIdea(id) => Some(IdeaFeed::Remove(*id)),
            _ => None,
        }
    }
}

impl Workspace {
    /// Runs `body` as one edit: one undo step, saved before the next frame. On an error the
    /// session and the engines are as before and the error is told.
    pub fn transact(
        &mut self,
        clock: &dyn Clock,
        body: impl FnOnce(&mut Tx) -> Result<(), ChangeError>,
    ) -> Option<Message> {
        self.transaction(clock, body, true)
    }

    /// Like `transact`, but the save is left to the caller, who must see it done (or
    /// failed) before telling anyone the change is kept: devices' ideas, saved off the loop.
    pub fn transact_in_memory(
        &mut self,
        clock: &dyn Clock,
        body: impl FnOnce(&mut Tx) -> Result<(), ChangeError>,
    ) -> Option<Message> {
        self.transaction(clock, body, false)
    }

    /// Like `transact`, but a refused change is handed back rather than told: the caller
    /// says it in its own words (a device's page), and the session is as it was.
    pub fn try_transact(
        &mut self,
        clock: &dyn Clock,
        body: impl FnOnce(&mut Tx) -> Result<(), ChangeError>,
    ) -> Result<Option<Message>, ChangeError> {
        self.run(clock, body, true)
    }

    fn transaction(
        &mut self,
        clock: &dyn Clock,
        body: impl FnOnce(&mut Tx) -> Result<(), ChangeError>,
        save: bool,
    ) -> Option<Message> {
        self.run(clock, body, save)
            .unwrap_or_else(|e| Message::error(super::error_text::change_error(self.lang(), &e)))
    }

    /// The transaction itself: a read-only session is told so and left alone; otherwise the
    /// session and the engines are rolled back on an error.
    fn run(
        &mut self,
        clock: &dyn Clock,
        body: impl FnOnce(&mut Tx) -> Result<(), ChangeError>,
        save: bool,
    ) -> Result<Option<Message>, ChangeError> {
        if let Some(reason) = self.read_only_text() {
            return Ok(Message::error(trf(
                self.lang(),
                "msg.read_only_nothing_changed",
                &[&reason],
            )));
        }
        let before = self.file.session().clone();
        let mut tx = Tx {
            session: self.file.session_mut(),
            groups: &mut self.groups,
            clock,
            touched: BTreeSet::new(),
            undoable: false,
            note: None,
            changed: false,
        };
        let result = body(&mut tx).and_then(|()| tx.store_groups());
        let (undoable, changed, note) = (tx.undoable, tx.changed, tx.note.take());
        if let Err(e) = result {
            *self.file.session_mut() = before;
            self.groups.invalidate();
            return Err(e);
        }
        if !changed {
            return Ok(None);
        }
        self.revision += 1;
        if undoable {
            self.history
                .record(before, note.unwrap_or_else(EditNote::groups));
        }
        Ok(if save { self.save_after_change() } else { None })
    }

    /// One change as a transaction.
    pub fn commit(&mut self, change: Change, clock: &dyn Clock) -> Option<Message> {
        self.transact(clock, |tx| tx.apply(change).map(|_| ()))
    }
}
