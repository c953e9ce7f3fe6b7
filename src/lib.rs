//! ambassador: a terminal companion for facilitators of team sessions on ambassadorship.
//!
//! The binary is a thin shell around this library, so tests drive the same code.

pub mod app;
pub mod cli;
pub mod diagnostic;
pub mod domain;
pub mod event_loop;
pub mod export;
pub mod fnv;
pub mod fold;
pub mod grouping;
pub mod i18n;
pub mod interact;
pub mod join;
pub mod platform;
pub mod present;
pub mod review;
pub mod sanitize;
pub mod screens;
pub mod steps;
pub mod store;
pub mod terminal;
pub mod ui;
pub mod workspace;
