//! The facilitator's full-screen program: terminal setup and restore, signals, and what it
//! does in the loop both programs share (`event_loop`): keys, the encoder worker's results
//! and devices' requests arrive in one channel; it ticks twice a second for the timebox.
//!
//! Every committed change is already on disk when it is drawn, so a signal only has to let a
//! save in progress finish, retry a save that failed, restore the terminal and leave; nothing
//! is lost that was entered.

use crate::app::{App, AppEvent, Outcome, Start};
use crate::domain::SystemClock;
use crate::event_loop::{self, Flow, Program};
use crate::store::SaveGuard;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use std::io::{self, stdout};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How often the screen is redrawn without input, for the timebox countdown.
const TICK: Duration = Duration::from_millis(500);
/// How long a signal waits for a save in progress before leaving anyway.
const SIGNAL_GRACE: Duration = Duration::from_millis(500);
/// How long the signal thread lets the loop leave by itself before it does so for it.
const LOOP_GRACE: Duration = Duration::from_millis(1500);

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
    let (events, inbox) = mpsc::channel();
    // Devices on the local network (when joining is on) reach the app through this channel.
    app.connect(events.clone());
    // The encoder loads on its own thread when a session opens; no frame waits for it.
    if let Ok(worker) = crate::workspace::worker::WorkerHandle::spawn(
        AppEvent::worker_outlet(events.clone()),
        crate::store::default_cache_dir(),
    ) {
        app.attach_worker(worker);
    }
    let config_dir = app.paths.config_dir.clone();
    let mut program = Facilitator::new(&mut app);
    watch_signals(program.current.clone(), events.clone(), config_dir)?;
    let mut terminal = ratatui::try_init()?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
        ratatui_hook(info);
    }));
    execute!(stdout(), EnableBracketedPaste, EnableMouseCapture)?;
    event_loop::read_input(events, AppEvent::Input, None)?;
    let result = event_loop::run(&mut terminal, &mut program, &inbox);
    if result.is_err() {
        // The terminal failed (it may have hung up): what was being typed and what a failed
        // save left are still written.
        app.keep_draft();
        app.last_save();
    }
    let hung_up = matches!(
        result,
        Ok(Exit {
            signal: Some(crate::platform::signals::HANGUP),
            ..
        })
    );
    if !hung_up {
        restore();
    }
    result
}

/// The facilitator's program as the loop sees it: the app, and the save guard of the session
/// it has open, kept where the signal thread can reach it.
pub struct Facilitator<'a> {
    pub app: &'a mut App,
    current: Current,
}

impl<'a> Facilitator<'a> {
    pub fn new(app: &'a mut App) -> Self {
        let current = Arc::new(Mutex::new(app.save_guard()));
        Facilitator { app, current }
    }
}

impl Program for Facilitator<'_> {
    type Event = AppEvent;
    type Exit = Exit;

    /// A tick after `TICK` for the timebox; no wait at all while device requests are waiting.
    fn wait(&self) -> Duration {
        if self.app.join_waiting() {
            Duration::ZERO
        } else {
            TICK
        }
    }

    /// Keys go before devices' requests. Devices' ideas written to disk change nothing on
    /// screen (they were drawn when they came in): no frame for that alone, unless it has
    /// something to say.
    fn take(&mut self, mut events: Vec<AppEvent>) -> Flow<Exit> {
        if events.is_empty() && !self.app.join_waiting() {
            events.push(AppEvent::Tick);
        }
        let mut told = events.is_empty();
        let mut rest = Vec::with_capacity(events.len());
        for event in events {
            match event {
                AppEvent::DeviceSaved(batch) => told |= self.app.device_saved(*batch),
                event => rest.push(event),
            }
        }
        if rest.is_empty() && !told && !self.app.join_waiting() {
            return Flow::Quiet;
        }
        match self.app.handle_all(rest) {
            Outcome::Continue => Flow::Redraw,
            Outcome::Quit { message, status } => Flow::Leave(Exit {
                message,
                status,
                signal: None,
            }),
            Outcome::Signalled { signal, message } => Flow::Leave(Exit {
                message,
                status: u8::try_from(128 + signal).unwrap_or(255),
                signal: Some(signal),
            }),
        }
    }

    fn before_frame(&mut self) -> io::Result<()> {
        // A key may have opened another session (or left it).
        *self.current.lock().unwrap_or_else(PoisonError::into_inner) = self.app.save_guard();
        if self.app.take_bell() {
            // The one quiet signal that time is up.
            execute!(stdout(), crossterm::style::Print('\u{7}'))?;
        }
        Ok(())
    }

    fn draw(&mut self, frame: &mut ratatui::Frame) {
        crate::app::draw(self.app, frame);
    }
}

fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

/// A closed terminal, Ctrl-C and a request to end are told to the loop, which saves what a
/// failed save left, restores the terminal and leaves. If the loop cannot (it is stuck
/// writing to a terminal that hung up, say), the signal thread lets a save in progress finish,
/// writes what a failed save left, and exits for it.
fn watch_signals(
    current: Current,
    events: Sender<AppEvent>,
    config_dir: std::path::PathBuf,
) -> io::Result<()> {
    event_loop::watch_signals(events, AppEvent::Signal, move |signal, told| {
        if told {
            std::thread::sleep(LOOP_GRACE);
        }
        let guard = current
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        // Held until exit, so no save starts while the program leaves.
        let held = guard.as_ref().and_then(|g| g.last_try(SIGNAL_GRACE));
        if signal != crate::platform::signals::HANGUP {
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
    })
}
