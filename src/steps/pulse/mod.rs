//! The engagement pulse: each participant scores each item 1–5, fast from the keyboard.

mod figures;
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
pub use figures::{columns, figures, low_text, nothing_to_show, scored_of, spread, trend_text};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::{
    Ballot, Change, Clock, Language, MIN_SHOWN, PulseMode, StepKind, new_ballot_id, pulse_scorers,
};
use crate::i18n::{tr, trf};
use crate::interact::{Action, Message};
use crate::steps::moved;
use crate::workspace::Workspace;

#[derive(Debug, Default)]
pub struct PulseState {
    /// The statement in focus.
    pub item: usize,
    /// Open pulse: who scored low is shown by name (the facilitator asked); otherwise only
    /// how many.
    pub show_names: bool,
    /// Private pulse: the ballot typed by hand that scores go on; none starts a new one.
    pub ballot: Option<String>,
}

/// "private: the room sees only totals", for setup and the pulse screen.
pub fn mode_text(lang: Language, mode: PulseMode) -> &'static str {
    match mode {
        PulseMode::Private => tr(lang, "pulse.mode_private"),
        PulseMode::Open => tr(lang, "pulse.mode_open"),
    }
}

/// Each statement with the device's own score: in an open pulse its participant's (an
/// anonymous device scores nothing there), in a private one its `ballot`'s, which anyone may
/// fill in, a name or not.
pub fn device_part(
    session: &Session,
    step: &Step_,
    participant: ParticipantId,
    ballot: &str,
) -> Part {
    let StepKind::Pulse { items, .. } = &step.kind else {
        return Part::Room { lines: Vec::new() };
    };
    let results = session.results(&step.id);
    let private = session.pulse_mode() == PulseMode::Private;
    let mine = if private {
        results
            .and_then(|r| r.ballots.get(ballot))
            .map(|b| &b.scores)
    } else if participant == ParticipantId::ANONYMOUS {
        return crate::steps::named_only(session);
    } else {
        results.and_then(|r| r.pulse.get(&participant))
    };
    Part::Pulse {
        items: items
            .iter()
            .map(|i| {
                let score = mine.and_then(|m| m.get(&i.id)).copied();
                (i.id.clone(), i.label.clone(), score)
            })
            .collect(),
        private,
    }
}

/// Whether the facilitator has shown a pulse step's figures to the room.
pub fn revealed(session: &Session, step: &Step_) -> bool {
    session.results(&step.id).is_some_and(|r| r.revealed)
}

/// The ballots the facilitator typed by hand on a step, ordered by their scores: an order
/// that says nothing about who scored when (and stays the same on every screen).
pub fn typed_ballots<'a>(session: &'a Session, step: &str) -> Vec<(&'a String, &'a Ballot)> {
    let mut typed: Vec<(&String, &Ballot)> = session
        .results(step)
        .into_iter()
        .flat_map(|r| r.ballots.iter())
        .filter(|(_, b)| b.by_hand)
        .collect();
    typed.sort_by(|a, b| a.1.scores.cmp(&b.1.scores).then(a.0.cmp(b.0)));
    typed
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
        let lang = ws.lang();
        let private = ws.session().pulse_mode() == PulseMode::Private;
        match action {
            Action::Up | Action::Down => {
                self.item = moved(self.item, action == Action::Down, items.len());
                None
            }
            Action::Names if private => Message::info(tr(lang, "pulse.no_names_private")),
            Action::Names => {
                self.show_names = !self.show_names;
                None
            }
            Action::Reveal => self.reveal(ws, clock),
            Action::NextParticipant | Action::PrevParticipant if private => {
                self.next_ballot(ws, action == Action::NextParticipant);
                None
            }
            Action::Pick(score) if private => {
                let item = items.get(self.item)?;
                let ballot = self.ballot.clone().unwrap_or_else(new_ballot_id);
                let change = Change::SetBallot {
                    step: ws.step_id(),
                    ballot: ballot.clone(),
                    item: item.id.clone(),
                    score: (score > 0).then_some(score),
                    by_hand: true,
                };
                let message = ws.commit(change, clock);
                if message.is_some() {
                    return message;
                }
                let kept = typed_ballots(ws.session(), &ws.step_id())
                    .iter()
                    .any(|(id, _)| **id == ballot);
                self.ballot = kept.then_some(ballot);
                if score == 0 || self.item + 1 < items.len() {
                    self.item = (self.item + usize::from(score > 0)).min(items.len() - 1);
                    return None;
                }
                // The last statement: this ballot is done, the next score starts another.
                self.item = 0;
                self.ballot = None;
                Message::info(tr(lang, "pulse.ballot_done"))
            }
            Action::Pick(score) => {
                let Some(participant) = ws.session().focus() else {
                    return Message::info(tr(lang, "msg.no_participants"));
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

    /// Shows the figures to the room, or hides them; below `MIN_SHOWN` scorers there is
    /// nothing to show yet, and the facilitator is told why.
    fn reveal(&mut self, ws: &mut Workspace, clock: &dyn Clock) -> Option<Message> {
        let lang = ws.lang();
        let step = ws.session().current_step().clone();
        let shown = revealed(ws.session(), &step);
        let message = ws.commit(
            Change::RevealPulse {
                step: step.id.clone(),
                shown: !shown,
            },
            clock,
        );
        if message.is_some() {
            return message;
        }
        let scorers = pulse_scorers(ws.session(), &step);
        match (shown, scorers < MIN_SHOWN) {
            (true, _) => Message::info(tr(lang, "pulse.hidden")),
            (false, true) => Message::info(trf(lang, "pulse.too_few_yet", &[&scorers, &MIN_SHOWN])),
            (false, false) => Message::info(tr(lang, "pulse.revealed")),
        }
    }

    /// Tab through the ballots typed by hand (to correct one), then back to a new ballot.
    fn next_ballot(&mut self, ws: &Workspace, forward: bool) {
        let ids: Vec<String> = typed_ballots(ws.session(), &ws.step_id())
            .into_iter()
            .map(|(id, _)| id.clone())
            .collect();
        // Positions 0..n are the typed ballots, n is "a new ballot".
        let n = ids.len();
        let at = self
            .ballot
            .as_ref()
            .and_then(|b| ids.iter().position(|i| i == b))
            .unwrap_or(n);
        let next = if forward {
            (at + 1) % (n + 1)
        } else {
            (at + n) % (n + 1)
        };
        self.ballot = ids.get(next).cloned();
        self.item = 0;
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

    fn room(view: &RoomView, step: &Step_, width: u16) -> RoomBody {
        room::lines(view.session, step, width).into()
    }

    /// Each statement, unscored: a device's own scores come with its ballot (`device_part`).
    fn device(session: &Session, step: &Step_, participant: ParticipantId) -> Part {
        device_part(session, step, participant, "")
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
