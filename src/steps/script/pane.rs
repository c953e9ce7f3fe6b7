//! Script steps: the checklist to tick (the close step shows one too).

use crate::i18n::tr;
use crate::steps::script::Checklist;
use crate::ui::widgets;
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, ListItem};

pub fn draw(
    ws: &Workspace,
    state: &Checklist,
    checklist: &[String],
    frame: &mut Frame,
    area: Rect,
) {
    let checked = ws
        .session()
        .results(&ws.step_id())
        .map(|r| r.checked.clone())
        .unwrap_or_default();
    let width = widgets::row_width(area);
    let items: Vec<ListItem> = checklist
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let tick = if checked.contains(&i) { "[x] " } else { "[ ] " };
            ListItem::new(widgets::wrapped_row(
                vec![Span::raw(tick)],
                line,
                Style::default(),
                vec![],
                width,
            ))
        })
        .collect();
    let title = format!(
        " {} ({}/{}) ",
        tr(ws.lang(), "run.checklist"),
        checked.len(),
        checklist.len()
    );
    let block = Block::bordered().title(title);
    let selected = Some(state.cursor);
    widgets::selectable_list(frame, area, block, items, &state.list, selected);
}
