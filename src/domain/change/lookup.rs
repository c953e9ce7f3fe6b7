//! Lookups the checks in `apply` share.

use super::ChangeError;
use crate::domain::session::{Idea, Participant};
use crate::domain::{IdeaId, ParticipantId, Session, StepKind};

impl Session {
    pub(super) fn step_kind(&self, step: &str) -> Result<StepKind, ChangeError> {
        self.template
            .steps
            .iter()
            .find(|s| s.id == step)
            .map(|s| s.kind.clone())
            .ok_or_else(|| ChangeError::UnknownStep(step.to_string()))
    }

    pub(super) fn participant_index(&self, id: ParticipantId) -> Result<usize, ChangeError> {
        self.participants
            .iter()
            .position(|p| p.id == id)
            .ok_or(ChangeError::UnknownParticipant(id))
    }

    pub(super) fn participant_mut(
        &mut self,
        id: ParticipantId,
    ) -> Result<&mut Participant, ChangeError> {
        let i = self.participant_index(id)?;
        Ok(&mut self.participants[i])
    }

    /// The participants with this name, whatever its case (names are unique that way).
    pub fn participants_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a crate::domain::Participant> + 'a {
        let name = name.to_lowercase();
        self.participants
            .iter()
            .filter(move |p| p.name.to_lowercase() == name)
    }

    pub(super) fn check_unique_name(
        &self,
        name: &str,
        except: Option<ParticipantId>,
    ) -> Result<(), ChangeError> {
        let clash = self.participants_named(name).any(|p| Some(p.id) != except);
        if clash {
            Err(ChangeError::DuplicateParticipant(name.to_string()))
        } else {
            Ok(())
        }
    }

    /// How many ideas, scores and role choices a participant has given.
    pub fn answers_of(&self, id: ParticipantId) -> usize {
        self.results
            .values()
            .map(|r| {
                r.ideas.iter().filter(|i| i.participant == id).count()
                    + r.pulse.get(&id).map_or(0, |s| s.len())
                    + usize::from(r.roles.contains_key(&id))
                    + r.votes.get(&id).map_or(0, |v| v.len())
            })
            .sum()
    }

    pub fn find_idea(&self, id: IdeaId) -> Option<&Idea> {
        self.results
            .values()
            .flat_map(|r| r.ideas.iter())
            .find(|i| i.id == id)
    }

    pub(super) fn idea_mut(&mut self, id: IdeaId) -> Result<&mut Idea, ChangeError> {
        self.results
            .values_mut()
            .flat_map(|r| r.ideas.iter_mut())
            .find(|i| i.id == id)
            .ok_or(ChangeError::UnknownIdea(id))
    }
}

pub(super) fn wrong(step: &str, expected: &'static str) -> ChangeError {
    ChangeError::WrongStepKind {
        step: step.to_string(),
        expected,
    }
}
