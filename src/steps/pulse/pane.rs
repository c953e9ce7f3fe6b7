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

pub fn draw(ws: &Workspace, pulse: &PulseState, frame: &mut Frame, area: Rect) {
    let session = ws.session();
    let lang = session.language();
    let step = session.current_step();
    let StepKind::Pulse { items, .. } = &step.kind else {
        return;
    };
    let [grid, summary] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(items.len() as u16 + 4),
    ])
    .areas(area);
    let scorers = pulse_scorers(session, step);
    let people = session.participants().len();
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{}  ", mode_text(lang, session.pulse_mode())),
            theme::notice(),
        ),
        Span::styled(super::scored_of(lang, scorers, people), theme::dim()),
    ])];
    let rows = usize::from(grid.height.saturating_sub(4));
    match session.pulse_mode() {
        PulseMode::Open => lines.extend(named_rows(session, pulse, items, rows)),
        PulseMode::Private => lines.extend(ballot_rows(session, pulse, items, rows)),
    }
    let current = items
        .get(pulse.item)
        .map(|it| format!("{} {}", pulse.item + 1, it.label))
        .unwrap_or_default();
    let title = match session.pulse_mode() {
        PulseMode::Open => tr(lang, "pulse.scores"),
        PulseMode::Private => tr(lang, "pulse.ballots"),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(
                Block::bordered()
                    .title(format!(" {title} "))
                    .title_bottom(Line::styled(format!(" ▶ {current} "), theme::selected())),
            ),
        grid,
    );
    per_statement(session, pulse, frame, summary);
}

/// The header of the score columns: statement numbers, named as such (under the scale they
/// would read like scores).
fn column_head(lang: crate::domain::Language, width: usize, items: &[PulseItem]) -> Line<'static> {
    let mut head = format!("  {:<width$} ", "");
    for i in 0..items.len() {
        head.push_str(&format!(
            "{:^5}",
            trf(lang, "pulse.statement_short", &[&(i + 1)])
        ));
    }
    Line::styled(head, theme::dim())
}

/// One score column per statement; the one in focus highlighted on the row in focus.
fn score_spans(
    scores: Option<&BTreeMap<String, u8>>,
    items: &[PulseItem],
    focused: Option<usize>,
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
            Span::styled(format!("{text:^5}"), style)
        })
        .collect()
}

/// Open pulse: one row per participant, scored aloud; the participant in focus kept in view.
fn named_rows(
    session: &Session,
    pulse: &PulseState,
    items: &[PulseItem],
    rows: usize,
) -> Vec<Line<'static>> {
    let lang = session.language();
    let step = session.current_step();
    let scores = session.results(&step.id).map(|r| &r.pulse);
    let width = session
        .participants()
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 18);
    let mut lines = vec![column_head(lang, width, items)];
    if session.participants().is_empty() {
        lines.push(Line::styled(
            tr(lang, "msg.no_participants"),
            theme::warning(),
        ));
    }
    let skip = widgets::rows_before_focus(session, rows);
    for p in session.participants().iter().skip(skip) {
        let focused = session.focus() == Some(p.id);
        let mut spans = vec![Span::styled(
            format!(
                "{} {:<width$} ",
                if focused { "▶" } else { " " },
                truncate(&p.name, width)
            ),
            if focused {
                theme::prompt()
            } else {
                Style::default()
            },
        )];
        let mine = scores.and_then(|s| s.get(&p.id));
        spans.extend(score_spans(mine, items, focused.then_some(pulse.item)));
        lines.push(Line::from(spans));
    }
    lines
}

/// Private pulse: the ballot being typed (or corrected) on top, the ones typed earlier below
/// it. Ballots from devices are never shown one by one.
fn ballot_rows(
    session: &Session,
    pulse: &PulseState,
    items: &[PulseItem],
    rows: usize,
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
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(8);
    let row = |marker: &str, label: &str, style: Style, scores, focused| {
        let mut spans = vec![Span::styled(format!("{marker} {label:<width$} "), style)];
        spans.extend(score_spans(scores, items, focused));
        Line::from(spans)
    };
    let mut lines = vec![column_head(lang, width, items)];
    lines.push(match current {
        Some((_, ballot)) => row(
            "▶",
            labels[0],
            theme::prompt(),
            Some(&ballot.scores),
            Some(pulse.item),
        ),
        None => row("▶", labels[1], theme::prompt(), None, Some(pulse.item)),
    });
    let earlier: Vec<Line> = typed
        .iter()
        .filter(|(id, _)| pulse.ballot.as_deref() != Some(id.as_str()))
        .map(|(_, ballot)| row(" ", labels[2], theme::dim(), Some(&ballot.scores), None))
        .collect();
    let room = rows.saturating_sub(2);
    let hidden = earlier.len().saturating_sub(room);
    lines.extend(earlier.into_iter().take(room));
    if hidden > 0 {
        lines.push(Line::styled(
            trf(lang, "pulse.more_ballots", &[&hidden]),
            theme::dim(),
        ));
    }
    lines.push(Line::styled(tr(lang, "pulse.by_hand_hint"), theme::dim()));
    lines
}

/// Per statement: how many scored; the figures once revealed and from three scorers up.
fn per_statement(session: &Session, pulse: &PulseState, frame: &mut Frame, area: Rect) {
    let lang = session.language();
    let step = session.current_step();
    let revealed = super::revealed(session, step);
    // Room for last time's mean beside this time's, in a follow-up.
    let beside = if session.follows().is_some() { 27 } else { 0 };
    // Room for the figures once shown (bar, mean, spread), else for "N scored".
    let reserved = if revealed { 54 } else { 16 };
    let label_width = usize::from(area.width.saturating_sub(2))
        .saturating_sub(reserved + beside)
        .clamp(8, 44);
    let mut lines = Vec::new();
    let mut any_low = false;
    for (i, s) in pulse_summary(session, step).into_iter().enumerate() {
        let mut spans = vec![Span::raw(format!(
            "{} {:<label_width$} ",
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
        if s.low > 0 {
            any_low = true;
            if pulse.show_names && !s.low_names.is_empty() {
                spans.push(Span::styled(
                    format!("  {}", trf(lang, "pulse.low", &[&s.low_names.join(", ")])),
                    theme::low(),
                ));
            }
        }
        lines.push(Line::from(spans));
    }
    let hint = if !revealed {
        trf(lang, "pulse.reveal_hint", &[&MIN_SHOWN])
    } else if any_low {
        tr(lang, "pulse.why_low").to_string()
    } else {
        String::new()
    };
    if !hint.is_empty() {
        lines.push(Line::styled(hint, theme::warning()));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(Block::bordered().title(format!(" {} ", tr(lang, "pulse.per_item")))),
        area,
    );
}
