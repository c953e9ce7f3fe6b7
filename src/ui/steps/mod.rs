//! The pane of each kind of step.

mod board;
mod bridge;
mod checklist;
mod close;
mod pulse;
mod question;
mod roles;

pub use pulse::truncate;

use crate::app::RunState;
use crate::domain::StepKind;
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn draw(run: &RunState, focused: bool, frame: &mut Frame, area: Rect) {
    match &run.session().current_step().kind {
        StepKind::Script { checklist } => checklist::draw(run, checklist, frame, area),
        StepKind::Pulse { .. } => pulse::draw(run, frame, area),
        StepKind::Roles { .. } => roles::draw(run, frame, area),
        StepKind::Question => question::draw(run, focused, frame, area),
        StepKind::CommonGround => board::draw(run, frame, area),
        StepKind::Bridge => bridge::draw(run, frame, area),
        StepKind::Close { checklist } => close::draw(run, checklist, frame, area),
    }
}
