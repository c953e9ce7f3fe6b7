//! What a key can mean (`Action`), what a screen tells the event loop (`Outcome`), and the
//! one-line messages screens show.

/// Everything a key can mean. Screens act on these, never on raw keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    Cancel,
    Confirm,
    Commit,
    Undo,
    Redo,
    Up,
    Down,
    /// The first and the last row of a list.
    First,
    Last,
    /// A page up or down in a text that scrolls (the why overlay).
    PageUp,
    PageDown,
    /// The next or previous group on the board.
    NextGroup,
    PrevGroup,
    /// The board as one line per group, or in full.
    Overview,
    Left,
    Right,
    MoveUp,
    MoveDown,
    NextField,
    PrevField,
    NextStep,
    PrevStep,
    NextParticipant,
    PrevParticipant,
    GoHome,
    New,
    Review,
    Edit,
    Delete,
    Toggle,
    Pick(u8),
    Move,
    Merge,
    Split,
    PullOut,
    Tidy,
    Rename,
    Lock,
    Why,
    Coarser,
    Finer,
    Notes,
    Export,
    Finish,
    /// Review: compare the selected session with another.
    Compare,
    /// Review: the team's trend over its sessions.
    Trend,
    /// Common ground across sessions.
    Themes,
    /// Review: sort by date or by organisation.
    Sort,
    /// Review: open the selected session for editing again.
    Reopen,
    /// Pulse: show or hide who scored low.
    Names,
    /// Shows the pulse's figures to the room, or hides them again.
    Reveal,
    /// Pause or resume the step's timebox.
    Pause,
    /// Five more minutes for the step.
    MoreTime,
    /// Run screen: show the command that opens the room view of this session.
    RoomView,
    /// Run screen: let participants join from their devices (or show the join panel);
    /// in the join panel: turn joining off.
    Joining,
    /// Home and review: start a follow-up of the selected session.
    FollowUp,
    /// Board: one of the focused participant's dots on the selected group.
    AddDot,
    /// Board: take one of the focused participant's dots back from the selected group.
    TakeDot,
    /// Board: mark the top-voted groups as common denominators.
    MarkTop,
    /// Join panel: allow joining without a name, or no longer.
    Anonymous,
    /// Last time: take the selected action into this session's actions.
    CarryOver,
    /// Board: rank the groups anew by their votes (the order is held while reshaping).
    Rerank,
    /// Home: share the sessions with the programme's archive and bring in the others'.
    Sync,
    /// Setup: choose the interviews a team session draws on (and, there, one of them).
    Interviews,
    /// Welcome and closing steps: the session's details (title, organisation, team,
    /// programme, goal).
    Details,
}

/// Whether a session is opened to change it or only to look at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenFor {
    Writing,
    Reading,
}

impl Action {
    /// Whether the action changes the session (so a read-only session refuses it at once).
    pub fn edits(self) -> bool {
        matches!(
            self,
            Action::Commit
                | Action::Details
                | Action::Edit
                | Action::Delete
                | Action::Toggle
                | Action::Pick(_)
                | Action::Move
                | Action::Merge
                | Action::Split
                | Action::PullOut
                | Action::Tidy
                | Action::Rename
                | Action::Lock
                | Action::Coarser
                | Action::Finer
                | Action::Notes
                | Action::New
                | Action::Finish
                | Action::AddDot
                | Action::TakeDot
                | Action::MarkTop
                | Action::CarryOver
                | Action::Rerank
                | Action::Reveal
                | Action::Undo
                | Action::Redo
        )
    }
}

/// What the event loop does next.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    /// Leave; the text (if any) is printed after the terminal is restored. A status other than
    /// 0 says the session is not where it belongs (the text says where its rescue copy is).
    Quit {
        message: Option<String>,
        status: u8,
    },
    /// Leave because of a signal, with its exit status; the text says what could not be saved.
    Signalled {
        signal: i32,
        message: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

impl Message {
    pub fn info(text: impl Into<String>) -> Option<Message> {
        Some(Message {
            text: text.into(),
            is_error: false,
        })
    }

    pub fn error(text: impl Into<String>) -> Option<Message> {
        Some(Message {
            text: text.into(),
            is_error: true,
        })
    }
}
