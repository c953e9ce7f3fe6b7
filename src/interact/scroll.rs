//! A text that scrolls in a box of fixed height (the why overlay): where it starts, moved by
//! ↑/↓, PgUp/PgDn, Home/End, and held to what the last drawing showed, so the end of the text
//! is reached and never scrolled past.

use super::Action;
use std::cell::Cell;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scroll {
    /// The first line wanted in view (held to the end when drawn).
    offset: u16,
    /// The last line that can be first, and the lines in view, as last drawn.
    max: Cell<u16>,
    page: Cell<u16>,
}

impl Scroll {
    /// Moves as `action` asks; false when the action is not a scroll.
    pub fn apply(&mut self, action: Action) -> bool {
        let (max, page) = (self.max.get(), self.page.get().max(2));
        let at = self.offset.min(max);
        self.offset = match action {
            Action::Up => at.saturating_sub(1),
            Action::Down => at.saturating_add(1).min(max),
            Action::PageUp => at.saturating_sub(page - 1),
            Action::PageDown => at.saturating_add(page - 1).min(max),
            Action::First => 0,
            Action::Last => max,
            _ => return false,
        };
        true
    }

    /// Drawing `total` lines in `page` lines: records how far the text can scroll and
    /// returns the first line to show.
    pub fn layout(&self, total: usize, page: u16) -> u16 {
        let max = u16::try_from(total.saturating_sub(usize::from(page))).unwrap_or(u16::MAX);
        self.max.set(max);
        self.page.set(page);
        self.offset.min(max)
    }

    /// Lines below the view, as last drawn.
    pub fn below(&self) -> u16 {
        self.max.get() - self.offset.min(self.max.get())
    }

    /// Lines above the view, as last drawn.
    pub fn above(&self) -> u16 {
        self.offset.min(self.max.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stops_at_the_end_and_comes_back_from_it() {
        let mut s = Scroll::default();
        assert_eq!(s.layout(30, 10), 0);
        assert_eq!(s.below(), 20);
        s.apply(Action::Last);
        assert_eq!(s.layout(30, 10), 20);
        assert_eq!(s.below(), 0);
        s.apply(Action::Down);
        assert_eq!(s.layout(30, 10), 20, "never past the end");
        s.apply(Action::Up);
        assert_eq!(s.layout(30, 10), 19);
        s.apply(Action::PageUp);
        assert_eq!(s.layout(30, 10), 10);
        s.apply(Action::PageDown);
        s.apply(Action::PageDown);
        assert_eq!(s.layout(30, 10), 20);
        s.apply(Action::First);
        assert_eq!((s.layout(30, 10), s.above()), (0, 0));
        assert!(!s.apply(Action::Cancel));
    }

    #[test]
    fn a_text_that_fits_does_not_scroll() {
        let mut s = Scroll::default();
        assert_eq!(s.layout(5, 10), 0);
        s.apply(Action::Down);
        assert_eq!((s.layout(5, 10), s.below()), (0, 0));
    }
}
