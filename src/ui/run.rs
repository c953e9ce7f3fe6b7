use super::theme;
use crate::app::{RunState, SaveStatus};
use crate::domain::{Session, Step, StepKind};
use crate::export::{pulse_summary, role_counts};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(run: &RunState, frame: &mut Frame, area: Rect) {
    let session = &run.file.session;
    let [header, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    draw_header(run, frame, header);
    let sidebar_width = if area.width >= 90 { 28 } else { 22 };
    let [agenda, pane] =
        Layout::horizontal([Constraint::Length(sidebar_width), Constraint::Min(1)]).areas(main);
    draw_agenda(session, frame, agenda);
    draw_step(session, session.current_step(), frame, pane);
}

fn draw_header(run: &RunState, frame: &mut Frame, area: Rect) {
    let session = &run.file.session;
    let step = session.current_step();
    let total = session.template.steps.len();
    let budget = u64::from(step.timebox_minutes) * 60;
    let elapsed = run.step_started.elapsed().as_secs();
    let (clock, clock_style) = if elapsed >= budget {
        (
            format!(
                "{}:{:02} over",
                (elapsed - budget) / 60,
                (elapsed - budget) % 60
            ),
            theme::error(),
        )
    } else {
        let left = budget - elapsed;
        let style = if left * 5 <= budget {
            theme::warning()
        } else {
            theme::notice()
        };
        (format!("{}:{:02} left", left / 60, left % 60), style)
    };
    let save = match (&run.save, run.file.read_only()) {
        (_, Some(_)) => Span::styled("read-only", theme::warning()),
        (SaveStatus::Failed(_), _) => Span::styled("NOT SAVED", theme::error()),
        (SaveStatus::Saved(_), _) => Span::styled("saved", theme::notice()),
    };
    let line = Line::from(vec![
        Span::styled(session.title.clone(), theme::title()),
        Span::raw(format!(
            "  ·  step {}/{total}  ·  ",
            session.current_step + 1
        )),
        Span::styled(clock, clock_style),
        Span::raw("  ·  "),
        save,
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_agenda(session: &Session, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = session
        .template
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let (mark, style) = match i.cmp(&session.current_step) {
                std::cmp::Ordering::Less => ("✓", theme::dim()),
                std::cmp::Ordering::Equal => ("▶", theme::selected()),
                std::cmp::Ordering::Greater => (" ", Style::default()),
            };
            Line::styled(format!("{mark} {:>2} {}", i + 1, step.title), style)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Agenda ")),
        area,
    );
}

fn draw_step(session: &Session, step: &Step, frame: &mut Frame, area: Rect) {
    let mut lines = vec![
        Line::styled(step.prompt.clone(), theme::prompt()),
        Line::from(""),
        Line::styled(format!("Hint: {}", step.hint), theme::dim()),
        Line::from(""),
    ];
    lines.extend(results_lines(session, step));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(format!(" {} ", step.title))),
        area,
    );
}

/// What this step has recorded so far.
fn results_lines(session: &Session, step: &Step) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let results = session.results(&step.id);
    match &step.kind {
        StepKind::Script { checklist } | StepKind::Close { checklist } => {
            for (i, item) in checklist.iter().enumerate() {
                let ticked = results.is_some_and(|r| r.checked.contains(&i));
                lines.push(Line::from(format!(
                    "[{}] {item}",
                    if ticked { "x" } else { " " }
                )));
            }
        }
        StepKind::Pulse { .. } => {
            for s in pulse_summary(session, step) {
                let mean = s
                    .mean
                    .map_or("no scores yet".to_string(), |m| format!("{m:.1} / 5"));
                lines.push(Line::from(format!("{}: {mean}", s.label)));
                if !s.low.is_empty() {
                    lines.push(Line::styled(
                        format!("  low: {}", s.low.join(", ")),
                        theme::warning(),
                    ));
                }
            }
        }
        StepKind::Roles { .. } => {
            for r in role_counts(session, step) {
                lines.push(Line::from(format!(
                    "{:<28} {}",
                    r.label,
                    "█".repeat(r.count)
                )));
            }
        }
        StepKind::Question | StepKind::CommonGround => {
            let ideas = results.map(|r| r.ideas.as_slice()).unwrap_or_default();
            lines.push(Line::styled(format!("{} ideas", ideas.len()), theme::dim()));
            for idea in ideas {
                lines.push(Line::from(format!(
                    "• {} — {}",
                    idea.text,
                    session.participant_name(idea.participant)
                )));
            }
        }
        StepKind::Bridge => {
            if !session.goal.is_empty() {
                lines.push(Line::from(format!("Goal: {}", session.goal)));
            }
            for a in results.map(|r| r.actions.as_slice()).unwrap_or_default() {
                lines.push(Line::from(format!("• {} — {} — {}", a.what, a.who, a.when)));
            }
        }
    }
    lines
}
