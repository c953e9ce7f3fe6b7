//! The run screen's state: one open session, its history, how saving went, and what each
//! step has in focus. Step-specific handling lives in the step modules.

use super::live_groups::LiveGroups;
use super::text::TextField;
use super::{Action, Context, Message, Overlay, board, bridge, checklist, pulse, question, roles};
use crate::domain::{Change, Clock, GroupId, History, IdeaId, Session, StepKind};
use crate::i18n::{tr, trf};
use crate::store::{Paths, SessionFile};

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// On disk as shown.
    Saved,
    /// The last change is only in memory; the text says why.
    Failed(String),
}

/// On the common-ground board: an idea picked up to move, or a group picked up to merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardMark {
    Move(IdeaId),
    Merge(GroupId),
}

pub struct RunState {
    pub file: SessionFile,
    pub history: History,
    pub save: SaveStatus,
    /// When the current step was entered, for the timebox countdown.
    pub step_started: std::time::Instant,
    /// The selected row of the step's list (checklist line, pulse item, idea, board row, action).
    pub cursor: usize,
    /// The idea being typed on a question step.
    pub draft: TextField,
    /// The idea being edited through the draft field.
    pub editing: Option<IdeaId>,
    pub mark: Option<BoardMark>,
    pub groups: LiveGroups,
    /// The group the draft would join, recomputed as the facilitator types.
    pub preview: Option<GroupId>,
}

pub type StepResult = (Option<Message>, Option<Overlay>);

impl RunState {
    pub fn new(
        file: SessionFile,
        model: Option<std::sync::Arc<crate::grouping::Model2Vec>>,
    ) -> RunState {
        let mut run = RunState {
            file,
            history: History::default(),
            save: SaveStatus::Saved,
            step_started: std::time::Instant::now(),
            cursor: 0,
            draft: TextField::default(),
            editing: None,
            mark: None,
            groups: LiveGroups::with_model(model),
            preview: None,
        };
        run.enter_step();
        run
    }

    pub fn session(&self) -> &Session {
        &self.file.session
    }

    pub fn step_id(&self) -> String {
        self.file.session.current_step().id.clone()
    }

    pub fn lang(&self) -> crate::domain::Language {
        self.file.session.language
    }

    pub fn context(&self) -> Context {
        match self.file.session.current_step().kind {
            StepKind::Script { .. } => Context::Script,
            StepKind::Pulse { .. } => Context::Pulse,
            StepKind::Roles { .. } => Context::Roles,
            StepKind::Question => Context::Question,
            StepKind::CommonGround => Context::Board,
            StepKind::Bridge => Context::Bridge,
            StepKind::Close { .. } => Context::Close,
        }
    }

    pub fn update(&mut self, action: Action, clock: &dyn Clock, paths: &Paths) -> StepResult {
        let steps = self.file.session.template.steps.len();
        let current = self.file.session.current_step;
        let message = match action {
            Action::NextStep if current + 1 < steps => self.go_to(current + 1, clock),
            Action::PrevStep if current > 0 => self.go_to(current - 1, clock),
            Action::NextStep => Message::info(tr(self.lang(), "msg.last_step")),
            Action::PrevStep => Message::info(tr(self.lang(), "msg.first_step")),
            Action::Undo => self.travel(true, clock),
            Action::Redo => self.travel(false, clock),
            Action::NextParticipant | Action::PrevParticipant => {
                self.cycle_participant(action == Action::NextParticipant, clock)
            }
            _ => return self.update_step(action, clock, paths),
        };
        (message, None)
    }

    fn update_step(&mut self, action: Action, clock: &dyn Clock, paths: &Paths) -> StepResult {
        match self.context() {
            Context::Script => (checklist::update(self, action, clock), None),
            Context::Pulse => (pulse::update(self, action, clock), None),
            Context::Roles => (roles::update(self, action, clock), None),
            Context::Question => question::update(self, action, clock),
            Context::Board => board::update(self, action, clock),
            Context::Bridge => bridge::update(self, action),
            Context::Close => bridge::update_close(self, action, clock, paths),
            _ => (None, None),
        }
    }

    pub fn update_overlay(
        &mut self,
        overlay: Overlay,
        action: Action,
        clock: &dyn Clock,
    ) -> StepResult {
        match overlay {
            Overlay::Confirm(confirm) => match action {
                Action::Confirm => (self.confirmed(confirm, clock), None),
                Action::Cancel => (None, None),
                _ => (None, Some(Overlay::Confirm(confirm))),
            },
            Overlay::Prompt(mut prompt) => match action {
                Action::Cancel => (None, None),
                Action::NextField | Action::PrevField => {
                    prompt.next_field(action == Action::NextField);
                    (None, Some(Overlay::Prompt(prompt)))
                }
                Action::Commit => bridge::submit_prompt(self, prompt, clock),
                _ => (None, Some(Overlay::Prompt(prompt))),
            },
            Overlay::Help | Overlay::Info { .. } => (None, None),
        }
    }

    fn confirmed(&mut self, confirm: super::Confirm, clock: &dyn Clock) -> Option<Message> {
        match confirm {
            super::Confirm::DeleteIdea { id, .. } => question::delete_idea(self, id, clock),
            super::Confirm::DeleteAction { id, .. } => self.commit(Change::RemoveAction(id), clock),
        }
    }

    pub fn type_key(&mut self, key: crossterm::event::KeyEvent) {
        if self.context() == Context::Question {
            self.draft.input(key);
            question::update_preview(self);
        }
    }

    pub fn paste(&mut self, text: &str, clock: &dyn Clock) -> Option<Message> {
        if self.context() == Context::Question {
            return question::paste(self, text, clock);
        }
        None
    }

    /// Goes to a step (from the agenda), if it is another one.
    pub fn jump_to(&mut self, step: usize, clock: &dyn Clock) -> Option<Message> {
        if step == self.file.session.current_step || step >= self.file.session.template.steps.len()
        {
            return None;
        }
        self.go_to(step, clock)
    }

    fn go_to(&mut self, step: usize, clock: &dyn Clock) -> Option<Message> {
        let message = self.commit(Change::GoToStep(step), clock);
        self.enter_step();
        message.or_else(|| self.sync_step_groups(clock))
    }

    /// Resets what is in focus for a newly entered step.
    fn enter_step(&mut self) {
        self.step_started = std::time::Instant::now();
        self.cursor = 0;
        self.draft.clear();
        self.editing = None;
        self.mark = None;
        self.preview = None;
    }

    /// On entering a grouped step, takes in ideas added, edited or removed elsewhere.
    fn sync_step_groups(&mut self, clock: &dyn Clock) -> Option<Message> {
        let step = self.step_id();
        if !matches!(self.context(), Context::Question | Context::Board)
            || self.file.read_only().is_some()
        {
            return None;
        }
        if self.groups.refresh(&self.file.session, &step) {
            let groups = self.groups.snapshot(&self.file.session, &step);
            // A derived update, not an edit of the facilitator's: not on the undo stack.
            if let Err(e) = self
                .file
                .session
                .apply(Change::SetGroups { step, groups }, clock)
            {
                return Message::error(e.to_string());
            }
            return self.save_after_change();
        }
        None
    }

    fn cycle_participant(&mut self, forward: bool, clock: &dyn Clock) -> Option<Message> {
        let people = &self.file.session.participants;
        if people.is_empty() {
            return Message::info(tr(self.lang(), "msg.no_participants"));
        }
        let n = people.len();
        let at = self
            .file
            .session
            .focus
            .and_then(|f| people.iter().position(|p| p.id == f));
        let next = match at {
            None => 0,
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
        };
        let id = people[next].id;
        self.commit(Change::Focus(Some(id)), clock)
    }

    /// Applies a change and saves it before the next frame is drawn.
    pub fn commit(&mut self, change: Change, clock: &dyn Clock) -> Option<Message> {
        self.commit_all(vec![change], clock)
    }

    /// Applies changes as one edit (one undo step) and saves. On an error nothing changes.
    pub fn commit_all(&mut self, changes: Vec<Change>, clock: &dyn Clock) -> Option<Message> {
        if let Some(reason) = self.file.read_only() {
            return Message::error(trf(self.lang(), "msg.read_only_nothing_changed", &[reason]));
        }
        let before = self.file.session.clone();
        let undoable = changes.iter().any(Change::is_undoable);
        for change in changes {
            if let Err(e) = self.file.session.apply(change, clock) {
                self.file.session = before;
                self.groups.invalidate();
                return Message::error(e.to_string());
            }
        }
        if undoable {
            self.history.record(before);
        }
        self.save_after_change()
    }

    fn travel(&mut self, back: bool, clock: &dyn Clock) -> Option<Message> {
        if self.file.read_only().is_some() {
            return None;
        }
        let moved = if back {
            self.history.undo(&mut self.file.session, clock)
        } else {
            self.history.redo(&mut self.file.session, clock)
        };
        if !moved {
            let key = if back {
                "msg.nothing_to_undo"
            } else {
                "msg.nothing_to_redo"
            };
            return Message::info(tr(self.lang(), key));
        }
        self.groups.invalidate();
        self.mark = None;
        self.editing = None;
        question::update_preview(self);
        let saved = self.save_after_change();
        let key = if back { "msg.undone" } else { "msg.redone" };
        saved.or_else(|| Message::info(tr(self.lang(), key)))
    }

    pub fn save_after_change(&mut self) -> Option<Message> {
        match self.file.save() {
            Ok(()) => {
                self.save = SaveStatus::Saved;
                self.save_note()
            }
            Err(e) => {
                let text = e.to_string();
                self.save = SaveStatus::Failed(text.clone());
                Message::error(trf(self.lang(), "msg.not_saved", &[&text]))
            }
        }
    }

    /// Tells what a save found underneath: the file deleted, or changed by another program.
    fn save_note(&self) -> Option<Message> {
        match self.file.take_note()? {
            crate::store::SaveNote::Recreated => {
                Message::error(tr(self.lang(), "msg.file_recreated"))
            }
            crate::store::SaveNote::KeptOtherVersion(kept) => {
                let name = kept.file_name().unwrap_or_default().to_string_lossy();
                Message::error(trf(self.lang(), "msg.file_replaced", &[&name]))
            }
        }
    }

    /// Saves again if the last save failed (on quit); read-only sessions are left alone.
    pub fn save_now(&mut self) -> Result<(), crate::store::StoreError> {
        if self.file.read_only().is_some() || !matches!(self.save, SaveStatus::Failed(_)) {
            return Ok(());
        }
        self.file.save()?;
        self.save = SaveStatus::Saved;
        Ok(())
    }

    /// Moves the cursor within `len` rows.
    pub fn move_cursor(&mut self, down: bool, len: usize) {
        if len == 0 {
            self.cursor = 0;
        } else if down {
            self.cursor = (self.cursor + 1).min(len - 1);
        } else {
            self.cursor = self.cursor.saturating_sub(1).min(len - 1);
        }
    }
}
