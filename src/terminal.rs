//! The full-screen loop: terminal setup and restore, events, signals.
//!
//! Every committed change is already on disk when it is drawn, so a signal only has to
//! restore the terminal and leave; nothing is lost that was entered.

use crate::app::{App, Outcome, Start};
use crate::domain::SystemClock;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use crossterm::execute;
use std::io::{self, stdout};
use std::time::Duration;

/// How often the screen is redrawn without input, for the timebox countdown.
const TICK: Duration = Duration::from_millis(500);

pub fn run(start: Start) -> io::Result<Option<String>> {
    let mut app = App::new(start, Box::new(SystemClock));
    watch_signals()?;
    let mut terminal = ratatui::try_init()?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
        ratatui_hook(info);
    }));
    execute!(stdout(), EnableBracketedPaste, EnableMouseCapture)?;
    let result = event_loop(&mut app, &mut terminal);
    restore();
    result
}

fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
) -> io::Result<Option<String>> {
    loop {
        terminal.draw(|frame| crate::ui::draw(app, frame))?;
        if !event::poll(TICK)? {
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if let Outcome::Quit(message) = app.handle_key(key) {
                    return Ok(message);
                }
            }
            Event::Paste(text) => app.paste(&text),
            Event::Mouse(mouse) => {
                let size = terminal.size()?;
                on_mouse(
                    app,
                    mouse,
                    ratatui::layout::Rect::new(0, 0, size.width, size.height),
                );
            }
            _ => {}
        }
    }
}

/// Clicks select rows and agenda steps; the wheel moves the selection.
fn on_mouse(app: &mut App, mouse: MouseEvent, size: ratatui::layout::Rect) {
    use crate::app::{Action, Context};
    use crate::ui::hit::{Hit, hit};
    let scrolls = matches!(
        app.context(),
        Context::Home | Context::Question | Context::Board | Context::Bridge
    );
    match mouse.kind {
        MouseEventKind::ScrollDown if scrolls => {
            app.update(Action::Down);
        }
        MouseEventKind::ScrollUp if scrolls => {
            app.update(Action::Up);
        }
        MouseEventKind::Down(MouseButton::Left) => match hit(app, size, mouse.column, mouse.row) {
            Some(Hit::Row(row)) => app.select_row(row),
            Some(Hit::Step(step)) => app.jump_to_step(step),
            None => {}
        },
        _ => {}
    }
}

fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

/// SIGHUP (terminal closed), SIGTERM and SIGINT: restore the terminal and exit. Handled on a
/// thread of its own, because the event loop is not told when its terminal hangs up.
fn watch_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                if signal != SIGHUP {
                    restore();
                }
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}
