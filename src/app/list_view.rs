//! A list as draw last showed it: the widget state (selection and scroll offset) and the area
//! it filled. Draw writes it; mouse hit-testing reads it, so the two cannot disagree.

use ratatui::layout::{Position, Rect};
use ratatui::widgets::ListState;
use std::cell::{Cell, RefCell, RefMut};

#[derive(Debug, Default)]
pub struct ListView {
    state: RefCell<ListState>,
    area: Cell<Rect>,
    item_height: Cell<u16>,
}

impl ListView {
    /// The widget state to render with, selecting `selected`; the list's items fill `area`
    /// (inside any border), `item_height` lines each.
    pub fn frame(
        &self,
        selected: Option<usize>,
        area: Rect,
        item_height: u16,
    ) -> RefMut<'_, ListState> {
        self.area.set(area);
        self.item_height.set(item_height.max(1));
        let mut state = self.state.borrow_mut();
        state.select(selected);
        state
    }

    /// Forgets where the list was drawn (it is not on screen now).
    pub fn hide(&self) {
        self.area.set(Rect::default());
    }

    /// The item drawn at `at`, if any.
    pub fn row_at(&self, at: Position) -> Option<usize> {
        let area = self.area.get();
        let height = self.item_height.get().max(1);
        if !area.contains(at) {
            return None;
        }
        let offset = self.state.borrow().offset();
        Some(offset + usize::from((at.y - area.y) / height))
    }
}
