//! The engagement pulse: each participant scores each item 1–5, fast from the keyboard.

use super::moved;
use crate::app::workspace::Workspace;
use crate::app::{Action, Message};
use crate::domain::{Change, Clock, StepKind};

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
                let Some(participant) = ws.session().focus else {
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
        let people = &ws.session().participants;
        let at = ws
            .session()
            .focus
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
