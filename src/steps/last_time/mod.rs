//! "Last time we agreed": each action of the session this one follows up, marked done, in
//! progress or dropped, with a short note.

pub mod pane;
mod report;
mod room;
use crate::domain::Step as Step_;
use crate::domain::{ParticipantId, Session};
use crate::interact::Context;
use crate::join::Part;
use crate::steps::room::{RoomBody, RoomView};
use crate::steps::{Env, Look, Step};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::{Action as Agreement, ActionId, Change, Clock, Outcome, Status};
use crate::i18n::{tr, trf};
use crate::interact::{Action, Message, Overlay, Prompt, PromptPurpose};
use crate::steps::StepResult;
use crate::workspace::Workspace;
use ratatui::widgets::TableState;
use std::cell::RefCell;

#[derive(Debug, Default)]
pub struct LastTimeState {
    /// The selected earlier action.
    pub cursor: usize,
    /// The table as last drawn (its scroll offset).
    pub table: RefCell<TableState>,
}

/// Last time's actions, in the order they were agreed.
pub fn earlier_actions(ws: &Workspace) -> Vec<Agreement> {
    ws.session()
        .follows()
        .as_ref()
        .map(|e| e.actions.clone())
        .unwrap_or_default()
}

/// What this step says of an earlier action so far.
pub fn outcome_of(ws: &Workspace, action: ActionId) -> Outcome {
    ws.session()
        .results(&ws.step_id())
        .and_then(|r| r.outcomes.get(&action).cloned())
        .unwrap_or_default()
}

impl LastTimeState {
    pub fn update(&mut self, ws: &mut Workspace, action: Action, clock: &dyn Clock) -> StepResult {
        let lang = ws.lang();
        let list = earlier_actions(ws);
        if ws.session().follows().is_none() {
            return (Message::info(tr(lang, "last.no_earlier")), None);
        }
        let selected = list.get(self.cursor).cloned();
        match (action, selected) {
            (Action::Up | Action::Down, _) => {
                self.cursor = crate::steps::moved(self.cursor, action == Action::Down, list.len());
                (None, None)
            }
            (Action::Pick(n), Some(a)) => {
                let status = usize::from(n)
                    .checked_sub(1)
                    .and_then(|i| Status::ALL.get(i).copied());
                let outcome = Outcome {
                    status,
                    ..outcome_of(ws, a.id)
                };
                let message = commit(ws, a.id, outcome, clock);
                if message.is_none() && status.is_some() {
                    self.cursor = (self.cursor + 1).min(list.len().saturating_sub(1));
                }
                (message, None)
            }
            (Action::Edit, Some(a)) => {
                let note = outcome_of(ws, a.id).note;
                let prompt = Prompt::new(
                    PromptPurpose::OutcomeNote { action: a.id },
                    trf(lang, "last.note_title", &[&a.what]),
                    vec![(tr(lang, "last.note").into(), note)],
                );
                (None, Some(Overlay::Prompt(prompt)))
            }
            (Action::CarryOver, Some(a)) => carry_over_form(ws, &a),
            (Action::Pick(_) | Action::Edit | Action::CarryOver, None) => {
                (Message::info(tr(lang, "last.no_actions")), None)
            }
            _ => (None, None),
        }
    }

    /// Enter in the note form.
    pub fn submit_note(
        &mut self,
        ws: &mut Workspace,
        action: ActionId,
        prompt: Prompt,
        clock: &dyn Clock,
    ) -> StepResult {
        let outcome = Outcome {
            note: prompt.value(0),
            ..outcome_of(ws, action)
        };
        (commit(ws, action, outcome, clock), None)
    }
}

/// The form for carrying `earlier` over: its what and who to keep or change, and a new when;
/// or why it cannot be (already carried, or no bridge step to take it).
fn carry_over_form(ws: &Workspace, earlier: &Agreement) -> StepResult {
    let lang = ws.lang();
    if let Some(carried) = ws.session().carried_over(earlier.id) {
        return (
            Message::info(trf(lang, "last.already_carried", &[&carried.what])),
            None,
        );
    }
    if bridge_step(ws).is_none() {
        return (Message::info(tr(lang, "last.no_bridge")), None);
    }
    let prompt = Prompt::new(
        PromptPurpose::CarryOver { action: earlier.id },
        trf(lang, "last.carry_title", &[&earlier.what]),
        vec![
            (tr(lang, "bridge.what").into(), earlier.what.clone()),
            (tr(lang, "bridge.who").into(), earlier.who.clone()),
            (tr(lang, "last.new_when").into(), String::new()),
        ],
    );
    (None, Some(Overlay::Prompt(prompt)))
}

/// The step this session's actions are agreed on.
fn bridge_step(ws: &Workspace) -> Option<String> {
    ws.session()
        .template()
        .steps
        .iter()
        .find(|s| s.kind == crate::domain::StepKind::Bridge)
        .map(|s| s.id.clone())
}

impl LastTimeState {
    /// Enter in the carry-over form: the action joins this session's actions, linked to last
    /// time's; an earlier action not yet marked is marked in progress.
    pub fn submit_carry_over(
        &mut self,
        ws: &mut Workspace,
        from: ActionId,
        prompt: Prompt,
        clock: &dyn Clock,
    ) -> StepResult {
        let Some(step) = bridge_step(ws) else {
            return (Message::info(tr(ws.lang(), "last.no_bridge")), None);
        };
        let here = ws.step_id();
        let outcome = outcome_of(ws, from);
        let what = prompt.value(0);
        let message = ws.transact(clock, |tx| {
            tx.apply(Change::CarryOver {
                step,
                from,
                what: what.clone(),
                who: prompt.value(1),
                when: prompt.value(2),
            })?;
            if outcome.status.is_none() {
                tx.apply(Change::SetOutcome {
                    step: here,
                    action: from,
                    outcome: Outcome {
                        status: Some(Status::InProgress),
                        ..outcome
                    },
                })?;
            }
            Ok(())
        });
        (
            message.or_else(|| Message::info(trf(ws.lang(), "last.carried", &[&what]))),
            None,
        )
    }
}

fn commit(
    ws: &mut Workspace,
    action: ActionId,
    outcome: Outcome,
    clock: &dyn Clock,
) -> Option<Message> {
    let step = ws.step_id();
    ws.commit(
        Change::SetOutcome {
            step,
            action,
            outcome,
        },
        clock,
    )
}

impl Step for LastTimeState {
    fn context(&self) -> Context {
        Context::LastTime
    }

    fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        LastTimeState::update(self, ws, action, env.clock)
    }

    fn pane(&self, ws: &Workspace, look: &Look, frame: &mut Frame, area: Rect) {
        pane::draw(ws, self, look.zone, frame, area)
    }

    fn submit(&mut self, ws: &mut Workspace, prompt: Prompt, clock: &dyn Clock) -> StepResult {
        match prompt.purpose {
            PromptPurpose::OutcomeNote { action } => self.submit_note(ws, action, prompt, clock),
            PromptPurpose::CarryOver { action } => {
                self.submit_carry_over(ws, action, prompt, clock)
            }
            _ => (None, None),
        }
    }

    fn room(view: &RoomView, step: &Step_, _width: u16) -> RoomBody {
        room::body(view.session, step)
    }

    /// Last time's agreements, as the room view lists them.
    fn device(session: &Session, _step: &Step_, _participant: ParticipantId) -> Part {
        Part::Room {
            lines: session
                .follows()
                .iter()
                .flat_map(|e| &e.actions)
                .map(|a| a.what.clone())
                .collect(),
        }
    }

    fn markdown(
        out: &mut String,
        session: &Session,
        step: &Step_,
        _anonymous: bool,
        zone: &jiff::tz::TimeZone,
    ) {
        report::markdown(out, session, step, zone)
    }

    fn html(
        out: &mut String,
        session: &Session,
        step: &Step_,
        _anonymous: bool,
        zone: &jiff::tz::TimeZone,
    ) {
        report::html(out, session, step, zone)
    }
}
