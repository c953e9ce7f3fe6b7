//! The engagement pulse: each participant scores each item 1–5, fast from the keyboard.

mod pane;
mod report;
mod room;
use crate::domain::Step as Step_;
use crate::domain::{ParticipantId, Session};
use crate::interact::Context;
use crate::join::Part;
use crate::steps::StepResult;
use crate::steps::room::RoomView;
use crate::steps::{Env, Look, Step};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::domain::{Change, Clock, StepKind};
use crate::interact::{Action, Message};
use crate::steps::moved;
use crate::workspace::Workspace;

#[derive(Debug, Default)]
pub struct PulseState {
    /// The statement in focus.
    pub item: usize,
    /// Who scored low is shown by name (the facilitator asked); otherwise only how many.
    pub show_names: bool,
}

impl PulseState {
    pub fn update(
        &mut self,
        ws: &mut Workspace,
        action: Action,
        clock: &dyn Clock,
    ) -> Option<Message> {
        let StepKind::Pulse { items, .. } = ws.session().current_step().kind.clone() else {
            return None;
        };
        match action {
            Action::Up | Action::Down => {
                self.item = moved(self.item, action == Action::Down, items.len());
                None
            }
            Action::Names => {
                self.show_names = !self.show_names;
                None
            }
            Action::Pick(score) => {
                let Some(participant) = ws.session().focus() else {
                    return Message::info(crate::i18n::tr(ws.lang(), "msg.no_participants"));
                };
                let item = items.get(self.item)?;
                let change = Change::SetPulse {
                    step: ws.step_id(),
                    participant,
                    item: item.id.clone(),
                    score: (score > 0).then_some(score),
                };
                let message = ws.commit(change, clock);
                if message.is_none() && score > 0 {
                    self.advance(ws, items.len(), clock)
                } else {
                    message
                }
            }
            _ => None,
        }
    }

    /// After a score: the next item, or the first item of the next participant.
    fn advance(&mut self, ws: &mut Workspace, items: usize, clock: &dyn Clock) -> Option<Message> {
        if self.item + 1 < items {
            self.item += 1;
            return None;
        }
        let people = &ws.session().participants();
        let at = ws
            .session()
            .focus()
            .and_then(|f| people.iter().position(|p| p.id == f));
        match at {
            Some(i) if i + 1 < people.len() => {
                let next = people[i + 1].id;
                self.item = 0;
                ws.commit(Change::Focus(Some(next)), clock)
            }
            _ => None,
        }
    }
}

impl Step for PulseState {
    fn context(&self) -> Context {
        Context::Pulse
    }

    fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        (PulseState::update(self, ws, action, env.clock), None)
    }

    fn pane(&self, ws: &Workspace, _look: &Look, frame: &mut Frame, area: Rect) {
        pane::draw(ws, self, frame, area)
    }

    fn room(view: &RoomView, step: &Step_, width: u16) -> Vec<Line<'static>> {
        match &step.kind {
            StepKind::Pulse { items, .. } => room::lines(view.session, step, items, width),
            _ => Vec::new(),
        }
    }

    /// Each statement with the participant's own score; an anonymous device scores nothing.
    fn device(session: &Session, step: &Step_, participant: ParticipantId) -> Part {
        let StepKind::Pulse { items, .. } = &step.kind else {
            return Part::Room { lines: Vec::new() };
        };
        if participant == ParticipantId::ANONYMOUS {
            return crate::steps::named_only(session);
        }
        let mine = session
            .results(&step.id)
            .and_then(|r| r.pulse.get(&participant));
        Part::Pulse {
            items: items
                .iter()
                .map(|i| {
                    let score = mine.and_then(|m| m.get(&i.id)).copied();
                    (i.id.clone(), i.label.clone(), score)
                })
                .collect(),
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
