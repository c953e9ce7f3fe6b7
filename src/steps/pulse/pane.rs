//! Engagement pulse on the facilitator's screen: scores by name (open) or ballots typed by
//! hand (private) above; below, per statement, how many scored and, once the facilitator
//! reveals them (from three scorers up), the average, the spread and how many scored low.

use super::{PulseState, figures, mode_text, typed_ballots};
use crate::domain::{MIN_SHOWN, PulseItem, PulseMode, Session, StepKind};
use crate::domain::{pulse_scorers, pulse_summary};
use crate::i18n::{tr, trf};
use crate::ui::widgets::truncate;
use crate::ui::{theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::collections::BTreeMap;

/// Between two columns of rows.
const GAP: &str = " ";

/// Rows for ballots from which the how-to line under them is shown.
const ROOM_FOR_HINT: usize = 8;

pub fn draw(ws: &Workspace, pulse: &PulseState, frame: &mut Frame, area: Rect) {
    let session = ws.session();
    let lang = session.language();
    let step = session.current_step();
    let StepKind::Pulse { items, .. } = &step.kind else {
        return;
    };
    let (summary, hint) = per_statement(session, pulse, area.width);
    let summary_height = summary.len() as u16 + 2;
    let grid_room = area.height.saturating_sub(summary_height);
    let inner_width = usize::from(area.width.saturating_sub(2));
    let scorers = pulse_scorers(session, step);
    let people = session.participants().len();
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{}  ", mode_text(lang, session.pulse_mode())),
            theme::notice(),
        ),
        Span::styled(super::scored_of(lang, scorers, people), theme::dim()),
    ])];
    // Inside the border, below the mode line and the column heads.
    let rows = usize::from(grid_room.saturating_sub(4)).max(1);
    match session.pulse_mode() {
        PulseMode::Open => lines.extend(named_rows(session, pulse, items, rows, inner_width)),
        PulseMode::Private => lines.extend(ballot_rows(session, pulse, items, rows, inner_width)),
    }
    let current = items
        .get(pulse.item)
        .map(|it| format!("{} {}", pulse.item + 1, it.label))
        .unwrap_or_default();
    let title = match session.pulse_mode() {
        PulseMode::Open => tr(lang, "pulse.scores"),
        PulseMode::Private => tr(lang, "pulse.ballots"),
    };
    // Each box as tall as what it holds: no empty rows inside a box on a tall screen.
    let grid_height = (lines.len() as u16 + 2).min(grid_room);
    let [grid, below] = Layout::vertical([
        Constraint::Length(grid_height),
        Constraint::Length(summary_height),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(format!(" {title} ")).title_bottom(
            Line::styled(
                format!(" ▶ {} ", truncate(&current, inner_width.saturating_sub(4))),
                theme::selected(),
            ),
        )),
        grid,
    );
    let mut summary_box = Block::bordered().title(format!(" {} ", tr(lang, "pulse.per_item")));
    if !hint.is_empty() {
        summary_box = summary_box.title_bottom(Line::styled(format!(" {hint} "), theme::warning()));
    }
    frame.render_widget(Paragraph::new(summary).block(summary_box), below);
}

/// How wide a score column is: a statement's number and as much of its words as the width
/// allows (from 5 cells: the number alone), so the columns say which statement they are;
/// narrower when `count` rows need several columns side by side to fit in `rows`.
fn column_width(
    items: &[PulseItem],
    label: usize,
    (count, rows): (usize, usize),
    width: usize,
) -> usize {
    let side_by_side = count.div_ceil(rows.max(1)).max(1);
    let entry = (width / side_by_side).saturating_sub(label + 3 + GAP.len());
    (entry / items.len().max(1)).clamp(4, 32)
}

/// The header of the score columns: each statement's number and, where the column is wide
/// enough, the start of its words (the per-statement list below has them whole).
fn column_head(
    width: usize,
    items: &[PulseItem],
    column: usize,
    focused: usize,
) -> Vec<Span<'static>> {
    let mut head = vec![Span::styled(format!("  {:<width$} ", ""), theme::dim())];
    for (i, item) in items.iter().enumerate() {
        let text = if column >= 9 {
            truncate(&format!("{} {}", i + 1, item.label), column - 1)
        } else {
            (i + 1).to_string()
        };
        let style = if i == focused {
            theme::selected()
        } else {
            theme::dim()
        };
        head.push(Span::styled(format!("{text:^column$}"), style));
    }
    head
}

/// One score column per statement; the one in focus highlighted on the row in focus.
fn score_spans(
    scores: Option<&BTreeMap<String, u8>>,
    items: &[PulseItem],
    focused: Option<usize>,
    column: usize,
) -> Vec<Span<'static>> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let score = scores.and_then(|m| m.get(&item.id)).copied();
            let text = score.map_or("·".to_string(), |s| s.to_string());
            let style = if focused == Some(i) {
                theme::selected()
            } else {
                Style::default()
            };
            Span::styled(format!("{text:^column$}"), style)
        })
        .collect()
}

/// Rows of equal width side by side, as many columns as the width takes and the rows need;
/// each column under its own copy of `head`.
fn side_by_side(
    head: Vec<Span<'static>>,
    entries: Vec<Vec<Span<'static>>>,
    rows: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let entry_width = head.iter().map(Span::width).sum::<usize>() + GAP.len();
    let fit = (width / entry_width.max(1)).max(1);
    let columns = entries.len().div_ceil(rows.max(1)).clamp(1, fit);
    let per_column = entries.len().div_ceil(columns).max(1);
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new(); per_column + 1];
    for c in 0..columns {
        let pad = if c == 0 { "" } else { GAP };
        lines[0].push(Span::raw(pad));
        lines[0].extend(head.iter().cloned());
        for r in 0..per_column {
            if let Some(entry) = entries.get(c * per_column + r) {
                lines[r + 1].push(Span::raw(pad));
                lines[r + 1].extend(entry.iter().cloned());
            }
        }
    }
    lines.into_iter().map(Line::from).collect()
}

/// How many of `count` entries of `entry_width` cells fit in `rows` rows of `width` cells,
/// in as many columns as the width takes.
fn capacity(count: usize, entry_width: usize, rows: usize, width: usize) -> usize {
    let fit = (width / (entry_width + GAP.len()).max(1)).max(1);
    (rows * fit).min(count.max(1))
}

/// Open pulse: one row per participant, scored aloud, in columns where the width allows;
/// the participant in focus kept in view.
fn named_rows(
    session: &Session,
    pulse: &PulseState,
    items: &[PulseItem],
    rows: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let lang = session.language();
    let step = session.current_step();
    let scores = session.results(&step.id).map(|r| &r.pulse);
    let name_width = session
        .participants()
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 18);
    if session.participants().is_empty() {
        return vec![Line::styled(
            tr(lang, "msg.no_participants"),
            theme::warning(),
        )];
    }
    let count = session.participants().len();
    let column = column_width(items, name_width, (count, rows), width);
    let entry_width = name_width + 3 + column * items.len();
    // When not everyone fits, a row says how many more there are.
    let rows = if capacity(count, entry_width, rows, width) < count {
        rows.saturating_sub(1).max(1)
    } else {
        rows
    };
    let shown = capacity(count, entry_width, rows, width);
    let skip = widgets::rows_before_focus(session, shown);
    let entries = session
        .participants()
        .iter()
        .skip(skip)
        .take(shown)
        .map(|p| {
            let focused = session.focus() == Some(p.id);
            let mut spans = vec![Span::styled(
                format!(
                    "{} {:<name_width$} ",
                    if focused { "▶" } else { " " },
                    truncate(&p.name, name_width)
                ),
                if focused {
                    theme::prompt()
                } else {
                    Style::default()
                },
            )];
            let mine = scores.and_then(|s| s.get(&p.id));
            spans.extend(score_spans(
                mine,
                items,
                focused.then_some(pulse.item),
                column,
            ));
            spans
        })
        .collect();
    let head = column_head(name_width, items, column, pulse.item);
    let mut lines = side_by_side(head, entries, rows, width);
    if shown < count {
        lines.push(Line::styled(
            trf(lang, "pulse.more_people", &[&(count - shown)]),
            theme::dim(),
        ));
    }
    lines
}

/// Private pulse: the ballot being typed (or corrected) first, the ones typed earlier after
/// it, in columns where the width allows. Ballots from devices are never shown one by one.
fn ballot_rows(
    session: &Session,
    pulse: &PulseState,
    items: &[PulseItem],
    rows: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let lang = session.language();
    let step = session.current_step();
    let typed = typed_ballots(session, &step.id);
    let current = typed
        .iter()
        .find(|(id, _)| pulse.ballot.as_deref() == Some(id.as_str()));
    let labels = [
        tr(lang, "pulse.this_ballot"),
        tr(lang, "pulse.new_ballot"),
        tr(lang, "pulse.typed_ballot"),
    ];
    let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(8);
    // The hint only where there is room to spare: the footer and help say the keys too.
    let hint = if rows >= ROOM_FOR_HINT {
        widgets::wrap_words(tr(lang, "pulse.by_hand_hint"), width)
    } else {
        Vec::new()
    };
    // The hint's lines and one for "and N more" come out of the rows.
    let rows = rows.saturating_sub(hint.len() + 1).max(1);
    let count = typed.len() + usize::from(current.is_none());
    let column = column_width(items, label_width, (count, rows), width);
    let row = |marker: &str, label: &str, style: Style, scores, focused| {
        let mut spans = vec![Span::styled(
            format!("{marker} {label:<label_width$} "),
            style,
        )];
        spans.extend(score_spans(scores, items, focused, column));
        spans
    };
    let mut entries = vec![match current {
        Some((_, ballot)) => row(
            "▶",
            labels[0],
            theme::prompt(),
            Some(&ballot.scores),
            Some(pulse.item),
        ),
        None => row("▶", labels[1], theme::prompt(), None, Some(pulse.item)),
    }];
    entries.extend(
        typed
            .iter()
            .filter(|(id, _)| pulse.ballot.as_deref() != Some(id.as_str()))
            .map(|(_, ballot)| row(" ", labels[2], theme::dim(), Some(&ballot.scores), None)),
    );
    let entry_width = label_width + 3 + column * items.len();
    let shown = capacity(entries.len(), entry_width, rows, width);
    let hidden = entries.len() - shown;
    entries.truncate(shown);
    let head = column_head(label_width, items, column, pulse.item);
    let mut lines = side_by_side(head, entries, rows, width);
    if hidden > 0 {
        lines.push(Line::styled(
            trf(lang, "pulse.more_ballots", &[&hidden]),
            theme::dim(),
        ));
    }
    lines.extend(hint.into_iter().map(|l| Line::styled(l, theme::dim())));
    lines
}

/// Per statement: how many scored; the figures once revealed and from three scorers up.
/// The statement in focus is marked, matching the column heads above.
/// Under them, in the box's bottom edge, what to do next (shorter where the full text does
/// not fit).
fn per_statement(
    session: &Session,
    pulse: &PulseState,
    width: u16,
) -> (Vec<Line<'static>>, String) {
    let lang = session.language();
    let step = session.current_step();
    let revealed = super::revealed(session, step);
    // Room for last time's mean beside this time's, in a follow-up.
    let beside = if session.follows().is_some() { 27 } else { 0 };
    // Room for the figures once shown (bar, mean, spread), else for "N scored".
    let reserved = if revealed { 54 } else { 16 };
    let label_width = usize::from(width.saturating_sub(4))
        .saturating_sub(reserved + beside)
        .clamp(8, 44);
    let mut lines = Vec::new();
    let mut any_low = false;
    for (i, s) in pulse_summary(session, step).into_iter().enumerate() {
        let mark = if i == pulse.item { "▶" } else { " " };
        let mut spans = vec![Span::raw(format!(
            "{mark}{} {:<label_width$} ",
            i + 1,
            truncate(&s.label, label_width)
        ))];
        if !revealed {
            spans.push(Span::styled(
                trf(lang, "pulse.scored", &[&s.answered]),
                theme::dim(),
            ));
            lines.push(Line::from(spans));
            continue;
        }
        spans.extend(figures(lang, &s));
        // Last time's mean, once the whole room has scored (not to anchor those still to).
        let everyone = s.answered > 0 && s.answered >= session.participants().len();
        let before = session.follows().as_ref().and_then(|e| e.mean_of(&s.item));
        if let (true, Some(before), Some(now)) = (everyone, before, s.mean) {
            spans.push(Span::styled(
                format!("  {}", super::trend_text(lang, before, now)),
                theme::dim(),
            ));
        }
        lines.push(Line::from(spans));
        if s.low > 0 {
            any_low = true;
            // Who scored low (open pulse, on `n`): on lines of its own, so no name is cut.
            if pulse.show_names && !s.low_names.is_empty() {
                let low = trf(lang, "pulse.low", &[&s.low_names.join(", ")]);
                let room = usize::from(width.saturating_sub(6));
                for part in widgets::wrap_words(&low, room) {
                    lines.push(Line::styled(format!("   {part}"), theme::low()));
                }
            }
        }
    }
    let room = usize::from(width.saturating_sub(4));
    let hint = if !revealed {
        trf(lang, "pulse.reveal_hint", &[&MIN_SHOWN])
    } else if any_low && tr(lang, "pulse.why_low").chars().count() <= room {
        tr(lang, "pulse.why_low").to_string()
    } else if any_low {
        tr(lang, "pulse.why_low_short").to_string()
    } else {
        String::new()
    };
    (lines, truncate(&hint, room))
}
