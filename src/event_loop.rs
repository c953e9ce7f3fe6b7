//! The one loop both full-screen programs run: the facilitator's program and the room view.
//!
//! Terminal input is read on a thread of its own and, like signals and whatever else the
//! program listens to (file notifications, the encoder, devices), sent into one channel. The
//! loop waits on that channel for as long as the program asks, takes in everything already
//! waiting, so no key waits for another one to arrive, and draws a frame when the program says
//! something changed. A program never reads the wall clock here: how long to wait is its own
//! answer, from its own (injected) clock.

use crossterm::event::Event;
use ratatui::Frame;
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// The most events taken in before a frame is drawn, so a storm still shows progress.
const EVENTS_PER_FRAME: usize = 4096;

/// What a full-screen program does between two frames.
pub trait Program {
    /// Everything that can wake the program, in one type.
    type Event: Send + 'static;
    /// What the program hands back when it ends.
    type Exit;

    /// The longest to wait for an event before `take` is called with none.
    fn wait(&self) -> Duration;
    /// Takes in the events that arrived together (none when the wait ran out).
    fn take(&mut self, events: Vec<Self::Event>) -> Flow<Self::Exit>;
    /// Called before each frame, for what goes to the terminal besides it (a bell).
    fn before_frame(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn draw(&mut self, frame: &mut Frame);
}

/// What the program says after taking in its events.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow<X> {
    /// Something changed: draw a frame.
    Redraw,
    /// Nothing on screen changed: wait again without drawing.
    Quiet,
    Leave(X),
}

/// Draws, waits, takes in; until the program leaves. A channel whose senders are all gone is
/// a broken pipe: nothing can wake the program any more.
pub fn run<P: Program, B: Backend>(
    terminal: &mut Terminal<B>,
    program: &mut P,
    inbox: &Receiver<P::Event>,
) -> io::Result<P::Exit>
where
    io::Error: From<B::Error>,
{
    let mut dirty = true;
    loop {
        if dirty {
            program.before_frame()?;
            terminal.draw(|frame| program.draw(frame))?;
        }
        match round(program, inbox)? {
            Flow::Redraw => dirty = true,
            Flow::Quiet => dirty = false,
            Flow::Leave(exit) => return Ok(exit),
        }
    }
}

/// One round between two frames: waits for the first event (or the program's wait to run
/// out), then takes in everything already there.
pub fn round<P: Program>(program: &mut P, inbox: &Receiver<P::Event>) -> io::Result<Flow<P::Exit>> {
    let first = match inbox.recv_timeout(program.wait()) {
        Ok(event) => Some(event),
        Err(RecvTimeoutError::Timeout) => None,
        Err(RecvTimeoutError::Disconnected) => return Err(io::ErrorKind::BrokenPipe.into()),
    };
    let events = first
        .into_iter()
        .chain(inbox.try_iter().take(EVENTS_PER_FRAME))
        .collect();
    Ok(program.take(events))
}

/// Reads terminal input on a thread of its own into the channel, until the program leaves or
/// the terminal goes away (then `gone`, if given, is sent once).
pub fn read_input<E: Send + 'static>(
    events: Sender<E>,
    wrap: fn(Event) -> E,
    gone: Option<E>,
) -> io::Result<()> {
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            while let Ok(event) = crossterm::event::read() {
                if events.send(wrap(event)).is_err() {
                    return;
                }
            }
            if let Some(gone) = gone {
                let _ = events.send(gone);
            }
        })?;
    Ok(())
}

/// Tells the loop about a closed terminal, Ctrl-C or a request to end (`platform::signals`)
/// as it arrives, then hands it to `after` on that thread, with whether the loop could be
/// told: a program that must not hang there (it may be stuck writing to a terminal that hung
/// up) waits a moment and leaves for the loop.
pub fn watch_signals<E: Send + 'static>(
    events: Sender<E>,
    wrap: fn(i32) -> E,
    after: impl FnOnce(i32, bool) + Send + 'static,
) -> io::Result<()> {
    crate::platform::signals::on_first(move |signal| {
        let told = events.send(wrap(signal)).is_ok();
        after(signal, told);
    })
}
