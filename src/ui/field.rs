//! Text fields on screen: one line scrolled to its cursor, or several lines wrapped.

use super::theme;
use crate::interact::text::TextField;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

/// A one-line text field in a bordered box; sets the terminal cursor when focused.
pub fn text_field(frame: &mut Frame, area: Rect, title: &str, field: &TextField, focused: bool) {
    let block = if focused {
        Block::bordered()
            .title(title.to_string())
            .border_style(theme::focus())
    } else {
        Block::bordered().title(title.to_string())
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    field_line(frame, inner, field, focused);
}

/// The field's text on one line: scrolled so the cursor stays visible while focused, else
/// from its start, cut with … where it does not fit.
pub fn field_line(frame: &mut Frame, area: Rect, field: &TextField, focused: bool) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = field.text();
    if !focused {
        let shown = super::widgets::truncate(&text, usize::from(area.width));
        frame.render_widget(Paragraph::new(Line::raw(shown)), area);
        return;
    }
    let cursor = field.cursor_chars();
    let cursor_byte = text
        .char_indices()
        .nth(cursor)
        .map_or(text.len(), |(i, _)| i);
    let width = area.width as usize;
    // Walk back from the cursor while the text before it still fits: one pass, so a long
    // field costs no more than its length.
    let mut start = cursor_byte;
    let mut used = 0;
    for (i, c) in text[..cursor_byte].char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w >= width {
            break;
        }
        used += w;
        start = i;
    }
    frame.render_widget(Paragraph::new(Line::raw(text[start..].to_string())), area);
    if focused {
        let x = area.x + used.min(width.saturating_sub(1)) as u16;
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// Where a line of text breaks to fit `width` cells: (first, end) character ranges, at
/// spaces where it can (a space stays with the row before it), every character kept.
fn break_points(line: &str, width: usize) -> Vec<(usize, usize)> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(1);
    let chars: Vec<char> = line.chars().collect();
    let mut rows = Vec::new();
    let (mut start, mut used, mut after_space) = (0, 0, None);
    let mut i = 0;
    while i < chars.len() {
        let w = chars[i].width().unwrap_or(0);
        if used + w > width && i > start {
            let end = after_space.filter(|&e| e > start).unwrap_or(i);
            rows.push((start, end));
            start = end;
            used = chars[start..i].iter().map(|c| c.width().unwrap_or(0)).sum();
            after_space = None;
            continue;
        }
        used += w;
        if chars[i] == ' ' {
            after_space = Some(i + 1);
        }
        i += 1;
    }
    rows.push((start, chars.len()));
    rows
}

/// A field of several lines: each line wrapped to the area's width, scrolled so the cursor's
/// row shows; sets the terminal cursor when focused.
pub fn text_area(frame: &mut Frame, area: Rect, field: &TextField, focused: bool) {
    use unicode_width::UnicodeWidthStr;
    if area.width == 0 || area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    let (cursor_line, cursor_col) = field.cursor();
    let mut rows: Vec<String> = Vec::new();
    let mut cursor_at = (0, 0);
    for (n, line) in field.lines().iter().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let points = break_points(line, width);
        let last = points.len() - 1;
        for (k, (from, to)) in points.into_iter().enumerate() {
            let text: String = chars[from..to].iter().collect();
            let holds_cursor =
                n == cursor_line && cursor_col >= from && (cursor_col < to || k == last);
            if holds_cursor {
                let before: String = chars[from..cursor_col.min(to)].iter().collect();
                cursor_at = (rows.len(), before.width().min(width.saturating_sub(1)));
            }
            rows.push(text);
        }
    }
    let height = usize::from(area.height);
    let skip = (cursor_at.0 + 1).saturating_sub(height);
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(skip)
        .take(height)
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    if focused {
        let (y, x) = cursor_at;
        frame.set_cursor_position(Position::new(area.x + x as u16, area.y + (y - skip) as u16));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn shown(text: &str, width: u16) -> (String, u16) {
        let field = TextField::with_text(text);
        let mut terminal = Terminal::new(TestBackend::new(width, 1)).unwrap();
        terminal
            .draw(|f| field_line(f, f.area(), &field, true))
            .unwrap();
        let cursor = terminal.get_cursor_position().unwrap().x;
        let line: String = (0..width)
            .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
            .collect();
        (line, cursor)
    }

    #[test]
    fn a_long_field_shows_its_end_with_the_cursor_after_it() {
        let text = format!("{}tail", "a".repeat(50_000));
        let (line, cursor) = shown(&text, 10);
        assert_eq!(line, "aaaaatail ");
        assert_eq!(cursor, 9);
    }

    #[test]
    fn a_field_of_several_lines_wraps_keeps_every_character_and_shows_its_cursor() {
        let mut field = TextField::multi_line("first line\nthe second line is long enough");
        let draw = |field: &TextField| {
            let mut terminal = Terminal::new(TestBackend::new(12, 3)).unwrap();
            terminal
                .draw(|f| text_area(f, f.area(), field, true))
                .unwrap();
            let rows: Vec<String> = (0..3)
                .map(|y| {
                    (0..12)
                        .map(|x| terminal.backend().buffer()[(x, y)].symbol().to_string())
                        .collect()
                })
                .collect();
            (rows, terminal.get_cursor_position().unwrap())
        };
        let (rows, cursor) = draw(&field);
        // Four rows in all; the last three show, the cursor after "enough".
        assert_eq!(rows, ["the second  ", "line is     ", "long enough "]);
        assert_eq!((cursor.x, cursor.y), (11, 2));
        assert_eq!(
            break_points("the second line is long enough", 12),
            vec![(0, 11), (11, 19), (19, 30)]
        );
        field.input(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Up,
        ));
        let (rows, cursor) = draw(&field);
        assert_eq!(rows[0], "first line  ", "scrolled up to the cursor");
        assert_eq!(cursor.y, 0);
        assert_eq!(break_points("", 5), vec![(0, 0)]);
        assert_eq!(break_points("abcdefgh", 3), vec![(0, 3), (3, 6), (6, 8)]);
    }

    #[test]
    fn wide_characters_are_never_cut_in_half() {
        let (line, cursor) = shown("ab🎉🎉🎉", 6);
        assert!(line.starts_with("🎉"), "{line:?}");
        assert_eq!(cursor, 4);
    }
}
