//! Small drawing helpers shared by the screens (text fields are in `field`).

pub use super::field::{field_line, text_area, text_field};

use super::theme;
use crate::interact::list_view::ListView;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, Paragraph};

/// A bordered list with the selected item marked, drawn into `area` through `view`, which
/// keeps the scroll offset between frames and records where the items went (for clicks).
pub fn selectable_list(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    items: Vec<ListItem>,
    view: &ListView,
    selected: Option<usize>,
) {
    let heights = items.iter().map(|i| i.height() as u16).collect();
    let mut state = view.frame(selected, block.inner(area), heights);
    let list = List::new(items)
        .block(block)
        .highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    frame.render_stateful_widget(list, area, &mut state);
}

/// A bar of `value` out of `max` in `width` cells.
pub fn bar(value: f64, max: f64, width: usize) -> String {
    if max <= 0.0 || width == 0 {
        return String::new();
    }
    let cells = ((value / max) * width as f64)
        .round()
        .clamp(0.0, width as f64) as usize;
    format!("{}{}", "█".repeat(cells), "·".repeat(width - cells))
}

/// `text` in at most `max` terminal cells, ending in `…` when cut; wide characters (emoji,
/// CJK) count as the two cells they take and are never cut in half.
pub fn truncate(text: &str, max: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(1);
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `text` in at most `max` cells with its start and its end kept and `…` between: for names
/// whose end tells them apart ("Team Customer Success North" and "… South").
pub fn shorten_middle(text: &str, max: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= max {
        return text.to_string();
    }
    if max < 5 {
        return truncate(text, max);
    }
    let room = max - 1;
    let take = |chars: &mut dyn Iterator<Item = char>, budget: usize| {
        let mut used = 0;
        let mut out = Vec::new();
        for c in chars {
            let w = c.width().unwrap_or(0);
            if used + w > budget {
                break;
            }
            used += w;
            out.push(c);
        }
        out
    };
    let head: String = take(&mut text.chars(), room - room / 2)
        .into_iter()
        .collect();
    let tail: String = take(&mut text.chars().rev(), room / 2)
        .into_iter()
        .rev()
        .collect();
    format!("{}…{}", head.trim_end(), tail.trim_start())
}

/// `text` wrapped at word boundaries into lines of at most `width` cells; a word longer than
/// a line is broken. Never cuts anything off.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let width = width.max(1);
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        let used = line.width();
        if used > 0 && used + 1 + word.width() <= width {
            line.push(' ');
            line.push_str(word);
            continue;
        }
        if used > 0 {
            lines.push(String::new());
        }
        for c in word.chars() {
            let line = lines.last_mut().expect("one line at least");
            if line.width() + c.width().unwrap_or(0) > width {
                lines.push(String::new());
            }
            lines.last_mut().expect("one line at least").push(c);
        }
    }
    lines
}

/// How many rows `lines` take wrapped at word boundaries to `width` (an empty line: one).
pub fn wrapped_height(lines: &[Line], width: usize) -> usize {
    lines
        .iter()
        .map(|l| wrap_words(&l.to_string(), width).len().max(1))
        .sum()
}

/// The room a list row has inside `area`: its border and the selection mark (`▶ `) left out.
pub fn row_width(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(4)).max(1)
}

/// One list row that wraps instead of being cut: `head` on the first line, `text` wrapped in
/// the room after it (later lines indented under the text), and `tail` after the text's last
/// line, or on a line of its own when it does not fit there, its first part (a name)
/// shortened first so the text always shows whole. `width` is the row's width in cells.
pub fn wrapped_row(
    head: Vec<Span<'static>>,
    text: &str,
    text_style: ratatui::style::Style,
    mut tail: Vec<Span<'static>>,
    width: usize,
) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let indent: usize = head.iter().map(|s| s.width()).sum();
    let room = width.saturating_sub(indent).max(8);
    let pad = " ".repeat(indent);
    let mut lines: Vec<Line<'static>> = wrap_words(text, room)
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let lead = if n == 0 {
                head.clone()
            } else {
                vec![Span::raw(pad.clone())]
            };
            Line::from([lead, vec![Span::styled(part, text_style)]].concat())
        })
        .collect();
    let tail_width: usize = tail.iter().map(|s| s.width()).sum();
    if tail_width == 0 {
        return lines;
    }
    let last = lines.last_mut().expect("one line at least");
    if last.width() + tail_width <= width {
        last.spans.extend(tail);
        return lines;
    }
    // On a line of its own under the text; the name gives way if even that is too narrow.
    let over = (indent + tail_width).saturating_sub(width);
    if over > 0
        && let Some(first) = tail.first_mut()
    {
        let keep = first.content.width().saturating_sub(over);
        first.content = truncate(&first.content, keep).into();
    }
    lines.push(Line::from([vec![Span::raw(pad)], tail].concat()));
    lines
}

/// How many participant rows to leave out at the top of a list `visible` rows high, so the
/// participant in focus is always shown, however large the team.
pub fn rows_before_focus(session: &crate::domain::Session, visible: usize) -> usize {
    let focus_row = session
        .participants()
        .iter()
        .position(|p| session.focus() == Some(p.id))
        .unwrap_or(0);
    (focus_row + 1).saturating_sub(visible.max(1))
}

/// A titled box over what is behind it (a form, a picker); the room inside.
pub fn popup_box(title: &str, frame: &mut Frame, popup: Rect) -> Rect {
    frame.render_widget(ratatui::widgets::Clear, popup);
    let block = Block::bordered()
        .title(format!(" {title} "))
        .border_style(theme::focus());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    inner
}

/// A centred rectangle of at most the given size.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

/// A label and value pair for summaries.
pub fn fact<'a>(label: &str, value: impl Into<String>) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme::dim()),
        Span::raw(value.into()),
    ])
}

/// "  ●●● 3 dots" for a group with votes; nothing for one without.
pub fn dots_text(lang: crate::domain::Language, dots: u32) -> String {
    if dots == 0 {
        return String::new();
    }
    let shown = "●".repeat(dots.min(12) as usize);
    let count = if dots == 1 {
        crate::i18n::tr(lang, "board.dot").to_string()
    } else {
        crate::i18n::trf(lang, "board.dots", &[&dots])
    };
    format!("  {shown} {count}")
}

/// The width of each column a bordered table with a selection mark gets in `area` (a cell
/// less than the layout gives, so a wrapped line never reaches the next column).
pub fn table_columns(widths: &[Constraint], area: Rect) -> Vec<usize> {
    let inner = Rect {
        width: area.width.saturating_sub(4),
        ..area
    };
    Layout::horizontal(widths.to_vec())
        .spacing(1)
        .split(inner)
        .iter()
        .map(|r| usize::from(r.width.saturating_sub(1)).max(1))
        .collect()
}

/// A table row whose cells wrap within their columns, as tall as its tallest cell.
pub fn wrapped_table_row(cells: &[&str], columns: &[usize]) -> ratatui::widgets::Row<'static> {
    let cells: Vec<Vec<Line<'static>>> = cells
        .iter()
        .zip(columns)
        .map(|(text, width)| {
            wrap_words(text, *width)
                .into_iter()
                .map(Line::raw)
                .collect()
        })
        .collect();
    let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    ratatui::widgets::Row::new(cells.into_iter().map(ratatui::widgets::Cell::from))
        .height(u16::try_from(height).unwrap_or(u16::MAX))
}

/// A table of agreements (the bridge's, last time's): a dim header, the selected row marked,
/// and `empty` in place of rows when there are none.
pub struct AgreementTable<'a> {
    pub title: String,
    pub header: Vec<String>,
    pub widths: &'a [ratatui::layout::Constraint],
    pub rows: Vec<ratatui::widgets::Row<'static>>,
    pub cursor: usize,
    pub empty: &'a str,
}

impl AgreementTable<'_> {
    pub fn draw(
        self,
        frame: &mut Frame,
        area: Rect,
        state: &std::cell::RefCell<ratatui::widgets::TableState>,
    ) {
        let empty = self.rows.is_empty();
        let table = ratatui::widgets::Table::new(self.rows, self.widths.to_vec())
            .header(ratatui::widgets::Row::new(self.header).style(theme::dim()))
            .row_highlight_style(theme::selected())
            .highlight_symbol("▶ ")
            .block(Block::bordered().title(self.title));
        let mut state = state.borrow_mut();
        state.select((!empty).then_some(self.cursor));
        frame.render_stateful_widget(table, area, &mut state);
        if empty {
            let hint = Rect {
                y: area.y + 2,
                height: 1,
                x: area.x + 2,
                width: area.width.saturating_sub(4),
            };
            frame.render_widget(
                Paragraph::new(Line::styled(self.empty.to_string(), theme::dim())),
                hint,
            );
        }
    }
}

/// Takes out of a drawn frame the invisible characters that would reorder or hide what the
/// terminal shows (bidi overrides, zero-width spaces: `sanitize::is_hidden_format`), wherever
/// the text came from: typed, pasted, sent from a device or read from a file.
pub fn scrub_hidden(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        if cell.symbol().chars().any(crate::sanitize::is_hidden_format) {
            let kept: String = cell
                .symbol()
                .chars()
                .filter(|c| !crate::sanitize::is_hidden_format(*c))
                .collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_cells_not_characters() {
        assert_eq!(truncate("abcdef", 6), "abcdef");
        assert_eq!(truncate("abcdefg", 6), "abcde…");
        assert_eq!(truncate("🎉🎉🎉🎉", 6), "🎉🎉…");
        assert_eq!(truncate("a🎉🎉🎉", 4), "a🎉…");
        assert_eq!(truncate("anything", 0), "");
    }

    #[test]
    fn a_shortened_name_keeps_its_start_and_its_end() {
        let north = shorten_middle("Team Customer Success North", 20);
        let south = shorten_middle("Team Customer Success South", 20);
        assert_ne!(north, south);
        assert!(
            north.starts_with("Team Cus") && north.ends_with("North"),
            "{north}"
        );
        assert!(unicode_width::UnicodeWidthStr::width(north.as_str()) <= 20);
        assert_eq!(shorten_middle("short", 20), "short");
    }

    #[test]
    fn wrapped_text_keeps_every_word() {
        let lines = wrap_words("we post about our projects on LinkedIn every week", 12);
        assert!(
            lines
                .iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 12)
        );
        assert_eq!(
            lines.join(" "),
            "we post about our projects on LinkedIn every week"
        );
        assert_eq!(wrap_words("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn a_wrapped_row_keeps_the_whole_text_and_puts_the_name_after_it() {
        let text = "telling the people at my daughter's football club what a good place this is";
        let rows = wrapped_row(
            vec![Span::raw("  ")],
            text,
            ratatui::style::Style::default(),
            vec![Span::raw(" — Annemarie-Christina van der Heijden")],
            30,
        );
        let shown: Vec<String> = rows.iter().map(|l| l.to_string()).collect();
        assert!(shown.iter().all(|l| l.chars().count() <= 30), "{shown:?}");
        let words: Vec<&str> = shown
            .iter()
            .flat_map(|l| l.split_whitespace())
            .take(text.split_whitespace().count())
            .collect();
        assert_eq!(words.join(" "), text, "{shown:?}");
        let last = shown.last().unwrap();
        assert!(
            last.starts_with("   — Annemarie"),
            "the name comes last: {shown:?}"
        );
        assert!(last.ends_with('…'), "and is shortened: {shown:?}");
        let short = wrapped_row(
            vec![],
            "short",
            Default::default(),
            vec![Span::raw(" — Ann")],
            30,
        );
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].to_string(), "short — Ann");
    }
}
