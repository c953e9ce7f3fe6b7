use crate::app::RunState;
use crate::i18n::tr;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, List, ListItem, ListState};

pub fn draw(run: &RunState, checklist: &[String], frame: &mut Frame, area: Rect) {
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
    let mut state = ListState::default().with_selected(Some(run.cursor));
    frame.render_stateful_widget(
        List::new(items)
            .block(Block::bordered().title(title))
            .highlight_style(theme::selected())
            .highlight_symbol("▶ "),
        area,
        &mut state,
    );
}
