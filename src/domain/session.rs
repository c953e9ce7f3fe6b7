//! A workshop session: who took part, where the workshop is, and what each step produced.

use super::pulse::{Ballot, PulseMode};
use super::{Language, Template};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The session file format this program writes. Older files are migrated; newer ones are
/// opened read-only (see `store::load`).
pub const FORMAT_VERSION: u32 = 5;

/// Ids come from one counter and participants keep theirs in 32 bits, so every id stays
/// below this.
pub const ID_LIMIT: u64 = u32::MAX as u64;

pub use super::ids::{ActionId, GroupId, IdeaId, ParticipantId};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub(in crate::domain) version: u32,
    pub(in crate::domain) id: String,
    pub(in crate::domain) title: String,
    #[serde(default)]
    pub(in crate::domain) organisation: String,
    /// The organisation's goal that the bridge step puts beside the common denominators.
    #[serde(default)]
    pub(in crate::domain) goal: String,
    #[serde(default)]
    pub(in crate::domain) facilitator: String,
    /// The team this session was with (format 5), to choose sessions across a programme.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(in crate::domain) team: String,
    /// The programme this session belongs to (format 5).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(in crate::domain) programme: String,
    pub(in crate::domain) language: Language,
    pub(in crate::domain) created: Timestamp,
    pub(in crate::domain) updated: Timestamp,
    /// A copy of the template the session came from, so the file is complete on its own.
    pub(in crate::domain) template: Template,
    pub(in crate::domain) participants: Vec<Participant>,
    /// Index into `template.steps`.
    pub(in crate::domain) current_step: usize,
    /// The participant in focus on capture steps.
    #[serde(default)]
    pub(in crate::domain) focus: Option<ParticipantId>,
    /// Results per step, keyed by step id; steps without results are absent.
    #[serde(default)]
    pub(in crate::domain) results: BTreeMap<String, StepResults>,
    #[serde(default)]
    pub(in crate::domain) follow_up: Option<Date>,
    #[serde(default)]
    pub(in crate::domain) finished: Option<Timestamp>,
    /// The session this one follows up (format 3), as it was when this one was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(in crate::domain) follows: Option<super::Earlier>,
    /// How the pulse is kept (format 4): private ballots, or scores by name. A file without
    /// it was scored by name.
    #[serde(default = "PulseMode::of_older_sessions")]
    pub(in crate::domain) pulse_mode: PulseMode,
    /// The session's name in a programme's shared archive (`2026-12-05-k3x9q2`): given at its
    /// first sync, kept in the file so a copy of it on another laptop shares the same archive
    /// file. Absent until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(in crate::domain) archive_name: Option<String>,
    /// The interviews this session draws on, with their themes (a copy made when it was
    /// started); absent from sessions that draw on none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(in crate::domain) heard: Option<super::Heard>,
    /// Per interview step (by its id): the question each answer was given to, and what the
    /// facilitator heard; the answers themselves are the step's ideas.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(in crate::domain) interview_notes: BTreeMap<String, super::InterviewNotes>,
    /// The next id handed out to a participant, idea, group or action.
    pub(in crate::domain) next_id: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepResults {
    /// Engagement pulse scored aloud (open mode): participant → item id → score 1–5.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pulse: BTreeMap<ParticipantId, BTreeMap<String, u8>>,
    /// Engagement pulse scored privately (format 4): ballot id → scores, linked to no one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ballots: BTreeMap<String, Ballot>,
    /// The pulse's figures are shown to the room (the facilitator revealed them).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revealed: bool,
    /// Role choice: participant → role id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<ParticipantId, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ideas: Vec<Idea>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub denominators: Vec<Denominator>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// How readily ideas are grouped on this step: -1 coarser, 0 default, 1 finer.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub grouping_level: i8,
    /// Ticked checklist lines (indices into the step's checklist).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub checked: BTreeSet<usize>,
    /// Dot votes on the common ground (format 3): participant → group → dots.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub votes: BTreeMap<ParticipantId, BTreeMap<GroupId, u8>>,
    /// What became of last time's actions (format 3), by the earlier action's id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub outcomes: BTreeMap<ActionId, super::Outcome>,
    /// The board's order held while the facilitator reshapes it, so ranks do not jump in
    /// front of the room; empty: ranked as the votes say. A vote or re-ranking clears it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<GroupId>,
}

fn is_zero(n: &i8) -> bool {
    *n == 0
}

impl StepResults {
    pub fn is_empty(&self) -> bool {
        *self == StepResults::default()
    }

    /// The names of the marked common denominators: each is its group's name now (a group
    /// renamed after marking shows its new name); the label kept at marking time only for a
    /// group that is no longer there.
    pub fn denominator_labels(&self) -> Vec<&str> {
        self.denominators
            .iter()
            .map(|d| {
                self.groups
                    .iter()
                    .find(|g| g.id == d.group)
                    .map_or(d.label.as_str(), |g| g.label.as_str())
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Idea {
    pub id: IdeaId,
    pub participant: ParticipantId,
    pub text: String,
    pub at: Timestamp,
    /// Set only for an idea a participant sent from their own device: the idempotency key
    /// of that post, so a retry (even after a restart) finds the idea instead of adding it
    /// twice. Its presence is also the marker that the idea came from a device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_key: Option<String>,
}

impl Idea {
    /// Whether a participant sent this idea from their own device.
    pub fn from_device(&self) -> bool {
        self.post_key.is_some()
    }

    /// Sent from a device without a name: saved with no author.
    pub fn is_anonymous(&self) -> bool {
        self.participant == super::ParticipantId::ANONYMOUS
    }
}

/// A group of ideas, as the engine suggested it or the facilitator shaped it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: GroupId,
    pub label: String,
    /// The facilitator renamed it; the label is kept as the group grows.
    #[serde(default)]
    pub label_edited: bool,
    /// The facilitator locked it: the engine adds nothing and takes nothing away.
    #[serde(default)]
    pub locked: bool,
    /// Made or changed by the facilitator (merge, split, pull out): never merged automatically.
    #[serde(default)]
    pub manual: bool,
    pub ideas: Vec<IdeaId>,
    /// Ideas the facilitator placed here by hand; the engine never moves them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pinned: Vec<IdeaId>,
    /// Ideas that take the opposite view of the rest of the group on its subject (the
    /// facilitator put them together; the engine never would): the group shows "differing
    /// views", and their authors do not count as sharing it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub differing: Vec<IdeaId>,
}

/// A group the facilitator marked as common ground of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Denominator {
    pub group: GroupId,
    pub label: String,
}

/// An agreement: what, who, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: ActionId,
    pub what: String,
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub when: String,
    /// The date `when` names, where it names one (format 5); free text has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// The action of the session this one follows up that this one carries on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<ActionId>,
}

impl Session {
    pub fn participant(&self, id: ParticipantId) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    pub fn participant_name(&self, id: ParticipantId) -> &str {
        self.participant(id).map_or("?", |p| p.name.as_str())
    }

    pub fn results(&self, step_id: &str) -> Option<&StepResults> {
        self.results.get(step_id)
    }

    /// All ideas of all steps, in step order.
    pub fn all_ideas(&self) -> impl Iterator<Item = (&str, &Idea)> {
        self.template.steps.iter().flat_map(move |step| {
            self.results
                .get(&step.id)
                .into_iter()
                .flat_map(|r| r.ideas.iter())
                .map(move |idea| (step.id.as_str(), idea))
        })
    }

    /// Every idea by id, with the index of its step in the template: one pass, for screens
    /// and reports that look ideas up many times.
    pub fn idea_index(&self) -> HashMap<IdeaId, (&Idea, usize)> {
        self.template
            .steps
            .iter()
            .enumerate()
            .filter_map(|(n, step)| self.results.get(&step.id).map(|r| (n, r)))
            .flat_map(|(n, r)| r.ideas.iter().map(move |i| (i.id, (i, n))))
            .collect()
    }

    /// The step an idea was said on.
    pub fn step_of_idea(&self, id: IdeaId) -> Option<&str> {
        self.all_ideas()
            .find(|(_, idea)| idea.id == id)
            .map(|(step, _)| step)
    }

    /// Whether a participant has answered on a step where each person answers (all pulse
    /// statements scored, a role chosen, something said on a question); `None` on other steps.
    pub fn has_answered(&self, step: &super::Step, participant: ParticipantId) -> Option<bool> {
        let results = self.results(&step.id);
        Some(match &step.kind {
            super::StepKind::Pulse { items, .. } => results
                .and_then(|r| r.pulse.get(&participant))
                .is_some_and(|scores| items.iter().all(|i| scores.contains_key(&i.id))),
            super::StepKind::Roles { .. } => {
                results.is_some_and(|r| r.roles.contains_key(&participant))
            }
            super::StepKind::Question | super::StepKind::Interview { .. } => {
                results.is_some_and(|r| r.ideas.iter().any(|i| i.participant == participant))
            }
            _ => return None,
        })
    }

    /// Who a step starts with: the first participant who has not answered yet, else the first.
    pub fn first_to_answer(&self, step: &super::Step) -> Option<ParticipantId> {
        self.participants
            .iter()
            .find(|p| self.has_answered(step, p.id) == Some(false))
            .or(self.participants.first())
            .map(|p| p.id)
    }

    /// The common denominators of every common-ground step, by their groups' names now.
    pub fn denominator_labels(&self) -> Vec<&str> {
        self.template
            .steps
            .iter()
            .filter(|s| s.kind == super::StepKind::CommonGround)
            .filter_map(|s| self.results(&s.id))
            .flat_map(StepResults::denominator_labels)
            .collect()
    }

    /// The idea a device post with this idempotency key made, if one did.
    pub fn idea_by_post_key(&self, key: &str) -> Option<&Idea> {
        self.results
            .values()
            .flat_map(|r| r.ideas.iter())
            .find(|i| i.post_key.as_deref() == Some(key))
    }

    pub fn idea_count(&self) -> usize {
        self.results.values().map(|r| r.ideas.len()).sum()
    }

    pub fn current_step(&self) -> &super::Step {
        let last = self.template.steps.len().saturating_sub(1);
        &self.template.steps[self.current_step.min(last)]
    }

    /// Parses a session from RON text; `origin` names the file in errors.
    pub fn from_ron(origin: &str, text: &str) -> Result<Session, crate::diagnostic::SourceError> {
        ron::from_str(text).map_err(|e| crate::diagnostic::SourceError::from_ron(origin, text, &e))
    }

    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::default()
            .struct_names(false)
            .separate_tuple_members(false);
        ron::ser::to_string_pretty(self, config).expect("sessions always serialise")
    }

    /// RON without indentation or line breaks: the same session in far fewer bytes, for
    /// sessions whose readable form would be too large for a session file.
    pub fn to_compact_ron(&self) -> String {
        ron::ser::to_string(self).expect("sessions always serialise")
    }
}

/// What a facilitator gives when starting a session.
#[derive(Debug, Clone, Default)]
pub struct NewSession {
    pub title: String,
    pub organisation: String,
    pub goal: String,
    pub facilitator: String,
    pub team: String,
    pub programme: String,
    pub participants: Vec<String>,
    /// The session this one follows up.
    pub follows: Option<super::Earlier>,
    /// How the pulse is kept; private unless the facilitator chose otherwise.
    pub pulse_mode: PulseMode,
    /// The interviews it draws on.
    pub heard: Option<super::Heard>,
}

impl Session {
    /// A fresh session at step 1. `id` is chosen by the store (it is the file name).
    pub fn start(
        id: String,
        template: Template,
        details: NewSession,
        clock: &dyn super::Clock,
    ) -> Session {
        let now = clock.now();
        let mut session = Session {
            version: FORMAT_VERSION,
            id,
            title: details.title.trim().to_string(),
            organisation: details.organisation.trim().to_string(),
            goal: details.goal.trim().to_string(),
            facilitator: details.facilitator.trim().to_string(),
            team: details.team.trim().to_string(),
            programme: details.programme.trim().to_string(),
            language: template.language,
            created: now,
            updated: now,
            template,
            participants: Vec::new(),
            current_step: 0,
            focus: None,
            results: BTreeMap::new(),
            follow_up: None,
            finished: None,
            follows: details.follows,
            pulse_mode: details.pulse_mode,
            archive_name: None,
            heard: details.heard.filter(|h| !h.is_empty()),
            interview_notes: BTreeMap::new(),
            next_id: 1,
        };
        for name in details.participants {
            let name = name.trim();
            if !name.is_empty() && !session.participants.iter().any(|p| p.name == name) {
                // A new session counts from 1: there are ids to spare.
                let Ok(id) = session.take_id() else { break };
                session.participants.push(Participant {
                    // Below ID_LIMIT, so it fits in 32 bits.
                    id: ParticipantId(id as u32),
                    name: name.to_string(),
                });
            }
        }
        session.focus = session.participants.first().map(|p| p.id);
        session
    }

    /// Hands out the next id. It never overflows: a counter at the end of the range (a
    /// hand-edited file) starts again above the highest id in use, and only a session that
    /// really uses the top id has none left.
    pub(super) fn take_id(&mut self) -> Result<u64, super::ChangeError> {
        // Worked out before anything is written: a refused change leaves the session as it was.
        let id = if self.next_id >= ID_LIMIT {
            self.highest_id().saturating_add(1)
        } else {
            self.next_id
        };
        if id >= ID_LIMIT {
            return Err(super::ChangeError::NoIdsLeft);
        }
        self.next_id = id + 1;
        Ok(id)
    }

    /// The highest id the session uses or refers to (participants, ideas, groups and what
    /// they list, denominators, actions); 0 when there is none.
    pub fn highest_id(&self) -> u64 {
        let people = self.participants.iter().map(|p| u64::from(p.id.0));
        let results = self.results.values().flat_map(|r| {
            let groups = r.groups.iter().flat_map(|g| {
                std::iter::once(g.id.0)
                    .chain(g.ideas.iter().map(|i| i.0))
                    .chain(g.pinned.iter().map(|i| i.0))
            });
            r.ideas
                .iter()
                .map(|i| i.id.0)
                .chain(groups)
                .chain(r.denominators.iter().map(|d| d.group.0))
                .chain(r.actions.iter().map(|a| a.id.0))
                .chain(r.pulse.keys().map(|p| u64::from(p.0)))
                .chain(r.roles.keys().map(|p| u64::from(p.0)))
                .chain(r.votes.keys().map(|p| u64::from(p.0)))
        });
        people.chain(results).max().unwrap_or(0)
    }
}
