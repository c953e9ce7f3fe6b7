//! The full-screen loop: terminal setup and restore, events, signals.
//!
//! Every committed change is already on disk when it is drawn, so a signal only has to let a
//! save in progress finish, retry a save that failed, restore the terminal and leave; nothing
//! is lost that was entered.

use crate::app::{App, Outcome, Start};
use crate::domain::SystemClock;
use crate::store::SaveGuard;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use crossterm::execute;
use std::io::{self, stdout};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How often the screen is redrawn without input, for the timebox countdown.
const TICK: Duration = Duration::from_millis(500);
/// How long a signal waits for a save in progress before leaving anyway.
const SIGNAL_GRACE: Duration = Duration::from_millis(500);

/// The open session's save guard, as the signal thread sees it.
type Current = Arc<Mutex<Option<SaveGuard>>>;

pub fn run(start: Start) -> io::Result<Option<String>> {
    let mut app = App::new(start, Box::new(SystemClock));
    let current: Current = Arc::new(Mutex::new(app.save_guard()));
    watch_signals(current.clone())?;
    let mut terminal = ratatui::try_init()?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
        ratatui_hook(info);
    }));
    execute!(stdout(), EnableBracketedPaste, EnableMouseCapture)?;
    let result = event_loop(&mut app, &mut terminal, &current);
    restore();
    result
}

fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    current: &Current,
) -> io::Result<Option<String>> {
    loop {
        // A key may have opened another session (or left it).
        *current.lock().unwrap_or_else(PoisonError::into_inner) = app.save_guard();
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

/// SIGHUP (terminal closed), SIGTERM and SIGINT: let a save in progress finish, write what a
/// failed save left (as Ctrl-C would), restore the terminal and exit. Handled on a thread of
/// its own, because the event loop is not told when its terminal hangs up (crossterm keeps
/// reading the closed terminal), so it cannot be asked to do any of this.
fn watch_signals(current: Current) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let guard = current
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone();
                // Held until exit, so no save starts while the program leaves.
                let _held = guard.as_ref().and_then(|g| g.last_try(SIGNAL_GRACE));
                if signal != SIGHUP {
                    restore();
                }
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}
