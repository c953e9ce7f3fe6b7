//! Engagement pulse: a grid of scores, bars per item and per participant, low scores flagged.

use crate::domain::StepKind;
use crate::domain::pulse_summary;
use crate::i18n::{tr, trf};
use crate::steps::pulse::PulseState;
use crate::ui::widgets::truncate;
use crate::ui::{theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(ws: &Workspace, pulse: &PulseState, frame: &mut Frame, area: Rect) {
    let session = ws.session();
    let lang = session.language();
    let step = session.current_step();
    let StepKind::Pulse {
        items,
        low_at_or_below,
    } = &step.kind
    else {
        return;
    };
    let scores = session
        .results(&step.id)
        .map(|r| r.pulse.clone())
        .unwrap_or_default();
    let [grid, summary] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(items.len() as u16 + 4),
    ])
    .areas(area);

    // One row per participant with a column per statement; the statement in focus is named
    // at the bottom of the box (all of them are named in the box below).
    let mut lines: Vec<Line> = Vec::new();
    let name_width = session
        .participants()
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 18);
    let mut head = format!("  {:<name_width$} ", "");
    for i in 0..items.len() {
        // Statement numbers, named as such: under the scale they read like scores.
        head.push_str(&format!(
            "{:^5}",
            trf(lang, "pulse.statement_short", &[&(i + 1)])
        ));
    }
    lines.push(Line::styled(head, theme::dim()));
    for p in session.participants() {
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
        let mine = scores.get(&p.id);
        for (i, item) in items.iter().enumerate() {
            let score = mine.and_then(|m| m.get(&item.id)).copied();
            let text = score.map_or("·".to_string(), |s| s.to_string());
            let mut style = match score {
                Some(s) if s <= *low_at_or_below => theme::low(),
                _ => Style::default(),
            };
            if focused && i == pulse.item {
                style = theme::selected();
            }
            spans.push(Span::styled(format!("{text:^5}"), style));
        }
        let answered: Vec<u8> = mine
            .map(|m| m.values().copied().collect())
            .unwrap_or_default();
        if !answered.is_empty() {
            let mean = answered.iter().map(|s| f64::from(*s)).sum::<f64>() / answered.len() as f64;
            spans.push(Span::styled(
                format!(
                    "  {} {}",
                    widgets::bar(mean, 5.0, 10),
                    lang.decimal(mean, 1)
                ),
                theme::dim(),
            ));
        }
        lines.push(Line::from(spans));
    }
    if session.participants().is_empty() {
        lines.push(Line::styled(
            tr(lang, "msg.no_participants"),
            theme::warning(),
        ));
    }
    // Keep the participant in focus in view when the team is larger than the box.
    let skip = widgets::rows_before_focus(session, usize::from(grid.height.saturating_sub(3)));
    let header = lines.remove(0);
    let lines: Vec<Line> = std::iter::once(header)
        .chain(lines.into_iter().skip(skip))
        .collect();
    let current = items
        .get(pulse.item)
        .map(|it| format!("{} {}", pulse.item + 1, it.label))
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(format!(" {} ", tr(lang, "pulse.scores")))
                .title_bottom(Line::styled(format!(" ▶ {current} "), theme::selected())),
        ),
        grid,
    );

    // Per statement: the average as a bar, and who scored low.
    // Room for last time's mean beside this time's, in a follow-up.
    let beside = if session.follows().is_some() { 27 } else { 0 };
    let label_width = usize::from(summary.width.saturating_sub(2))
        .saturating_sub(20 + beside)
        .clamp(8, 40);
    let mut lines = Vec::new();
    let mut any_low = false;
    for (i, s) in pulse_summary(session, step).into_iter().enumerate() {
        let mean = s.mean.map_or("–".to_string(), |m| lang.decimal(m, 1));
        let mut spans = vec![
            Span::raw(format!(
                "{} {:<label_width$} ",
                i + 1,
                truncate(&s.label, label_width)
            )),
            Span::raw(widgets::bar(s.mean.unwrap_or(0.0), 5.0, 10)),
            Span::raw(format!(" {mean}")),
        ];
        // Last time's mean, once the whole room has scored (not to anchor those still to).
        let everyone = s.answered > 0 && s.answered >= session.participants().len();
        let before = session.follows().as_ref().and_then(|e| e.mean_of(&s.item));
        if let (true, Some(before), Some(now)) = (everyone, before, s.mean) {
            spans.push(Span::styled(
                format!("  {}", trend_text(lang, before, now)),
                theme::dim(),
            ));
        }
        if !s.low.is_empty() {
            any_low = true;
            // The room may see this screen: how many by default, who only on request.
            let low = if pulse.show_names {
                trf(lang, "pulse.low", &[&s.low.join(", ")])
            } else {
                trf(lang, "pulse.low_count", &[&s.low.len()])
            };
            spans.push(Span::styled(format!("  ⚠ {low}"), theme::low()));
        }
        lines.push(Line::from(spans));
    }
    if any_low {
        lines.push(Line::styled(tr(lang, "pulse.why_low"), theme::warning()));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(Block::bordered().title(format!(" {} ", tr(lang, "pulse.per_item")))),
        summary,
    );
}

/// "was 3.2 ▲+0.4": last time's mean and which way it moved.
pub fn trend_text(lang: crate::domain::Language, before: f64, now: f64) -> String {
    let delta = now - before;
    let arrow = if delta > 0.05 {
        "▲"
    } else if delta < -0.05 {
        "▼"
    } else {
        "="
    };
    trf(
        lang,
        "pulse.last_time",
        &[&format!("{before:.1}"), &format!("{arrow}{delta:+.1}")],
    )
}
