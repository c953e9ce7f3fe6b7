//! The pane of each kind of step, one module per kind, mirroring `app/steps/`.

mod board;
mod board_pick;
mod bridge;
mod close;
pub mod last_time;
mod pulse;
mod question;
mod roles;
mod script;

use crate::app::{RunState, StepState};
use crate::domain::StepKind;
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn draw(
    run: &RunState,
    keys: &crate::app::keymap::Keymap,
    focused: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let kind = &run.session().current_step().kind;
    match &run.step {
        StepState::Script(s) => {
            let lines = checklist_of(kind);
            script::draw(run, &s.checklist, lines, frame, area)
        }
        StepState::Pulse(s) => pulse::draw(run, s, frame, area),
        StepState::Roles(_) => roles::draw(run, frame, area),
        StepState::Question(s) => question::draw(run, s, focused, frame, area),
        StepState::Board(s) => board::draw(run, s, keys, frame, area),
        StepState::Bridge(s) => bridge::draw(run, s, frame, area),
        StepState::Close(s) => close::draw(run, s, checklist_of(kind), frame, area),
        StepState::LastTime(s) => last_time::draw(run, s, frame, area),
    }
}

fn checklist_of(kind: &StepKind) -> &[String] {
    match kind {
        StepKind::Script { checklist } | StepKind::Close { checklist } => checklist,
        _ => &[],
    }
}

/// The encoder catching up, for a panel title: embeddings still to come, or how far a
/// regroup on the worker is ("" when there is nothing to say).
pub fn meaning_note(run: &RunState) -> String {
    let lang = run.lang();
    let groups = &run.ws.groups;
    if let Some(p) = groups.meaning.as_ref().and_then(|m| m.pending.as_ref()) {
        let (done, total) = p.progress;
        let percent = done * 100 / total.max(1);
        return format!(
            " · {}",
            crate::i18n::trf(lang, "meaning.regrouping", &[&percent])
        );
    }
    match groups.waiting() {
        0 => String::new(),
        n => format!(" · {}", crate::i18n::trf(lang, "meaning.waiting", &[&n])),
    }
}
