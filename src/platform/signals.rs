//! How the end of the program reaches it from outside. Unix sends signals: SIGHUP (the
//! terminal closed), SIGTERM, SIGINT. Windows tells a console program of Ctrl-C, Ctrl-Break
//! and a closed console window through one handler (the `ctrlc` crate); it gives no notice of
//! logoff or shutdown, which is why every change is on disk before it is drawn.

use std::io;

/// The terminal went away: there is no terminal left to restore.
pub const HANGUP: i32 = 1;
/// Ctrl-C (or Ctrl-Break, or a closed console window on Windows).
pub const INTERRUPT: i32 = 2;
/// Asked to end (SIGTERM).
pub const TERMINATE: i32 = 15;

// The numbers are Unix's own, so a signal's exit status is the usual 128 + its number.
#[cfg(unix)]
const _: () = assert!(
    signal_hook::consts::SIGHUP == HANGUP
        && signal_hook::consts::SIGINT == INTERRUPT
        && signal_hook::consts::SIGTERM == TERMINATE
);

/// Calls `first` on a thread of its own with the first of these to arrive, as its number
/// (`HANGUP`, `INTERRUPT`, `TERMINATE`).
#[cfg(unix)]
pub fn on_first(first: impl FnOnce(i32) + Send + 'static) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                first(signal);
            }
        })?;
    Ok(())
}

#[cfg(windows)]
pub fn on_first(first: impl FnOnce(i32) + Send + 'static) -> io::Result<()> {
    let first = std::sync::Mutex::new(Some(first));
    ctrlc::set_handler(move || {
        let taken = first.lock().ok().and_then(|mut f| f.take());
        if let Some(first) = taken {
            first(INTERRUPT);
        }
    })
    .map_err(io::Error::other)
}
