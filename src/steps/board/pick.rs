//! Choosing where a picked-up idea or group goes, without stepping through the board: after
//! `m` or `g`, typed letters filter the groups by label (case and accents ignored), the
//! filtered list is numbered, ↑↓ and Enter or a number choose, Backspace edits the filter and
//! Esc cancels. While it is open the board's own keys are not in play (`Context::BoardPick`):
//! letters only filter.

use super::voting::RankBy;
use super::{current_group, ranked_ids};
use crate::domain::{GroupId, Session};
use crate::fold::fold;
use crate::interact::list_view::ListView;
use crate::interact::text::TextField;

/// The filter typed so far and the chosen row of the groups it leaves.
#[derive(Debug, Default)]
pub struct GroupPicker {
    pub filter: TextField,
    pub cursor: usize,
    /// The filtered list as last drawn (it scrolls with the choice).
    pub list: ListView,
}

impl GroupPicker {
    /// The groups whose label contains the filter, in board order.
    pub fn candidates(&self, session: &Session, step: &str, rank: RankBy) -> Vec<GroupId> {
        let wanted = fold(self.filter.text().trim());
        ranked_ids(session, step, rank)
            .into_iter()
            .filter(|g| {
                wanted.is_empty()
                    || current_group(session, step, *g)
                        .is_some_and(|group| fold(&group.label).contains(&wanted))
            })
            .collect()
    }

    /// ↑ or ↓ among `len` groups.
    pub fn step(&mut self, down: bool, len: usize) {
        self.cursor = crate::steps::moved(self.cursor, down, len);
    }

    /// Text typed into the filter: the choice goes back to the first match.
    pub fn type_key(&mut self, key: crossterm::event::KeyEvent) {
        if self.filter.input(key) {
            self.cursor = 0;
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.filter.insert(text);
        self.cursor = 0;
    }

    /// The chosen group: the row under the cursor, or the `n`th (1-based) with a number.
    pub fn chosen(&self, candidates: &[GroupId], number: Option<usize>) -> Option<GroupId> {
        let i = match number {
            Some(n) => n.checked_sub(1)?,
            None => self.cursor.min(candidates.len().saturating_sub(1)),
        };
        candidates.get(i).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_picks_from_the_filtered_list_and_the_cursor_stays_in_it() {
        let mut p = GroupPicker::default();
        let list = [GroupId(7), GroupId(3), GroupId(9)];
        assert_eq!(p.chosen(&list, None), Some(GroupId(7)));
        assert_eq!(p.chosen(&list, Some(3)), Some(GroupId(9)));
        assert_eq!(p.chosen(&list, Some(4)), None);
        assert_eq!(p.chosen(&list, Some(0)), None);
        p.step(true, 3);
        p.step(true, 3);
        p.step(true, 3);
        assert_eq!(p.chosen(&list, None), Some(GroupId(9)));
        assert_eq!(p.chosen(&[], None), None);
    }
}
