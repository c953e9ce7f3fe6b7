//! The session model and workshop templates. Knows nothing of terminals or files.

mod change;
mod clock;
mod due;
mod edit_note;
mod follow_up;
mod history;
mod ids;
mod interview;
mod language;
mod progress;
mod pulse;
mod ranking;
mod reading;
mod repair;
mod session;
mod shared_form;
mod summary;
mod template;
mod template_range;
mod texts;

pub use change::{Applied, Change, ChangeError, MAX_POST_KEY};
pub use clock::{Clock, FixedClock, SystemClock, local_date};
pub use due::parse_due;
pub use edit_note::{EditKind, EditNote};
pub use follow_up::{
    Earlier, EarlierScore, EarlierTheme, Link, Outcome, Status, Timing, follow_up_title,
};
pub use history::History;
pub use interview::{Answered, Heard, HeardFrom, HeardTheme, InterviewNotes, InterviewQuestion};
pub use language::Language;
pub use progress::Progress;
pub use pulse::{Ballot, MIN_SHOWN, PulseMode, is_ballot_id, new_ballot_id};
pub use ranking::sharers;
pub use repair::Migrated;
pub use session::{
    Action, ActionId, Denominator, FORMAT_VERSION, Group, GroupId, ID_LIMIT, Idea, IdeaId,
    NewSession, Participant, ParticipantId, Session, StepResults,
};
pub use summary::{
    OutcomeLine, PulseSummary, RoleCount, VoteLine, outcome_lines, pulse_scorers, pulse_summary,
    role_counts, vote_lines,
};
pub use template::{
    DEFAULT_DOTS, ParticipantRange, PulseItem, RoleOption, Step, StepKind, Template,
};
