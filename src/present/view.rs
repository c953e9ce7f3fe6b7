//! The room view in the loop both programs share (`event_loop`): key presses, file
//! notifications and signals arrive in one channel, so an idle view sleeps until something
//! happens, the clock's next second, or the slow look that catches what notifications missed.
//! Time comes from the clock it is given, never from the system directly.

use super::chooser::{Chooser, Chosen, open_or_list};
use super::watch::Watcher;
use super::{PresentError, PresentState};
use crate::domain::{Clock, SystemClock};
use crate::event_loop::{self, Flow, Program};
use crate::interact::{Action, Context, Keymap};
use crate::store::Paths;
use crossterm::event::{Event, KeyEventKind};
use ratatui::{DefaultTerminal, Frame};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// What wakes the room view.
pub enum Wake {
    Input(Event),
    /// The terminal is gone, or a signal asks the view to end.
    End,
    /// The session, its lock or its room sidecar changed.
    File,
}

/// Shows one session until q, Esc or Ctrl-C; `keys` are the built-in keys with the user's.
/// Once the session closes, it shows the one this data folder's facilitator opens next.
pub fn run(paths: &Paths, path: &Path, names: bool, keys: &Keymap) -> Result<(), PresentError> {
    let state = PresentState::open(path, names, &SystemClock)?;
    with_terminal(|terminal, tx, rx| follow(terminal, tx, rx, state, keys, paths))
}

/// No session named: the one open for writing right now, else a chooser.
pub fn run_chosen(paths: &Paths, names: bool, keys: &Keymap) -> Result<(), PresentError> {
    let sessions_dir = &paths.sessions_dir();
    let listings = crate::store::list_sessions(sessions_dir)?;
    let open_now = crate::store::open_now::read(&paths.data_dir);
    let chooser = match open_or_list(listings, open_now, SystemClock.now()) {
        Ok(open) => return run(paths, &open, names, keys),
        Err(chooser) if chooser.sessions.is_empty() => {
            return Err(PresentError::NoSessions(sessions_dir.to_path_buf()));
        }
        Err(chooser) => chooser,
    };
    with_terminal(|terminal, tx, rx| {
        let mut choosing = Choosing {
            chooser,
            keys,
            zone: SystemClock.time_zone(),
        };
        match ended(event_loop::run(terminal, &mut choosing, &rx))? {
            Some(path) => {
                let state = PresentState::open(&path, names, &SystemClock)?;
                follow(terminal, tx, rx, state, keys, paths)
            }
            None => Ok(()),
        }
    })
}

fn with_terminal(
    body: impl FnOnce(&mut DefaultTerminal, Sender<Wake>, Receiver<Wake>) -> Result<(), PresentError>,
) -> Result<(), PresentError> {
    let (tx, rx) = channel();
    // A closed terminal or a signal ends the view with the terminal restored; there is
    // nothing to save.
    event_loop::watch_signals(tx.clone(), |_| Wake::End, |_, _| {})?;
    let mut terminal = ratatui::try_init()?;
    event_loop::read_input(tx.clone(), Wake::Input, Some(Wake::End))?;
    let result = body(&mut terminal, tx, rx);
    ratatui::restore();
    result
}

/// Every sender gone means nothing can wake the view any more: it ends as if asked to.
fn ended<X: Default>(result: io::Result<X>) -> io::Result<X> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(X::default()),
        other => other,
    }
}

fn action(event: &Event, keys: &Keymap) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => keys.resolve(Context::Present, *k),
        _ => None,
    }
}

/// Choosing which session to show.
struct Choosing<'a> {
    chooser: Chooser,
    keys: &'a Keymap,
    zone: jiff::tz::TimeZone,
}

impl Program for Choosing<'_> {
    type Event = Wake;
    type Exit = Option<PathBuf>;

    fn wait(&self) -> Duration {
        Duration::MAX
    }

    fn take(&mut self, events: Vec<Wake>) -> Flow<Option<PathBuf>> {
        for wake in events {
            let Wake::Input(event) = wake else {
                return Flow::Leave(None);
            };
            match action(&event, self.keys).map(|a| self.chooser.update(a)) {
                Some(Chosen::Show(path)) => return Flow::Leave(Some(path)),
                Some(Chosen::Quit) => return Flow::Leave(None),
                _ => {}
            }
        }
        Flow::Redraw
    }

    fn draw(&mut self, frame: &mut Frame) {
        crate::present::draw::chooser::draw(&self.chooser, &self.zone, frame);
    }
}

/// Following one session.
pub struct Following<'a> {
    state: PresentState,
    keys: &'a Keymap,
    clock: &'a dyn Clock,
    period: Duration,
    /// The slow look also notices a heartbeat gone stale (a window that was killed writes
    /// nothing more, so no notification says so).
    next_look: Instant,
    facilitator: Option<Facilitator<'a>>,
}

/// Where to find the session the facilitator opens next, and how to watch it once shown.
struct Facilitator<'a> {
    paths: Paths,
    watch: Box<dyn FnMut(&Path) + 'a>,
}

impl<'a> Following<'a> {
    /// `period`: the longest between two looks at the file (see `Watcher::period`).
    pub fn new(
        state: PresentState,
        keys: &'a Keymap,
        clock: &'a dyn Clock,
        period: Duration,
    ) -> Self {
        let next_look = clock.monotonic() + period;
        Following {
            state,
            keys,
            clock,
            period,
            next_look,
            facilitator: None,
        }
    }

    /// Once the session shown closes, goes on to the session this data folder's facilitator
    /// has open (`chooser::facilitators_session`); `watch` is told the file now shown.
    pub fn following(mut self, paths: Paths, watch: impl FnMut(&Path) + 'a) -> Self {
        self.facilitator = Some(Facilitator {
            paths,
            watch: Box::new(watch),
        });
        self
    }

    /// The facilitator's window let go of the session shown and holds another: show that
    /// one. True when it did.
    fn go_along(&mut self) -> bool {
        let Some(f) = self.facilitator.as_mut().filter(|_| self.state.closed) else {
            return false;
        };
        let next = super::chooser::facilitators_session(&f.paths, self.clock.now())
            .filter(|p| *p != self.state.path);
        let Some(state) =
            next.and_then(|p| PresentState::open(&p, self.state.names, self.clock).ok())
        else {
            return false;
        };
        (f.watch)(&state.path);
        self.state = state;
        true
    }

    pub fn state(&self) -> &PresentState {
        &self.state
    }
}

impl Program for Following<'_> {
    type Event = Wake;
    type Exit = ();

    fn wait(&self) -> Duration {
        let now = self.clock.monotonic();
        let wake = self
            .state
            .next_change(now)
            .map_or(self.next_look, |t| t.min(self.next_look));
        wake.saturating_duration_since(now)
    }

    fn take(&mut self, events: Vec<Wake>) -> Flow<()> {
        let before = self.clock.monotonic();
        let redraw = self.state.next_change(before);
        let mut dirty = false;
        let mut look = false;
        for wake in events {
            match wake {
                Wake::File => look = true,
                Wake::End => return Flow::Leave(()),
                Wake::Input(Event::Resize(..)) => dirty = true,
                Wake::Input(event) => {
                    if matches!(
                        action(&event, self.keys),
                        Some(Action::Quit | Action::Cancel)
                    ) {
                        return Flow::Leave(());
                    }
                }
            }
        }
        let now = self.clock.monotonic();
        if now >= self.next_look {
            // The slow look reads the file whatever its stamp says, in case a notification
            // or a stamp missed a change.
            dirty |= self.state.reread(self.clock);
            self.next_look = now + self.period;
        } else if look {
            dirty |= self.state.refresh(self.clock);
        }
        dirty |= self.go_along();
        dirty |= redraw.is_some_and(|t| now >= t);
        if dirty { Flow::Redraw } else { Flow::Quiet }
    }

    fn draw(&mut self, frame: &mut Frame) {
        crate::present::draw::draw(&self.state, frame, self.clock.monotonic());
    }
}

fn follow(
    terminal: &mut DefaultTerminal,
    tx: Sender<Wake>,
    rx: Receiver<Wake>,
    state: PresentState,
    keys: &Keymap,
    paths: &Paths,
) -> Result<(), PresentError> {
    let notify = move || {
        let tx = tx.clone();
        move || {
            let _ = tx.send(Wake::File);
        }
    };
    let watcher = Watcher::start(&state.path, notify());
    let period = watcher.period();
    // The watcher of the session shown lives as long as it is shown.
    let mut watching = Some(watcher);
    let watch = move |path: &Path| drop(watching.replace(Watcher::start(path, notify())));
    let mut following =
        Following::new(state, keys, &SystemClock, period).following(paths.clone(), watch);
    Ok(ended(event_loop::run(terminal, &mut following, &rx))?)
}
