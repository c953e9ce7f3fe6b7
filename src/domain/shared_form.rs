//! What the store's programme archive needs of a session: its name there, and the changes
//! that make an anonymous copy unlinkable (see `store::archive::shared`).

use super::pulse::{Ballot, PulseMode, new_ballot_id};
use super::{ParticipantId, Session};
use std::collections::BTreeMap;

impl Session {
    /// The session's name in a programme's archive, once it has one.
    pub fn archive_name(&self) -> Option<&str> {
        self.archive_name.as_deref()
    }

    /// Gives the session its archive name (done once, at its first sync).
    pub fn set_archive_name(&mut self, name: &str) {
        self.archive_name = Some(name.to_string());
    }

    /// The session's id and title replaced (its file name in the archive, and a title that
    /// names nobody), and the earlier session it follows named by neither.
    pub fn retitle_for_archive(&mut self, id: &str, title: &str) {
        self.id = id.to_string();
        self.title = title.to_string();
        if let Some(e) = &mut self.follows {
            e.id.clear();
            e.title.clear();
            e.follows = None;
        }
    }

    /// Cuts every link between a person and what they scored, chose or voted: scores given
    /// aloud become ballots without a name (the session is then kept as a private pulse),
    /// and roles and dots are held by ids that belong to no participant, in an order that
    /// says nothing. `shuffle` puts a list in a random order. Ideas keep their author, who
    /// is by then only a token.
    pub fn unlink_scores(&mut self, shuffle: &dyn Fn(&mut [u64])) {
        let first_free = self.highest_id().max(self.next_id.saturating_sub(1)) + 1;
        let mut next = first_free;
        for r in self.results.values_mut() {
            for scores in std::mem::take(&mut r.pulse).into_values() {
                if !scores.is_empty() {
                    let ballot = Ballot {
                        scores,
                        by_hand: false,
                    };
                    r.ballots.insert(new_ballot_id(), ballot);
                }
            }
            let mut holders = |n: usize| {
                let mut ids: Vec<u64> = (next..next + n as u64).collect();
                next += n as u64;
                shuffle(&mut ids);
                ids.into_iter().map(|id| ParticipantId(id as u32))
            };
            let roles: Vec<String> = std::mem::take(&mut r.roles).into_values().collect();
            r.roles = holders(roles.len()).zip(roles).collect();
            let votes: Vec<BTreeMap<_, _>> = std::mem::take(&mut r.votes).into_values().collect();
            r.votes = holders(votes.len()).zip(votes).collect();
        }
        self.next_id = self.next_id.max(next);
        self.pulse_mode = PulseMode::Private;
        self.focus = None;
    }
}
