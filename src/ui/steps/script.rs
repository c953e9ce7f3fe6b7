//! Script steps: the checklist to tick (the close step shows one too).

use crate::app::RunState;
use crate::app::steps::script::Checklist;
use crate::i18n::tr;
use crate::ui::widgets;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, ListItem};

pub fn draw(
    run: &RunState,
    state: &Checklist,
    checklist: &[String],
    frame: &mut Frame,
    area: Rect,
) {
    let checked = run
        .session()
        .results(&run.step_id())
        .map(|r| r.checked.clone())
        .unwrap_or_default();
    let items: Vec<ListItem> = checklist
        .iter()
        .enumerate()
        .map(|(i, line)| {
            ListItem::new(format!(
                "[{}] {line}",
                if checked.contains(&i) { "x" } else { " " }
            ))
        })
        .collect();
    let title = format!(
        " {} ({}/{}) ",
        tr(run.lang(), "run.checklist"),
        checked.len(),
        checklist.len()
    );
    let block = Block::bordered().title(title);
    let selected = Some(state.cursor);
    widgets::selectable_list(frame, area, block, items, &state.list, selected, 1);
}
