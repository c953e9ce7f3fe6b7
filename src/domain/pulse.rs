//! How a session's pulse is kept: by name when scored aloud (open), or as unlinked ballots
//! (private, the default), so no screen, report or file can tie a score to a person.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Chosen at setup, for the whole session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PulseMode {
    /// Each score is a ballot without a name; the room sees totals only.
    #[default]
    Private,
    /// Scored aloud, by name.
    Open,
}

impl PulseMode {
    /// Sessions saved before ballots existed were scored by name.
    pub fn of_older_sessions() -> PulseMode {
        PulseMode::Open
    }

    pub fn parse(text: &str) -> Option<PulseMode> {
        match text.trim().to_lowercase().as_str() {
            "private" | "privé" | "prive" => Some(PulseMode::Private),
            "open" => Some(PulseMode::Open),
            _ => None,
        }
    }
}

/// One person's scores in a private pulse, under a random id only the device that sent it
/// (or the facilitator's screen, for a ballot typed by hand) knows it by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    /// Statement id → score 1–5.
    #[serde(default)]
    pub scores: BTreeMap<String, u8>,
    /// Typed by the facilitator for someone without a phone (paper, or a hand count).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_hand: bool,
}

/// The fewest scorers whose scores are shown as figures: below that, a mean or a
/// distribution would tell the room (or a reader) who gave which score.
pub const MIN_SHOWN: usize = 3;

/// The longest ballot id, in bytes.
pub const MAX_BALLOT_ID: usize = 64;

/// A fresh ballot id: 128 random bits, as hex. Ballots are kept ordered by id, so the order
/// in the file says nothing about who scored first.
pub fn new_ballot_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the system's random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a ballot id may look like: what a device sends is checked before it is kept.
pub fn is_ballot_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_BALLOT_ID
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}
