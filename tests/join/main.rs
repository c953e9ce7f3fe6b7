//! Participants joining on 127.0.0.1: the join page and its API (a real browser too), load,
//! names, and the facilitator's join panel.

#[path = "../common/mod.rs"]
mod common;

mod browser;
mod http;
mod load;
mod names;
mod panel;
