//! End to end: the real binary in tmux, typed at and read back as a person would.

#[path = "../common/mod.rs"]
mod common;

mod acceptance;
mod present_live;
mod tui_basics;
