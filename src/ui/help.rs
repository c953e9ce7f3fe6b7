use super::theme;
use crate::app::{Context, keymap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Every key of the screen behind the overlay, and the global ones.
pub fn draw(behind: Context, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = keymap::bindings_for(behind)
        .chain(keymap::bindings_for(Context::Help).filter(|b| b.context == Context::Help))
        .map(|b| {
            Line::from(vec![
                Span::styled(format!("{:>8}  ", b.key_label), theme::key()),
                Span::raw(b.description),
            ])
        })
        .collect();
    let height = (lines.len() as u16 + 2).min(area.height);
    let [v] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(56.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Keys — Esc closes ")),
        popup,
    );
}
