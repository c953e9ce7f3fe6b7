//! Which thing on screen a mouse click lands on, worked out from the same layout as drawing.

use super::{MIN_HEIGHT, MIN_WIDTH, regions, run};
use crate::app::{App, Screen};
use crate::domain::StepKind;
use ratatui::layout::{Position, Rect};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A step in the agenda (index into the workshop's steps).
    Step(usize),
    /// A row of the screen's main list (home sessions, ideas, board rows, actions).
    Row(usize),
}

pub fn hit(app: &App, size: Rect, column: u16, row: u16) -> Option<Hit> {
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT || app.overlay.is_some() {
        return None;
    }
    let [body, _, _] = regions(size);
    let at = Position::new(column, row);
    match &app.screen {
        // Home lists sessions below a two-line header, review below its filter field.
        Screen::Home(home) => session_row(body, 2, at, home.selected, home.listings.len()),
        Screen::Review(review) => session_row(body, 3, at, review.selected, review.shown.len()),
        Screen::Setup(_) => None,
        Screen::Run(r) => {
            let parts = run::layout(r, body);
            if let Some(agenda) = parts.agenda.map(inner)
                && agenda.contains(at)
            {
                let step = usize::from(row - agenda.y);
                return (step < r.session().template.steps.len()).then_some(Hit::Step(step));
            }
            let list = match r.session().current_step().kind {
                StepKind::CommonGround => inner(parts.body),
                StepKind::Question => {
                    // Below the two lines of names; the left half holds the ideas.
                    let b = parts.body;
                    let middle = Rect {
                        y: b.y + 2,
                        height: b.height.saturating_sub(5),
                        ..b
                    };
                    inner(Rect {
                        width: middle.width / 2,
                        ..middle
                    })
                }
                _ => return None,
            };
            list_row(list, at, r.cursor, 1).map(Hit::Row)
        }
    }
}

/// A session in a list that starts `top` lines into `body`; each session takes two lines.
fn session_row(body: Rect, top: u16, at: Position, selected: usize, len: usize) -> Option<Hit> {
    let list = inner(Rect {
        y: body.y + top,
        height: body.height.saturating_sub(top),
        ..body
    });
    list_row(list, at, selected, 2)
        .filter(|r| *r < len)
        .map(Hit::Row)
}

fn inner(area: Rect) -> Rect {
    ratatui::widgets::Block::bordered().inner(area)
}

/// The item under `at` in a list drawn in `list` that scrolls to keep `selected` in view.
fn list_row(list: Rect, at: Position, selected: usize, item_height: u16) -> Option<usize> {
    if !list.contains(at) || list.height < item_height {
        return None;
    }
    let visible = usize::from(list.height / item_height);
    let offset = (selected + 1).saturating_sub(visible);
    Some(offset + usize::from((at.y - list.y) / item_height))
}
