//! Every edit to a session goes through `Session::apply`, the one place that checks and
//! performs it. The app records history (undo/redo) and saves after each applied change.

use super::session::{Action, Denominator, Group, Idea, Participant};
use super::{ActionId, Clock, GroupId, IdeaId, Language, ParticipantId, Session, StepKind};
use jiff::civil::Date;

mod error;
mod interview;
mod lookup;
mod pulse;
mod votes;

#[cfg(test)]
mod props;

pub use error::ChangeError;
use lookup::wrong;

#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    SetTitle(String),
    SetOrganisation(String),
    /// The team the session was with, to choose sessions across a programme ("" for none).
    SetTeam(String),
    /// The programme the session belongs to ("" for none).
    SetProgramme(String),
    SetGoal(String),
    SetFacilitator(String),
    SetLanguage(Language),
    AddParticipant(String),
    RenameParticipant {
        id: ParticipantId,
        name: String,
    },
    RemoveParticipant(ParticipantId),
    MoveParticipant {
        id: ParticipantId,
        to: usize,
    },
    GoToStep(usize),
    Focus(Option<ParticipantId>),
    SetPulse {
        step: String,
        participant: ParticipantId,
        item: String,
        score: Option<u8>,
    },
    /// A score on a private pulse's ballot (made when it gets its first score, dropped when
    /// its last is cleared); `by_hand`: typed by the facilitator, not sent from a device.
    SetBallot {
        step: String,
        ballot: String,
        item: String,
        score: Option<u8>,
        by_hand: bool,
    },
    /// Shows the pulse's figures to the room, or hides them again.
    RevealPulse {
        step: String,
        shown: bool,
    },
    SetPulseMode(super::PulseMode),
    SetRole {
        step: String,
        participant: ParticipantId,
        role: Option<String>,
    },
    AddIdea {
        step: String,
        participant: ParticipantId,
        text: String,
    },
    /// An idea a participant sent from their own device; `key` is the post's idempotency
    /// key, which no other idea of the session may carry.
    AddDeviceIdea {
        step: String,
        participant: ParticipantId,
        text: String,
        key: String,
    },
    EditIdea {
        id: IdeaId,
        text: String,
    },
    /// The idea was said by someone else than it was typed under.
    SetIdeaAuthor {
        id: IdeaId,
        participant: ParticipantId,
    },
    RemoveIdea(IdeaId),
    /// Replaces a step's groups (the engine's suggestion with the facilitator's edits).
    SetGroups {
        step: String,
        groups: Vec<Group>,
    },
    /// How readily ideas are grouped on a step: -1 coarser, 0 default, 1 finer.
    SetGroupingLevel {
        step: String,
        level: i8,
    },
    /// Marks a group as a common denominator, or unmarks it when it already is one.
    ToggleDenominator {
        step: String,
        group: GroupId,
        label: String,
    },
    AddAction {
        step: String,
        what: String,
        who: String,
        when: String,
    },
    EditAction {
        id: ActionId,
        what: String,
        who: String,
        when: String,
    },
    /// Takes an action from last time into this session's actions (on `step`, a bridge),
    /// linked to it; once per earlier action.
    CarryOver {
        step: String,
        from: ActionId,
        what: String,
        who: String,
        when: String,
    },
    RemoveAction(ActionId),
    SetNotes {
        step: String,
        text: String,
    },
    ToggleChecklist {
        step: String,
        index: usize,
    },
    SetFollowUp(Option<Date>),
    Finish,
    /// One more of a participant's dots on a common-ground group (within the template's
    /// budget per participant).
    AddDot {
        step: String,
        participant: ParticipantId,
        group: GroupId,
    },
    /// Holds the board's order as it is (`order`), or lets it follow the votes again (empty).
    PinOrder {
        step: String,
        order: Vec<GroupId>,
    },
    /// An interview's answer to one of its questions, in the colleague's words.
    AddAnswer {
        step: String,
        question: String,
        participant: ParticipantId,
        text: String,
    },
    /// What the facilitator heard in the answers to one of an interview's questions.
    SetHeard {
        step: String,
        question: String,
        text: String,
    },
    /// Takes back one of a participant's dots from a group.
    TakeDot {
        step: String,
        participant: ParticipantId,
        group: GroupId,
    },
    /// What became of one of last time's actions, on a "last time" step.
    SetOutcome {
        step: String,
        action: ActionId,
        outcome: super::Outcome,
    },
}

impl Change {
    /// Moving around is not an edit: undo skips it.
    pub fn is_undoable(&self) -> bool {
        !matches!(self, Change::GoToStep(_) | Change::Focus(_))
    }
}

/// What an applied change produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Done,
    /// A new participant, idea or action with this id.
    Created(u64),
}

/// The longest idempotency key a device post may carry, in bytes.
pub const MAX_POST_KEY: usize = 64;

fn non_empty(text: &str) -> Result<String, ChangeError> {
    let t = text.trim();
    if t.is_empty() {
        Err(ChangeError::EmptyText)
    } else {
        Ok(t.to_string())
    }
}

impl Session {
    /// A new action on `step` (what, who, when), carrying on last time's `carried_from`.
    fn add_action(
        &mut self,
        step: String,
        [what, who, when]: [String; 3],
        carried_from: Option<ActionId>,
    ) -> Result<Applied, ChangeError> {
        let what = non_empty(&what)?;
        self.step_kind(&step)?;
        let id = ActionId(self.take_id()?);
        let due = super::parse_due(&when, self.created_date());
        self.results.entry(step).or_default().actions.push(Action {
            id,
            what,
            who: who.trim().to_string(),
            when: when.trim().to_string(),
            due,
            carried_from,
        });
        Ok(Applied::Created(id.0))
    }

    fn add_idea(
        &mut self,
        step: String,
        participant: ParticipantId,
        text: &str,
        post_key: Option<String>,
        clock: &dyn Clock,
    ) -> Result<Applied, ChangeError> {
        if !matches!(self.step_kind(&step)?, StepKind::Question) {
            return Err(wrong(&step, "question"));
        }
        self.push_idea(step, participant, text, post_key, clock)
    }

    /// A new idea on `step`, whose kind takes ideas.
    fn push_idea(
        &mut self,
        step: String,
        participant: ParticipantId,
        text: &str,
        post_key: Option<String>,
        clock: &dyn Clock,
    ) -> Result<Applied, ChangeError> {
        let text = non_empty(text)?;
        // Only an idea from a device may have no author (sent anonymously).
        if participant != ParticipantId::ANONYMOUS || post_key.is_none() {
            self.participant_index(participant)?;
        }
        let id = IdeaId(self.take_id()?);
        let at = clock.now();
        self.results.entry(step).or_default().ideas.push(Idea {
            id,
            participant,
            text,
            at,
            post_key,
        });
        Ok(Applied::Created(id.0))
    }

    /// Checks and performs one change. On error the session is unchanged.
    pub fn apply(&mut self, change: Change, clock: &dyn Clock) -> Result<Applied, ChangeError> {
        let applied = self.perform(change, clock)?;
        self.updated = clock.now();
        Ok(applied)
    }

    fn perform(&mut self, change: Change, clock: &dyn Clock) -> Result<Applied, ChangeError> {
        use Change::*;
        match change {
            SetTitle(t) => self.title = non_empty(&t)?,
            SetOrganisation(t) => self.organisation = t.trim().to_string(),
            SetTeam(t) => self.team = t.trim().to_string(),
            SetProgramme(t) => self.programme = t.trim().to_string(),
            SetGoal(t) => self.goal = t.trim().to_string(),
            SetFacilitator(t) => self.facilitator = t.trim().to_string(),
            SetLanguage(l) => self.language = l,
            AddParticipant(name) => {
                let name = non_empty(&name)?;
                self.check_unique_name(&name, None)?;
                let id = ParticipantId(self.take_id()? as u32);
                self.participants.push(Participant { id, name });
                if self.focus.is_none() {
                    self.focus = Some(id);
                }
                return Ok(Applied::Created(u64::from(id.0)));
            }
            RenameParticipant { id, name } => {
                let name = non_empty(&name)?;
                self.check_unique_name(&name, Some(id))?;
                self.participant_mut(id)?.name = name;
            }
            RemoveParticipant(id) => {
                let name = self.participant_mut(id)?.name.clone();
                let count = self.answers_of(id);
                if count > 0 {
                    return Err(ChangeError::ParticipantHasAnswers { name, count });
                }
                self.participants.retain(|p| p.id != id);
                if self.focus == Some(id) {
                    self.focus = self.participants.first().map(|p| p.id);
                }
            }
            MoveParticipant { id, to } => {
                let from = self.participant_index(id)?;
                let p = self.participants.remove(from);
                let to = to.min(self.participants.len());
                self.participants.insert(to, p);
            }
            GoToStep(i) => {
                let n = self.template.steps.len();
                if i >= n {
                    return Err(ChangeError::StepOutOfRange(i + 1, n));
                }
                self.current_step = i;
            }
            Focus(p) => {
                if let Some(id) = p {
                    self.participant_index(id)?;
                }
                self.focus = p;
            }
            SetPulse {
                step,
                participant,
                item,
                score,
            } => self.set_pulse(step, participant, item, score)?,
            SetBallot {
                step,
                ballot,
                item,
                score,
                by_hand,
            } => self.set_ballot(step, ballot, item, score, by_hand)?,
            RevealPulse { step, shown } => self.reveal_pulse(step, shown)?,
            SetPulseMode(mode) => self.set_pulse_mode(mode)?,
            SetRole {
                step,
                participant,
                role,
            } => {
                let roles = match &self.step_kind(&step)? {
                    StepKind::Roles { roles } => roles.clone(),
                    _ => return Err(wrong(&step, "roles")),
                };
                self.participant_index(participant)?;
                if let Some(r) = role.as_ref().filter(|r| !roles.iter().any(|o| o.id == **r)) {
                    return Err(ChangeError::UnknownRole(r.clone()));
                }
                let results = self.results.entry(step).or_default();
                match role {
                    Some(r) => {
                        results.roles.insert(participant, r);
                    }
                    None => {
                        results.roles.remove(&participant);
                    }
                }
            }
            AddIdea {
                step,
                participant,
                text,
            } => return self.add_idea(step, participant, &text, None, clock),
            AddDeviceIdea {
                step,
                participant,
                text,
                key,
            } => {
                if key.is_empty() || key.len() > MAX_POST_KEY {
                    return Err(ChangeError::BadPostKey);
                }
                if self.idea_by_post_key(&key).is_some() {
                    return Err(ChangeError::DuplicatePost);
                }
                return self.add_idea(step, participant, &text, Some(key), clock);
            }
            EditIdea { id, text } => {
                let text = non_empty(&text)?;
                self.idea_mut(id)?.text = text;
            }
            SetIdeaAuthor { id, participant } => {
                self.participant(participant)
                    .ok_or(ChangeError::UnknownParticipant(participant))?;
                self.idea_mut(id)?.participant = participant;
            }
            RemoveIdea(id) => {
                self.idea_mut(id)?;
                for r in self.results.values_mut() {
                    r.ideas.retain(|i| i.id != id);
                    for g in &mut r.groups {
                        g.ideas.retain(|i| *i != id);
                        g.pinned.retain(|i| *i != id);
                    }
                    r.groups.retain(|g| !g.ideas.is_empty());
                }
                for n in self.interview_notes.values_mut() {
                    n.answer_to.remove(&id);
                }
            }
            SetGroups { step, groups } => {
                self.step_kind(&step)?;
                let known = self.idea_index();
                for g in &groups {
                    if let Some(missing) = g.ideas.iter().find(|i| !known.contains_key(i)) {
                        return Err(ChangeError::UnknownIdea(*missing));
                    }
                }
                let results = self.results.entry(step).or_default();
                // Denominators follow their group; those whose group is gone are dropped.
                results
                    .denominators
                    .retain(|d| groups.iter().any(|g| g.id == d.group));
                // ... and carry its name, so the file says what the screen says.
                for d in &mut results.denominators {
                    if let Some(g) = groups.iter().find(|g| g.id == d.group) {
                        d.label.clone_from(&g.label);
                    }
                }
                votes::carry_votes(results, &groups);
                results.groups = groups;
            }
            SetGroupingLevel { step, level } => {
                self.step_kind(&step)?;
                self.results.entry(step).or_default().grouping_level = level.clamp(-1, 1);
            }
            ToggleDenominator { step, group, label } => {
                self.step_kind(&step)?;
                let results = self.results(&step);
                if !results.is_some_and(|r| r.groups.iter().any(|g| g.id == group)) {
                    return Err(ChangeError::UnknownGroup(group));
                }
                let marked =
                    results.is_some_and(|r| r.denominators.iter().any(|d| d.group == group));
                let label = if marked {
                    None
                } else {
                    Some(non_empty(&label)?)
                };
                let results = self.results.entry(step).or_default();
                match label {
                    None => results.denominators.retain(|d| d.group != group),
                    Some(label) => results.denominators.push(Denominator { group, label }),
                }
            }
            AddAction {
                step,
                what,
                who,
                when,
            } => return self.add_action(step, [what, who, when], None),
            CarryOver {
                step,
                from,
                what,
                who,
                when,
            } => {
                let earlier = self
                    .follows
                    .as_ref()
                    .map(|e| e.actions.as_slice())
                    .unwrap_or_default();
                if !earlier.iter().any(|a| a.id == from) {
                    return Err(ChangeError::UnknownAction(from));
                }
                if self.carried_over(from).is_some() {
                    return Err(ChangeError::AlreadyCarried(from));
                }
                return self.add_action(step, [what, who, when], Some(from));
            }
            EditAction {
                id,
                what,
                who,
                when,
            } => {
                let what = non_empty(&what)?;
                let due = super::parse_due(&when, self.created_date());
                let action = self
                    .results
                    .values_mut()
                    .flat_map(|r| r.actions.iter_mut())
                    .find(|a| a.id == id)
                    .ok_or(ChangeError::UnknownAction(id))?;
                action.what = what;
                action.who = who.trim().to_string();
                action.when = when.trim().to_string();
                action.due = due;
            }
            RemoveAction(id) => {
                let before: usize = self.results.values().map(|r| r.actions.len()).sum();
                for r in self.results.values_mut() {
                    r.actions.retain(|a| a.id != id);
                }
                let after: usize = self.results.values().map(|r| r.actions.len()).sum();
                if before == after {
                    return Err(ChangeError::UnknownAction(id));
                }
            }
            SetNotes { step, text } => {
                self.step_kind(&step)?;
                self.results.entry(step).or_default().notes = text.trim_end().to_string();
            }
            ToggleChecklist { step, index } => {
                let len = match &self.step_kind(&step)? {
                    StepKind::Script { checklist } | StepKind::Close { checklist } => {
                        checklist.len()
                    }
                    _ => return Err(wrong(&step, "script or close")),
                };
                if index >= len {
                    return Err(ChangeError::UnknownChecklistLine(index + 1));
                }
                let checked = &mut self.results.entry(step).or_default().checked;
                if !checked.remove(&index) {
                    checked.insert(index);
                }
            }
            SetFollowUp(date) => self.follow_up = date,
            Finish => self.finished = Some(clock.now()),
            AddDot {
                step,
                participant,
                group,
            } => self.add_dot(step, participant, group)?,
            TakeDot {
                step,
                participant,
                group,
            } => self.take_dot(step, participant, group)?,
            SetOutcome {
                step,
                action,
                outcome,
            } => self.set_outcome(step, action, outcome)?,
            AddAnswer {
                step,
                question,
                participant,
                text,
            } => return self.add_answer(step, question, participant, &text, clock),
            SetHeard {
                step,
                question,
                text,
            } => self.set_heard(step, question, &text)?,
            PinOrder { step, order } => {
                if self.step_kind(&step)? != StepKind::CommonGround {
                    return Err(wrong(&step, "common-ground"));
                }
                self.results.entry(step).or_default().order = order;
            }
        }
        self.results.retain(|_, r| !r.is_empty());
        Ok(Applied::Done)
    }
}
