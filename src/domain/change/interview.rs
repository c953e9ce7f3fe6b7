//! The changes of an interview step: an answer to one of its questions, and what the
//! facilitator heard.

use super::{Applied, ChangeError, wrong};
use crate::domain::{Clock, ParticipantId, Session, StepKind};

impl Session {
    /// Checks that `step` is an interview that asks `question`.
    fn check_question(&self, step: &str, question: &str) -> Result<(), ChangeError> {
        match self.step_kind(step)? {
            StepKind::Interview { questions } if questions.iter().any(|q| q.id == question) => {
                Ok(())
            }
            StepKind::Interview { .. } => Err(ChangeError::UnknownQuestion(question.to_string())),
            _ => Err(wrong(step, "interview")),
        }
    }

    pub(super) fn add_answer(
        &mut self,
        step: String,
        question: String,
        participant: ParticipantId,
        text: &str,
        clock: &dyn Clock,
    ) -> Result<Applied, ChangeError> {
        self.check_question(&step, &question)?;
        let applied = self.push_idea(step.clone(), participant, text, None, clock)?;
        if let Applied::Created(id) = applied {
            self.interview_notes
                .entry(step)
                .or_default()
                .answer_to
                .insert(crate::domain::IdeaId(id), question);
        }
        Ok(applied)
    }

    pub(super) fn set_heard(
        &mut self,
        step: String,
        question: String,
        text: &str,
    ) -> Result<(), ChangeError> {
        self.check_question(&step, &question)?;
        let notes = self.interview_notes.entry(step.clone()).or_default();
        let text = text.trim_end();
        if text.trim().is_empty() {
            notes.heard.remove(&question);
        } else {
            notes.heard.insert(question, text.to_string());
        }
        if notes.is_empty() {
            self.interview_notes.remove(&step);
        }
        Ok(())
    }
}
