//! Reading a session: its fields are the domain's own, so `Session::apply` is the one way to
//! change one. A getter per field, named as the field (but `current_step_index`, beside the
//! step itself, and `all_results`, beside one step's `results`).

use super::{Earlier, Language, Participant, ParticipantId, Session, StepResults, Template};
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::BTreeMap;

impl Session {
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The session's id: its file name without `.ron`.
    pub fn id(&self) -> &String {
        &self.id
    }

    pub fn title(&self) -> &String {
        &self.title
    }

    pub fn organisation(&self) -> &String {
        &self.organisation
    }

    /// The organisation's goal that the bridge step puts beside the common denominators.
    pub fn goal(&self) -> &String {
        &self.goal
    }

    pub fn facilitator(&self) -> &String {
        &self.facilitator
    }

    /// The team the session was with; empty when not given.
    pub fn team(&self) -> &String {
        &self.team
    }

    /// The programme the session belongs to; empty when not given.
    pub fn programme(&self) -> &String {
        &self.programme
    }

    /// The day the session was made (UTC): what an action's "when" without a year is read
    /// from.
    pub fn created_date(&self) -> Date {
        self.created.to_zoned(jiff::tz::TimeZone::UTC).date()
    }

    pub fn language(&self) -> Language {
        self.language
    }

    pub fn created(&self) -> Timestamp {
        self.created
    }

    pub fn updated(&self) -> Timestamp {
        self.updated
    }

    /// The copy of the template the session came from.
    pub fn template(&self) -> &Template {
        &self.template
    }

    pub fn participants(&self) -> &Vec<Participant> {
        &self.participants
    }

    /// Where the workshop is: an index into the template's steps.
    pub fn current_step_index(&self) -> usize {
        self.current_step
    }

    /// The participant in focus on capture steps.
    pub fn focus(&self) -> Option<ParticipantId> {
        self.focus
    }

    /// Results per step, keyed by step id; steps without results are absent.
    pub fn all_results(&self) -> &BTreeMap<String, StepResults> {
        &self.results
    }

    pub fn follow_up(&self) -> Option<Date> {
        self.follow_up
    }

    pub fn finished(&self) -> Option<Timestamp> {
        self.finished
    }

    /// The session this one follows up, as it was when this one was made.
    /// How the pulse is kept: private ballots or scores by name.
    pub fn pulse_mode(&self) -> super::PulseMode {
        self.pulse_mode
    }

    pub fn follows(&self) -> &Option<Earlier> {
        &self.follows
    }

    /// This session's action that carries on `earlier` (an action of last time), if any.
    pub fn carried_over(&self, earlier: super::ActionId) -> Option<&super::Action> {
        self.results
            .values()
            .flat_map(|r| &r.actions)
            .find(|a| a.carried_from == Some(earlier))
    }

    /// The next id handed out to a participant, idea, group or action.
    pub fn next_id(&self) -> u64 {
        self.next_id
    }
}
