//! The session model and its files: changes and undo, properties of the file format, what is
//! written always read back, fuzzed files, listing and locking.
//!
//! No test here starts a process: a child forked by a parallel test would inherit a session's
//! lock for a moment and make its release look late.

#[path = "../common/mod.rs"]
mod common;
#[path = "../reliability/support/mod.rs"]
mod support;

mod domain;
mod fuzz;
mod hand_edited;
mod interview_template;
mod listing;
mod locking;
mod props;
mod roundtrip;
