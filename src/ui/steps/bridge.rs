//! Bridge to the goal: the goal beside the marked common denominators; actions and notes.

use crate::app::RunState;
use crate::app::steps::bridge::BridgeState;
use crate::i18n::tr;
use crate::ui::{theme, widgets};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Wrap};

pub fn draw(run: &RunState, bridge: &BridgeState, frame: &mut Frame, area: Rect) {
    let session = run.session();
    let lang = session.language;
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);

    let mut lines = vec![Line::styled(tr(lang, "bridge.goal"), theme::accent())];
    lines.push(if session.goal.is_empty() {
        Line::styled(tr(lang, "bridge.no_goal"), theme::dim())
    } else {
        Line::raw(session.goal.clone())
    });
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        tr(lang, "bridge.denominators"),
        theme::accent(),
    ));
    let denominators = session.denominator_labels();
    if denominators.is_empty() {
        lines.push(Line::styled(
            tr(lang, "bridge.no_denominators"),
            theme::dim(),
        ));
    }
    lines.extend(
        denominators
            .into_iter()
            .map(|d| Line::raw(format!("★ {d}"))),
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered()),
        left,
    );

    let results = session.results(&run.step_id());
    let actions = results.map(|r| r.actions.as_slice()).unwrap_or_default();
    let notes = results.map(|r| r.notes.clone()).unwrap_or_default();
    let [table_area, notes_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(right);
    let rows: Vec<Row> = actions
        .iter()
        .map(|a| {
            Row::new([
                Cell::from(a.what.clone()),
                Cell::from(a.who.clone()),
                Cell::from(a.when.clone()),
            ])
        })
        .collect();
    widgets::AgreementTable {
        title: format!(" {} ({}) ", tr(lang, "bridge.actions"), actions.len()),
        header: ["bridge.what", "bridge.who", "bridge.when"]
            .map(|k| tr(lang, k).to_string())
            .to_vec(),
        widths: &[
            Constraint::Percentage(55),
            Constraint::Percentage(20),
            Constraint::Percentage(25),
        ],
        rows,
        cursor: bridge.cursor,
        empty: tr(lang, "bridge.no_actions"),
    }
    .draw(frame, table_area, &bridge.table);
    let notes = if notes.is_empty() {
        tr(lang, "bridge.no_notes").to_string()
    } else {
        notes
    };
    frame.render_widget(
        Paragraph::new(notes)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(format!(" {} ", tr(lang, "bridge.notes")))),
        notes_area,
    );
}
