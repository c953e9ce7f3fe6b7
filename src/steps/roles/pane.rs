//! Which ambassador: the roles with how many chose each (a bar and the count), and below
//! them everyone's choice, in columns where the width allows, the person in focus in view.

use crate::domain::StepKind;
use crate::domain::role_counts;
use crate::i18n::{tr, trf};
use crate::ui::widgets::truncate;
use crate::ui::{theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Cells for each role's bar and count, at the end of its line.
const BAR: usize = 10;
/// Between two columns of people.
const GAP: &str = "  ";

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
    let counts = role_counts(session, step);
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let room = usize::from(area.width.saturating_sub(2));
    let bars: Vec<(String, usize)> = (0..roles.len())
        .map(|i| {
            let count = counts.get(i).map_or(0, |c| c.count);
            (widgets::bar(count as f64, max as f64, BAR), count)
        })
        .collect();
    // Each role's description whole on its line where it fits; else wrapped under it when
    // everyone below still shows; else shortened to the one line.
    let people_rows = session.participants().len().div_ceil(2).max(1) + 2;
    let whole = role_lines(roles, &bars, room, Fit::OneLine);
    let role_lines = if !whole.1 {
        whole.0
    } else {
        let wrapped = role_lines(roles, &bars, room, Fit::Wrap);
        if wrapped.0.len() + 2 + people_rows <= usize::from(area.height) {
            wrapped.0
        } else {
            whole.0
        }
    };
    let [options, people] = Layout::vertical([
        Constraint::Length(u16::try_from(role_lines.len() + 2).unwrap_or(u16::MAX)),
        Constraint::Min(3),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(role_lines).block(
            Block::bordered()
                .title(format!(" {} ", tr(lang, "roles.choices")))
                .title_bottom(format!(" {} ", tr(lang, "roles.distribution"))),
        ),
        options,
    );

    let rows = usize::from(people.height.saturating_sub(2)).max(1);
    let width = usize::from(people.width.saturating_sub(2));
    let count = session.participants().len();
    let columns = count.div_ceil(rows).max(1);
    let column_width = (width + GAP.len()) / columns - GAP.len();
    // The name as long as it is, up to half its column: the role chosen still shows.
    let name_width = session
        .participants()
        .iter()
        .map(|p| p.name.width())
        .max()
        .unwrap_or(8)
        .clamp(4, (column_width.saturating_sub(2) / 2).max(4));
    let entries: Vec<Span> = session
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
            let text = format!(
                "{} {:<name_width$} {role}",
                if focused { "▶" } else { " " },
                truncate(&p.name, name_width)
            );
            let text = truncate(&text, column_width);
            let pad = column_width.saturating_sub(text.width());
            Span::styled(format!("{text}{}", " ".repeat(pad)), style)
        })
        .collect();
    // Down the first column, then the next; the one in focus always in view.
    let fits = rows * ((width + GAP.len()) / (column_width + GAP.len())).max(1);
    let skip = widgets::rows_before_focus(session, fits);
    let entries: Vec<Span> = entries.into_iter().skip(skip).take(fits).collect();
    let per_column = entries
        .len()
        .div_ceil(columns.min(entries.len().max(1)))
        .max(1);
    let mut lines: Vec<Vec<Span>> = vec![Vec::new(); per_column.min(rows)];
    for (n, entry) in entries.into_iter().enumerate() {
        let line = &mut lines[n % per_column.min(rows)];
        if !line.is_empty() {
            line.push(Span::raw(GAP));
        }
        line.push(entry);
    }
    let title = trf(lang, "roles.answered", &[&chosen.len(), &count]);
    // As tall as the people in it: no empty rows in the box on a tall screen.
    let people = Rect {
        height: people
            .height
            .min(u16::try_from(lines.len() + 2).unwrap_or(u16::MAX)),
        ..people
    };
    frame.render_widget(
        Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .block(Block::bordered().title(format!(" {title} "))),
        people,
    );
}

/// How a role's description is fitted to the width.
#[derive(Clone, Copy, PartialEq)]
enum Fit {
    /// On the role's line, shortened with "…" where it must be.
    OneLine,
    /// Wrapped under the role's line.
    Wrap,
}

/// The roles as lines `width` wide, each " N label — description" with its bar and count at
/// the end; and whether a description had to be shortened.
fn role_lines(
    roles: &[crate::domain::RoleOption],
    bars: &[(String, usize)],
    width: usize,
    fit: Fit,
) -> (Vec<Line<'static>>, bool) {
    let text_room = width.saturating_sub(BAR + 5);
    let mut shortened = false;
    let mut lines = Vec::new();
    for (i, (r, (bar, count))) in roles.iter().zip(bars).enumerate() {
        let head = format!(" {} {}", i + 1, r.label);
        let rest = text_room.saturating_sub(head.width() + 3);
        let tail = [
            Span::styled(bar.clone(), theme::accent()),
            Span::raw(format!(" {count}")),
        ];
        if fit == Fit::Wrap && r.description.width() > rest {
            let pad = text_room.saturating_sub(head.width());
            let mut spans = vec![
                Span::styled(head, theme::prompt()),
                Span::raw(" ".repeat(pad + 1)),
            ];
            spans.extend(tail);
            lines.push(Line::from(spans));
            for part in widgets::wrap_words(&r.description, width.saturating_sub(4)) {
                lines.push(Line::styled(format!("    {part}"), theme::dim()));
            }
            continue;
        }
        shortened |= r.description.width() > rest;
        let description = format!(" — {}", truncate(&r.description, rest));
        let pad = text_room.saturating_sub(head.width() + description.width());
        let mut spans = vec![
            Span::styled(head, theme::prompt()),
            Span::styled(description, theme::dim()),
            Span::raw(" ".repeat(pad + 1)),
        ];
        spans.extend(tail);
        lines.push(Line::from(spans));
    }
    (lines, shortened)
}
