//! A list as draw last showed it: the widget state (selection and scroll offset) and the area
//! it filled. Draw writes it; mouse hit-testing reads it, so the two cannot disagree.

use ratatui::layout::{Position, Rect};
use ratatui::widgets::ListState;
use std::cell::{Cell, RefCell, RefMut};

#[derive(Debug, Default)]
pub struct ListView {
    state: RefCell<ListState>,
    area: Cell<Rect>,
    /// Each item's height in lines as last drawn (rows that wrap take several).
    heights: RefCell<Vec<u16>>,
}

impl ListView {
    /// The widget state to render with, selecting `selected`; the list's items fill `area`
    /// (inside any border), each as many lines as `heights` says (clicks find them by it).
    pub fn frame(
        &self,
        selected: Option<usize>,
        area: Rect,
        heights: Vec<u16>,
    ) -> RefMut<'_, ListState> {
        self.area.set(area);
        *self.heights.borrow_mut() = heights;
        let mut state = self.state.borrow_mut();
        state.select(selected);
        state
    }

    /// The first item in view, as last drawn.
    pub fn offset(&self) -> usize {
        self.state.borrow().offset()
    }

    /// Forgets where the list was drawn (it is not on screen now).
    pub fn hide(&self) {
        self.area.set(Rect::default());
    }

    /// The item drawn at `at`, if any.
    pub fn row_at(&self, at: Position) -> Option<usize> {
        let area = self.area.get();
        if !area.contains(at) {
            return None;
        }
        let offset = self.state.borrow().offset();
        let heights = self.heights.borrow();
        let mut bottom = area.y;
        for (i, h) in heights.iter().enumerate().skip(offset) {
            bottom = bottom.saturating_add(*h);
            if at.y < bottom {
                return Some(i);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_finds_the_item_when_items_wrap_to_several_lines() {
        let view = ListView::default();
        drop(view.frame(Some(0), Rect::new(0, 1, 20, 10), vec![1, 3, 2]));
        let at = |y| view.row_at(Position::new(2, y));
        assert_eq!(at(1), Some(0));
        assert_eq!(at(2), Some(1));
        assert_eq!(at(4), Some(1));
        assert_eq!(at(5), Some(2));
        assert_eq!(at(7), None, "below the last item");
        assert_eq!(at(0), None, "above the list");
    }
}
