use super::RunState;
use crate::domain::Progress;
use crate::i18n::{tr, trf};
use crate::ui::{theme, widgets};
use crate::workspace::SaveStatus;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use std::time::Instant;

/// Tall enough for a blank line between the prompt and the step's content.
const ROOMY_FROM_HEIGHT: u16 = 30;
/// Wide enough to show the agenda beside the step.
const AGENDA_FROM_WIDTH: u16 = 100;

/// Where the parts of the run screen go.
struct RunLayout {
    header: Rect,
    /// The "who has joined" line, while joining is on (else empty).
    joined: Rect,
    agenda: Option<Rect>,
    pane: Rect,
    prompt: Rect,
    /// The step's own content, below the prompt.
    body: Rect,
}

fn layout(run: &RunState, area: Rect) -> RunLayout {
    let [header, main, joined] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::from(run.join.is_some())),
    ])
    .areas(area);
    let (agenda, pane) = if area.width >= AGENDA_FROM_WIDTH {
        let [agenda, pane] =
            Layout::horizontal([Constraint::Length(26), Constraint::Min(1)]).areas(main);
        (Some(agenda), pane)
    } else {
        (None, main)
    };
    let inner = Block::bordered().inner(pane);
    let step = run.session().current_step();
    let hint = format!("{} {}", tr(run.session().language(), "run.hint"), step.hint);
    // The prompt and hint in full where they fit in half the pane; the step's own content
    // takes the rest.
    let spacing = u16::from(inner.height >= ROOMY_FROM_HEIGHT);
    let prompt_height = (prompt_height(&step.prompt, &hint, inner.width) + spacing)
        .min(inner.height / 2)
        .max(2);
    let [prompt, body] =
        Layout::vertical([Constraint::Length(prompt_height), Constraint::Min(1)]).areas(inner);
    RunLayout {
        header,
        joined,
        agenda,
        pane,
        prompt,
        body,
    }
}

/// The run screen at monotonic time `now` (for the timebox).
pub fn draw(
    run: &RunState,
    keys: &crate::interact::keymap::Keymap,
    focused: bool,
    now: Instant,
    frame: &mut Frame,
    area: Rect,
) {
    let session = run.session();
    let parts = layout(run, area);
    draw_header(run, now, frame, parts.header);
    if let Some(joined) = &run.join {
        super::join_panel::who_line(joined, session.language(), now, frame, parts.joined);
    }
    // Clicks on the agenda land on what was drawn here.
    run.agenda
        .set(parts.agenda.map(|a| Block::bordered().inner(a)));
    if let Some(agenda) = parts.agenda {
        draw_agenda(run, frame, agenda);
    }
    let step = session.current_step();
    let block = Block::bordered()
        .title(format!(" {} ", step.title))
        .border_style(theme::focus());
    frame.render_widget(block, parts.pane);
    let prompt = vec![
        Line::styled(step.prompt.clone(), theme::prompt()),
        Line::styled(
            format!("{} {}", tr(session.language(), "run.hint"), step.hint),
            theme::dim(),
        ),
    ];
    frame.render_widget(
        Paragraph::new(prompt).wrap(Wrap { trim: true }),
        parts.prompt,
    );
    let look = crate::steps::Look {
        keys,
        focused,
        zone: &run.zone,
    };
    run.step.step().pane(&run.ws, &look, frame, parts.body);
}

/// Lines the prompt and hint take when wrapped at word boundaries to `width`.
fn prompt_height(prompt: &str, hint: &str, width: u16) -> u16 {
    let lines = |t: &str| {
        widgets::wrap_words(t, usize::from(width.max(1)))
            .len()
            .max(1)
    };
    u16::try_from(lines(prompt) + lines(hint)).unwrap_or(u16::MAX)
}

/// Title · step · time · saved. The title gives way first: the step, the time left and
/// whether everything is saved always show.
fn draw_header(run: &RunState, now: Instant, frame: &mut Frame, area: Rect) {
    let session = run.session();
    let lang = session.language();
    let total = session.template().steps.len();
    let budget = run.timebox.budget().as_secs();
    let elapsed = run.in_step(now).as_secs();
    let minutes = |s: u64| format!("{}:{:02}", s / 60, s % 60);
    let (mut clock, clock_style) = if elapsed >= budget {
        let over = minutes(elapsed - budget);
        (trf(lang, "run.over", &[&over]), theme::error())
    } else {
        let left = budget - elapsed;
        let style = if left * 5 <= budget {
            theme::warning()
        } else {
            theme::notice()
        };
        (trf(lang, "run.left", &[&minutes(left)]), style)
    };
    if run.timebox.is_paused() {
        clock = format!("{clock} ({})", tr(lang, "run.paused"));
    }
    let save = match (run.save_status(), run.file().read_only()) {
        (_, Some(_)) => Span::styled(tr(lang, "run.read_only"), theme::warning()),
        (SaveStatus::Failed(_), _) => Span::styled(tr(lang, "run.not_saved"), theme::error()),
        (SaveStatus::Saved, _) => Span::styled(tr(lang, "run.saved"), theme::notice()),
    };
    let step = trf(
        lang,
        "run.step_of",
        &[&(session.current_step_index() + 1), &total],
    );
    let rest = vec![
        Span::raw(format!("  ·  {step}  ·  ")),
        Span::styled(clock, clock_style),
        Span::raw("  ·  "),
        save,
    ];
    let rest_width: usize = rest.iter().map(|s| s.width()).sum();
    let room = usize::from(area.width).saturating_sub(rest_width);
    let mut spans = vec![Span::styled(
        widgets::shorten_middle(session.title(), room),
        theme::title(),
    )];
    spans.extend(rest);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_agenda(run: &RunState, frame: &mut Frame, area: Rect) {
    let session = run.session();
    let inside = usize::from(area.height.saturating_sub(2));
    // Titles wrap under themselves when every step still fits; else one line each.
    let room = usize::from(area.width.saturating_sub(2 + 5)).max(1);
    let wrapped: Vec<Vec<String>> = session
        .template()
        .steps
        .iter()
        .map(|step| widgets::wrap_words(&step.title, room))
        .collect();
    let wrap = wrapped.iter().map(Vec::len).sum::<usize>() <= inside;
    let mut steps = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    for (i, step) in session.template().steps.iter().enumerate() {
        // ✓ done, ◐ partly, · passed with nothing in it; the open step is ▶.
        let passed = i < session.current_step_index();
        let (mark, style) = match session.progress(step) {
            _ if i == session.current_step_index() => ("▶", theme::selected()),
            Progress::Done => ("✓", theme::dim()),
            Progress::Partly => ("◐", Style::default()),
            Progress::NotDone if passed => ("·", theme::dim()),
            Progress::NotDone => (" ", Style::default()),
        };
        let parts = if wrap {
            wrapped[i].clone()
        } else {
            vec![step.title.clone()]
        };
        for (n, part) in parts.into_iter().enumerate() {
            let text = if n == 0 {
                format!("{mark}{:>3} {part}", i + 1)
            } else {
                format!("     {part}")
            };
            lines.push(Line::styled(text, style));
            steps.push(i);
        }
    }
    *run.agenda_steps.borrow_mut() = steps;
    // What the marks mean, at the foot of the agenda when there is room for it.
    if inside >= lines.len() + 2 {
        lines.resize(inside - 1, Line::raw(""));
        lines.push(Line::styled(
            tr(session.language(), "run.agenda_legend"),
            theme::dim(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" {} ", tr(session.language(), "run.agenda")))),
        area,
    );
}
