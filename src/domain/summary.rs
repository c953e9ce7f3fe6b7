//! Figures derived from a session's results, shared by reports and screens.

use super::{MIN_SHOWN, PulseMode, Session, Step, StepKind};

#[derive(Debug, Clone, PartialEq)]
pub struct PulseSummary {
    pub item: String,
    pub label: String,
    /// How many scored the item.
    pub answered: usize,
    /// The figures below are there only from `MIN_SHOWN` scorers up: below that they would
    /// tell who gave which score. Mean score:
    pub mean: Option<f64>,
    /// How many gave each score, 1 to 5.
    pub counts: [usize; 5],
    /// How many scored at or below the step's threshold (`low_at_or_below`).
    pub low: usize,
    pub low_at_or_below: u8,
    /// Who scored low, by name: only in an open pulse (scored aloud), for the facilitator's
    /// screen on request; never in a report.
    pub low_names: Vec<String>,
}

impl PulseSummary {
    /// Scored, but by too few to show figures.
    pub fn too_few(&self) -> bool {
        self.answered > 0 && self.mean.is_none()
    }
}

/// Each statement's figures, from ballots (private) or scores by name (open).
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
            // (who, when scored by name; score)
            let scores: Vec<(Option<super::ParticipantId>, u8)> = match session.pulse_mode() {
                PulseMode::Open => session
                    .participants
                    .iter()
                    .filter_map(|p| {
                        let s = results?.pulse.get(&p.id)?.get(&item.id)?;
                        Some((Some(p.id), *s))
                    })
                    .collect(),
                PulseMode::Private => results
                    .into_iter()
                    .flat_map(|r| r.ballots.values())
                    .filter_map(|b| b.scores.get(&item.id).map(|s| (None, *s)))
                    .collect(),
            };
            let mut summary = PulseSummary {
                item: item.id.clone(),
                label: item.label.clone(),
                answered: scores.len(),
                mean: None,
                counts: [0; 5],
                low: 0,
                low_at_or_below: *low_at_or_below,
                low_names: Vec::new(),
            };
            if scores.len() < MIN_SHOWN {
                return summary;
            }
            summary.mean =
                Some(scores.iter().map(|(_, s)| f64::from(*s)).sum::<f64>() / scores.len() as f64);
            for (who, s) in &scores {
                if let Some(n) = summary.counts.get_mut(usize::from(s.saturating_sub(1))) {
                    *n += 1;
                }
                if s <= low_at_or_below {
                    summary.low += 1;
                    if let Some(p) = who {
                        summary
                            .low_names
                            .push(session.participant_name(*p).to_string());
                    }
                }
            }
            summary
        })
        .collect()
}

/// How many have scored anything on a pulse step: people by name, or ballots.
pub fn pulse_scorers(session: &Session, step: &Step) -> usize {
    session
        .results(&step.id)
        .map_or(0, |r| match session.pulse_mode() {
            PulseMode::Open => r.pulse.values().filter(|s| !s.is_empty()).count(),
            PulseMode::Private => r.ballots.values().filter(|b| !b.scores.is_empty()).count(),
        })
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
