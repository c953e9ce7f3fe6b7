//! The full-screen loop: terminal setup and restore, one channel of events, signals.
//!
//! Terminal input is read on a thread of its own and, like signals and the encoder worker's
//! results, sent into one channel. The loop waits on that channel, takes in everything that
//! is waiting before it draws the next frame, and ticks twice a second for the timebox.
//!
//! Every committed change is already on disk when it is drawn, so a signal only has to let a
//! save in progress finish, retry a save that failed, restore the terminal and leave; nothing
//! is lost that was entered.

use crate::app::{App, AppEvent, Outcome, Start};
use crate::domain::SystemClock;
use crate::store::SaveGuard;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use std::io::{self, stdout};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How often the screen is redrawn without input, for the timebox countdown.
const TICK: Duration = Duration::from_millis(500);
/// How long a signal waits for a save in progress before leaving anyway.
const SIGNAL_GRACE: Duration = Duration::from_millis(500);
/// How long the signal thread lets the loop leave by itself before it does so for it.
const LOOP_GRACE: Duration = Duration::from_millis(1500);
/// The most events taken in before a frame is drawn, so a storm still shows progress.
const EVENTS_PER_FRAME: usize = 4096;

/// The open session's save guard, as the signal thread sees it.
type Current = Arc<Mutex<Option<SaveGuard>>>;

/// How the program left the full screen.
pub struct Exit {
    /// Printed after the terminal is restored.
    pub message: Option<String>,
    /// The exit status: 0 when everything is saved where it belongs.
    pub status: u8,
    /// The signal that ended it, if one did.
    pub signal: Option<i32>,
}

pub fn run(start: Start) -> io::Result<Exit> {
    let mut app = App::new(start, Box::new(SystemClock));
    let current: Current = Arc::new(Mutex::new(app.save_guard()));
    let (events, inbox) = mpsc::channel();
    // Devices on the local network (when joining is on) reach the app through this channel.
    app.connect(events.clone());
    watch_signals(
        current.clone(),
        events.clone(),
        app.paths.config_dir.clone(),
    )?;
    let mut terminal = ratatui::try_init()?;
    // The encoder loads on its own thread when a session opens; no frame waits for it.
    if let Ok(worker) = crate::workspace::worker::WorkerHandle::spawn(
        AppEvent::worker_outlet(events.clone()),
        crate::store::default_cache_dir(),
    ) {
        app.attach_worker(worker);
    }
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
        ratatui_hook(info);
    }));
    execute!(stdout(), EnableBracketedPaste, EnableMouseCapture)?;
    read_input(events)?;
    let result = event_loop(&mut app, &mut terminal, &current, &inbox);
    if result.is_err() {
        // The terminal failed (it may have hung up): what was being typed and what a failed
        // save left are still written.
        app.keep_draft();
        app.last_save();
    }
    let hung_up = matches!(
        result,
        Ok(Exit {
            signal: Some(signal_hook::consts::SIGHUP),
            ..
        })
    );
    if !hung_up {
        restore();
    }
    result
}

fn event_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    current: &Current,
    inbox: &Receiver<AppEvent>,
) -> io::Result<Exit> {
    loop {
        // A key may have opened another session (or left it).
        *current.lock().unwrap_or_else(PoisonError::into_inner) = app.save_guard();
        if app.take_bell() {
            // The one quiet signal that time is up.
            execute!(stdout(), crossterm::style::Print('\u{7}'))?;
        }
        terminal.draw(|frame| crate::app::draw(app, frame))?;
        match take_in(app, inbox)? {
            Outcome::Continue => {}
            Outcome::Quit { message, status } => {
                return Ok(Exit {
                    message,
                    status,
                    signal: None,
                });
            }
            Outcome::Signalled { signal, message } => {
                return Ok(Exit {
                    message,
                    status: u8::try_from(128 + signal).unwrap_or(255),
                    signal: Some(signal),
                });
            }
        }
    }
}

/// One round of the loop between two frames: waits for an event (a tick after `TICK`; not
/// at all while device requests are still waiting), then takes in everything already there,
/// so no key waits for another one to arrive. Keys go before devices' requests.
pub fn take_in(app: &mut App, inbox: &Receiver<AppEvent>) -> io::Result<Outcome> {
    let wait = if app.join_waiting() {
        Duration::ZERO
    } else {
        TICK
    };
    let first = loop {
        match inbox.recv_timeout(wait) {
            // Devices' ideas written to disk change nothing on screen (they were drawn when
            // they came in): no frame for that alone, unless it has something to say.
            Ok(AppEvent::DeviceSaved(batch)) => {
                if app.device_saved(*batch) || app.join_waiting() {
                    break None;
                }
            }
            Ok(event) => break Some(event),
            Err(RecvTimeoutError::Timeout) if wait.is_zero() => break None,
            Err(RecvTimeoutError::Timeout) => break Some(AppEvent::Tick),
            Err(RecvTimeoutError::Disconnected) => return Err(io::ErrorKind::BrokenPipe.into()),
        }
    };
    let waiting = inbox.try_iter().take(EVENTS_PER_FRAME);
    Ok(app.handle_all(first.into_iter().chain(waiting)))
}

/// Reads terminal input on a thread of its own into the channel, until the program leaves
/// or the terminal goes away.
fn read_input(events: Sender<AppEvent>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            while let Ok(event) = event::read() {
                if events.send(AppEvent::Input(event)).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

/// SIGHUP (terminal closed), SIGTERM and SIGINT are told to the loop, which saves what a
/// failed save left, restores the terminal and leaves. If the loop cannot (it is stuck
/// writing to a terminal that hung up, say), this thread lets a save in progress finish,
/// writes what a failed save left, and exits for it.
fn watch_signals(
    current: Current,
    events: Sender<AppEvent>,
    config_dir: std::path::PathBuf,
) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                if events.send(AppEvent::Signal(signal)).is_ok() {
                    std::thread::sleep(LOOP_GRACE);
                }
                let guard = current
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone();
                // Held until exit, so no save starts while the program leaves.
                let held = guard.as_ref().and_then(|g| g.last_try(SIGNAL_GRACE));
                if signal != SIGHUP {
                    restore();
                }
                // Still not written where it belongs: a rescue copy elsewhere.
                if let Some((path, bytes)) = held.as_deref().and_then(Option::as_ref) {
                    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                    let places = crate::store::rescue_places(&config_dir);
                    match crate::store::write_rescue_bytes(&stem, bytes, &places) {
                        Ok(copy) => eprintln!("Not saved; a rescue copy is at {}", copy.display()),
                        Err(why) => eprintln!("Not saved, and no rescue copy either: {why}"),
                    }
                }
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}
