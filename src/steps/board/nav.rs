//! Getting around the board: a row at a time, a group at a time (`[`/`]`), first and last
//! (Home/End), a collapsed overview of one line per group with one group opened, and a
//! selection that stays on what was just moved, split, pulled out or merged.

use super::{BoardRow, BoardState};
use crate::domain::{GroupId, IdeaId};
use crate::interact::Action;

/// What the selection should rest on after a change to the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Idea(IdeaId),
    Group(GroupId),
}

impl Keep {
    pub fn of(row: BoardRow) -> Keep {
        match row {
            BoardRow::Group(g) => Keep::Group(g),
            BoardRow::Idea(_, i) => Keep::Idea(i),
        }
    }

    fn is(self, row: BoardRow) -> bool {
        match (self, row) {
            (Keep::Group(g), BoardRow::Group(h)) => g == h,
            (Keep::Idea(i), BoardRow::Idea(_, j)) => i == j,
            _ => false,
        }
    }
}

/// The rows shown: all of them, or in the overview the groups with only the opened one's
/// ideas.
pub fn visible(all: Vec<BoardRow>, overview: bool, open: Option<GroupId>) -> Vec<BoardRow> {
    if !overview {
        return all;
    }
    all.into_iter()
        .filter(|r| match r {
            BoardRow::Group(_) => true,
            BoardRow::Idea(g, _) => Some(*g) == open,
        })
        .collect()
}

impl BoardState {
    pub fn visible_rows(&self, all: Vec<BoardRow>) -> Vec<BoardRow> {
        visible(all, self.overview, self.open)
    }

    /// Moves the selection for a navigation key; false for any other action.
    pub fn navigate(&mut self, action: Action, rows: &[BoardRow]) -> bool {
        let last = rows.len().saturating_sub(1);
        let groups: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, BoardRow::Group(_)))
            .map(|(i, _)| i)
            .collect();
        self.cursor = match action {
            Action::Up => self.cursor.saturating_sub(1),
            Action::Down => (self.cursor + 1).min(last),
            Action::First => 0,
            Action::Last => last,
            // The next group's heading; from inside a group, [ goes to its own heading first.
            Action::NextGroup => groups
                .iter()
                .copied()
                .find(|&i| i > self.cursor)
                .unwrap_or(self.cursor),
            Action::PrevGroup => groups
                .iter()
                .copied()
                .rev()
                .find(|&i| i < self.cursor)
                .unwrap_or(0),
            _ => return false,
        }
        .min(last);
        true
    }

    /// The overview: toggled with its key; Enter or → opens the selected group, ← closes it.
    pub fn overview_key(&mut self, action: Action, row: Option<BoardRow>) -> bool {
        match (action, row) {
            (Action::Overview, _) => {
                self.overview = !self.overview;
                self.open = row.filter(|_| self.overview).and_then(|r| match r {
                    BoardRow::Idea(g, _) => Some(g),
                    BoardRow::Group(_) => None,
                });
            }
            (Action::Right | Action::Commit, Some(row)) if self.overview => {
                let g = row.group();
                self.open = if action == Action::Commit && self.open == Some(g) {
                    None
                } else {
                    Some(g)
                };
            }
            (Action::Left, Some(_)) if self.overview => self.open = None,
            _ => return false,
        }
        true
    }

    /// Puts the selection back on `keep` among the new rows (opening its group in the
    /// overview if need be); else on the same place in the list.
    pub fn follow(&mut self, all: &[BoardRow], keep: Option<Keep>) {
        let Some(keep) = keep else {
            return;
        };
        if self.overview
            && let Some(BoardRow::Idea(g, _)) = all.iter().copied().find(|r| keep.is(*r))
        {
            self.open = Some(g);
        }
        let rows = self.visible_rows(all.to_vec());
        if let Some(i) = rows.iter().position(|r| keep.is(*r)) {
            self.cursor = i;
        } else {
            self.cursor = self.cursor.min(rows.len().saturating_sub(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board() -> Vec<BoardRow> {
        let (a, b, c) = (GroupId(1), GroupId(2), GroupId(3));
        vec![
            BoardRow::Group(a),
            BoardRow::Idea(a, IdeaId(10)),
            BoardRow::Idea(a, IdeaId(11)),
            BoardRow::Group(b),
            BoardRow::Idea(b, IdeaId(20)),
            BoardRow::Group(c),
            BoardRow::Idea(c, IdeaId(30)),
        ]
    }

    #[test]
    fn brackets_jump_a_group_and_home_and_end_go_to_the_ends() {
        let rows = board();
        let mut s = BoardState::default();
        s.navigate(Action::NextGroup, &rows);
        assert_eq!(s.cursor, 3);
        s.navigate(Action::NextGroup, &rows);
        assert_eq!(s.cursor, 5);
        s.navigate(Action::NextGroup, &rows);
        assert_eq!(s.cursor, 5, "the last group stays");
        s.navigate(Action::Down, &rows);
        s.navigate(Action::PrevGroup, &rows);
        assert_eq!(s.cursor, 5, "from an idea, [ goes to its own group");
        s.navigate(Action::PrevGroup, &rows);
        assert_eq!(s.cursor, 3);
        s.navigate(Action::Last, &rows);
        assert_eq!(s.cursor, 6);
        s.navigate(Action::First, &rows);
        assert_eq!(s.cursor, 0);
        assert!(!s.navigate(Action::Split, &rows));
    }

    #[test]
    fn the_overview_shows_one_line_per_group_and_opens_one() {
        let mut s = BoardState::default();
        s.overview_key(Action::Overview, Some(BoardRow::Group(GroupId(1))));
        let rows = s.visible_rows(board());
        assert_eq!(rows.len(), 3, "{rows:?}");
        s.cursor = 1;
        s.overview_key(Action::Right, rows.get(1).copied());
        let rows = s.visible_rows(board());
        assert_eq!(rows[2], BoardRow::Idea(GroupId(2), IdeaId(20)));
        s.overview_key(Action::Left, rows.get(1).copied());
        assert_eq!(s.visible_rows(board()).len(), 3);
        // A moved idea is followed into its group, which opens.
        s.follow(&board(), Some(Keep::Idea(IdeaId(30))));
        let rows = s.visible_rows(board());
        assert_eq!(rows[s.cursor], BoardRow::Idea(GroupId(3), IdeaId(30)));
    }
}
