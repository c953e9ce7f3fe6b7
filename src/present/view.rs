//! The room view's loop: one channel carries key presses (read on a thread of their own),
//! file notifications and signals, so an idle view sleeps until something happens, the
//! clock's next second, or the slow look that catches what notifications missed.

use super::chooser::{Chooser, Chosen, open_or_list};
use super::watch::Watcher;
use super::{PresentError, PresentState};
use crate::domain::{Clock, SystemClock};
use crate::interact::{Action, Context, Keymap};
use crate::store::Paths;
use crossterm::event::{Event, KeyEventKind};
use ratatui::DefaultTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Instant;

enum Wake {
    Input(Event),
    /// The terminal is gone, or a signal asks the view to end.
    End,
    /// The session, its lock or its room sidecar changed.
    File,
}

/// Shows one session until q, Esc or Ctrl-C; `keys` are the built-in keys with the user's.
pub fn run(path: &Path, names: bool, keys: &Keymap) -> Result<(), PresentError> {
    let state = PresentState::open(path, names, &SystemClock)?;
    with_terminal(|terminal, tx, rx| follow(terminal, tx, rx, state, keys))
}

/// No session named: the one open for writing right now, else a chooser.
pub fn run_chosen(paths: &Paths, names: bool, keys: &Keymap) -> Result<(), PresentError> {
    let sessions_dir = &paths.sessions_dir();
    let listings = crate::store::list_sessions(sessions_dir)?;
    let open_now = crate::store::open_now::read(&paths.data_dir);
    let chooser = match open_or_list(listings, open_now, SystemClock.now()) {
        Ok(open) => return run(&open, names, keys),
        Err(chooser) if chooser.sessions.is_empty() => {
            return Err(PresentError::NoSessions(sessions_dir.to_path_buf()));
        }
        Err(chooser) => chooser,
    };
    with_terminal(
        |terminal, tx, rx| match choose(terminal, &rx, chooser, keys)? {
            Some(path) => {
                let state = PresentState::open(&path, names, &SystemClock)?;
                follow(terminal, tx, rx, state, keys)
            }
            None => Ok(()),
        },
    )
}

fn with_terminal(
    body: impl FnOnce(&mut DefaultTerminal, Sender<Wake>, Receiver<Wake>) -> Result<(), PresentError>,
) -> Result<(), PresentError> {
    let (tx, rx) = channel();
    let mut terminal = ratatui::init();
    spawn_input(tx.clone());
    spawn_signals(tx.clone());
    let result = body(&mut terminal, tx, rx);
    ratatui::restore();
    result
}

fn spawn_input(tx: Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            let wake = crossterm::event::read().map_or(Wake::End, Wake::Input);
            let end = matches!(wake, Wake::End);
            if tx.send(wake).is_err() || end {
                return;
            }
        }
    });
}

/// A closed terminal (SIGHUP) or SIGTERM ends the view with the terminal restored; there is
/// nothing to save.
fn spawn_signals(tx: Sender<Wake>) {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM]) {
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Wake::End);
            }
        });
    }
}

fn action(event: &Event, keys: &Keymap) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => keys.resolve(Context::Present, *k),
        _ => None,
    }
}

fn choose(
    terminal: &mut DefaultTerminal,
    rx: &Receiver<Wake>,
    mut chooser: Chooser,
    keys: &Keymap,
) -> Result<Option<PathBuf>, PresentError> {
    let zone = SystemClock.time_zone();
    loop {
        terminal.draw(|f| crate::present::draw::chooser::draw(&chooser, &zone, f))?;
        let Ok(Wake::Input(event)) = rx.recv() else {
            return Ok(None);
        };
        match action(&event, keys).map(|a| chooser.update(a)) {
            Some(Chosen::Show(path)) => return Ok(Some(path)),
            Some(Chosen::Quit) => return Ok(None),
            _ => {}
        }
    }
}

fn follow(
    terminal: &mut DefaultTerminal,
    tx: Sender<Wake>,
    rx: Receiver<Wake>,
    mut state: PresentState,
    keys: &Keymap,
) -> Result<(), PresentError> {
    let watcher = Watcher::start(&state.path, move || {
        let _ = tx.send(Wake::File);
    });
    // The slow look also notices a heartbeat gone stale (a window that was killed writes
    // nothing more, so no notification says so).
    let mut next_look = Instant::now() + watcher.period();
    let mut dirty = true;
    loop {
        let now = Instant::now();
        if dirty {
            terminal.draw(|f| crate::present::draw::draw(&state, f, now))?;
            dirty = false;
        }
        let redraw = state.next_change(now);
        let wake = [Some(next_look), redraw]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(next_look);
        let mut woken = Vec::new();
        match rx.recv_timeout(wake.saturating_duration_since(now)) {
            Ok(w) => woken.push(w),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        woken.extend(rx.try_iter());
        let mut look = false;
        for w in woken {
            match w {
                Wake::File => look = true,
                Wake::End => return Ok(()),
                Wake::Input(Event::Resize(..)) => dirty = true,
                Wake::Input(event) => {
                    if matches!(action(&event, keys), Some(Action::Quit | Action::Cancel)) {
                        return Ok(());
                    }
                }
            }
        }
        let now = Instant::now();
        if now >= next_look {
            // The slow look reads the file whatever its stamp says, in case a notification
            // or a stamp missed a change.
            dirty |= state.reread(&SystemClock);
            next_look = now + watcher.period();
        } else if look {
            dirty |= state.refresh(&SystemClock);
        }
        dirty |= redraw.is_some_and(|t| now >= t);
    }
}
