//! Figures derived from a session's results, shared by reports and screens.

use crate::domain::{Session, Step, StepKind};

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
