//! One room per step kind: each kind has a state struct, built fresh on entering the step,
//! and an `update` that turns actions into transactions on the open session. Steps depend on
//! the `Workspace` and its transactions, never on the run screen or on each other.
//!
//! Adding a step kind: a `StepKind` variant (domain), a variant here with its module, and a
//! module under `ui/steps/`; the exhaustive matches below and in `ui/steps` list what is left.

pub mod board;
pub mod board_nav;
pub mod board_pick;
pub mod bridge;
pub mod close;
pub mod last_time;
pub mod pulse;
pub mod question;
pub mod regroup;
pub mod roles;
pub mod script;
pub mod voting;
pub mod why;

use super::list_view::ListView;
use super::workspace::Workspace;
use super::{Action, Context, Message, Overlay};
use crate::domain::{Clock, StepKind};
use crate::store::Paths;

/// What a step's update tells the screen: a message, and an overlay to open.
pub type StepResult = (Option<Message>, Option<Overlay>);

/// What every step may need from outside the session.
pub struct Env<'a> {
    pub clock: &'a dyn Clock,
    pub paths: &'a Paths,
}

pub enum StepState {
    Script(script::ScriptState),
    Pulse(pulse::PulseState),
    Roles(roles::RolesState),
    Question(Box<question::QuestionState>),
    Board(Box<board::BoardState>),
    Bridge(bridge::BridgeState),
    Close(close::CloseState),
    LastTime(last_time::LastTimeState),
}

impl StepState {
    /// The state of a step just entered: nothing selected, nothing typed.
    pub fn enter(kind: &StepKind) -> StepState {
        match kind {
            StepKind::Script { .. } => StepState::Script(Default::default()),
            StepKind::Pulse { .. } => StepState::Pulse(Default::default()),
            StepKind::Roles { .. } => StepState::Roles(Default::default()),
            StepKind::Question => StepState::Question(Default::default()),
            StepKind::CommonGround => StepState::Board(Default::default()),
            StepKind::Bridge => StepState::Bridge(Default::default()),
            StepKind::Close { .. } => StepState::Close(Default::default()),
            StepKind::LastTime => StepState::LastTime(Default::default()),
        }
    }

    pub fn context(&self) -> Context {
        match self {
            StepState::Script(_) => Context::Script,
            StepState::Pulse(_) => Context::Pulse,
            StepState::Roles(_) => Context::Roles,
            StepState::Question(_) => Context::Question,
            // Something picked up: letters filter the groups to drop it on.
            StepState::Board(s) if s.mark.is_some() => Context::BoardPick,
            StepState::Board(_) => Context::Board,
            StepState::Bridge(_) => Context::Bridge,
            StepState::Close(_) => Context::Close,
            StepState::LastTime(_) => Context::LastTime,
        }
    }

    pub fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        match self {
            StepState::Script(s) => (s.update(ws, action, env.clock), None),
            StepState::Pulse(s) => (s.update(ws, action, env.clock), None),
            StepState::Roles(s) => (s.update(ws, action, env.clock), None),
            StepState::Question(s) => s.update(ws, action, env.clock),
            StepState::Board(s) => s.update(ws, action, env.clock),
            StepState::Bridge(s) => s.update(ws, action),
            StepState::Close(s) => s.update(ws, action, env),
            StepState::LastTime(s) => s.update(ws, action, env.clock),
        }
    }

    /// After undo or redo: what was picked up or being edited may be gone.
    pub fn after_history(&mut self, ws: &mut Workspace) {
        match self {
            StepState::Question(s) => s.after_history(ws),
            StepState::Board(s) => s.mark = None,
            StepState::Script(_)
            | StepState::Pulse(_)
            | StepState::Roles(_)
            | StepState::Bridge(_)
            | StepState::Close(_)
            | StepState::LastTime(_) => {}
        }
    }

    /// The step's main list as last drawn, for clicks on its rows.
    pub fn list(&self) -> Option<&ListView> {
        match self {
            StepState::Question(s) => Some(&s.list),
            StepState::Board(s) => Some(&s.list),
            StepState::Script(_)
            | StepState::Pulse(_)
            | StepState::Roles(_)
            | StepState::Bridge(_)
            | StepState::Close(_)
            | StepState::LastTime(_) => None,
        }
    }

    /// A click on a row of the step's list.
    pub fn select_row(&mut self, row: usize) {
        match self {
            StepState::Question(s) => s.cursor = row,
            StepState::Board(s) => s.cursor = row,
            StepState::Script(_)
            | StepState::Pulse(_)
            | StepState::Roles(_)
            | StepState::Bridge(_)
            | StepState::Close(_)
            | StepState::LastTime(_) => {}
        }
    }
}

/// The cursor moved one row within `len` rows.
pub fn moved(cursor: usize, down: bool, len: usize) -> usize {
    if len == 0 {
        0
    } else if down {
        (cursor + 1).min(len - 1)
    } else {
        cursor.saturating_sub(1).min(len - 1)
    }
}
