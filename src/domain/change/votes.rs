//! Dot votes on the common ground and the outcomes of last time's actions: checked here, in
//! the domain, so every way in (keys on the run screen, a device later) keeps the same rules.

use super::{ChangeError, wrong};
use crate::domain::session::StepResults;
use crate::domain::{ActionId, Group, GroupId, Outcome, ParticipantId, Session, StepKind};
use std::collections::BTreeMap;

impl Session {
    /// How many dots a participant has put on a step's groups.
    pub fn dots_used(&self, step: &str, participant: ParticipantId) -> u8 {
        self.results(step)
            .and_then(|r| r.votes.get(&participant))
            .map_or(0, |v| v.values().map(|n| u32::from(*n)).sum::<u32>())
            .min(u32::from(u8::MAX)) as u8
    }

    /// How many dots a participant still has on a step.
    pub fn dots_left(&self, step: &str, participant: ParticipantId) -> u8 {
        self.template
            .dots
            .saturating_sub(self.dots_used(step, participant))
    }

    /// Every group's dots on a step, from everyone.
    pub fn vote_totals(&self, step: &str) -> BTreeMap<GroupId, u32> {
        let mut totals = BTreeMap::new();
        for votes in self
            .results(step)
            .into_iter()
            .flat_map(|r| r.votes.values())
        {
            for (group, n) in votes {
                *totals.entry(*group).or_insert(0) += u32::from(*n);
            }
        }
        totals
    }

    fn check_voting(&self, step: &str, participant: ParticipantId) -> Result<(), ChangeError> {
        if self.step_kind(step)? != StepKind::CommonGround {
            return Err(wrong(step, "common-ground"));
        }
        self.participant_index(participant)?;
        Ok(())
    }

    pub(super) fn add_dot(
        &mut self,
        step: String,
        participant: ParticipantId,
        group: GroupId,
    ) -> Result<(), ChangeError> {
        self.check_voting(&step, participant)?;
        if self.dots_left(&step, participant) == 0 {
            return Err(ChangeError::NoDotsLeft {
                name: self.participant_name(participant).to_string(),
                dots: self.template.dots,
            });
        }
        // Checked before anything is touched: a refused change leaves the session as it was.
        let known = self
            .results(&step)
            .is_some_and(|r| r.groups.iter().any(|g| g.id == group));
        if !known {
            return Err(ChangeError::UnknownGroup(group));
        }
        let results = self.results.entry(step).or_default();
        *results
            .votes
            .entry(participant)
            .or_default()
            .entry(group)
            .or_insert(0) += 1;
        // A vote ranks the board anew.
        results.order.clear();
        Ok(())
    }

    pub(super) fn take_dot(
        &mut self,
        step: String,
        participant: ParticipantId,
        group: GroupId,
    ) -> Result<(), ChangeError> {
        self.check_voting(&step, participant)?;
        let name = self.participant_name(participant).to_string();
        let none_here = || ChangeError::NoDotHere { name: name.clone() };
        let results = self.results.get_mut(&step).ok_or_else(none_here)?;
        let votes = results.votes.get_mut(&participant).ok_or_else(none_here)?;
        let n = votes.get_mut(&group).ok_or_else(none_here)?;
        *n -= 1;
        if *n == 0 {
            votes.remove(&group);
        }
        if votes.is_empty() {
            results.votes.remove(&participant);
        }
        results.order.clear();
        Ok(())
    }

    pub(super) fn set_outcome(
        &mut self,
        step: String,
        action: ActionId,
        outcome: Outcome,
    ) -> Result<(), ChangeError> {
        if self.step_kind(&step)? != StepKind::LastTime {
            return Err(wrong(&step, "last-time"));
        }
        let earlier = self.follows.as_ref().ok_or(ChangeError::NoEarlierSession)?;
        if earlier.action(action).is_none() {
            return Err(ChangeError::UnknownEarlierAction(action));
        }
        let outcome = Outcome {
            status: outcome.status,
            note: outcome.note.trim().to_string(),
        };
        let outcomes = &mut self.results.entry(step).or_default().outcomes;
        if outcome == Outcome::default() {
            outcomes.remove(&action);
        } else {
            outcomes.insert(action, outcome);
        }
        Ok(())
    }
}

impl Session {
    /// Forgets what a hand-edited file may hold that no change could have made: dots of
    /// people or on groups that are not there, and outcomes of actions last time did not have.
    pub fn drop_stray_votes(&mut self) {
        let people: Vec<ParticipantId> = self.participants.iter().map(|p| p.id).collect();
        let earlier: Vec<ActionId> = self
            .follows
            .as_ref()
            .map(|e| e.actions.iter().map(|a| a.id).collect())
            .unwrap_or_default();
        for r in self.results.values_mut() {
            let groups: Vec<GroupId> = r.groups.iter().map(|g| g.id).collect();
            r.votes.retain(|p, _| people.contains(p));
            for votes in r.votes.values_mut() {
                votes.retain(|g, n| groups.contains(g) && *n > 0);
            }
            r.votes.retain(|_, v| !v.is_empty());
            r.outcomes.retain(|a, _| earlier.contains(a));
        }
    }
}

/// Votes follow their group when the groups are replaced: a group that keeps its id keeps its
/// dots; the dots of a group that is gone (merged into another) go to the group that now holds
/// most of its ideas; dots of a group whose ideas are all gone return to their owner.
pub(super) fn carry_votes(results: &mut StepResults, new: &[Group]) {
    if results.votes.is_empty() {
        return;
    }
    let successor: BTreeMap<GroupId, GroupId> = results
        .groups
        .iter()
        .filter(|old| !new.iter().any(|g| g.id == old.id))
        .filter_map(|old| {
            let best = new
                .iter()
                .map(|g| (g.ideas.iter().filter(|i| old.ideas.contains(i)).count(), g))
                .filter(|(shared, _)| *shared > 0)
                .max_by(|(a, ga), (b, gb)| a.cmp(b).then(gb.id.cmp(&ga.id)))?;
            Some((old.id, best.1.id))
        })
        .collect();
    for votes in results.votes.values_mut() {
        let before = std::mem::take(votes);
        for (group, n) in before {
            let to = if new.iter().any(|g| g.id == group) {
                Some(group)
            } else {
                successor.get(&group).copied()
            };
            if let Some(to) = to {
                let slot = votes.entry(to).or_insert(0);
                *slot = slot.saturating_add(n);
            }
        }
    }
    results.votes.retain(|_, v| !v.is_empty());
}
