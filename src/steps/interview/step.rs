//! The interview as a step: its keys, its pane, and its faces for the room, the colleague's
//! device and the reports.

use super::{InterviewState, pane, report, room};
use crate::domain::{Clock, ParticipantId, Session, Step as Step_};
use crate::interact::text::TextField;
use crate::interact::{Action, Confirm, Context, Message, Prompt, PromptPurpose};
use crate::join::Part;
use crate::steps::room::{RoomBody, RoomView};
use crate::steps::{Env, Look, Step, StepResult};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::Rect;

impl Step for InterviewState {
    fn context(&self) -> Context {
        Context::Interview
    }

    fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        InterviewState::update(self, ws, action, env.clock)
    }

    fn pane(&self, ws: &Workspace, look: &Look, frame: &mut Frame, area: Rect) {
        pane::draw(ws, self, look, frame, area)
    }

    fn type_key(&mut self, _ws: &mut Workspace, key: crossterm::event::KeyEvent, _: &dyn Clock) {
        self.draft.input(key);
    }

    fn paste(&mut self, ws: &mut Workspace, text: &str, _clock: &dyn Clock) -> Option<Message> {
        // One answer, however many lines: what someone says is kept together.
        let one = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let whole = self.draft.insert(&one);
        (!whole)
            .then(|| Message::error(crate::i18n::tr(ws.lang(), "msg.paste_cut")))
            .flatten()
    }

    fn draft(&self) -> Option<&TextField> {
        Some(&self.draft)
    }

    fn field_is_full(&self) -> bool {
        self.draft.is_full()
    }

    fn submit(&mut self, ws: &mut Workspace, prompt: Prompt, clock: &dyn Clock) -> StepResult {
        match prompt.purpose.clone() {
            PromptPurpose::Heard { question } => {
                (self.save_heard(ws, question, prompt.value(0), clock), None)
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
            Confirm::DeleteIdea { id, .. } => self.delete(ws, id, clock),
            _ => None,
        }
    }

    fn undo_own(&mut self, ws: &mut Workspace) -> Option<Message> {
        self.restore_cleared(ws)
    }

    fn after_history(&mut self, _ws: &mut Workspace) {
        self.editing = None;
        self.selected = None;
    }

    fn keep_draft(&mut self, ws: &mut Workspace, clock: &dyn Clock) -> Option<Message> {
        InterviewState::keep_draft(self, ws, clock)
    }

    fn room(view: &RoomView, step: &Step_, _width: u16) -> RoomBody {
        room::body(view.session, step)
    }

    /// The colleague reads along: the questions and what they said so far.
    fn device(session: &Session, step: &Step_, _participant: ParticipantId) -> Part {
        Part::Room {
            lines: room::plain_lines(session, step),
        }
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
