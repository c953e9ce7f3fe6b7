//! Drawing: `draw(&App, frame)` never changes state.

mod footer;
mod help;
mod home;
mod run;
pub mod theme;

use crate::app::{App, Screen};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Below this the layout cannot show a step sensibly.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let [body, message, footer] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match &app.screen {
        Screen::Home(home) => home::draw(home, &app.paths, frame, body),
        Screen::Run(run) => run::draw(run, frame, body),
    }
    if let Some((text, is_error)) = &app.message {
        let style = if *is_error {
            theme::error()
        } else {
            theme::notice()
        };
        frame.render_widget(Paragraph::new(Line::styled(text.as_str(), style)), message);
    }
    footer::draw(app.context(), frame, footer);
    if app.help_open {
        help::draw(app.context_behind_help(), frame, area);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Please enlarge the window (at least {MIN_WIDTH}×{MIN_HEIGHT}, now {}×{}). Ctrl-C quits.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}
