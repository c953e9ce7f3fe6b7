//! What the server threads ask of the program's one event loop, and what it answers. The
//! session belongs to the loop: a device's idea is applied there through the transaction
//! API (so grouping, undo and saving are those of a typed idea) and saved before the reply
//! says "received".

use crate::domain::{GroupId, IdeaId, Language, ParticipantId};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// How long a server thread waits for the loop before telling the device to try again.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(10);

/// One request from a device, for the loop.
#[derive(Debug)]
pub enum Ask {
    /// Who can be picked on the join page.
    Roster,
    /// What the current step asks of this participant.
    /// `ballot`: the device's own ballot id, for its scores in a private pulse.
    Page {
        participant: ParticipantId,
        ballot: String,
    },
    /// A new idea; `key` makes a retry find the idea the first post made. `step` is the
    /// step the page was showing (an idea typed before the facilitator moved on still lands
    /// on its question); none means the current step.
    Idea {
        participant: ParticipantId,
        text: String,
        key: String,
        step: Option<usize>,
    },
    /// The participant rewords one of their own ideas of the current step.
    Edit {
        participant: ParticipantId,
        idea: IdeaId,
        text: String,
    },
    /// A score: by name in an open pulse, on the device's own ballot in a private one.
    Pulse {
        participant: ParticipantId,
        ballot: String,
        item: String,
        score: u8,
    },
    Role {
        participant: ParticipantId,
        role: String,
    },
    /// The participant's dots on one common-ground group should become `mine`: one more or
    /// one fewer than the page showed. Saying the number wanted (not "one more") makes a
    /// retried or doubled post harmless: once it is done, the same post changes nothing.
    Dot {
        participant: ParticipantId,
        step: usize,
        group: GroupId,
        mine: u8,
    },
}

/// An `Ask` with the channel its answer goes back on.
#[derive(Debug)]
pub struct Request {
    pub ask: Ask,
    pub reply: Sender<Answer>,
}

impl Request {
    pub fn new(ask: Ask) -> (Request, Receiver<Answer>) {
        let (reply, answer) = channel();
        (Request { ask, reply }, answer)
    }

    /// Sends the answer; a device that gave up waiting is no one's loss.
    pub fn answer(self, answer: Answer) {
        let _ = self.reply.send(answer);
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Roster(Roster),
    Page(Box<Page>),
    /// Saved to disk (the idea's id, for an idea).
    Received(Option<IdeaId>),
    Refused(Refusal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The participant is not (or no longer) in the session.
    UnknownParticipant,
    /// The step this was for is no longer the current one.
    StepMoved,
    /// Not the participant's own idea.
    NotYours,
    /// The text is empty, too long, or the value is not one the step offers.
    Invalid,
    /// The session could not be saved (or is read-only): nothing was kept; try again.
    NotSaved,
    /// Every one of the participant's dots is placed already.
    NoDotsLeft,
    /// There is no dot of theirs on that group to take back.
    NoDotHere,
    /// The page was out of date (its groups or dots changed since): nothing was changed.
    Stale,
    /// An anonymous device sends ideas only: scores, roles, dots and edits are a named
    /// participant's.
    NamedOnly,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    pub lang: Language,
    pub title: String,
    pub participants: Vec<(ParticipantId, String)>,
    /// Whether a device may join without a name (the server's setting, filled in there).
    pub anonymous: bool,
}

/// What a participant's page shows: the session, the step, and their own part in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub lang: Language,
    pub title: String,
    pub name: String,
    /// The step's number, so the page notices when the facilitator moves on.
    pub step: usize,
    pub step_title: String,
    pub prompt: String,
    pub part: Part,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Their own ideas on this question, to add to and edit.
    Question { ideas: Vec<(IdeaId, String)> },
    /// Each statement with their own score, if given.
    Pulse {
        items: Vec<(String, String, Option<u8>)>,
        /// A private pulse: the page says so, and scores go on the device's own ballot.
        private: bool,
    },
    /// The roles (id, label, description) and their choice.
    Roles {
        roles: Vec<(String, String, String)>,
        chosen: Option<String>,
    },
    /// The common ground ranked as the room sees it, with the participant's own dots:
    /// `dots` each (none: no voting on this step), `left` of them not yet placed.
    CommonGround {
        groups: Vec<DotGroup>,
        dots: u8,
        left: u8,
    },
    /// What the room view shows on any other step: the step's own lines.
    Room { lines: Vec<String> },
}

/// One group of the common ground on a participant's page.
#[derive(Debug, Clone, PartialEq)]
pub struct DotGroup {
    pub id: GroupId,
    pub label: String,
    /// The texts of the ideas in it, without their authors.
    pub ideas: Vec<String>,
    /// How many people said something in it.
    pub sharers: usize,
    /// Dots on it from everyone.
    pub dots: u32,
    /// This participant's own dots on it.
    pub mine: u8,
}
