//! Which ambassador: the roles, each participant's choice, and the distribution as bars.

use crate::app::RunState;
use crate::domain::StepKind;
use crate::export::role_counts;
use crate::i18n::tr;
use crate::ui::widgets::truncate;
use crate::ui::{theme, widgets};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(run: &RunState, frame: &mut Frame, area: Rect) {
    let session = run.session();
    let lang = session.language;
    let step = session.current_step();
    let StepKind::Roles { roles } = &step.kind else {
        return;
    };
    let chosen = session
        .results(&step.id)
        .map(|r| r.roles.clone())
        .unwrap_or_default();
    let [options, below] = Layout::vertical([
        Constraint::Length(roles.len() as u16 + 2),
        Constraint::Min(3),
    ])
    .areas(area);
    let [people, chart] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(below);

    let room = usize::from(options.width.saturating_sub(2));
    let lines: Vec<Line> = roles
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let head = format!(" {} {}", i + 1, r.label);
            let rest = room.saturating_sub(head.chars().count() + 3);
            Line::from(vec![
                Span::styled(head, theme::prompt()),
                Span::styled(
                    format!(" — {}", truncate(&r.description, rest)),
                    theme::dim(),
                ),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" {} ", tr(lang, "roles.choices")))),
        options,
    );

    let lines: Vec<Line> = session
        .participants
        .iter()
        .map(|p| {
            let focused = session.focus == Some(p.id);
            let role = chosen
                .get(&p.id)
                .and_then(|id| roles.iter().position(|r| &r.id == id))
                .map_or_else(
                    || "…".to_string(),
                    |i| format!("{} {}", i + 1, roles[i].label),
                );
            let style = if focused {
                theme::selected()
            } else {
                Style::default()
            };
            Line::styled(
                format!(
                    "{} {:<14} {role}",
                    if focused { "▶" } else { " " },
                    truncate(&p.name, 14)
                ),
                style,
            )
        })
        .collect();
    // The participant in focus is always in view, however large the team.
    let skip = widgets::rows_before_focus(session, usize::from(people.height.saturating_sub(2)));
    let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(lines).block(Block::bordered()), people);

    let counts = role_counts(session, step);
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let label_width = counts
        .iter()
        .map(|c| c.label.chars().count())
        .max()
        .unwrap_or(8)
        .min(24);
    let bar_width = usize::from(chart.width.saturating_sub(2))
        .saturating_sub(label_width + 8)
        .max(3);
    let mut lines: Vec<Line> = counts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Line::from(vec![
                Span::raw(format!(
                    "{} {:<label_width$} ",
                    i + 1,
                    truncate(&c.label, label_width)
                )),
                Span::styled(
                    widgets::bar(c.count as f64, max as f64, bar_width),
                    theme::accent(),
                ),
                Span::raw(format!(" {}", c.count)),
            ])
        })
        .collect();
    let answered = chosen.len();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{answered}/{}", session.participants.len()),
        theme::dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" {} ", tr(lang, "roles.distribution")))),
        chart,
    );
}
