//! Script steps (welcome and the like): the prompt to read aloud and a checklist to tick.
//! The close step ticks its own checklist the same way.

pub(crate) mod pane;
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
use crate::steps::moved;
use crate::workspace::Workspace;

#[derive(Debug, Default)]
pub struct ScriptState {
    pub checklist: Checklist,
}

impl ScriptState {
    pub fn update(
        &mut self,
        ws: &mut Workspace,
        action: Action,
        clock: &dyn Clock,
    ) -> Option<Message> {
        self.checklist.update(ws, action, clock)
    }
}

/// The selected line of the current step's checklist.
#[derive(Debug, Default)]
pub struct Checklist {
    pub cursor: usize,
    pub list: crate::interact::list_view::ListView,
}

impl Checklist {
    pub fn update(
        &mut self,
        ws: &mut Workspace,
        action: Action,
        clock: &dyn Clock,
    ) -> Option<Message> {
        let n = len(ws);
        match action {
            Action::Up | Action::Down => {
                self.cursor = moved(self.cursor, action == Action::Down, n);
                None
            }
            Action::Toggle if self.cursor < n => {
                let step = ws.step_id();
                let index = self.cursor;
                // Space ticks; the arrows move (ticking and moving at once skipped lines).
                ws.commit(Change::ToggleChecklist { step, index }, clock)
            }
            _ => None,
        }
    }
}

fn len(ws: &Workspace) -> usize {
    match &ws.session().current_step().kind {
        StepKind::Script { checklist } | StepKind::Close { checklist } => checklist.len(),
        _ => 0,
    }
}

impl Step for ScriptState {
    fn context(&self) -> Context {
        Context::Script
    }

    fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        (self.checklist.update(ws, action, env.clock), None)
    }

    fn list(&self) -> Option<&crate::interact::list_view::ListView> {
        None
    }

    fn pane(&self, ws: &Workspace, _look: &Look, frame: &mut Frame, area: Rect) {
        pane::draw(ws, &self.checklist, checklist_of(ws), frame, area)
    }

    /// The prompt in the band says it all.
    fn room(_view: &RoomView, _step: &Step_, _width: u16) -> RoomBody {
        RoomBody(Vec::new())
    }

    /// What the room view shows: the prompt alone.
    fn device(_session: &Session, _step: &Step_, _participant: ParticipantId) -> Part {
        Part::Room { lines: Vec::new() }
    }

    /// The heading and prompt say it; the ticks are the facilitator's own.
    fn markdown(
        _out: &mut String,
        _session: &Session,
        _step: &Step_,
        _anonymous: bool,
        _zone: &jiff::tz::TimeZone,
    ) {
    }

    /// A script step leaves the HTML report altogether (see `export::html`).
    fn html(
        _out: &mut String,
        _session: &Session,
        _step: &Step_,
        _anonymous: bool,
        _zone: &jiff::tz::TimeZone,
    ) {
    }
}

/// The checklist of the step in front of the room (script and close steps have one).
pub fn checklist_of(ws: &Workspace) -> &[String] {
    match &ws.session().current_step().kind {
        StepKind::Script { checklist } | StepKind::Close { checklist } => checklist,
        _ => &[],
    }
}
