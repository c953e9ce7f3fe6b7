//! What the store may do to a session besides `apply`: build one from an older file format,
//! and set right what a file it read holds (its name, its format, a step or an id counter out
//! of range). None of these is an edit of the facilitator's.

use super::{FORMAT_VERSION, ID_LIMIT, Language, Participant, Session, StepResults, Template};
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// A session as an older file format held it, converted by the store's migration: the one
/// way to build a session from its parts (a new one comes from `Session::start`).
pub struct Migrated {
    pub id: String,
    pub title: String,
    pub organisation: String,
    pub goal: String,
    pub facilitator: String,
    pub language: Language,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub template: Template,
    pub participants: Vec<Participant>,
    pub current_step: usize,
    pub results: BTreeMap<String, StepResults>,
    pub follow_up: Option<Date>,
    pub next_id: u64,
}

impl From<Migrated> for Session {
    /// In the current format, with the first participant in focus; not finished, following
    /// no earlier session (older formats had neither).
    fn from(m: Migrated) -> Session {
        Session {
            version: FORMAT_VERSION,
            id: m.id,
            title: m.title,
            organisation: m.organisation,
            goal: m.goal,
            facilitator: m.facilitator,
            team: String::new(),
            programme: String::new(),
            language: m.language,
            created: m.created,
            updated: m.updated,
            template: m.template,
            focus: m.participants.first().map(|p| p.id),
            participants: m.participants,
            current_step: m.current_step,
            results: m.results,
            follow_up: m.follow_up,
            finished: None,
            follows: None,
            pulse_mode: super::PulseMode::of_older_sessions(),
            archive_name: None,
            heard: None,
            interview_notes: BTreeMap::new(),
            next_id: m.next_id,
        }
    }
}

/// What the store sets right in a file it read: none of these is an edit of the session.
impl Session {
    /// The id follows the file's name (a file copied or renamed by hand).
    pub fn name_after_file(&mut self, id: &str) {
        self.id = id.to_string();
    }

    /// A migrated file is now of the format this program writes.
    pub fn mark_current_format(&mut self) {
        self.version = FORMAT_VERSION;
    }

    /// Every action's "when" read as a date where it reads as one (a file from before
    /// format 5 has the words only), last time's actions included.
    pub fn date_actions(&mut self) {
        let reference = self.created_date();
        let earlier = self.follows.as_mut().map(|e| (e.created, &mut e.actions));
        if let Some((created, actions)) = earlier {
            let said = created.to_zoned(jiff::tz::TimeZone::UTC).date();
            for a in actions.iter_mut() {
                a.due = super::parse_due(&a.when, said);
            }
        }
        for a in self.results.values_mut().flat_map(|r| r.actions.iter_mut()) {
            a.due = super::parse_due(&a.when, reference);
        }
    }

    /// A step past the end of the workshop (a hand-edited file) is the last step.
    pub fn clamp_current_step(&mut self) {
        let last = self.template.steps.len().saturating_sub(1);
        self.current_step = self.current_step.min(last);
    }

    /// The id counter goes on above `highest`, the highest id in use. A counter past half the
    /// range was edited by hand and would run out within a few changes: ids above the highest
    /// in use are free, so it starts again there.
    pub fn repair_id_counter(&mut self, highest: u64) {
        if self.next_id >= ID_LIMIT / 2 && self.next_id > highest.saturating_add(1) {
            self.next_id = highest.saturating_add(1);
        }
        self.next_id = self.next_id.max(highest.saturating_add(1));
    }
}
