//! Drawing the room view: pure, `draw(&state, frame, now)`. No key hints, no facilitator
//! hints, no names unless `--names`; headings and prompts stand out, idea texts wrap in full.

mod band;
mod big;
pub mod chooser;

use crate::app::steps::board::{current_group, ranked_groups};
use crate::domain::{Session, Step, StepKind};
use crate::i18n::{tr, trf};
use crate::present::{NEW_FOR, PresentState};
use crate::ui::theme;
use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::time::Instant;

pub use band::clock_text;

mod join;

pub fn draw(state: &PresentState, frame: &mut Frame, now: Instant) {
    let area = frame.area();
    if area.width < 4 || area.height < 2 {
        return;
    }
    let body = band::draw(state, frame, area, now);
    let session = &state.session;
    let step = session.current_step();
    // While joining is on, the link and its QR code stand beside the step.
    let body = join::beside(state.join_link.as_deref(), session.language, frame, body);
    let lines = match &step.kind {
        StepKind::Script { .. } | StepKind::Close { .. } => Vec::new(),
        StepKind::Pulse { items, .. } => pulse(session, step, items, body.width),
        StepKind::Roles { roles } => roles_lines(session, step, roles, body.width),
        StepKind::Question => question(state, step, now),
        StepKind::CommonGround => board(session, step, state.selected),
        StepKind::Bridge => bridge(session),
        StepKind::LastTime => last_time(session, step),
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}

fn bar(fraction: f64, width: u16) -> String {
    let cells = (f64::from(width) * fraction.clamp(0.0, 1.0)).round() as usize;
    "█".repeat(cells)
}

fn pulse(
    session: &Session,
    step: &Step,
    items: &[crate::domain::PulseItem],
    width: u16,
) -> Vec<Line<'static>> {
    let lang = session.language;
    let mut lines = Vec::new();
    let scores = session.results(&step.id).map(|r| &r.pulse);
    let bar_width = width.saturating_sub(24).max(5);
    for item in items {
        let given: Vec<u8> = scores
            .into_iter()
            .flat_map(|p| p.values())
            .filter_map(|by_item| by_item.get(&item.id).copied())
            .collect();
        lines.push(Line::styled(item.label.clone(), theme::accent()));
        if given.is_empty() {
            lines.push(Line::styled(tr(lang, "present.no_answers"), theme::dim()));
        } else {
            let avg = given.iter().map(|&s| f64::from(s)).sum::<f64>() / given.len() as f64;
            lines.push(Line::from(vec![
                Span::raw(bar(avg / 5.0, bar_width)),
                Span::raw(format!(
                    " {}  {}",
                    lang.decimal(avg, 1),
                    trf(lang, "present.answered", &[&given.len()])
                )),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines
}

fn roles_lines(
    session: &Session,
    step: &Step,
    roles: &[crate::domain::RoleOption],
    width: u16,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let chosen = session.results(&step.id).map(|r| &r.roles);
    let total = chosen.map_or(0, |c| c.len()).max(1);
    let bar_width = width.saturating_sub(10).max(5);
    for role in roles {
        let n = chosen.map_or(0, |c| c.values().filter(|r| **r == role.id).count());
        lines.push(Line::styled(role.label.clone(), theme::accent()));
        lines.push(Line::raw(format!(
            "{} {n}",
            bar(n as f64 / total as f64, bar_width)
        )));
    }
    lines
}

fn question(state: &PresentState, step: &Step, now: Instant) -> Vec<Line<'static>> {
    let session = &state.session;
    let lang = session.language;
    let mut lines = Vec::new();
    let Some(results) = session.results(&step.id).filter(|r| !r.ideas.is_empty()) else {
        lines.push(Line::styled(tr(lang, "present.no_ideas"), theme::dim()));
        return lines;
    };
    let text_of = |id: crate::domain::IdeaId| results.ideas.iter().find(|i| i.id == id);
    let mut placed = std::collections::HashSet::new();
    let mut groups: Vec<_> = results.groups.iter().collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.ideas.len()));
    for g in groups {
        lines.push(Line::styled(
            format!("{} ({})", g.label, g.ideas.len()),
            theme::accent().add_modifier(Modifier::BOLD),
        ));
        for id in &g.ideas {
            if let Some(idea) = text_of(*id) {
                placed.insert(idea.id);
                lines.push(idea_line(state, idea, now));
            }
        }
    }
    for idea in results.ideas.iter().filter(|i| !placed.contains(&i.id)) {
        lines.push(idea_line(state, idea, now));
    }
    lines
}

fn idea_line(state: &PresentState, idea: &crate::domain::Idea, now: Instant) -> Line<'static> {
    let fresh = state
        .seen
        .get(&idea.id)
        .is_some_and(|t| now.saturating_duration_since(*t) < NEW_FOR);
    let style = if fresh {
        theme::focus().add_modifier(Modifier::BOLD)
    } else {
        Style::default()
    };
    let mut text = format!("  • {}", idea.text);
    if state.names {
        text.push_str(&format!(
            " — {}",
            crate::i18n::author(&state.session, idea.participant)
        ));
    }
    Line::styled(text, style)
}

fn board(
    session: &Session,
    step: &Step,
    selected: Option<crate::domain::GroupId>,
) -> Vec<Line<'static>> {
    let lang = session.language;
    let mut lines = Vec::new();
    let index = session.idea_index();
    let ranked = ranked_groups(session, &step.id, &index);
    if ranked.is_empty() {
        lines.push(Line::styled(tr(lang, "present.no_ideas"), theme::dim()));
    }
    let results = session.results(&step.id);
    let people = session.participants.len();
    let votes = session.vote_totals(&step.id);
    for (g, n) in ranked {
        let dots = votes.get(&g.id).copied().unwrap_or(0);
        let star = results.is_some_and(|r| r.denominators.iter().any(|d| d.group == g.id));
        let label =
            current_group(session, &step.id, g.id).map_or(g.label.clone(), |g| g.label.clone());
        lines.push(Line::from(vec![
            Span::styled(
                if selected == Some(g.id) { "▶ " } else { "  " },
                theme::focus(),
            ),
            Span::raw(if star { "★ " } else { "  " }),
            Span::styled(label, theme::accent().add_modifier(Modifier::BOLD)),
            Span::styled(
                format!("  {}", trf(lang, "board.shared_by", &[&n, &people])),
                theme::dim(),
            ),
            Span::styled(crate::ui::widgets::dots_text(lang, dots), theme::notice()),
        ]));
    }
    lines
}

fn last_time(session: &Session, step: &Step) -> Vec<Line<'static>> {
    let lang = session.language;
    // The prompt stands above, in the band.
    let mut lines = Vec::new();
    let Some(earlier) = &session.follows else {
        return lines;
    };
    let outcomes = session.results(&step.id).map(|r| &r.outcomes);
    for a in &earlier.actions {
        let status = outcomes.and_then(|o| o.get(&a.id)).and_then(|o| o.status);
        let mark = status.map_or("·", |s| s.symbol());
        let said = status.map_or(String::new(), |s| format!("  {}", tr(lang, s.key())));
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), theme::accent()),
            Span::raw(format!("{} — {} — {}", a.what, a.who, a.when)),
            Span::styled(said, theme::dim()),
        ]));
    }
    lines
}

fn bridge(session: &Session) -> Vec<Line<'static>> {
    let lang = session.language;
    let heading = |key| Line::styled(tr(lang, key), theme::accent().add_modifier(Modifier::BOLD));
    let mut lines = vec![heading("bridge.goal")];
    lines.push(Line::raw(session.goal.clone()));
    lines.push(Line::raw(""));
    lines.push(heading("bridge.denominators"));
    for s in session
        .template
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::CommonGround)
    {
        for d in session.results(&s.id).iter().flat_map(|r| &r.denominators) {
            lines.push(Line::raw(format!("★ {}", d.label)));
        }
    }
    lines.push(Line::raw(""));
    lines.push(heading("present.actions"));
    for s in &session.template.steps {
        for a in session.results(&s.id).iter().flat_map(|r| &r.actions) {
            lines.push(Line::raw(format!("• {} — {} — {}", a.what, a.who, a.when)));
        }
    }
    lines
}

/// Renders to text at a size (snapshots, and the too-small and too-large checks).
pub fn render_to_string(state: &PresentState, width: u16, height: u16, now: Instant) -> String {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|f| draw(state, f, now))
        .expect("drawing into memory");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
