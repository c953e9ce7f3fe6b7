//! The screens of the facilitator's program, each its state (`mod.rs`: what its keys do) and
//! its drawing (`draw.rs`): home, setup, review and the run screen with the step in front of
//! the room. Above the steps, below the shell (`app`) that switches between them.

pub mod home;
pub mod review;
pub mod run;
pub mod setup;
