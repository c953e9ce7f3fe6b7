//! Script steps (welcome and the like): the prompt to read aloud and a checklist to tick.
//! The close step ticks its own checklist the same way.

use super::moved;
use crate::app::workspace::Workspace;
use crate::app::{Action, Message};
use crate::domain::{Change, Clock, StepKind};

#[derive(Debug, Default)]
pub struct ScriptState {
    pub checklist: Checklist,
}

impl ScriptState {
    pub fn update(
        &mut self,
        ws: &mut Workspace,
        action: Action,
        clock: &dyn Clock,
    ) -> Option<Message> {
        self.checklist.update(ws, action, clock)
    }
}

/// The selected line of the current step's checklist.
#[derive(Debug, Default)]
pub struct Checklist {
    pub cursor: usize,
    pub list: crate::app::list_view::ListView,
}

impl Checklist {
    pub fn update(
        &mut self,
        ws: &mut Workspace,
        action: Action,
        clock: &dyn Clock,
    ) -> Option<Message> {
        let n = len(ws);
        match action {
            Action::Up | Action::Down => {
                self.cursor = moved(self.cursor, action == Action::Down, n);
                None
            }
            Action::Toggle if self.cursor < n => {
                let step = ws.step_id();
                let index = self.cursor;
                // Space ticks; the arrows move (ticking and moving at once skipped lines).
                ws.commit(Change::ToggleChecklist { step, index }, clock)
            }
            _ => None,
        }
    }
}

fn len(ws: &Workspace) -> usize {
    match &ws.session().current_step().kind {
        StepKind::Script { checklist } | StepKind::Close { checklist } => checklist.len(),
        _ => 0,
    }
}
