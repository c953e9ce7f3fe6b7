//! How the common ground is ranked: by dot votes, then by how many people share a group, then
//! size, then age. The board, the room view and every report use this one order.

use super::{Group, GroupId, Idea, IdeaId, Session};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many different participants said something in the group.
pub fn sharers(index: &HashMap<IdeaId, (&Idea, usize)>, group: &Group) -> usize {
    group
        .ideas
        .iter()
        .filter_map(|id| index.get(id).map(|(i, _)| i.participant))
        .collect::<BTreeSet<_>>()
        .len()
}

impl Session {
    /// A step's groups with their sharers, ranked by votes (unless `by_votes` is false), then
    /// sharers, then size, then age.
    pub fn ranked_groups<'a>(
        &'a self,
        step: &str,
        index: &HashMap<IdeaId, (&Idea, usize)>,
        by_votes: bool,
    ) -> Vec<(&'a Group, usize)> {
        let totals: BTreeMap<GroupId, u32> = if by_votes {
            self.vote_totals(step)
        } else {
            BTreeMap::new()
        };
        let votes = |g: &Group| totals.get(&g.id).copied().unwrap_or(0);
        let mut groups: Vec<(&Group, usize)> = self
            .results(step)
            .map(|r| r.groups.iter().map(|g| (g, sharers(index, g))).collect())
            .unwrap_or_default();
        groups.sort_by(|(a, sa), (b, sb)| {
            votes(b)
                .cmp(&votes(a))
                .then(sb.cmp(sa))
                .then(b.ideas.len().cmp(&a.ideas.len()))
                .then(a.id.cmp(&b.id))
        });
        // By votes, an order held while the facilitator reshapes the board wins: the groups
        // it holds in its order, then any group made since (as the votes rank them).
        let held = self
            .results(step)
            .map(|r| r.order.as_slice())
            .unwrap_or_default();
        if by_votes && !held.is_empty() {
            let place = |g: &Group| held.iter().position(|h| *h == g.id).unwrap_or(usize::MAX);
            groups.sort_by_key(|(g, _)| place(g));
        }
        groups
    }
}
