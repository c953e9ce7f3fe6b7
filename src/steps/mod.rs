//! One room per step kind. Each kind's folder holds all of its faces: the facilitator's state
//! and keys (`mod.rs`), its pane on the run screen (`pane.rs`), what the room view shows
//! (`room.rs`), what a participant's device shows (`device.rs`) and its report sections
//! (`report.rs`). Every face is a required method of [`Step`]; [`register!`] below is the only
//! list of kinds, so a new kind is its folder, one line there, its strings and its keys, and
//! the compiler points at everything else.
//!
//! Steps depend on the open session's `Workspace` and its transactions, on the building
//! blocks (`interact`, `ui` widgets, `export`, `join`'s page types) and on the domain's figures;
//! never on the screens, the shell or each other (the close step reuses the checklist of the
//! script step, its own kind's building block).

pub mod board;
pub mod bridge;
pub mod close;
pub mod heard;
pub mod interview;
pub mod last_time;
pub mod pulse;
pub mod question;
pub mod report;
pub mod roles;
pub mod room;
pub mod script;

use crate::domain::{Clock, GroupId, ParticipantId, Session, StepKind};
use crate::interact::keymap::Keymap;
use crate::interact::list_view::ListView;
use crate::interact::text::TextField;
use crate::interact::{Action, Confirm, Context, Message, Overlay, Prompt};
use crate::join::Part;
use crate::store::Paths;
use crate::workspace::Workspace;
use crossterm::event::KeyEvent;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::Rect;
use room::{RoomBody, RoomView};

/// What a step's update tells the screen: a message, and an overlay to open.
pub type StepResult = (Option<Message>, Option<Overlay>);

/// What a pane is drawn with besides the session: the keys in use (for the hints it shows),
/// whether the screen has the focus (no overlay above it), and the user's time zone.
pub struct Look<'a> {
    pub keys: &'a Keymap,
    pub focused: bool,
    pub zone: &'a TimeZone,
}

/// What every step may need from outside the session.
pub struct Env<'a> {
    pub clock: &'a dyn Clock,
    pub paths: &'a Paths,
}

/// Everything one kind of step is and shows. The methods with `self` are the facilitator's
/// side, built fresh (`Default`) on entering the step; the others are the faces that need no
/// state: the room view, a participant's device, the reports.
///
/// The faces have no default: a kind says what each is, even when it is "nothing here"; only
/// the run screen's hooks for text fields, forms and lists do nothing unless a kind has them.
pub trait Step {
    // ---- the facilitator's side: state and keys ----

    /// The context the step's keys resolve in.
    fn context(&self) -> Context;
    /// A key's action on this step (what the run screen does not handle itself).
    fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult;
    /// The step's pane on the run screen.
    fn pane(&self, ws: &Workspace, look: &Look, frame: &mut Frame, area: Rect);

    // ---- hooks of the run screen: a step without the thing in question leaves them be ----

    /// A key typed into the step's own text field, if it has one in focus.
    fn type_key(&mut self, _ws: &mut Workspace, _key: KeyEvent, _clock: &dyn Clock) {}
    /// Pasted text, into the step's text field.
    fn paste(&mut self, _ws: &mut Workspace, _text: &str, _clock: &dyn Clock) -> Option<Message> {
        None
    }
    /// The step's text field being typed into, if any (the run screen shows its cursor).
    fn draft(&self) -> Option<&TextField> {
        None
    }
    /// Whether the text field in focus takes no more characters.
    fn field_is_full(&self) -> bool {
        false
    }
    /// Enter in a form this step opened; a form whose step is gone saves nothing.
    fn submit(&mut self, _ws: &mut Workspace, _prompt: Prompt, _clock: &dyn Clock) -> StepResult {
        (None, None)
    }
    /// A confirmation this step asked for was answered yes.
    fn confirmed(
        &mut self,
        _ws: &mut Workspace,
        _confirm: Confirm,
        _clock: &dyn Clock,
    ) -> Option<Message> {
        None
    }
    /// Undo, before the session's history: a draft the step cleared comes back first.
    fn undo_own(&mut self, _ws: &mut Workspace) -> Option<Message> {
        None
    }
    /// After undo or redo: what was picked up or being edited may be gone.
    fn after_history(&mut self, _ws: &mut Workspace) {}
    /// The step or the program is left: what is being typed is kept, not lost.
    fn keep_draft(&mut self, _ws: &mut Workspace, _clock: &dyn Clock) -> Option<Message> {
        None
    }
    /// An embedding the step waited for arrived.
    fn meaning_arrived(&mut self, _ws: &mut Workspace) {}
    /// The step's main list as last drawn, for clicks on its rows.
    fn list(&self) -> Option<&ListView> {
        None
    }
    /// A click on a row of the step's list.
    fn select_row(&mut self, _row: usize) {}
    /// The group the room view points at, brought up to date with the session.
    fn room_selection(&mut self, _ws: &Workspace) -> Option<GroupId> {
        None
    }

    // ---- the faces without state ----

    /// The room view's lines for this step, below the band with the prompt and the clock.
    fn room(view: &RoomView, step: &crate::domain::Step, width: u16) -> RoomBody
    where
        Self: Sized;
    /// What a participant's device shows on this step (`ParticipantId::ANONYMOUS` for a
    /// device that joined without a name).
    fn device(session: &Session, step: &crate::domain::Step, participant: ParticipantId) -> Part
    where
        Self: Sized;
    /// The step's part of the Markdown report, below its heading and prompt.
    fn markdown(
        out: &mut String,
        session: &Session,
        step: &crate::domain::Step,
        anonymous: bool,
        zone: &TimeZone,
    ) where
        Self: Sized;
    /// The step's part of the HTML report, inside its section.
    fn html(
        out: &mut String,
        session: &Session,
        step: &crate::domain::Step,
        anonymous: bool,
        zone: &TimeZone,
    ) where
        Self: Sized;
}

/// The registry: each kind of the domain's `StepKind`, its variant here and the type that is
/// its room. One line per kind; every match below is made from it.
macro_rules! register {
    ($($variant:ident : $pattern:pat => $state:ty),* $(,)?) => {
        /// The state of the step in front of the room.
        pub enum StepState {
            $($variant(Box<$state>),)*
        }

        impl StepState {
            /// The state of a step just entered: nothing selected, nothing typed.
            pub fn enter(kind: &StepKind) -> StepState {
                match kind {
                    $($pattern => StepState::$variant(Box::default()),)*
                }
            }

            /// The step as its trait, for the facilitator's side.
            pub fn step(&self) -> &dyn Step {
                match self {
                    $(StepState::$variant(s) => s.as_ref(),)*
                }
            }

            pub fn step_mut(&mut self) -> &mut dyn Step {
                match self {
                    $(StepState::$variant(s) => s.as_mut(),)*
                }
            }
        }

        /// What the room view shows of a step of any kind.
        pub fn room_body(
            view: &RoomView,
            step: &crate::domain::Step,
            width: u16,
        ) -> RoomBody {
            match &step.kind {
                $($pattern => <$state as Step>::room(view, step, width),)*
            }
        }

        /// What a participant's device shows on a step of any kind.
        pub fn device_part(
            session: &Session,
            step: &crate::domain::Step,
            participant: ParticipantId,
        ) -> Part {
            match &step.kind {
                $($pattern => <$state as Step>::device(session, step, participant),)*
            }
        }

        /// Each kind's report sections, for the report renderers below the steps.
        pub struct Sections;

        impl crate::export::Sections for Sections {
            fn markdown(
                &self,
                out: &mut String,
                session: &Session,
                step: &crate::domain::Step,
                anonymous: bool,
                zone: &TimeZone,
            ) {
                match &step.kind {
                    $($pattern => <$state as Step>::markdown(out, session, step, anonymous, zone),)*
                }
            }

            fn html(
                &self,
                out: &mut String,
                session: &Session,
                step: &crate::domain::Step,
                anonymous: bool,
                zone: &TimeZone,
            ) {
                match &step.kind {
                    $($pattern => <$state as Step>::html(out, session, step, anonymous, zone),)*
                }
            }
        }
    };
}

register! {
    Script: StepKind::Script { .. } => script::ScriptState,
    Pulse: StepKind::Pulse { .. } => pulse::PulseState,
    Roles: StepKind::Roles { .. } => roles::RolesState,
    Question: StepKind::Question => question::QuestionState,
    Board: StepKind::CommonGround => board::BoardState,
    Bridge: StepKind::Bridge => bridge::BridgeState,
    Close: StepKind::Close { .. } => close::CloseState,
    LastTime: StepKind::LastTime => last_time::LastTimeState,
    Interview: StepKind::Interview { .. } => interview::InterviewState,
}

impl StepState {
    pub fn context(&self) -> Context {
        self.step().context()
    }

    pub fn update(&mut self, ws: &mut Workspace, action: Action, env: &Env) -> StepResult {
        self.step_mut().update(ws, action, env)
    }

    /// The step's main list as last drawn, for clicks on its rows.
    pub fn list(&self) -> Option<&ListView> {
        self.step().list()
    }
}

/// A device that joined without a name, on a step where each person answers for themselves.
pub fn named_only(session: &Session) -> Part {
    Part::Room {
        lines: vec![crate::i18n::tr(session.language(), "join.named_only").to_string()],
    }
}

/// What is typed but not yet committed goes in through `commit` (an idea, an answer, or the
/// edit it was), so leaving the step or the program never loses it; nothing `typed`: nothing
/// happens.
pub fn keep_typed(
    ws: &mut Workspace,
    typed: bool,
    commit: impl FnOnce(&mut Workspace) -> Option<Message>,
) -> Option<Message> {
    if !typed || ws.read_only_text().is_some() {
        return None;
    }
    let revision = ws.revision();
    let message = commit(ws);
    if ws.revision() == revision {
        return message;
    }
    message.or_else(|| Message::info(crate::i18n::tr(ws.lang(), "msg.draft_kept")))
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

/// The encoder catching up, for a panel title: embeddings still to come, or how far a
/// regroup on the worker is ("" when there is nothing to say).
pub fn meaning_note(ws: &Workspace) -> String {
    let lang = ws.lang();
    let groups = &ws.groups();
    // a settle follows embeddings that arrived: their count said enough
    if let Some(p) = groups
        .meaning
        .as_ref()
        .and_then(|m| m.pending.as_ref())
        .filter(|p| p.purpose != crate::workspace::meaning::RegroupPurpose::Settle)
    {
        let (done, total) = p.progress;
        let percent = done * 100 / total.max(1);
        return format!(
            " · {}",
            crate::i18n::trf(lang, "meaning.regrouping", &[&percent])
        );
    }
    match groups.waiting() {
        0 => String::new(),
        n => format!(" · {}", crate::i18n::trf(lang, "meaning.waiting", &[&n])),
    }
}
