//! The command line through the real binary, without a terminal: every command, bad input,
//! `ambassador group`, and the reports it writes.

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod cli;
mod group_meaning;
mod interviews;
mod programme;
mod reports;
mod sync;
