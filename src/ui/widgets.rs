//! Small drawing helpers shared by the screens.

use super::theme;
use crate::app::text::TextField;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

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

/// The field's text on one line, scrolled so the cursor stays visible.
pub fn field_line(frame: &mut Frame, area: Rect, field: &TextField, focused: bool) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = field.text();
    let cursor = field.cursor_chars();
    let before: String = text.chars().take(cursor).collect();
    let width = area.width as usize;
    // Skip whole characters from the left until the cursor fits.
    let mut skip = 0;
    let mut shown_before = before.as_str();
    while shown_before.width() >= width && !shown_before.is_empty() {
        skip += 1;
        shown_before = before
            .char_indices()
            .nth(skip)
            .map_or("", |(i, _)| &before[i..]);
    }
    let start = before
        .char_indices()
        .nth(skip)
        .map_or(before.len(), |(i, _)| i);
    let visible = &text[start.min(text.len())..];
    frame.render_widget(Paragraph::new(Line::raw(visible.to_string())), area);
    if focused {
        let x = area.x + shown_before.width().min(width.saturating_sub(1)) as u16;
        frame.set_cursor_position(Position::new(x, area.y));
    }
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
