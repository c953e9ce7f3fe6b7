//! Looking back: filtering past sessions, comparing two sessions of a team, and trends across
//! a team's sessions. Pure functions over sessions; the screens and reports show the results.

mod compare;
mod filter;
mod interviews;
mod trend;

pub use compare::{
    Comparison, GroupMatch, PulseChange, RoleChange, Theme, compare, match_themes, theme_texts,
};
pub use filter::{SortBy, filter_and_sort};
pub use interviews::heard_in;
pub use trend::{Trend, TrendPoint, team_sessions, trend};
