//! What each kind's room-view face is given: the session as the room view last read it, the
//! group the facilitator points at, whether names are shown, and which ideas just arrived.

use crate::domain::{GroupId, IdeaId, Session};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub struct RoomView<'a> {
    pub session: &'a Session,
    /// The group selected on the facilitator's board, if the common ground is open.
    pub selected: Option<GroupId>,
    /// Authors are shown (`present --names`).
    pub names: bool,
    /// Whether an idea arrived a moment ago: it stands out.
    pub fresh: &'a dyn Fn(IdeaId) -> bool,
}

/// A bar of `width` cells filled to `fraction`.
pub fn bar(fraction: f64, width: u16) -> String {
    let cells = (f64::from(width) * fraction.clamp(0.0, 1.0)).round() as usize;
    "█".repeat(cells)
}

/// A short text the room reads, in large type where the window allows it.
pub struct Loud {
    pub text: String,
    pub style: Style,
    /// Beside it on the left, in normal type: a mark such as ▶ or ★.
    pub mark: Option<Span<'static>>,
    /// Under it, in normal type: what goes with it (who shares it, who and when).
    pub under: Option<Line<'static>>,
}

/// One part of what the room sees: `loud` in large type when the window has room for it,
/// else `lines` as they are.
pub struct Block {
    pub loud: Option<Loud>,
    pub lines: Vec<Line<'static>>,
}

/// What a step shows the room below the band with the prompt and the clock.
pub struct RoomBody(pub Vec<Block>);

impl From<Vec<Line<'static>>> for RoomBody {
    fn from(lines: Vec<Line<'static>>) -> Self {
        RoomBody(vec![Block { loud: None, lines }])
    }
}

/// The parts of an agreement that were filled in, "what — who — when": no dash for a part
/// left empty.
pub fn agreed(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" — ")
}
