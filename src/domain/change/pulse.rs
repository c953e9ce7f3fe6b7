//! Pulse scores, by name (open) or on unlinked ballots (private), and showing the figures:
//! one mode per session, so a score can never be kept the other way by mistake.

use super::{ChangeError, wrong};
use crate::domain::pulse::{Ballot, PulseMode, is_ballot_id};
use crate::domain::{ParticipantId, Session, StepKind};

impl Session {
    /// The statements of a pulse step, after checking `item` is one of them.
    fn pulse_item(&self, step: &str, item: &str) -> Result<(), ChangeError> {
        let StepKind::Pulse { items, .. } = &self.step_kind(step)? else {
            return Err(wrong(step, "pulse"));
        };
        if !items.iter().any(|i| i.id == item) {
            return Err(ChangeError::UnknownItem(item.to_string()));
        }
        Ok(())
    }

    fn check_mode(&self, scored: PulseMode) -> Result<(), ChangeError> {
        if self.pulse_mode == scored {
            Ok(())
        } else {
            Err(ChangeError::WrongPulseMode(self.pulse_mode))
        }
    }

    pub(super) fn set_pulse(
        &mut self,
        step: String,
        participant: ParticipantId,
        item: String,
        score: Option<u8>,
    ) -> Result<(), ChangeError> {
        self.check_mode(PulseMode::Open)?;
        self.pulse_item(&step, &item)?;
        self.participant_index(participant)?;
        check_score(score)?;
        let pulse = &mut self.results.entry(step).or_default().pulse;
        match score {
            Some(s) => {
                pulse.entry(participant).or_default().insert(item, s);
            }
            None => {
                if let Some(scores) = pulse.get_mut(&participant) {
                    scores.remove(&item);
                    if scores.is_empty() {
                        pulse.remove(&participant);
                    }
                }
            }
        }
        Ok(())
    }

    pub(super) fn set_ballot(
        &mut self,
        step: String,
        ballot: String,
        item: String,
        score: Option<u8>,
        by_hand: bool,
    ) -> Result<(), ChangeError> {
        self.check_mode(PulseMode::Private)?;
        self.pulse_item(&step, &item)?;
        if !is_ballot_id(&ballot) {
            return Err(ChangeError::BadBallot);
        }
        check_score(score)?;
        let ballots = &mut self.results.entry(step).or_default().ballots;
        match score {
            Some(s) => {
                let kept = ballots.entry(ballot).or_insert_with(|| Ballot {
                    by_hand,
                    ..Ballot::default()
                });
                kept.scores.insert(item, s);
            }
            None => {
                if let Some(kept) = ballots.get_mut(&ballot) {
                    kept.scores.remove(&item);
                    if kept.scores.is_empty() {
                        ballots.remove(&ballot);
                    }
                }
            }
        }
        Ok(())
    }

    pub(super) fn reveal_pulse(&mut self, step: String, shown: bool) -> Result<(), ChangeError> {
        if !matches!(self.step_kind(&step)?, StepKind::Pulse { .. }) {
            return Err(wrong(&step, "pulse"));
        }
        self.results.entry(step).or_default().revealed = shown;
        Ok(())
    }

    /// The mode can change until the first score is kept; after that, changing it would
    /// either name private scores or leave named ones behind.
    pub(super) fn set_pulse_mode(&mut self, mode: PulseMode) -> Result<(), ChangeError> {
        if mode != self.pulse_mode && self.any_pulse_score() {
            return Err(ChangeError::PulseAlreadyScored(self.pulse_mode));
        }
        self.pulse_mode = mode;
        Ok(())
    }

    /// Whether anyone has scored the pulse of any step.
    pub fn any_pulse_score(&self) -> bool {
        self.results
            .values()
            .any(|r| !r.pulse.is_empty() || !r.ballots.is_empty())
    }
}

fn check_score(score: Option<u8>) -> Result<(), ChangeError> {
    match score.filter(|s| !(1..=5).contains(s)) {
        Some(s) => Err(ChangeError::ScoreOutOfRange(s)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::{
        Change, ChangeError, FixedClock, NewSession, PulseMode, Session, Template,
    };

    fn session(mode: PulseMode) -> Session {
        let text = include_str!("../../../workshops/ambassadorship.en.ron");
        let template = Template::parse("ambassadorship.en.ron", text).unwrap();
        let details = NewSession {
            participants: vec!["Ann".into()],
            pulse_mode: mode,
            ..NewSession::default()
        };
        Session::start("t".into(), template, details, &clock())
    }

    fn clock() -> FixedClock {
        FixedClock::at("2026-12-04T09:00:00Z".parse().unwrap())
    }

    fn ballot(id: &str, score: u8) -> Change {
        Change::SetBallot {
            step: "pulse".into(),
            ballot: id.into(),
            item: "right_place".into(),
            score: Some(score),
            by_hand: false,
        }
    }

    #[test]
    fn a_score_goes_only_the_way_the_sessions_mode_keeps_it() {
        let mut private = session(PulseMode::Private);
        let ann = private.participants()[0].id;
        let by_name = Change::SetPulse {
            step: "pulse".into(),
            participant: ann,
            item: "right_place".into(),
            score: Some(3),
        };
        assert_eq!(
            private.apply(by_name.clone(), &clock()),
            Err(ChangeError::WrongPulseMode(PulseMode::Private))
        );
        private.apply(ballot("a1", 4), &clock()).unwrap();
        let mut open = session(PulseMode::Open);
        assert_eq!(
            open.apply(ballot("a1", 4), &clock()),
            Err(ChangeError::WrongPulseMode(PulseMode::Open))
        );
        let ann = open.participants()[0].id;
        let by_name = Change::SetPulse {
            step: "pulse".into(),
            participant: ann,
            item: "right_place".into(),
            score: Some(3),
        };
        open.apply(by_name, &clock()).unwrap();
    }

    #[test]
    fn the_mode_is_fixed_once_someone_scored_and_ballot_ids_are_checked() {
        let mut s = session(PulseMode::Private);
        s.apply(Change::SetPulseMode(PulseMode::Open), &clock())
            .unwrap();
        s.apply(Change::SetPulseMode(PulseMode::Private), &clock())
            .unwrap();
        assert_eq!(
            s.apply(ballot("", 3), &clock()),
            Err(ChangeError::BadBallot)
        );
        assert_eq!(
            s.apply(ballot("a b", 3), &clock()),
            Err(ChangeError::BadBallot)
        );
        s.apply(ballot("a1", 3), &clock()).unwrap();
        assert_eq!(
            s.apply(Change::SetPulseMode(PulseMode::Open), &clock()),
            Err(ChangeError::PulseAlreadyScored(PulseMode::Private))
        );
        // Clearing a ballot's last score drops the ballot.
        s.apply(
            Change::SetBallot {
                step: "pulse".into(),
                ballot: "a1".into(),
                item: "right_place".into(),
                score: None,
                by_hand: false,
            },
            &clock(),
        )
        .unwrap();
        assert!(s.results("pulse").is_none_or(|r| r.ballots.is_empty()));
    }
}
