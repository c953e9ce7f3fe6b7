//! The top of the room view: the step's title, and below it the prompt beside the time left,
//! both in large type when the window has room for it (normal type when it has not).

use super::big::{self, Big};
use crate::domain::{Language, Session, StepKind};
use crate::i18n::{tr, trf};
use crate::present::{PresentState, Timer};
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::time::Instant;
use unicode_width::UnicodeWidthStr;

/// The clock as it reads: `12:34`, or `+1:05` over time.
pub fn clock_text(left: i64) -> String {
    let s = left.unsigned_abs();
    let sign = if left < 0 { "+" } else { "" };
    format!("{sign}{}:{:02}", s / 60, s % 60)
}

fn clock_style(session: &Session, left: i64) -> Style {
    let budget = i64::from(session.current_step().timebox_minutes) * 60;
    if left < 0 {
        theme::error()
    } else if left * 5 <= budget {
        theme::warning()
    } else {
        theme::notice()
    }
}

fn clock_label(lang: Language, timer: Timer, left: i64) -> &'static str {
    match timer {
        Timer::Paused(_) => tr(lang, "present.paused"),
        _ if left < 0 => tr(lang, "present.over"),
        _ => tr(lang, "present.time_left"),
    }
}

/// Draws the title and the band of prompt and clock; returns what is left for the body.
pub fn draw(state: &PresentState, frame: &mut Frame, area: Rect, now: Instant) -> Rect {
    let session = &state.session;
    let lang = session.language();
    let step = session.current_step();
    let clock = state.timer.map(|t| (t, t.left(now)));
    // The clock in large type takes at most a quarter of the width and of the height.
    let big_clock = clock.and_then(|(_, left)| {
        big::fit(
            &clock_text(left),
            area.width / 4,
            (area.height / 4).saturating_sub(1),
        )
    });
    let clock_width = big_clock.as_ref().zip(clock).map_or(0, |(b, (t, left))| {
        let label = u16::try_from(clock_label(lang, t, left).width()).unwrap_or(u16::MAX);
        b.width.max(label) + 2
    });
    let [title, _, band, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(band_height(state, area, clock_width, big_clock.as_ref())),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    // What matters most comes first, so a narrow window cuts the title, not the clock.
    let mut spans = Vec::new();
    if state.closed {
        spans.push(Span::styled(
            format!("{} — ", tr(lang, "present.closed")),
            theme::warning(),
        ));
    }
    if let (Some((timer, left)), None) = (clock, &big_clock) {
        spans.push(Span::styled(
            format!("{} {}  ", clock_text(left), clock_label(lang, timer, left)),
            clock_style(session, left),
        ));
    }
    spans.push(Span::styled(
        step.title.clone(),
        theme::title().add_modifier(Modifier::BOLD),
    ));
    let shown = session
        .current_step_index()
        .min(session.template().steps.len())
        + 1;
    let of = trf(
        lang,
        "present.step_of",
        &[&shown, &session.template().steps.len()],
    );
    spans.push(Span::styled(format!("  {of}"), theme::dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), title);

    let [prompt, clock_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(clock_width)]).areas(band);
    let [_, clock_area] =
        Layout::horizontal([Constraint::Length(2), Constraint::Min(0)]).areas(clock_area);
    draw_prompt(state, frame, prompt);
    if let (Some(b), Some((timer, left))) = (&big_clock, clock) {
        let [digits, label] =
            Layout::vertical([Constraint::Length(b.height), Constraint::Length(1)])
                .areas(clock_area);
        big::draw(b, clock_style(session, left), frame, digits);
        frame.render_widget(
            Paragraph::new(clock_label(lang, timer, left)).style(theme::dim()),
            label,
        );
    }
    body
}

/// Prose longer than this stays in normal type: a paragraph of block letters is a wall.
const BIG_AT_MOST: usize = 200;

fn big_prompt(prompt: &str, width: u16, height: u16) -> Option<Big> {
    (prompt.chars().count() <= BIG_AT_MOST)
        .then(|| big::fit(prompt, width, height))
        .flatten()
}

/// The prompt is the main text of a script or a close step: it may take the whole screen.
/// Elsewhere it heads what the room sees and takes a third at most (half in normal type).
fn prompt_room(state: &PresentState, area: Rect) -> (u16, u16) {
    let main = matches!(
        state.session.current_step().kind,
        StepKind::Script { .. } | StepKind::Close { .. }
    );
    let rest = area.height.saturating_sub(4);
    if main {
        (rest, rest)
    } else {
        (area.height / 3, rest / 2)
    }
}

fn band_height(state: &PresentState, area: Rect, clock_width: u16, clock: Option<&Big>) -> u16 {
    let prompt = &state.session.current_step().prompt;
    let (big_room, small_room) = prompt_room(state, area);
    let width = area.width.saturating_sub(clock_width);
    let prompt_height = match big_prompt(prompt, width, big_room) {
        Some(b) => b.height,
        None => small_height(prompt, width).min(small_room),
    };
    prompt_height.max(clock.map_or(0, |b| b.height + 1))
}

fn draw_prompt(state: &PresentState, frame: &mut Frame, area: Rect) {
    let prompt = &state.session.current_step().prompt;
    let style = theme::prompt().add_modifier(Modifier::BOLD);
    match big_prompt(prompt, area.width, area.height) {
        Some(b) => big::draw(&b, style, frame, area),
        None => frame.render_widget(
            Paragraph::new(prompt.as_str())
                .style(style)
                .wrap(Wrap { trim: true }),
            area,
        ),
    }
}

/// Lines the text takes in normal type, words wrapped at `width`.
pub(super) fn small_height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let rows_of = |line: &str| {
        let (mut rows, mut used) = (0, 0);
        for w in line.split_whitespace().map(UnicodeWidthStr::width) {
            if used > 0 && used + 1 + w <= width {
                used += 1 + w;
                continue;
            }
            if used > 0 {
                rows += 1;
            }
            // A word longer than the line runs on over more rows.
            rows += w.saturating_sub(1) / width;
            used = w - w.saturating_sub(1) / width * width;
        }
        rows + 1
    };
    u16::try_from(text.lines().map(rows_of).sum::<usize>()).unwrap_or(u16::MAX)
}
