//! Participants joining on 127.0.0.1: the join page and its API (a real browser too), load,
//! names, the facilitator's join panel, what strangers on the network reach (other loopback
//! addresses), and that nothing a device sends is lost without a word.
// They drive the real program in tmux, a browser or Unix files and signals: Unix only.
#![cfg(unix)]

#[path = "../common/mod.rs"]
mod common;

mod browser;
mod exposure;
mod http;
mod keep;
mod load;
mod names;
mod network;
mod panel;
