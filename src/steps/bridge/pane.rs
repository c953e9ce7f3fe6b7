//! Bridge to the goal: the goal beside the marked common denominators; actions and notes.

use crate::domain::{Session, StepKind};
use crate::i18n::{tr, trf};
use crate::steps::bridge::BridgeState;
use crate::ui::{theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Wrap};

pub fn draw(ws: &Workspace, bridge: &BridgeState, frame: &mut Frame, area: Rect) {
    let session = ws.session();
    let lang = session.language();
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);

    let mut lines = vec![Line::styled(tr(lang, "bridge.goal"), theme::accent())];
    lines.push(if session.goal().is_empty() {
        Line::styled(tr(lang, "bridge.no_goal"), theme::dim())
    } else {
        Line::raw(session.goal().clone())
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
    if let Some(heard) = crate::steps::heard::line(session) {
        lines.push(Line::raw(""));
        lines.push(heard);
    }
    let inner = Block::bordered().inner(left);
    lines.extend(pulse_lines(session, usize::from(inner.width)));
    // Short of rows, the blank lines between the parts go first.
    let wrapped = widgets::wrapped_height(&lines, usize::from(inner.width));
    if wrapped > usize::from(inner.height) {
        lines.retain(|l| l.width() > 0);
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered()),
        left,
    );

    let results = session.results(&ws.step_id());
    let actions = results.map(|r| r.actions.as_slice()).unwrap_or_default();
    let notes = results.map(|r| r.notes.clone()).unwrap_or_default();
    // The notes as many rows as they wrap to (line breaks kept), up to a third of the pane.
    let note_rows: usize = notes
        .lines()
        .map(|l| widgets::wrap_words(l, usize::from(right.width.saturating_sub(2))).len())
        .sum();
    let notes_height = (note_rows as u16 + 2).clamp(4, (right.height / 3).max(4));
    let [table_area, notes_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(notes_height)]).areas(right);
    let widths = [
        Constraint::Percentage(55),
        Constraint::Percentage(20),
        Constraint::Percentage(25),
    ];
    // What, who and when wrap in their columns rather than lose their ends.
    let columns = widgets::table_columns(&widths, table_area);
    let rows: Vec<Row> = actions
        .iter()
        .map(|a| {
            // ↻ marks an action carried on from last time.
            let what = match a.carried_from {
                Some(_) => format!("↻ {}", a.what),
                None => a.what.clone(),
            };
            widgets::wrapped_table_row(&[&what, &a.who, &a.when], &columns)
        })
        .collect();
    widgets::AgreementTable {
        title: format!(" {} ({}) ", tr(lang, "bridge.actions"), actions.len()),
        header: ["bridge.what", "bridge.who", "bridge.when"]
            .map(|k| tr(lang, k).to_string())
            .to_vec(),
        widths: &widths,
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

/// The pulse beside the goal, so the low scores the pulse hint says to come back to are here:
/// averages and how many scored low, never who; one line each in `width`, the average first
/// so it is never the part cut off.
fn pulse_lines(session: &Session, width: usize) -> Vec<Line<'static>> {
    let lang = session.language();
    let mut lines = Vec::new();
    let pulses = session
        .template()
        .steps
        .iter()
        .filter(|s| matches!(s.kind, StepKind::Pulse { .. }));
    for step in pulses {
        let summary = crate::domain::pulse_summary(session, step);
        // Figures the room has not been shown yet stay hidden here too.
        if !crate::steps::pulse::revealed(session, step) || summary.iter().all(|s| s.mean.is_none())
        {
            continue;
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            widgets::truncate(&step.title, width),
            theme::accent(),
        ));
        for s in summary {
            let Some(mean) = s.mean else { continue };
            let low = if s.low > 0 {
                format!(" {}", trf(lang, "bridge.low_short", &[&s.low]))
            } else {
                String::new()
            };
            let mean = format!("{} ", lang.decimal(mean, 1));
            let room = width.saturating_sub(mean.chars().count() + low.chars().count());
            lines.push(Line::from(vec![
                Span::styled(mean, theme::prompt()),
                Span::raw(widgets::truncate(&s.label, room)),
                Span::styled(low, theme::warning()),
            ]));
        }
    }
    lines
}
