//! The common ground on a participant's device: the groups ranked as the room sees them (the
//! board's own ranking), each with the ideas in it, and their own dots to place or take back.
//! Never who said an idea: the phone shows what was said, not by whom.

use crate::domain::{ParticipantId, Session};
use crate::join::{DotGroup, Part};

/// The common ground in the room's order (votes, sharers, size, age), with the participant's
/// own dots.
pub fn part(session: &Session, step: &str, participant: ParticipantId) -> Part {
    let index = session.idea_index();
    let totals = session.vote_totals(step);
    let mine = session
        .results(step)
        .and_then(|r| r.votes.get(&participant));
    let groups = super::ranked_groups(session, step, &index)
        .into_iter()
        .filter(|(g, _)| !g.ideas.is_empty())
        .map(|(g, sharers)| DotGroup {
            id: g.id,
            label: g.label.clone(),
            ideas: g
                .ideas
                .iter()
                .filter_map(|id| index.get(id).map(|(idea, _)| idea.text.clone()))
                .collect(),
            sharers,
            dots: totals.get(&g.id).copied().unwrap_or(0),
            mine: mine.and_then(|m| m.get(&g.id)).copied().unwrap_or(0),
        })
        .collect();
    // Anonymous: the ranking without dots of their own.
    let dots = if participant == ParticipantId::ANONYMOUS {
        0
    } else {
        session.template().dots
    };
    Part::CommonGround {
        groups,
        dots,
        left: session.dots_left(step, participant),
    }
}
