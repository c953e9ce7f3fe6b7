//! Older session formats, read into their own types and converted to the current one.
//!
//! Format 1 (the pre-release layout) named participants by name everywhere and had no id
//! counter; format 2 gives participants ids, so a rename keeps their answers. Format 3 adds
//! what format 2 files simply do not have (the link to an earlier session, dot votes, the
//! outcomes of last time's actions, a template's dots), so a format 2 file reads as it is.

use crate::diagnostic::SourceError;
use crate::domain::{
    Action, Denominator, FORMAT_VERSION, Group, Idea, Language, Migrated, Participant,
    ParticipantId, Session, StepResults, Template,
};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

pub fn from_older(origin: &str, text: &str, version: u32) -> Result<Session, SourceError> {
    match version {
        1 => {
            let v1: V1Session =
                ron::from_str(text).map_err(|e| SourceError::from_ron(origin, text, &e))?;
            let mut session = v1.into_current();
            session.date_actions();
            Ok(session)
        }
        // Format 3 only lacks the pulse mode, which a file without one reads as open (its
        // scores were kept by name). Format 4 lacks the team, the programme (empty) and the
        // actions' dates, read from their words.
        2..=4 => {
            let mut session = Session::from_ron(origin, text)?;
            session.mark_current_format();
            session.date_actions();
            Ok(session)
        }
        other => Err(SourceError::at(
            origin,
            text,
            1,
            1,
            format!(
                "unknown session format version {other} (this program reads 1 to {FORMAT_VERSION})"
            ),
        )),
    }
}

#[derive(Deserialize)]
struct V1Session {
    id: String,
    title: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    goal: String,
    #[serde(default)]
    facilitator: String,
    language: Language,
    created: Timestamp,
    updated: Timestamp,
    template: Template,
    participants: Vec<String>,
    current_step: usize,
    #[serde(default)]
    results: BTreeMap<String, V1Results>,
    #[serde(default)]
    follow_up: Option<Date>,
}

#[derive(Deserialize, Default)]
struct V1Results {
    #[serde(default)]
    pulse: BTreeMap<String, BTreeMap<String, u8>>,
    #[serde(default)]
    roles: BTreeMap<String, String>,
    #[serde(default)]
    ideas: Vec<V1Idea>,
    #[serde(default)]
    groups: Vec<Group>,
    #[serde(default)]
    denominators: Vec<Denominator>,
    #[serde(default)]
    actions: Vec<Action>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    checked: BTreeSet<usize>,
}

#[derive(Deserialize)]
struct V1Idea {
    id: u64,
    participant: String,
    text: String,
    at: Timestamp,
}

impl V1Session {
    fn into_current(self) -> Session {
        let mut ids: BTreeMap<String, ParticipantId> = BTreeMap::new();
        let mut participants = Vec::new();
        let mut used: Vec<u64> = Vec::new();
        for r in self.results.values() {
            used.extend(r.ideas.iter().map(|i| i.id));
            used.extend(r.groups.iter().map(|g| g.id.0));
            used.extend(r.actions.iter().map(|a| a.id.0));
        }
        // Saturating: an id at the very end of the range is refused by the load checks
        // afterwards, instead of overflowing here.
        let mut next_id = used.iter().max().map_or(1, |m| m.saturating_add(1));
        let mut id_for = |name: &str, participants: &mut Vec<Participant>| -> ParticipantId {
            *ids.entry(name.to_string()).or_insert_with(|| {
                let id = ParticipantId(next_id as u32);
                next_id = next_id.saturating_add(1);
                participants.push(Participant {
                    id,
                    name: name.to_string(),
                });
                id
            })
        };
        for name in &self.participants {
            id_for(name, &mut participants);
        }
        let mut results = BTreeMap::new();
        for (step, r) in self.results {
            let converted = StepResults {
                ballots: BTreeMap::new(),
                revealed: false,
                order: Vec::new(),
                pulse: r
                    .pulse
                    .into_iter()
                    .map(|(name, scores)| (id_for(&name, &mut participants), scores))
                    .collect(),
                roles: r
                    .roles
                    .into_iter()
                    .map(|(name, role)| (id_for(&name, &mut participants), role))
                    .collect(),
                ideas: r
                    .ideas
                    .into_iter()
                    .map(|i| Idea {
                        id: crate::domain::IdeaId(i.id),
                        participant: id_for(&i.participant, &mut participants),
                        text: i.text,
                        at: i.at,
                        post_key: None,
                    })
                    .collect(),
                groups: r.groups,
                denominators: r.denominators,
                actions: r.actions,
                notes: r.notes,
                checked: r.checked,
                grouping_level: 0,
                votes: BTreeMap::new(),
                outcomes: BTreeMap::new(),
            };
            results.insert(step, converted);
        }
        Session::from(Migrated {
            id: self.id,
            title: self.title,
            organisation: self.organisation,
            goal: self.goal,
            facilitator: self.facilitator,
            language: self.language,
            created: self.created,
            updated: self.updated,
            template: self.template,
            participants,
            current_step: self.current_step,
            results,
            follow_up: self.follow_up,
            next_id,
        })
    }
}
