//! How far a step got: what the agenda shows beside each step, so "visited" is not mistaken
//! for "done".

use super::{Session, Step, StepKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Nothing entered yet (or nothing to enter and not reached).
    NotDone,
    /// Some of what the step asks for.
    Partly,
    /// Everything the step asks for: every person answered, every line ticked, a denominator
    /// marked, an action agreed, the session finished.
    Done,
}

impl Session {
    /// How far `step` got, judged by what it holds, not by whether it was visited.
    pub fn progress(&self, step: &Step) -> Progress {
        let results = self.results(&step.id);
        let of = |done: usize, all: usize| match done {
            0 => Progress::NotDone,
            d if d >= all => Progress::Done,
            _ => Progress::Partly,
        };
        let people = self.participants.len().max(1);
        let answered = || {
            self.participants
                .iter()
                .filter(|p| self.has_answered(step, p.id) == Some(true))
                .count()
        };
        match &step.kind {
            StepKind::Script { checklist } | StepKind::Close { checklist } => {
                let ticked = results.map_or(0, |r| r.checked.len());
                let finished =
                    matches!(step.kind, StepKind::Close { .. }) && self.finished.is_some();
                match (checklist.is_empty(), finished) {
                    (_, true) => Progress::Done,
                    (true, false) => Progress::NotDone,
                    (false, false) => of(ticked, checklist.len()),
                }
            }
            StepKind::Pulse { items, .. } => {
                let some = results.is_some_and(|r| {
                    r.pulse.values().any(|s| !s.is_empty()) || !r.ballots.is_empty()
                });
                // A private pulse knows how many complete ballots, not whose they are.
                let complete = match self.pulse_mode {
                    super::PulseMode::Open => answered(),
                    super::PulseMode::Private => results.map_or(0, |r| {
                        r.ballots
                            .values()
                            .filter(|b| items.iter().all(|i| b.scores.contains_key(&i.id)))
                            .count()
                    }),
                };
                match complete {
                    n if n >= people => Progress::Done,
                    _ if some => Progress::Partly,
                    _ => Progress::NotDone,
                }
            }
            StepKind::Roles { .. } | StepKind::Question => of(answered(), people),
            // Every question answered: done.
            StepKind::Interview { questions } => {
                let asked = self.interview_step(&step.id);
                let done = asked.iter().filter(|q| !q.answers.is_empty()).count();
                of(done, questions.len())
            }
            StepKind::CommonGround => match results {
                Some(r) if !r.denominators.is_empty() => Progress::Done,
                Some(r) if !r.groups.is_empty() => Progress::Partly,
                _ => Progress::NotDone,
            },
            // Every action of last time with an outcome: done.
            StepKind::LastTime => {
                let actions = self.follows.as_ref().map_or(0, |e| e.actions.len());
                let settled = results.map_or(0, |r| {
                    r.outcomes.values().filter(|o| o.status.is_some()).count()
                });
                match actions {
                    0 => Progress::NotDone,
                    all => of(settled, all),
                }
            }
            StepKind::Bridge => match results {
                Some(r) if !r.actions.is_empty() => Progress::Done,
                Some(r) if !r.notes.trim().is_empty() => Progress::Partly,
                _ => Progress::NotDone,
            },
        }
    }
}
