//! Close: the summary, where the file is, export, the follow-up date and the checklist.

use crate::domain::StepKind;
use crate::i18n::{tr, trf};
use crate::steps::close::CloseState;
use crate::steps::script::pane as script;
use crate::ui::{theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(
    ws: &Workspace,
    close: &CloseState,
    (list, zone): (&[String], &jiff::tz::TimeZone),
    frame: &mut Frame,
    area: Rect,
) {
    let session = ws.session();
    let lang = session.language();
    let [summary, checks] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
    let mut lines = Vec::new();
    // Finished: said first, so `f` shows at once what it did.
    if let Some(at) = session.finished() {
        let when = at
            .to_zoned(zone.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string();
        lines.push(Line::styled(
            trf(lang, "close.finished_at", &[&when]),
            theme::notice(),
        ));
        lines.push(Line::raw(""));
    }
    lines.push(widgets::fact(
        tr(lang, "close.participants"),
        session.participants().len().to_string(),
    ));
    for step in session
        .template()
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Question)
    {
        let r = session.results(&step.id);
        let ideas = r.map_or(0, |r| r.ideas.len());
        let groups = r.map_or(0, |r| r.groups.len());
        lines.push(widgets::fact(
            &step.title,
            trf(lang, "close.ideas_groups", &[&ideas, &groups]),
        ));
    }
    let denominators = session.denominator_labels();
    lines.push(widgets::fact(
        tr(lang, "close.denominators"),
        if denominators.is_empty() {
            "–".into()
        } else {
            denominators.join(", ")
        },
    ));
    let actions: Vec<_> = session
        .all_results()
        .values()
        .flat_map(|r| &r.actions)
        .collect();
    lines.push(widgets::fact(
        tr(lang, "close.actions"),
        actions.len().to_string(),
    ));
    // Each action with who and when; a missing owner or date stands out before people leave.
    for action in actions {
        let part = |text: &str, missing: &'static str| {
            if text.trim().is_empty() {
                Span::styled(format!("⚠ {}", tr(lang, missing)), theme::warning())
            } else {
                Span::raw(text.to_string())
            }
        };
        // What, wrapped under its bullet; who and when after it.
        lines.extend(widgets::wrapped_row(
            vec![Span::raw("  • ")],
            &action.what,
            ratatui::style::Style::default(),
            vec![
                Span::raw(" · "),
                part(&action.who, "close.no_owner"),
                Span::raw(" · "),
                part(&action.when, "close.no_date"),
            ],
            usize::from(summary.width.saturating_sub(2)),
        ));
    }
    for step in session
        .template()
        .steps
        .iter()
        .filter(|s| matches!(s.kind, StepKind::Pulse { .. }))
        .filter(|s| crate::steps::pulse::revealed(session, s))
    {
        for s in crate::domain::pulse_summary(session, step) {
            if let Some(m) = s.mean {
                lines.push(widgets::fact(
                    &s.label,
                    format!("{} / 5", lang.decimal(m, 1)),
                ));
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(widgets::fact(
        tr(lang, "close.file"),
        ws.file().path.display().to_string(),
    ));
    let follow_up = session.follow_up().map_or_else(
        || tr(lang, "close.no_follow_up").to_string(),
        |d| d.to_string(),
    );
    lines.push(widgets::fact(tr(lang, "close.follow_up"), follow_up));
    // Scrolls (Tab, then ↑↓) when it is longer than its box; the edge says there is more.
    let inner = Block::bordered().inner(summary);
    let height = widgets::wrapped_height(&lines, usize::from(inner.width));
    let end = u16::try_from(height.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    close.summary_end.set(end);
    let scroll = close.summary_scroll.get().min(end);
    let mut block = Block::bordered().title(format!(" {} ", tr(lang, "close.summary")));
    if close.summary_focused {
        block = block.border_style(theme::focus());
    }
    if scroll < end {
        block = block.title_bottom(Line::styled(
            format!(" {} ", tr(lang, "close.more_below")),
            theme::notice(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block),
        summary,
    );
    script::draw(ws, &close.checklist, list, frame, checks);
}
