//! The run screen's state: one open session, its history, and how saving went.

use super::Action;
use crate::domain::{Change, Clock, History};
use crate::store::SessionFile;
use jiff::Timestamp;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// On disk as shown.
    Saved(Option<Timestamp>),
    /// The last change is only in memory; the text says why.
    Failed(String),
}

pub struct RunState {
    pub file: SessionFile,
    pub history: History,
    pub save: SaveStatus,
    /// Where the current step was entered, for the timebox countdown.
    pub step_started: std::time::Instant,
}

impl RunState {
    pub fn new(file: SessionFile) -> RunState {
        RunState {
            file,
            history: History::default(),
            save: SaveStatus::Saved(None),
            step_started: std::time::Instant::now(),
        }
    }

    /// Handles a run-screen action; returns a message for the facilitator, if any.
    pub fn update(&mut self, action: Action, clock: &dyn Clock) -> Option<(String, bool)> {
        let steps = self.file.session.template.steps.len();
        let current = self.file.session.current_step;
        match action {
            Action::NextStep if current + 1 < steps => {
                self.commit(Change::GoToStep(current + 1), clock)
            }
            Action::PrevStep if current > 0 => self.commit(Change::GoToStep(current - 1), clock),
            Action::NextStep => Some(("This is the last step.".into(), false)),
            Action::PrevStep => Some(("This is the first step.".into(), false)),
            Action::Undo => self.travel(true, clock),
            Action::Redo => self.travel(false, clock),
            _ => None,
        }
    }

    /// Applies a change and saves it before the next frame is drawn.
    pub fn commit(&mut self, change: Change, clock: &dyn Clock) -> Option<(String, bool)> {
        if let Some(reason) = self.file.read_only() {
            return Some((format!("Read-only ({reason}): nothing was changed."), true));
        }
        let is_step = matches!(change, Change::GoToStep(_));
        if let Err(e) = self.history.apply(&mut self.file.session, change, clock) {
            return Some((e.to_string(), true));
        }
        if is_step {
            self.step_started = std::time::Instant::now();
        }
        self.save_after_change(clock)
    }

    fn travel(&mut self, back: bool, clock: &dyn Clock) -> Option<(String, bool)> {
        if self.file.read_only().is_some() {
            return None;
        }
        let moved = if back {
            self.history.undo(&mut self.file.session, clock)
        } else {
            self.history.redo(&mut self.file.session, clock)
        };
        if !moved {
            let what = if back { "undo" } else { "redo" };
            return Some((format!("Nothing to {what}."), false));
        }
        self.save_after_change(clock)
    }

    fn save_after_change(&mut self, clock: &dyn Clock) -> Option<(String, bool)> {
        match self.file.save() {
            Ok(()) => {
                self.save = SaveStatus::Saved(Some(clock.now()));
                None
            }
            Err(e) => {
                let text = e.to_string();
                self.save = SaveStatus::Failed(text.clone());
                Some((format!("NOT SAVED: {text}"), true))
            }
        }
    }

    /// Saves again if the last save failed (on quit); read-only sessions are left alone.
    pub fn save_now(&mut self) -> Result<(), crate::store::StoreError> {
        if self.file.read_only().is_some() || !matches!(self.save, SaveStatus::Failed(_)) {
            return Ok(());
        }
        self.file.save()?;
        self.save = SaveStatus::Saved(None);
        Ok(())
    }
}
