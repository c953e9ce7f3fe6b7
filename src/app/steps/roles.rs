//! Which ambassador: each participant picks the role closest to their picture.

use crate::app::workspace::Workspace;
use crate::app::{Action, Message};
use crate::domain::{Change, Clock, StepKind};

/// The roles step keeps nothing of its own: the participant in focus is the session's.
#[derive(Debug, Default)]
pub struct RolesState;

impl RolesState {
    pub fn update(
        &mut self,
        ws: &mut Workspace,
        action: Action,
        clock: &dyn Clock,
    ) -> Option<Message> {
        let StepKind::Roles { roles } = ws.session().current_step().kind.clone() else {
            return None;
        };
        let Action::Pick(n) = action else {
            return None;
        };
        let Some(participant) = ws.session().focus else {
            return Message::info(crate::i18n::tr(ws.lang(), "msg.no_participants"));
        };
        let role = match n {
            0 => None,
            n => match roles.get(usize::from(n) - 1) {
                Some(r) => Some(r.id.clone()),
                None => {
                    let lang = ws.lang();
                    let n = roles.len();
                    return Message::info(crate::i18n::trf(lang, "msg.no_such_role", &[&n, &n]));
                }
            },
        };
        let chosen = role.is_some();
        let step = ws.step_id();
        let message = ws.commit(
            Change::SetRole {
                step: step.clone(),
                participant,
                role,
            },
            clock,
        );
        if message.is_some() || !chosen {
            return message;
        }
        match next_without_role(ws, &step, participant) {
            Some(id) => ws.commit(Change::Focus(Some(id)), clock),
            None => None,
        }
    }
}

/// The next participant after `participant` who has not chosen yet, going round.
fn next_without_role(
    ws: &Workspace,
    step: &str,
    participant: crate::domain::ParticipantId,
) -> Option<crate::domain::ParticipantId> {
    let session = ws.session();
    let chosen_by = session.results(step).map(|r| &r.roles);
    let at = session
        .participants
        .iter()
        .position(|p| p.id == participant)
        .unwrap_or(0);
    session
        .participants
        .iter()
        .cycle()
        .skip(at + 1)
        .take(session.participants.len())
        .find(|p| chosen_by.is_none_or(|c| !c.contains_key(&p.id)))
        .map(|p| p.id)
}
