//! The common ground as a step: its keys, its pane, and its faces for the room, the devices
//! and the reports.

use super::{BoardState, device, pane, report, room};
use crate::domain::{Clock, GroupId, ParticipantId, Session, Step as Step_};
use crate::interact::list_view::ListView;
use crate::interact::text::TextField;
use crate::interact::{Action, Context, Message, Prompt, PromptPurpose};
use crate::join::Part;
use crate::steps::room::{RoomBody, RoomView};
use crate::steps::{Env, Look, Step, StepResult};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::Rect;

impl Step for BoardState {
    fn context(&self) -> Context {
        // Something picked up: letters filter the groups to drop it on.
        if self.mark.is_some() {
            Context::BoardPick
        } else {
            Context::Board
        }
    }

    fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        BoardState::update(self, ws, action, env.clock)
    }

    fn pane(&self, ws: &Workspace, look: &Look, frame: &mut Frame, area: Rect) {
        pane::draw(ws, self, look.keys, frame, area)
    }

    /// Letters filter the group picker while something is picked up.
    fn type_key(&mut self, _ws: &mut Workspace, key: crossterm::event::KeyEvent, _: &dyn Clock) {
        if self.mark.is_some() {
            self.picker.type_key(key)
        }
    }

    fn paste(&mut self, _ws: &mut Workspace, text: &str, _clock: &dyn Clock) -> Option<Message> {
        if self.mark.is_some() {
            self.picker.paste(text);
        }
        None
    }

    fn draft(&self) -> Option<&TextField> {
        None
    }

    fn field_is_full(&self) -> bool {
        self.mark.is_some() && self.picker.filter.is_full()
    }

    fn submit(&mut self, ws: &mut Workspace, prompt: Prompt, clock: &dyn Clock) -> StepResult {
        match prompt.purpose.clone() {
            PromptPurpose::RenameGroup { group } => {
                (super::rename(ws, group, &prompt.value(0), clock), None)
            }
            PromptPurpose::MarkTop => self.submit_mark_top(ws, prompt, clock),
            _ => (None, None),
        }
    }

    fn after_history(&mut self, _ws: &mut Workspace) {
        self.mark = None;
    }

    fn list(&self) -> Option<&ListView> {
        Some(&self.list)
    }

    fn select_row(&mut self, row: usize) {
        self.cursor = row;
    }

    fn room_selection(&mut self, ws: &Workspace) -> Option<GroupId> {
        self.refresh_recurring(ws);
        self.selected_group(ws)
    }

    fn room(view: &RoomView, step: &Step_, _width: u16) -> RoomBody {
        room::body(view.session, step, view.selected)
    }

    fn device(session: &Session, step: &Step_, participant: ParticipantId) -> Part {
        device::part(session, &step.id, participant)
    }

    fn markdown(
        out: &mut String,
        session: &Session,
        step: &Step_,
        anonymous: bool,
        _zone: &jiff::tz::TimeZone,
    ) {
        report::markdown(out, session, step, anonymous)
    }

    fn html(
        out: &mut String,
        session: &Session,
        step: &Step_,
        anonymous: bool,
        _zone: &jiff::tz::TimeZone,
    ) {
        report::html(out, session, step, anonymous)
    }
}
