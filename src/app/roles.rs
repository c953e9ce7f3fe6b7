//! Which ambassador: each participant picks the role closest to their picture.

use super::run::RunState;
use super::{Action, Message};
use crate::domain::{Change, Clock, StepKind};

pub fn update(run: &mut RunState, action: Action, clock: &dyn Clock) -> Option<Message> {
    let StepKind::Roles { roles } = run.session().current_step().kind.clone() else {
        return None;
    };
    let Action::Pick(n) = action else {
        return None;
    };
    let Some(participant) = run.session().focus else {
        return Message::info(crate::i18n::tr(run.lang(), "msg.no_participants"));
    };
    let role = match n {
        0 => None,
        n => match roles.get(usize::from(n) - 1) {
            Some(r) => Some(r.id.clone()),
            None => return None,
        },
    };
    let chosen = role.is_some();
    let message = run.commit(
        Change::SetRole {
            step: run.step_id(),
            participant,
            role,
        },
        clock,
    );
    if message.is_some() || !chosen {
        return message;
    }
    // On to the next participant who has not chosen yet.
    let step = run.step_id();
    let session = run.session();
    let chosen_by = session
        .results(&step)
        .map(|r| r.roles.clone())
        .unwrap_or_default();
    let at = session
        .participants
        .iter()
        .position(|p| p.id == participant)
        .unwrap_or(0);
    let next = session
        .participants
        .iter()
        .cycle()
        .skip(at + 1)
        .take(session.participants.len())
        .find(|p| !chosen_by.contains_key(&p.id))
        .map(|p| p.id);
    match next {
        Some(id) => run.commit(Change::Focus(Some(id)), clock),
        None => None,
    }
}
