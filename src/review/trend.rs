//! A team's sessions over time: the engagement pulse and how widely the top common
//! denominators are shared.

use super::compare::themes;
use crate::domain::pulse_summary;
use crate::domain::{Session, StepKind, Template};
use crate::fold::fold;
use crate::store::{Listing, SessionSummary};
use jiff::Timestamp;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    pub date: Timestamp,
    pub title: String,
    pub participants: usize,
    /// Mean pulse score per item, in the order of `Trend::items`.
    pub pulse: Vec<Option<f64>>,
    /// The most widely shared marked common denominator (or theme), and by how many.
    pub top_label: Option<String>,
    pub top_sharers: usize,
    /// A follow-up: how many of last time's actions it marked done, of how many.
    pub actions_done: Option<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trend {
    pub team: String,
    /// Pulse item labels (from the latest session that has them).
    pub items: Vec<String>,
    /// The pulse items' ids, in the order of `items`.
    pub item_ids: Vec<String>,
    pub points: Vec<TrendPoint>,
}

/// The sessions of the same team as `of`: the same organisation, or the same title when no
/// organisation was given. Oldest first.
pub fn team_sessions<'a>(listings: &'a [Listing], of: &SessionSummary) -> Vec<&'a SessionSummary> {
    let key = |s: &SessionSummary| {
        if s.organisation.trim().is_empty() {
            ("t", fold(&s.title))
        } else {
            ("o", fold(&s.organisation))
        }
    };
    let wanted = key(of);
    let mut team: Vec<&SessionSummary> = listings
        .iter()
        .filter_map(|l| match l {
            Listing::Session(s) if key(s) == wanted => Some(s),
            _ => None,
        })
        .collect();
    team.sort_by_key(|s| s.created);
    team
}

pub fn trend(team: &str, sessions: &[Session]) -> Trend {
    let mut items: Vec<(String, String)> = Vec::new();
    for s in sessions {
        for step in s
            .template()
            .steps
            .iter()
            .filter(|st| matches!(st.kind, StepKind::Pulse { .. }))
        {
            for p in pulse_summary(s, step) {
                match items.iter_mut().find(|(id, _)| *id == p.item) {
                    Some(existing) => existing.1 = p.label,
                    None => items.push((p.item, p.label)),
                }
            }
        }
    }
    let points = sessions
        .iter()
        .map(|s| {
            let pulse: Vec<_> = s
                .template()
                .steps
                .iter()
                .filter(|st| matches!(st.kind, StepKind::Pulse { .. }))
                .flat_map(|st| pulse_summary(s, st))
                .collect();
            let (top_label, top_sharers) = top_denominator(s);
            TrendPoint {
                date: s.created(),
                title: s.title().clone(),
                participants: s.participants().len(),
                pulse: items
                    .iter()
                    .map(|(id, _)| pulse.iter().find(|p| &p.item == id).and_then(|p| p.mean))
                    .collect(),
                top_label,
                top_sharers,
                actions_done: s.follows().as_ref().map(|e| {
                    (
                        s.outcome_count(crate::domain::Status::Done),
                        e.actions.len(),
                    )
                }),
            }
        })
        .collect();
    Trend {
        team: team.to_string(),
        item_ids: items.iter().map(|(id, _)| id.clone()).collect(),
        items: items.into_iter().map(|(_, l)| l).collect(),
        points,
    }
}

impl Trend {
    /// The trend with each pulse statement worded in `lang` where its label is a built-in
    /// workshop's wording in another language (`builtins`): a Dutch review of English
    /// sessions reads the statements in Dutch. A statement a facilitator wrote stays as it is.
    pub fn labels_in(mut self, lang: crate::domain::Language, builtins: &[Template]) -> Trend {
        let label = |template: &Template, id: &str| -> Option<String> {
            template.steps.iter().find_map(|st| match &st.kind {
                StepKind::Pulse { items, .. } => {
                    items.iter().find(|i| i.id == id).map(|i| i.label.clone())
                }
                _ => None,
            })
        };
        for (id, shown) in self.item_ids.iter().zip(self.items.iter_mut()) {
            let built_in = builtins
                .iter()
                .any(|t| t.language != lang && label(t, id).as_deref() == Some(shown.as_str()));
            let ours = builtins
                .iter()
                .filter(|t| t.language == lang)
                .find_map(|t| label(t, id));
            if let (true, Some(ours)) = (built_in, ours) {
                *shown = ours;
            }
        }
        self
    }
}

/// The marked denominator shared by the most participants; a session without marks falls
/// back to its most shared theme.
fn top_denominator(s: &Session) -> (Option<String>, usize) {
    let marked: BTreeSet<String> = s
        .denominator_labels()
        .into_iter()
        .map(str::to_string)
        .collect();
    let all = themes(s);
    let pick = all
        .iter()
        .filter(|t| marked.is_empty() || marked.contains(&t.label))
        .max_by_key(|t| t.sharers);
    pick.map_or((None, 0), |t| (Some(t.label.clone()), t.sharers))
}
