//! Why a change was refused.

use crate::domain::{ActionId, GroupId, IdeaId, ParticipantId, PulseMode};
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ChangeError {
    #[error("the text is empty")]
    EmptyText,
    #[error("there is no step \"{0}\" in this workshop")]
    UnknownStep(String),
    #[error("step {0} does not exist (the workshop has {1} steps)")]
    StepOutOfRange(usize, usize),
    #[error("step \"{step}\" is not a {expected} step")]
    WrongStepKind {
        step: String,
        expected: &'static str,
    },
    #[error("there is no participant with id {0}")]
    UnknownParticipant(ParticipantId),
    #[error("there is already a participant called \"{0}\"")]
    DuplicateParticipant(String),
    #[error("{name} still has {count} answers in this session; remove those first")]
    ParticipantHasAnswers { name: String, count: usize },
    #[error("there is no idea with id {0}")]
    UnknownIdea(IdeaId),
    #[error("there is no action with id {0}")]
    UnknownAction(ActionId),
    #[error("action {0} from last time is already carried over")]
    AlreadyCarried(ActionId),
    #[error("there is no group with id {0}")]
    UnknownGroup(GroupId),
    #[error("\"{0}\" is not one of this step's items")]
    UnknownItem(String),
    #[error("\"{0}\" is not one of this interview's questions")]
    UnknownQuestion(String),
    #[error("\"{0}\" is not one of this step's roles")]
    UnknownRole(String),
    #[error("a score is 1 to 5, not {0}")]
    ScoreOutOfRange(u8),
    #[error("{}", match .0 {
        PulseMode::Private => "this session's pulse is private: scores go on ballots without a name",
        PulseMode::Open => "this session's pulse is open: scores go by name",
    })]
    WrongPulseMode(PulseMode),
    #[error("the pulse mode stays {} once someone has scored", match .0 {
        PulseMode::Private => "private",
        PulseMode::Open => "open",
    })]
    PulseAlreadyScored(PulseMode),
    #[error("a ballot id is 1 to 64 letters, digits or dashes")]
    BadBallot,
    #[error("checklist line {0} does not exist")]
    UnknownChecklistLine(usize),
    #[error("an idea sent from a device needs a key of 1 to 64 bytes")]
    BadPostKey,
    #[error("this post was already received")]
    DuplicatePost,
    #[error("this session has used every id it can hand out; nothing was added")]
    NoIdsLeft,
    #[error("{name} has used all {dots} dots")]
    NoDotsLeft { name: String, dots: u8 },
    #[error("{name} has no dot on this group")]
    NoDotHere { name: String },
    #[error("this session follows up no earlier session")]
    NoEarlierSession,
    #[error("the earlier session has no action with id {0}")]
    UnknownEarlierAction(ActionId),
}
