//! Short labels (a name with its mark) laid out in rows, never broken in the middle.

use ratatui::text::{Line, Span};

/// Space between two chips on a row.
const GAP: &str = "  ";

/// `chips` in rows of at most `width` cells, as many on a row as fit; `None` when they need
/// more than `rows` rows. A chip wider than a whole row is shortened to the row.
pub fn lay_out(chips: &[Span<'static>], width: usize, rows: usize) -> Option<Vec<Line<'static>>> {
    let mut lines: Vec<Vec<Span<'static>>> = Vec::new();
    let mut used = 0;
    for chip in chips {
        let chip = if chip.width() > width {
            Span::styled(super::widgets::truncate(&chip.content, width), chip.style)
        } else {
            chip.clone()
        };
        let fits_here = lines
            .last()
            .is_some_and(|_| used + GAP.len() + chip.width() <= width);
        if fits_here {
            let line = lines.last_mut().expect("a row to add to");
            line.push(Span::raw(GAP));
            used += GAP.len() + chip.width();
            line.push(chip);
        } else {
            if lines.len() == rows {
                return None;
            }
            used = chip.width();
            lines.push(vec![chip]);
        }
    }
    Some(lines.into_iter().map(Line::from).collect())
}

/// As many of `chips` as fit in `rows` rows, in their order, and then `more(left out)` when
/// some had to be left out (the count of those not shown, its chip shortened to fit).
pub fn fit_with_more(
    chips: &[Span<'static>],
    width: usize,
    rows: usize,
    more: impl Fn(usize) -> Span<'static>,
) -> Vec<Line<'static>> {
    if let Some(lines) = lay_out(chips, width, rows) {
        return lines;
    }
    for shown in (0..chips.len()).rev() {
        let mut tried = chips[..shown].to_vec();
        tried.push(more(chips.len() - shown));
        if let Some(lines) = lay_out(&tried, width, rows) {
            return lines;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chips(names: &[&str]) -> Vec<Span<'static>> {
        names.iter().map(|n| Span::raw(n.to_string())).collect()
    }

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn chips_wrap_between_names_never_inside_one() {
        let lines = lay_out(&chips(&["Annemarie", "Bob", "Gert-Jan"]), 16, 2).unwrap();
        assert_eq!(text(&lines), ["Annemarie  Bob", "Gert-Jan"]);
    }

    #[test]
    fn chips_that_need_more_rows_do_not_fit() {
        assert!(lay_out(&chips(&["Annemarie", "Bob", "Gert-Jan"]), 10, 2).is_none());
    }

    #[test]
    fn what_does_not_fit_is_counted_at_the_end() {
        let lines = fit_with_more(&chips(&["Ann", "Bob", "Cas", "Dirk"]), 12, 1, |n| {
            Span::raw(format!("+{n}"))
        });
        assert_eq!(text(&lines), ["Ann  Bob  +2"]);
    }

    #[test]
    fn a_chip_wider_than_the_row_is_shortened() {
        let lines = lay_out(&chips(&["Annemarie-Christina"]), 8, 1).unwrap();
        assert_eq!(text(&lines), ["Annemar…"]);
    }
}
