//! How the common ground is ranked: by dot votes, then by how many people share a group, then
//! size, then age. The board, the room view and every report use this one order.

use super::{Group, GroupId, Idea, IdeaId, Session};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many different participants said something in the group that shares its view (an
/// author of only differing views does not share it).
pub fn sharers(index: &HashMap<IdeaId, (&Idea, usize)>, group: &Group) -> usize {
    group
        .ideas
        .iter()
        .filter(|id| !group.differing.contains(id))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ParticipantId;

    #[test]
    fn an_author_of_only_a_differing_view_does_not_share_the_group() {
        let idea = |id: u64, who: u32| Idea {
            id: IdeaId(id),
            participant: ParticipantId(who),
            text: format!("idea {id}"),
            at: jiff::Timestamp::UNIX_EPOCH,
            post_key: None,
        };
        let ideas = [idea(1, 1), idea(2, 2), idea(3, 3), idea(4, 2)];
        let index: HashMap<IdeaId, (&Idea, usize)> = ideas.iter().map(|i| (i.id, (i, 0))).collect();
        let mut group = Group {
            id: GroupId(1),
            label: "news online".into(),
            label_edited: false,
            locked: false,
            manual: true,
            ideas: ideas.iter().map(|i| i.id).collect(),
            pinned: Vec::new(),
            differing: Vec::new(),
        };
        assert_eq!(sharers(&index, &group), 3);
        // participant 3 only differs; participant 2 differs once but shares it too
        group.differing = vec![IdeaId(3), IdeaId(4)];
        assert_eq!(sharers(&index, &group), 2);
    }
}
