//! The setup screen's participants column: the name field, the list kept scrolled to the
//! newest or selected name, what the workshop is meant for when the count is outside it, the
//! keys (wrapped, never cut), and the start button.

use super::{SetupField, SetupState};
use crate::i18n::tr;
use crate::ui::{theme, widgets};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

pub fn draw(setup: &SetupState, frame: &mut Frame, area: Rect) {
    let lang = setup.language;
    let [input, list, start] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(3),
    ])
    .areas(area);
    name_field(setup, frame, input);

    let block = Block::bordered().title(format!(
        " {} ({}) ",
        tr(lang, "setup.participants"),
        setup.participants.len()
    ));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let width = usize::from(inner.width);
    let hint = if setup.participants.is_empty() {
        tr(lang, "setup.no_participants_yet")
    } else {
        tr(lang, "setup.participant_keys")
    };
    let mut below: Vec<Line> = Vec::new();
    if let Some(notice) = setup.range_notice() {
        below.extend(
            widgets::wrap_words(&notice, width)
                .into_iter()
                .map(|l| Line::styled(l, theme::warning())),
        );
    }
    below.extend(
        widgets::wrap_words(hint, width)
            .into_iter()
            .map(|l| Line::styled(l, theme::dim())),
    );
    // The names keep at least one row; what is below them gives way first.
    let below_rows = (below.len() as u16).min(inner.height.saturating_sub(1));
    let [names, under] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(below_rows)]).areas(inner);
    frame.render_widget(Paragraph::new(below), under);
    names_list(setup, frame, names);

    let focused = setup.field == SetupField::Start;
    let style = if focused {
        theme::selected()
    } else {
        theme::key()
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!("[ {} ]", tr(lang, "setup.start")),
            style,
        ))
        .block(Block::bordered()),
        start,
    );
}

fn name_field(setup: &SetupState, frame: &mut Frame, area: Rect) {
    let lang = setup.language;
    let title = match (setup.errors.get(&SetupField::Participants), setup.renaming) {
        (Some(e), _) => format!(" {e} "),
        (None, Some(_)) => format!(" {} ", tr(lang, "setup.rename_participant")),
        (None, None) => format!(" {} ", tr(lang, "setup.add_participant")),
    };
    widgets::text_field(
        frame,
        area,
        &title,
        &setup.participant_input,
        setup.field == SetupField::Participants,
    );
    if setup.errors.contains_key(&SetupField::Participants) {
        frame.render_widget(
            Paragraph::new(Line::styled(title, theme::error())),
            Rect {
                height: 1,
                x: area.x + 1,
                ..area
            },
        );
    }
}

/// The names, numbered; the selected one in view, else the end of the list, where a name
/// just added goes.
fn names_list(setup: &SetupState, frame: &mut Frame, area: Rect) {
    let items: Vec<ListItem> = setup
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| ListItem::new(format!("{:>2}. {p}", i + 1)))
        .collect();
    let last_page = setup
        .participants
        .len()
        .saturating_sub(usize::from(area.height));
    let mut state = match setup.selected_participant {
        Some(i) => ListState::default().with_selected(Some(i)),
        None => ListState::default().with_offset(last_page),
    };
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme::selected())
            .highlight_symbol("▶ "),
        area,
        &mut state,
    );
}
