//! The app as a facilitator drives it, in this process: keys in, state, screens and the saved
//! file out. Screens are compared with the snapshots in `snapshots/` (`cargo insta review`).

#[path = "../common/mod.rs"]
mod common;

mod app_state;
mod board_navigation;
mod board_regroup;
mod bridge_notes;
mod closing_fit;
mod dutch_everywhere;
mod follow_up;
mod in_front_of_a_room;
mod interviews;
mod live_settle;
mod meaning_worker;
mod present_follow;
mod present_screens;
mod private_pulse;
mod recurring_mark;
mod review;
mod review_fits;
mod screens;
mod setup_form;
mod text_fits;
mod themes_screen;
mod time_rule;
mod twelve_fit;
mod undo_says_what;
mod why_overlay;
