//! What each kind's room-view face is given: the session as the room view last read it, the
//! group the facilitator points at, whether names are shown, and which ideas just arrived.

use crate::domain::{GroupId, IdeaId, Session};

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
