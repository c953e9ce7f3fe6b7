//! Follow-up sessions: what a new session keeps of the one it follows up (so its file is
//! complete on its own), and what became of last time's actions.

use super::session::{Action, ActionId, Session};
use super::{Step, StepKind};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The session a follow-up follows up, as it was when the follow-up was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Earlier {
    /// The earlier session's id (its file name); `ambassador open ID` opens it.
    pub id: String,
    pub title: String,
    pub created: Timestamp,
    /// The date the earlier session set for this follow-up.
    #[serde(default)]
    pub follow_up: Option<Date>,
    /// The session the earlier one followed up, if any: the chain goes on there.
    #[serde(default)]
    pub follows: Option<String>,
    /// Every action agreed last time.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Last time's pulse: each statement's mean score.
    #[serde(default)]
    pub pulse: Vec<EarlierScore>,
    /// Last time's marked common denominators, with the ideas in them (to match by meaning).
    #[serde(default)]
    pub denominators: Vec<EarlierTheme>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarlierScore {
    /// The pulse item id (the same statement in both sessions shares it).
    pub item: String,
    pub label: String,
    pub mean: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarlierTheme {
    pub label: String,
    #[serde(default)]
    pub ideas: Vec<String>,
}

/// What became of an action from last time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Done,
    InProgress,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Done, Status::InProgress, Status::Dropped];

    /// The key into the UI strings that names the status.
    pub fn key(self) -> &'static str {
        match self {
            Status::Done => "last.done",
            Status::InProgress => "last.in_progress",
            Status::Dropped => "last.dropped",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Status::Done => "✔",
            Status::InProgress => "…",
            Status::Dropped => "✘",
        }
    }
}

/// The outcome of one earlier action: its status (if given yet) and a short note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Whether a follow-up is held on the date the earlier session set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// No date was set last time.
    Unplanned,
    /// On the planned day or before it (days early).
    OnTime(i32),
    /// Days after the planned day.
    Late(i32),
}

impl Earlier {
    /// What a follow-up keeps of `session`: its link, actions, pulse means and denominators.
    pub fn of(session: &Session) -> Earlier {
        let steps = |pick: fn(&StepKind) -> bool| -> Vec<&Step> {
            session
                .template
                .steps
                .iter()
                .filter(|s| pick(&s.kind))
                .collect()
        };
        let actions = session
            .template
            .steps
            .iter()
            .filter_map(|s| session.results(&s.id))
            .flat_map(|r| r.actions.iter().cloned())
            .collect();
        let pulse = steps(|k| matches!(k, StepKind::Pulse { .. }))
            .into_iter()
            .flat_map(|step| pulse_means(session, step))
            .collect();
        let index = session.idea_index();
        let denominators = steps(|k| *k == StepKind::CommonGround)
            .into_iter()
            .filter_map(|s| session.results(&s.id))
            .flat_map(|r| {
                r.denominators.iter().map(|d| {
                    let group = r.groups.iter().find(|g| g.id == d.group);
                    EarlierTheme {
                        label: group.map_or(d.label.clone(), |g| g.label.clone()),
                        ideas: group
                            .map(|g| {
                                g.ideas
                                    .iter()
                                    .filter_map(|i| index.get(i).map(|(i, _)| i.text.clone()))
                                    .collect()
                            })
                            .unwrap_or_default(),
                    }
                })
            })
            .collect();
        Earlier {
            id: session.id.clone(),
            title: session.title.clone(),
            created: session.created,
            follow_up: session.follow_up,
            follows: session.follows.as_ref().map(|e| e.id.clone()),
            actions,
            pulse,
            denominators,
        }
    }

    /// Whether a session held on `day` keeps the date set last time.
    pub fn timing(&self, day: Date) -> Timing {
        match self.follow_up {
            None => Timing::Unplanned,
            Some(planned) => {
                let days = (day - planned).get_days();
                if days <= 0 {
                    Timing::OnTime(-days)
                } else {
                    Timing::Late(days)
                }
            }
        }
    }

    pub fn action(&self, id: ActionId) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// Last time's mean for a pulse statement.
    pub fn mean_of(&self, item: &str) -> Option<f64> {
        self.pulse.iter().find(|p| p.item == item).map(|p| p.mean)
    }
}

/// Last time's means, as the reports showed them (none below three scorers).
fn pulse_means(session: &Session, step: &Step) -> Vec<EarlierScore> {
    super::pulse_summary(session, step)
        .into_iter()
        .filter_map(|s| {
            Some(EarlierScore {
                mean: s.mean?,
                item: s.item,
                label: s.label,
            })
        })
        .collect()
}

impl Session {
    /// The outcomes recorded on every "last time" step, by earlier action.
    pub fn outcomes(&self) -> impl Iterator<Item = (ActionId, &Outcome)> {
        self.template
            .steps
            .iter()
            .filter(|s| s.kind == StepKind::LastTime)
            .filter_map(|s| self.results(&s.id))
            .flat_map(|r| r.outcomes.iter().map(|(id, o)| (*id, o)))
    }

    /// How many of last time's actions this session marked with `status`.
    pub fn outcome_count(&self, status: Status) -> usize {
        self.outcomes()
            .filter(|(_, o)| o.status == Some(status))
            .count()
    }
}

impl super::NewSession {
    /// A follow-up of `earlier`: the same title, organisation, goal, facilitator and
    /// participants (all still editable), linked to it.
    pub fn follow_up_of(earlier: &Session) -> super::NewSession {
        super::NewSession {
            title: earlier.title.clone(),
            organisation: earlier.organisation.clone(),
            goal: earlier.goal.clone(),
            facilitator: earlier.facilitator.clone(),
            participants: earlier
                .participants
                .iter()
                .map(|p| p.name.clone())
                .collect(),
            follows: Some(Earlier::of(earlier)),
            // Privacy is not inherited from a session that may predate it: chosen anew.
            pulse_mode: super::PulseMode::default(),
        }
    }
}
