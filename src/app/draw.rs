//! Drawing the app: `draw(&App, frame)` never changes state. The screen in front, the
//! status line, the footer of keys, and an overlay above them.

use super::{App, Screen};
use crate::ui::{footer, overlay, theme, widgets};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Below this the layout cannot show a step sensibly.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The screen's body, message lines and footer.
fn regions(area: ratatui::layout::Rect, message: u16, footer: u16) -> [ratatui::layout::Rect; 3] {
    Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(message),
        Constraint::Length(footer),
    ])
    .areas(area)
}

/// The status line takes a second line (a third at most) rather than cut a message off.
fn message_lines(app: &App, width: u16) -> u16 {
    app.message.as_ref().map_or(1, |m| {
        let n = widgets::wrap_words(&m.text, usize::from(width)).len();
        u16::try_from(n.clamp(1, 3)).unwrap_or(1)
    })
}

pub fn draw(app: &App, frame: &mut Frame) {
    draw_screen(app, frame);
    crate::ui::widgets::scrub_hidden(frame.buffer_mut());
}

fn draw_screen(app: &App, frame: &mut Frame) {
    let area = frame.area();
    app.drawn_size.set(area);
    let lang = app.language();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = crate::i18n::trf(
            lang,
            "ui.too_small",
            &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height],
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let shown = app.shown();
    let zone = app.clock.time_zone();
    let keys = footer::Footer::new(app.keys(), app.context(), shown, lang);
    let [body, message, footer] =
        regions(area, message_lines(app, area.width), keys.lines(area.width));
    match &app.screen {
        Screen::Home(home) => {
            crate::screens::home::draw::draw(home, &app.paths, lang, &zone, frame, body)
        }
        Screen::Setup(setup) => crate::screens::setup::draw::draw(setup, &zone, frame, body),
        Screen::Review(review) => crate::screens::review::draw::draw(review, &zone, frame, body),
        Screen::Run(run) => crate::screens::run::draw::draw(
            run,
            app.keys(),
            app.overlay.is_none(),
            app.now(),
            frame,
            body,
        ),
    }
    if let Some(m) = &app.message {
        let style = if m.is_error {
            theme::error()
        } else {
            theme::notice()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(m.text.as_str(), style)).wrap(Wrap { trim: true }),
            message,
        );
    }
    keys.draw(frame, footer);
    match (&app.overlay, app.joined()) {
        (Some(crate::app::Overlay::Join { selected }), Some(joined)) => {
            crate::screens::run::join_panel::panel(joined, *selected, lang, app.now(), frame, body)
        }
        (Some(o), _) => {
            // a text that scrolls leaves its keys in the footer in view
            let over = match o {
                crate::app::Overlay::Info { .. } => ratatui::layout::Rect {
                    height: area.height.saturating_sub(footer.height),
                    ..area
                },
                _ => area,
            };
            overlay::draw(
                o,
                app.keys(),
                app.screen_context(),
                shown,
                lang,
                frame,
                over,
            )
        }
        (None, _) => {}
    }
}
