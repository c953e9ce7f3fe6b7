//! The room view: a read-only window on a session for the projector. It follows the session
//! file live (`watch`), never takes the write lock and never writes the session. Without a
//! session named, it shows the one open for writing right now, or lets the facilitator choose.

pub mod chooser;
pub mod draw;
mod state;
mod view;
pub mod watch;

use crate::store::StoreError;
use std::path::PathBuf;
use thiserror::Error;

pub use chooser::Chooser;
pub use state::{NEW_FOR, PresentState, Timer};
pub use view::{Following, Wake, run, run_chosen};

#[derive(Debug, Error)]
pub enum PresentError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{}: not a regular file; the room view shows session files only", .0.display())]
    NotAFile(PathBuf),
    #[error("no sessions in {}", .0.display())]
    NoSessions(PathBuf),
    #[error("the terminal: {0}")]
    Terminal(#[from] std::io::Error),
}
