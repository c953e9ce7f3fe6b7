//! Which ambassador: each participant picks the role closest to their picture.

mod pane;
mod report;
mod room;
use crate::domain::Step as Step_;
use crate::domain::{ParticipantId, Session};
use crate::interact::Context;
use crate::join::Part;
use crate::steps::StepResult;
use crate::steps::room::{RoomBody, RoomView};
use crate::steps::{Env, Look, Step};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::{Change, Clock, StepKind};
use crate::interact::{Action, Message};
use crate::workspace::Workspace;

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
        let Some(participant) = ws.session().focus() else {
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
        .participants()
        .iter()
        .position(|p| p.id == participant)
        .unwrap_or(0);
    session
        .participants()
        .iter()
        .cycle()
        .skip(at + 1)
        .take(session.participants().len())
        .find(|p| chosen_by.is_none_or(|c| !c.contains_key(&p.id)))
        .map(|p| p.id)
}

impl Step for RolesState {
    fn context(&self) -> Context {
        Context::Roles
    }

    fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        (RolesState::update(self, ws, action, env.clock), None)
    }

    fn pane(&self, ws: &Workspace, _look: &Look, frame: &mut Frame, area: Rect) {
        pane::draw(ws, frame, area)
    }

    fn room(view: &RoomView, step: &Step_, width: u16) -> RoomBody {
        match &step.kind {
            StepKind::Roles { roles } => room::lines(view.session, step, roles, width).into(),
            _ => RoomBody(Vec::new()),
        }
    }

    /// The roles to pick from and the participant's own choice; anonymous devices pick none.
    fn device(session: &Session, step: &Step_, participant: ParticipantId) -> Part {
        let StepKind::Roles { roles } = &step.kind else {
            return Part::Room { lines: Vec::new() };
        };
        if participant == ParticipantId::ANONYMOUS {
            return crate::steps::named_only(session);
        }
        Part::Roles {
            roles: roles
                .iter()
                .map(|r| (r.id.clone(), r.label.clone(), r.description.clone()))
                .collect(),
            chosen: session
                .results(&step.id)
                .and_then(|r| r.roles.get(&participant))
                .cloned(),
        }
    }

    fn markdown(
        out: &mut String,
        session: &Session,
        step: &Step_,
        _anonymous: bool,
        _zone: &jiff::tz::TimeZone,
    ) {
        report::markdown(out, session, step)
    }

    fn html(
        out: &mut String,
        session: &Session,
        step: &Step_,
        _anonymous: bool,
        _zone: &jiff::tz::TimeZone,
    ) {
        report::html(out, session, step)
    }
}
