//! Where a key is pressed: a screen, a step, an overlay. Keys resolve per context, and
//! `keys.ron` names a context by its `screen_name`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, also while typing.
    Global,
    /// Every step of a running session.
    Run,
    Home,
    Setup,
    Script,
    Pulse,
    /// A private pulse: ballots without names, typed by hand for people without a phone.
    Ballots,
    Roles,
    Question,
    Board,
    /// On the board with an idea or a group picked up: typing filters the groups to drop it on.
    BoardPick,
    Bridge,
    Close,
    /// A follow-up's "last time we agreed" step.
    LastTime,
    /// An interview: the answers typed, the questions one after the other.
    Interview,
    Help,
    /// A text that scrolls over the screen (why ideas are together); Esc closes it.
    Info,
    Confirm,
    Prompt,
    /// A form with a field of several lines (notes): Enter starts a new line.
    PromptLines,
    /// The list of past sessions; typing filters it.
    Review,
    /// A comparison or a trend.
    ReviewDetail,
    /// The room view (`ambassador present`) and its chooser of sessions.
    Present,
    /// The join panel: link, QR code, devices.
    Join,
}

impl Context {
    /// Contexts with a focused text field: plain characters are typed, not commands.
    pub fn is_typing(self) -> bool {
        matches!(
            self,
            Context::Setup
                | Context::Question
                | Context::Prompt
                | Context::PromptLines
                | Context::Review
                | Context::BoardPick
                | Context::Interview
        )
    }

    /// The name `keys.ron` calls the context by (its `screen`). Every context has one, so
    /// the keys of every context with built-in keys can be rebound.
    pub fn screen_name(self) -> &'static str {
        match self {
            Context::Global => "everywhere",
            Context::Run => "session",
            Context::Home => "home",
            Context::Setup => "setup",
            Context::Script => "script",
            Context::Pulse => "pulse",
            Context::Ballots => "ballots",
            Context::Roles => "roles",
            Context::Question => "question",
            Context::Board => "board",
            Context::BoardPick => "board_pick",
            Context::Bridge => "bridge",
            Context::Close => "close",
            Context::LastTime => "last_time",
            Context::Interview => "interview",
            Context::Help => "help",
            Context::Info => "explanation",
            Context::Confirm => "confirm",
            Context::Prompt => "form",
            Context::PromptLines => "notes",
            Context::Review => "review",
            Context::ReviewDetail => "compare",
            Context::Present => "room_view",
            Context::Join => "join",
        }
    }

    /// Contexts that are steps of a running session.
    pub fn is_step(self) -> bool {
        matches!(
            self,
            Context::Script
                | Context::Pulse
                | Context::Ballots
                | Context::Roles
                | Context::Question
                | Context::Board
                | Context::BoardPick
                | Context::Bridge
                | Context::Close
                | Context::LastTime
                | Context::Interview
        )
    }
}
