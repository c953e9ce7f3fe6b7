//! The order a report tells a session in, and what was said on a question as the facilitator
//! shaped it.
//!
//! A report leads with what was agreed: the common ground, then the bridge and its actions
//! (and what became of last time's), then the pulse and the roles, then what was said per
//! question. On a question, the ideas are shown in the common-ground board's groups when the
//! session has a board: its names, merges and splits, ★ for its common denominators, in its
//! order. Ideas the board does not hold keep their group from the question.

use crate::domain::{Group, IdeaId, Session, Step, StepKind};
use std::collections::BTreeSet;

/// The steps in the order a report shows them; steps of one kind keep the workshop's order.
pub fn report_order(steps: &[Step]) -> Vec<&Step> {
    let rank = |kind: &StepKind| match kind {
        StepKind::CommonGround => 0,
        StepKind::Bridge => 1,
        StepKind::LastTime => 2,
        StepKind::Close { .. } => 3,
        StepKind::Pulse { .. } => 4,
        StepKind::Roles { .. } => 5,
        StepKind::Question | StepKind::Interview { .. } => 6,
        StepKind::Script { .. } => 7,
    };
    let mut ordered: Vec<&Step> = steps.iter().collect();
    ordered.sort_by_key(|s| rank(&s.kind));
    ordered
}

/// Whether a step has a section in the reports: something was said or done on it, or it
/// always has something to say (a question, the bridge, last time's actions, an interview,
/// the common ground of a session that draws on interviews).
pub fn has_content(session: &Session, step: &Step) -> bool {
    session.results(&step.id).is_some()
        || matches!(
            step.kind,
            StepKind::Question | StepKind::Bridge | StepKind::Interview { .. }
        )
        || (step.kind == StepKind::LastTime && session.follows().is_some())
        || (step.kind == StepKind::CommonGround && session.heard().is_some())
}

/// A group as a question's section shows it.
pub struct Shown<'a> {
    pub label: &'a str,
    /// A common denominator on the board.
    pub marked: bool,
    /// The question's ideas in it, in the group's order.
    pub ideas: Vec<IdeaId>,
}

/// A question's ideas by group: the board's where the session has a board, the question's
/// own for the rest (and for all of them when there is no board).
pub fn question_groups<'a>(session: &'a Session, step: &Step) -> Vec<Shown<'a>> {
    let Some(results) = session.results(&step.id) else {
        return Vec::new();
    };
    let said: BTreeSet<IdeaId> = results.ideas.iter().map(|i| i.id).collect();
    let board = session
        .template()
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::CommonGround)
        .find(|s| session.results(&s.id).is_some_and(|r| !r.groups.is_empty()));
    let mut shown = Vec::new();
    let mut placed: BTreeSet<IdeaId> = BTreeSet::new();
    if let Some(board) = board {
        let index = session.idea_index();
        let marked: BTreeSet<_> = session
            .results(&board.id)
            .map(|r| r.denominators.iter().map(|d| d.group).collect())
            .unwrap_or_default();
        for (g, _) in session.ranked_groups(&board.id, &index, true) {
            let ideas: Vec<IdeaId> = g
                .ideas
                .iter()
                .copied()
                .filter(|i| said.contains(i))
                .collect();
            if ideas.is_empty() {
                continue;
            }
            placed.extend(ideas.iter().copied());
            shown.push(Shown {
                label: &g.label,
                marked: marked.contains(&g.id),
                ideas,
            });
        }
    }
    for g in &results.groups {
        let ideas = rest(g, &placed);
        if !ideas.is_empty() {
            shown.push(Shown {
                label: &g.label,
                marked: false,
                ideas,
            });
        }
    }
    shown
}

fn rest(group: &Group, placed: &BTreeSet<IdeaId>) -> Vec<IdeaId> {
    group
        .ideas
        .iter()
        .copied()
        .filter(|i| !placed.contains(i))
        .collect()
}
