//! The bridge to the goal: the goal beside the common denominators, the actions agreed (what,
//! who, when) and notes; with the forms that add and edit them.

mod pane;
mod report;
pub mod room;
use crate::domain::Step as Step_;
use crate::domain::{ParticipantId, Session};
use crate::interact::Context;
use crate::join::Part;
use crate::steps::room::{RoomBody, RoomView};
use crate::steps::{Env, Look, Step};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::{Action as Agreement, ActionId, Change, Clock};
use crate::i18n::tr;
use crate::interact::{Action, BridgeForm, Confirm, Message, Overlay, Prompt};
use crate::steps::StepResult;
use crate::workspace::Workspace;
use ratatui::widgets::TableState;
use std::cell::RefCell;

#[derive(Debug, Default)]
pub struct BridgeState {
    /// The selected action.
    pub cursor: usize,
    /// The actions table as last drawn (its scroll offset).
    pub table: RefCell<TableState>,
}

/// The actions agreed on the current step.
pub fn actions(ws: &Workspace) -> Vec<Agreement> {
    ws.session()
        .results(&ws.step_id())
        .map(|r| r.actions.clone())
        .unwrap_or_default()
}

impl BridgeState {
    pub fn update(&mut self, ws: &mut Workspace, action: Action) -> StepResult {
        let lang = ws.lang();
        let list = actions(ws);
        let selected = list.get(self.cursor).cloned();
        let fields = |what: &str, who: &str, when: &str| {
            vec![
                (tr(lang, "bridge.what").to_string(), what.to_string()),
                (tr(lang, "bridge.who").to_string(), who.to_string()),
                (tr(lang, "bridge.when").to_string(), when.to_string()),
            ]
        };
        let form = |purpose, title: &str, fields| {
            Overlay::Prompt(Prompt::new(
                crate::interact::PromptPurpose::Bridge(purpose),
                title.into(),
                fields,
            ))
        };
        let overlay = match (action, selected) {
            (Action::Up | Action::Down, _) => {
                self.cursor = crate::steps::moved(self.cursor, action == Action::Down, list.len());
                return (None, None);
            }
            (Action::New, _) => form(
                BridgeForm::Action(None),
                tr(lang, "bridge.new_action"),
                fields("", "", ""),
            ),
            (Action::Edit, Some(a)) => form(
                BridgeForm::Action(Some(a.id)),
                tr(lang, "bridge.edit_action"),
                fields(&a.what, &a.who, &a.when),
            ),
            (Action::Delete, Some(a)) => Overlay::Confirm(Confirm::DeleteAction {
                id: a.id,
                what: a.what,
            }),
            (Action::Edit | Action::Delete, None) => {
                return (Message::info(tr(lang, "msg.no_action_selected")), None);
            }
            (Action::Notes, _) => {
                let notes = ws
                    .session()
                    .results(&ws.step_id())
                    .map(|r| r.notes.clone())
                    .unwrap_or_default();
                let label = tr(lang, "bridge.notes");
                Overlay::Prompt(Prompt::lines(
                    crate::interact::PromptPurpose::Bridge(BridgeForm::Notes),
                    label.into(),
                    label.into(),
                    &notes,
                ))
            }
            _ => return (None, None),
        };
        (None, Some(overlay))
    }

    /// Enter in a bridge form: saves, or keeps the form open with what is wrong.
    pub fn submit(
        &mut self,
        ws: &mut Workspace,
        form: BridgeForm,
        mut prompt: Prompt,
        clock: &dyn Clock,
    ) -> StepResult {
        let step = ws.step_id();
        let change = match form {
            BridgeForm::Action(editing) => {
                let (what, who, when) = (prompt.value(0), prompt.value(1), prompt.value(2));
                if what.trim().is_empty() {
                    prompt.error = Some(tr(ws.lang(), "bridge.what_needed").into());
                    prompt.focus = 0;
                    return (None, Some(Overlay::Prompt(prompt)));
                }
                match editing {
                    Some(id) => Change::EditAction {
                        id,
                        what,
                        who,
                        when,
                    },
                    None => Change::AddAction {
                        step,
                        what,
                        who,
                        when,
                    },
                }
            }
            BridgeForm::Notes => Change::SetNotes {
                step,
                text: prompt.value(0),
            },
        };
        let added = matches!(change, Change::AddAction { .. });
        let message = ws.commit(change, clock);
        if added && message.is_none() {
            self.cursor = actions(ws).len().saturating_sub(1);
        }
        (message, None)
    }

    /// Deletes an action (after the facilitator said yes).
    pub fn delete(
        &mut self,
        ws: &mut Workspace,
        id: ActionId,
        clock: &dyn Clock,
    ) -> Option<Message> {
        ws.commit(Change::RemoveAction(id), clock)
    }
}

impl Step for BridgeState {
    fn context(&self) -> Context {
        Context::Bridge
    }

    fn update(&mut self, ws: &mut Workspace, action: Action, _env: &Env) -> StepResult {
        BridgeState::update(self, ws, action)
    }

    fn pane(&self, ws: &Workspace, _look: &Look, frame: &mut Frame, area: Rect) {
        pane::draw(ws, self, frame, area)
    }

    fn submit(&mut self, ws: &mut Workspace, prompt: Prompt, clock: &dyn Clock) -> StepResult {
        match prompt.purpose.clone() {
            crate::interact::PromptPurpose::Bridge(form) => {
                BridgeState::submit(self, ws, form, prompt, clock)
            }
            _ => (None, None),
        }
    }

    fn confirmed(
        &mut self,
        ws: &mut Workspace,
        confirm: Confirm,
        clock: &dyn Clock,
    ) -> Option<Message> {
        match confirm {
            Confirm::DeleteAction { id, .. } => self.delete(ws, id, clock),
            _ => None,
        }
    }

    fn room(view: &RoomView, _step: &Step_, _width: u16) -> RoomBody {
        room::body(view.session)
    }

    /// The goal and the common denominators, as the room sees them.
    fn device(session: &Session, _step: &Step_, _participant: ParticipantId) -> Part {
        Part::Room {
            lines: std::iter::once(session.goal().clone())
                .filter(|g| !g.is_empty())
                .chain(session.denominator_labels().into_iter().map(str::to_string))
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
