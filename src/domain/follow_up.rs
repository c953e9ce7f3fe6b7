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

impl Action {
    /// Whether the action's date has passed on `day` while it is not settled (done or
    /// dropped, as `status` says). An action whose "when" is free text is never overdue.
    pub fn overdue_on(&self, day: Date, status: Option<Status>) -> bool {
        !matches!(status, Some(Status::Done | Status::Dropped)) && self.due.is_some_and(|d| d < day)
    }
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
            Status::InProgress => "◐",
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

/// A session as a link of a follow-up chain, as the list of sessions knows it.
#[derive(Debug, Clone, Copy)]
pub struct Link<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// The id of the session it follows up.
    pub follows: Option<&'a str>,
}

/// The default title of a follow-up of `earlier`, told apart from its original: "<the first
/// session's title> — follow-up N", N counting the follow-ups of that first session there are
/// (`others`, the sessions in the folder) plus this one; Dutch "— vervolg N".
pub fn follow_up_title(earlier: &Session, others: &[Link], lang: super::Language) -> String {
    use std::collections::HashMap;
    let mut up: HashMap<&str, Option<&str>> = others.iter().map(|l| (l.id, l.follows)).collect();
    let mut titles: HashMap<&str, &str> = others.iter().map(|l| (l.id, l.title)).collect();
    if let Some(e) = &earlier.follows {
        up.entry(e.id.as_str()).or_insert(e.follows.as_deref());
        titles.entry(e.id.as_str()).or_insert(e.title.as_str());
    }
    up.insert(
        earlier.id.as_str(),
        earlier.follows.as_ref().map(|e| e.id.as_str()),
    );
    titles.insert(earlier.id.as_str(), earlier.title.as_str());
    // Up the chain to its first session; a loop in hand-edited files ends the walk.
    let first = |id: &str| -> String {
        let mut at = id;
        for _ in 0..=up.len() {
            match up.get(at).copied().flatten() {
                Some(earlier) => at = earlier,
                None => break,
            }
        }
        at.to_string()
    };
    let origin = first(&earlier.id);
    let held = up
        .keys()
        .filter(|id| **id != origin && first(id) == origin)
        .count();
    let base = titles
        .get(origin.as_str())
        .map_or(earlier.title.as_str(), |t| *t);
    format!(
        "{} — {} {}",
        without_number(base),
        crate::i18n::tr(lang, "follow_up.title_word"),
        held + 1
    )
}

/// A title without the "— follow-up N" (or "— vervolg N") a default follow-up title ends in.
fn without_number(title: &str) -> &str {
    let Some((head, tail)) = title.rsplit_once(" — ") else {
        return title;
    };
    let numbered = super::Language::ALL.iter().any(|lang| {
        tail.strip_prefix(crate::i18n::tr(*lang, "follow_up.title_word"))
            .and_then(|n| n.strip_prefix(' '))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    });
    if numbered { head } else { title }
}

impl super::NewSession {
    /// A follow-up of `earlier`: the same organisation, goal, facilitator and participants,
    /// and a title of its own (`follow_up_title`, with `others` the sessions there are), all
    /// still editable, linked to it.
    pub fn follow_up_in(
        earlier: &Session,
        others: &[Link],
        lang: super::Language,
    ) -> super::NewSession {
        super::NewSession {
            title: follow_up_title(earlier, others, lang),
            ..Self::follow_up_of(earlier)
        }
    }

    /// A follow-up of `earlier`: the same title, organisation, goal, facilitator and
    /// participants (all still editable), linked to it.
    pub fn follow_up_of(earlier: &Session) -> super::NewSession {
        super::NewSession {
            title: earlier.title.clone(),
            organisation: earlier.organisation.clone(),
            team: earlier.team.clone(),
            programme: earlier.programme.clone(),
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
            heard: None,
        }
    }
}
