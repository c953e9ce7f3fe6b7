//! Looking back: filtering past sessions, comparing two sessions of a team, and trends across
//! a team's sessions. Pure functions over sessions; the screens and reports show the results.

mod compare;
mod filter;
pub mod gather;
mod interviews;
mod matching;
pub mod programme;
pub mod themes;
mod trend;

pub use compare::{
    Comparison, GroupMatch, PulseChange, RoleChange, Theme, compare, earlier_themes, theme_texts,
};
pub use filter::{SortBy, filter_and_sort};
pub use interviews::{InterviewError, heard_from, heard_in};
pub use matching::match_themes;
pub use trend::{Trend, TrendPoint, team_sessions, trend};
#[cfg(test)]
mod programme_tests;
