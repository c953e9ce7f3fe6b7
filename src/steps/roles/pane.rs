//! Which ambassador: the roles, each participant's choice, and the distribution as bars.

use crate::domain::StepKind;
use crate::domain::role_counts;
use crate::i18n::tr;
use crate::ui::widgets::truncate;
use crate::ui::{theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(ws: &Workspace, frame: &mut Frame, area: Rect) {
    let session = ws.session();
    let lang = session.language();
    let step = session.current_step();
    let StepKind::Roles { roles } = &step.kind else {
        return;
    };
    let chosen = session
        .results(&step.id)
        .map(|r| r.roles.clone())
        .unwrap_or_default();
    let room = usize::from(area.width.saturating_sub(2));
    // Each role's description wraps under it when the people below still all show (ten
    // rows at most asked); otherwise one line per role, the description shortened.
    let wrapped = role_lines(roles, room, true);
    let below = (session.participants().len() + 2).clamp(5, 10);
    let lines = if wrapped.len() + 2 + below <= usize::from(area.height) {
        wrapped
    } else {
        role_lines(roles, room, false)
    };
    let [options, below] = Layout::vertical([
        Constraint::Length(u16::try_from(lines.len() + 2).unwrap_or(u16::MAX)),
        Constraint::Min(3),
    ])
    .areas(area);
    let [people, chart] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(below);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" {} ", tr(lang, "roles.choices")))),
        options,
    );

    // names as long as they are, up to half the column: the role chosen still shows
    let name_width = session
        .participants()
        .iter()
        .map(|p| unicode_width::UnicodeWidthStr::width(p.name.as_str()))
        .max()
        .unwrap_or(8)
        .clamp(8, usize::from(people.width.saturating_sub(4)) / 2);
    let lines: Vec<Line> = session
        .participants()
        .iter()
        .map(|p| {
            let focused = session.focus() == Some(p.id);
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
                    "{} {:<name_width$} {role}",
                    if focused { "▶" } else { " " },
                    truncate(&p.name, name_width)
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
        // the whole label where the bar still gets six cells
        .min(usize::from(chart.width.saturating_sub(2)).saturating_sub(8 + 6));
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
        format!("{answered}/{}", session.participants().len()),
        theme::dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" {} ", tr(lang, "roles.distribution")))),
        chart,
    );
}

/// The roles as lines `width` wide: " N label — description", the description wrapped under
/// it (`wrap`) or shortened to the one line.
fn role_lines(roles: &[crate::domain::RoleOption], width: usize, wrap: bool) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let mut lines = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        let head = format!(" {} {}", i + 1, r.label);
        let rest = width.saturating_sub(head.width() + 3);
        if !wrap || r.description.width() <= rest {
            lines.push(Line::from(vec![
                Span::styled(head, theme::prompt()),
                Span::styled(
                    format!(" — {}", truncate(&r.description, rest)),
                    theme::dim(),
                ),
            ]));
            continue;
        }
        lines.push(Line::styled(head, theme::prompt()));
        for part in widgets::wrap_words(&r.description, width.saturating_sub(4)) {
            lines.push(Line::styled(format!("    {part}"), theme::dim()));
        }
    }
    lines
}
