//! Two sessions of the same team, months apart: which themes recur, which are new, which
//! disappeared (matched by meaning with the grouping engine, not by identical labels), how the
//! engagement pulse and the roles moved, and what was agreed last time.

use super::matching::match_themes;
use crate::domain::{Action, ActionId, Group, GroupId, IdeaId, Session, Status, StepKind};
use crate::domain::{pulse_summary, role_counts};
use crate::grouping::Embedder;
use std::collections::{BTreeMap, BTreeSet};

/// A theme of one session: its label, the ideas in it, and how many people shared it.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub label: String,
    pub ideas: Vec<String>,
    pub sharers: usize,
    /// Dot votes on the group (common ground only).
    pub dots: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupMatch {
    pub before: Theme,
    pub after: Theme,
    /// How alike the two themes are (the engine's similarity).
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PulseChange {
    pub label: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

impl PulseChange {
    pub fn delta(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }
}

/// How many picked a role in each session; `None` where that session did not ask (it has no
/// roles step, or nobody picked a role there), which is not the same as nobody picking it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleChange {
    pub label: String,
    pub before: Option<usize>,
    pub after: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub recurring: Vec<GroupMatch>,
    pub new: Vec<Theme>,
    pub disappeared: Vec<Theme>,
    pub pulse: Vec<PulseChange>,
    pub roles: Vec<RoleChange>,
    /// What the earlier session agreed, to follow up on.
    pub earlier_actions: Vec<Action>,
    /// What became of them, when the later session follows up the earlier one.
    pub outcomes: BTreeMap<ActionId, Status>,
}

/// The themes of a session: its common-ground groups, or else the groups of its questions.
pub fn themes(session: &Session) -> Vec<Theme> {
    let steps = |kind: fn(&StepKind) -> bool| -> Vec<&Group> {
        session
            .template()
            .steps
            .iter()
            .filter(|s| kind(&s.kind))
            .filter_map(|s| session.results(&s.id))
            .flat_map(|r| r.groups.iter())
            .collect()
    };
    let votes: BTreeMap<GroupId, u32> = session
        .template()
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::CommonGround)
        .flat_map(|s| session.vote_totals(&s.id))
        .collect();
    let mut groups = steps(|k| *k == StepKind::CommonGround);
    if groups.is_empty() {
        groups = steps(|k| *k == StepKind::Question);
    }
    let index = session.idea_index();
    let text = |id: &IdeaId| index.get(id).map(|(i, _)| *i);
    groups
        .into_iter()
        .map(|g| Theme {
            label: g.label.clone(),
            ideas: g
                .ideas
                .iter()
                .filter_map(text)
                .map(|i| i.text.clone())
                .collect(),
            sharers: g
                .ideas
                .iter()
                .filter_map(text)
                .map(|i| i.participant)
                .collect::<BTreeSet<_>>()
                .len(),
            dots: votes.get(&g.id).copied().unwrap_or(0),
        })
        .filter(|t| !t.ideas.is_empty())
        .collect()
}

/// What changed from `before` to `after`; themes are matched by meaning too where
/// `meaning` knows the embeddings of their ideas.
pub fn compare(before: &Session, after: &Session, meaning: Option<&dyn Embedder>) -> Comparison {
    let old = themes(before);
    let new = themes(after);
    let pairs = match_themes(&old, &new, meaning);
    let matched_old: BTreeSet<usize> = pairs.iter().map(|(i, _, _)| *i).collect();
    let matched_new: BTreeSet<usize> = pairs.iter().map(|(_, j, _)| *j).collect();
    let mut recurring: Vec<GroupMatch> = pairs
        .iter()
        .map(|(i, j, score)| GroupMatch {
            before: old[*i].clone(),
            after: new[*j].clone(),
            score: *score,
        })
        .collect();
    recurring.sort_by(|a, b| {
        b.after
            .sharers
            .cmp(&a.after.sharers)
            .then(b.score.total_cmp(&a.score))
    });
    let unmatched = |themes: &[Theme], matched: &BTreeSet<usize>| -> Vec<Theme> {
        let mut v: Vec<Theme> = themes
            .iter()
            .enumerate()
            .filter(|(i, _)| !matched.contains(i))
            .map(|(_, t)| t.clone())
            .collect();
        v.sort_by_key(|t| std::cmp::Reverse(t.sharers));
        v
    };
    Comparison {
        recurring,
        new: unmatched(&new, &matched_new),
        disappeared: unmatched(&old, &matched_old),
        pulse: pulse_changes(before, after),
        roles: role_changes(before, after),
        earlier_actions: before
            .all_results()
            .values()
            .flat_map(|r| r.actions.iter().cloned())
            .collect(),
        outcomes: if after
            .follows()
            .as_ref()
            .is_some_and(|e| &e.id == before.id())
        {
            after
                .outcomes()
                .filter_map(|(id, o)| Some((id, o.status?)))
                .collect()
        } else {
            BTreeMap::new()
        },
    }
}

/// The common denominators the earlier session of a follow-up agreed on, as themes (a
/// denominator saved without its ideas is its label).
pub fn earlier_themes(session: &Session) -> Vec<Theme> {
    session
        .follows()
        .iter()
        .flat_map(|e| &e.denominators)
        .map(|d| Theme {
            label: d.label.clone(),
            ideas: if d.ideas.is_empty() {
                vec![d.label.clone()]
            } else {
                d.ideas.clone()
            },
            sharers: 0,
            dots: 0,
        })
        .collect()
}

/// Every idea text of the themes [`compare`] would match: what the encoder is asked for.
pub fn theme_texts(before: &Session, after: &Session) -> Vec<String> {
    themes(before)
        .into_iter()
        .chain(themes(after))
        .flat_map(|t| t.ideas)
        .collect()
}

fn pulse_changes(before: &Session, after: &Session) -> Vec<PulseChange> {
    let summary = |s: &Session| -> Vec<crate::domain::PulseSummary> {
        s.template()
            .steps
            .iter()
            .filter(|st| matches!(st.kind, StepKind::Pulse { .. }))
            .flat_map(|st| pulse_summary(s, st))
            .collect()
    };
    let (old, new) = (summary(before), summary(after));
    let mut out: Vec<PulseChange> = new
        .iter()
        .map(|n| PulseChange {
            label: n.label.clone(),
            before: old.iter().find(|o| o.item == n.item).and_then(|o| o.mean),
            after: n.mean,
        })
        .collect();
    for o in old.iter().filter(|o| !new.iter().any(|n| n.item == o.item)) {
        out.push(PulseChange {
            label: o.label.clone(),
            before: o.mean,
            after: None,
        });
    }
    out
}

fn role_changes(before: &Session, after: &Session) -> Vec<RoleChange> {
    // The counts of a session that asked; none of one that did not.
    let counts = |s: &Session| -> Option<Vec<crate::domain::RoleCount>> {
        let counts: Vec<crate::domain::RoleCount> = s
            .template()
            .steps
            .iter()
            .filter(|st| matches!(st.kind, StepKind::Roles { .. }))
            .flat_map(|st| role_counts(s, st))
            .collect();
        counts.iter().any(|c| c.count > 0).then_some(counts)
    };
    let (old, new) = (counts(before), counts(after));
    let count_in = |counts: &Option<Vec<crate::domain::RoleCount>>, role: &str| {
        counts
            .as_ref()
            .map(|c| c.iter().find(|o| o.role == role).map_or(0, |o| o.count))
    };
    let mut out: Vec<RoleChange> = new
        .iter()
        .flatten()
        .map(|n| RoleChange {
            label: n.label.clone(),
            before: count_in(&old, &n.role),
            after: Some(n.count),
        })
        .collect();
    for o in old.iter().flatten() {
        if !new.iter().flatten().any(|n| n.role == o.role) {
            out.push(RoleChange {
                label: o.label.clone(),
                before: Some(o.count),
                after: count_in(&new, &o.role),
            });
        }
    }
    out
}
