//! Script and close steps: a checklist to tick.

use super::run::RunState;
use super::{Action, Message};
use crate::domain::{Change, Clock, StepKind};

pub fn len(run: &RunState) -> usize {
    match &run.session().current_step().kind {
        StepKind::Script { checklist } | StepKind::Close { checklist } => checklist.len(),
        _ => 0,
    }
}

pub fn update(run: &mut RunState, action: Action, clock: &dyn Clock) -> Option<Message> {
    let n = len(run);
    match action {
        Action::Up | Action::Down => {
            run.move_cursor(action == Action::Down, n);
            None
        }
        Action::Toggle if run.cursor < n => {
            let step = run.step_id();
            let index = run.cursor;
            let message = run.commit(Change::ToggleChecklist { step, index }, clock);
            run.move_cursor(true, n);
            message
        }
        _ => None,
    }
}
