use super::theme;
use crate::app::{Context, keymap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The keys that matter here, straight from the keymap.
pub fn draw(context: Context, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    for b in keymap::bindings_for(context).filter(|b| b.in_footer) {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(b.key_label, theme::key()));
        spans.push(Span::raw(format!(" {}", b.description)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
