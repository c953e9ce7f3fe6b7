//! The real binary under trouble: crashes, signals, disk trouble, two windows at once, hostile
//! files and input, rescue copies, and a crash while devices send. Seeds and counts can be
//! raised with environment variables (each module's header says which).
// They drive the real program in tmux, a browser or Unix files and signals: Unix only.
#![cfg(unix)]

#[path = "../common/mod.rs"]
mod common;
mod support;

mod concurrency;
mod crash;
mod disk;
mod hostile;
mod input;
mod join_crash;
mod rescue;
mod signals;
mod sync_kill;
