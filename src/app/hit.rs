//! Which thing on screen a mouse click lands on. Draw records where it put each list and
//! the agenda (and how far each list was scrolled); this reads those records, so it never
//! repeats the layout arithmetic.

use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Screen};
use ratatui::layout::{Position, Rect};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A step in the agenda (index into the workshop's steps).
    Step(usize),
    /// A row of the screen's main list (home sessions, ideas, board rows, actions).
    Row(usize),
}

/// What is under `(column, row)` on a screen of `size`, as last drawn.
pub fn hit(app: &App, size: Rect, column: u16, row: u16) -> Option<Hit> {
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT || app.overlay.is_some() {
        return None;
    }
    let at = Position::new(column, row);
    let (list, len) = match &app.screen {
        Screen::Home(home) => (&home.list, home.listings.len()),
        Screen::Review(review) => (&review.list, review.shown.len()),
        Screen::Setup(_) => return None,
        Screen::Run(r) => {
            if let Some(agenda) = r.agenda.get()
                && agenda.contains(at)
            {
                let line = usize::from(row - agenda.y);
                return r.agenda_steps.borrow().get(line).copied().map(Hit::Step);
            }
            return r.step.list().and_then(|l| l.row_at(at)).map(Hit::Row);
        }
    };
    list.row_at(at).filter(|r| *r < len).map(Hit::Row)
}
