//! Figures derived from a session's results, shared by reports and screens.

use super::{Session, Step, StepKind};

#[derive(Debug, Clone, PartialEq)]
pub struct PulseSummary {
    pub item: String,
    pub label: String,
    /// Mean score, when anyone scored the item.
    pub mean: Option<f64>,
    pub answered: usize,
    /// Names of participants who scored at or below the step's threshold.
    pub low: Vec<String>,
}

pub fn pulse_summary(session: &Session, step: &Step) -> Vec<PulseSummary> {
    let StepKind::Pulse {
        items,
        low_at_or_below,
    } = &step.kind
    else {
        return Vec::new();
    };
    let results = session.results(&step.id);
    items
        .iter()
        .map(|item| {
            let scores: Vec<(crate::domain::ParticipantId, u8)> = session
                .participants
                .iter()
                .filter_map(|p| {
                    let s = results?.pulse.get(&p.id)?.get(&item.id)?;
                    Some((p.id, *s))
                })
                .collect();
            let mean = (!scores.is_empty()).then(|| {
                scores.iter().map(|(_, s)| f64::from(*s)).sum::<f64>() / scores.len() as f64
            });
            PulseSummary {
                item: item.id.clone(),
                label: item.label.clone(),
                mean,
                answered: scores.len(),
                low: scores
                    .iter()
                    .filter(|(_, s)| s <= low_at_or_below)
                    .map(|(p, _)| session.participant_name(*p).to_string())
                    .collect(),
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoleCount {
    pub role: String,
    pub label: String,
    pub count: usize,
}

pub fn role_counts(session: &Session, step: &Step) -> Vec<RoleCount> {
    let StepKind::Roles { roles } = &step.kind else {
        return Vec::new();
    };
    let chosen = session.results(&step.id).map(|r| &r.roles);
    roles
        .iter()
        .map(|r| RoleCount {
            role: r.id.clone(),
            label: r.label.clone(),
            count: chosen.map_or(0, |c| c.values().filter(|v| **v == r.id).count()),
        })
        .collect()
}

/// One group's dots on a common-ground step.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteLine {
    pub group: crate::domain::GroupId,
    pub label: String,
    pub dots: u32,
    /// Who put them there, with how many; in session order.
    pub by: Vec<(String, u8)>,
}

/// The groups that got dots on a step, most dots first.
pub fn vote_lines(session: &Session, step: &Step) -> Vec<VoteLine> {
    let Some(results) = session.results(&step.id) else {
        return Vec::new();
    };
    let totals = session.vote_totals(&step.id);
    let mut lines: Vec<VoteLine> = results
        .groups
        .iter()
        .filter_map(|g| {
            let dots = *totals.get(&g.id)?;
            let by = session
                .participants
                .iter()
                .filter_map(|p| {
                    let n = *results.votes.get(&p.id)?.get(&g.id)?;
                    Some((p.name.clone(), n))
                })
                .collect();
            Some(VoteLine {
                group: g.id,
                label: g.label.clone(),
                dots,
                by,
            })
        })
        .collect();
    lines.sort_by(|a, b| b.dots.cmp(&a.dots).then(a.group.cmp(&b.group)));
    lines
}

/// One of last time's actions with what became of it, on a "last time" step.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeLine {
    pub action: crate::domain::Action,
    pub status: Option<crate::domain::Status>,
    pub note: String,
}

pub fn outcome_lines(session: &Session, step: &Step) -> Vec<OutcomeLine> {
    let Some(earlier) = &session.follows else {
        return Vec::new();
    };
    let outcomes = session.results(&step.id).map(|r| &r.outcomes);
    earlier
        .actions
        .iter()
        .map(|a| {
            let o = outcomes.and_then(|o| o.get(&a.id));
            OutcomeLine {
                action: a.clone(),
                status: o.and_then(|o| o.status),
                note: o.map(|o| o.note.clone()).unwrap_or_default(),
            }
        })
        .collect()
}
