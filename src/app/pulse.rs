//! The engagement pulse: each participant scores each item 1–5, fast from the keyboard.

use super::run::RunState;
use super::{Action, Message};
use crate::domain::{Change, Clock, StepKind};

pub fn update(run: &mut RunState, action: Action, clock: &dyn Clock) -> Option<Message> {
    let StepKind::Pulse { items, .. } = run.session().current_step().kind.clone() else {
        return None;
    };
    match action {
        Action::Up | Action::Down => {
            run.move_cursor(action == Action::Down, items.len());
            None
        }
        Action::Pick(score) => {
            let Some(participant) = run.session().focus else {
                return Message::info(crate::i18n::tr(run.lang(), "msg.no_participants"));
            };
            let item = items.get(run.cursor)?;
            let change = Change::SetPulse {
                step: run.step_id(),
                participant,
                item: item.id.clone(),
                score: (score > 0).then_some(score),
            };
            let message = run.commit(change, clock);
            if message.is_none() && score > 0 {
                advance(run, items.len(), clock)
            } else {
                message
            }
        }
        _ => None,
    }
}

/// After a score: the next item, or the first item of the next participant.
fn advance(run: &mut RunState, items: usize, clock: &dyn Clock) -> Option<Message> {
    if run.cursor + 1 < items {
        run.cursor += 1;
        return None;
    }
    let people = &run.session().participants;
    let at = run
        .session()
        .focus
        .and_then(|f| people.iter().position(|p| p.id == f));
    match at {
        Some(i) if i + 1 < people.len() => {
            let next = people[i + 1].id;
            run.cursor = 0;
            run.commit(Change::Focus(Some(next)), clock)
        }
        _ => None,
    }
}
