//! End to end: the real binary in tmux, typed at and read back as a person would.
// They drive the real program in tmux, a browser or Unix files and signals: Unix only.
#![cfg(unix)]

#[path = "../common/mod.rs"]
mod common;

mod acceptance;
mod present_live;
mod tui_basics;
