//! Facilitator edits (kept as constraints on every later update), granularity changes,
//! and snapshot/restore of the whole board.

use std::collections::{BTreeMap, BTreeSet};

use super::cluster::{MAX_EXACT, average_link};
use super::engine::{Engine, Group};
use super::{Constraints, Embedder, EngineConfig, Granularity, GroupId, GroupRecord, IdeaId, Lang};

impl Engine {
    fn pin(&mut self, slot: usize) {
        if let Some(s) = self.slots[slot].as_mut() {
            s.pinned = true;
        }
    }

    /// Move an idea to a group; it stays there on later updates.
    pub fn move_to(&mut self, idea: IdeaId, group: GroupId) {
        let (Some(&slot), true) = (self.by_id.get(&idea), self.groups.contains_key(&group)) else {
            return;
        };
        self.pin(slot);
        if self.group_of(idea) == Some(group) {
            return;
        }
        let old = self.detach(slot);
        self.attach(slot, group);
        self.relabel(old);
        self.relabel(group);
    }

    /// Put an idea in a new group of its own; returns the new group's id.
    pub fn pull_out(&mut self, idea: IdeaId) -> GroupId {
        let Some(&slot) = self.by_id.get(&idea) else {
            return 0;
        };
        let old = self.detach(slot);
        let g = self.new_group();
        if let Some(x) = self.groups.get_mut(&g) {
            x.manual = true;
        }
        self.attach(slot, g);
        self.pin(slot);
        self.relabel(old);
        self.relabel(g);
        g
    }

    /// Merge `absorb` into `keep`; the members stay together from now on.
    pub fn merge(&mut self, keep: GroupId, absorb: GroupId) {
        if keep == absorb || !self.groups.contains_key(&keep) || !self.groups.contains_key(&absorb)
        {
            return;
        }
        let absorbed_custom = self
            .groups
            .get(&absorb)
            .filter(|g| g.custom)
            .map(|g| g.label.clone());
        self.move_all(absorb, keep);
        let ids: Vec<IdeaId> = self.groups[&keep].members.values().copied().collect();
        for id in ids {
            if let Some(&slot) = self.by_id.get(&id) {
                self.pin(slot);
            }
        }
        if let Some(g) = self.groups.get_mut(&keep) {
            g.manual = true;
            if !g.custom
                && let Some(l) = absorbed_custom
            {
                g.label = l;
                g.custom = true;
            }
        }
        self.relabel(keep);
    }

    /// Move some ideas of a group into a new group; returns its id.
    pub fn split(&mut self, group: GroupId, ideas: &[IdeaId]) -> GroupId {
        let slots: Vec<usize> = ideas
            .iter()
            .filter(|id| self.group_of(**id) == Some(group))
            .filter_map(|id| self.by_id.get(id).copied())
            .collect();
        if slots.is_empty() || !self.groups.contains_key(&group) {
            return group;
        }
        let g = self.new_group();
        if let Some(x) = self.groups.get_mut(&g) {
            x.manual = true;
        }
        for slot in slots {
            self.detach(slot);
            self.attach(slot, g);
            self.pin(slot);
        }
        if let Some(x) = self.groups.get_mut(&group) {
            x.manual = true;
        }
        self.relabel(group);
        self.relabel(g);
        g
    }

    /// Name a group; the name is kept as the group grows. An empty name restores the
    /// automatic label.
    pub fn rename(&mut self, group: GroupId, label: &str) {
        let label = label.trim();
        if let Some(g) = self.groups.get_mut(&group) {
            if label.is_empty() {
                g.custom = false;
                g.label.clear();
            } else {
                g.custom = true;
                g.label = label.to_string();
            }
        }
        self.relabel(group);
    }

    /// A locked group takes no new members automatically and loses none.
    pub fn set_locked(&mut self, group: GroupId, locked: bool) {
        if let Some(g) = self.groups.get_mut(&group) {
            g.locked = locked;
        }
    }

    pub fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// Change how readily ideas are put together and regroup the ideas the facilitator has
    /// not placed (locked, renamed and hand-made groups and pinned ideas are kept).
    pub fn set_granularity(&mut self, g: Granularity) {
        if g != self.granularity {
            self.granularity = g;
            self.regroup();
        }
    }

    /// Regroup all free ideas from scratch with exact average-link clustering (centroid
    /// clustering, [`super::large`], past [`MAX_EXACT`] ideas). Groups keep their id (and
    /// label) where they keep most of their members.
    pub fn regroup(&mut self) {
        self.regroup_with(&mut |_, _| {});
    }

    /// [`Engine::regroup`], telling (done, total) steps of a large board's clustering.
    pub fn regroup_with(&mut self, progress: &mut dyn FnMut(usize, usize)) {
        self.reweigh_all();
        self.recalibrate();
        let mut free: Vec<(u64, usize)> = Vec::new();
        for (i, s) in self.slots.iter().enumerate() {
            let Some(s) = s else { continue };
            let auto = self.groups.get(&s.group).is_some_and(Group::auto);
            if auto && !s.pinned {
                free.push((s.seq, i));
            }
        }
        free.sort_unstable();
        let old: Vec<GroupId> = free
            .iter()
            .filter_map(|(_, i)| self.slots[*i].as_ref().map(|s| s.group))
            .collect();
        let old_labels: BTreeMap<GroupId, String> = old
            .iter()
            .filter_map(|g| self.groups.get(g).map(|x| (*g, x.label.clone())))
            .collect();
        let n = free.len();
        let t = self.threshold();
        let clusters = if n <= MAX_EXACT {
            let semantic = self.semantic();
            let slot = |a: usize| self.slots[free[a].1].as_ref();
            average_link(
                n,
                &vec![1.0; n],
                t,
                |a, b| match (slot(a), slot(b)) {
                    (Some(x), Some(y)) => {
                        super::engine::pair_score_with(x, y, semantic.as_ref(), &self.calibration)
                    }
                    _ => 0.0,
                },
                |a, b| match (slot(a), slot(b)) {
                    (Some(x), Some(y)) => self.apart(x, y),
                    _ => false,
                },
            )
        } else {
            let slots: Vec<&super::engine::Slot> = free
                .iter()
                .filter_map(|(_, i)| self.slots[*i].as_ref())
                .collect();
            let lexical: Vec<_> = slots.iter().map(|s| s.vec.clone()).collect();
            let negated: Vec<bool> = slots.iter().map(|s| s.stance.against).collect();
            let weights = vec![1.0; slots.len()];
            let semantic = self.semantic();
            let board = super::large::Board {
                weights: &weights,
                lexical: &lexical,
                embeddings: slots.iter().map(|s| s.emb.as_deref()).collect(),
                semantic: semantic.as_ref(),
                negated: &negated,
                calibration: self.calibration,
            };
            super::large::cluster(&board, t, progress)
        };
        // match clusters to old ids by overlap, largest first
        let mut pairs: Vec<(usize, GroupId, usize)> = Vec::new();
        for (ci, c) in clusters.iter().enumerate() {
            let mut overlap: BTreeMap<GroupId, usize> = BTreeMap::new();
            for m in c {
                *overlap.entry(old[*m]).or_default() += 1;
            }
            pairs.extend(overlap.into_iter().map(|(g, k)| (k, g, ci)));
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let (mut used_g, mut used_c) = (BTreeSet::new(), BTreeSet::new());
        let mut target: BTreeMap<usize, GroupId> = BTreeMap::new();
        for (_, g, c) in pairs {
            if !used_g.contains(&g) && !used_c.contains(&c) {
                used_g.insert(g);
                used_c.insert(c);
                target.insert(c, g);
            }
        }
        for (_, slot) in &free {
            self.detach(*slot);
        }
        let dim = self.embedder.as_ref().map_or(0, |e| e.dim());
        for (ci, c) in clusters.iter().enumerate() {
            let gid = match target.get(&ci) {
                Some(g) => {
                    self.groups.entry(*g).or_insert_with(|| Group {
                        label: old_labels.get(g).cloned().unwrap_or_default(),
                        emb_sum: vec![0.0; dim],
                        ..Group::default()
                    });
                    *g
                }
                None => self.new_group(),
            };
            for m in c {
                self.attach(free[*m].1, gid);
            }
            self.relabel(gid);
        }
        self.mark_blind();
    }

    /// How many ideas a regroup may move: those the facilitator has not placed, outside
    /// locked, renamed and hand-made groups.
    pub fn free_ideas(&self) -> usize {
        self.slots
            .iter()
            .flatten()
            .filter(|s| !s.pinned && self.groups.get(&s.group).is_some_and(Group::auto))
            .count()
    }

    /// Snapshot of the board and every facilitator edit.
    pub fn constraints(&self) -> Constraints {
        let mut pinned: Vec<IdeaId> = self
            .slots
            .iter()
            .flatten()
            .filter(|s| s.pinned)
            .map(|s| s.id)
            .collect();
        pinned.sort_unstable();
        Constraints {
            granularity: self.granularity,
            next_group_id: self.next_group,
            groups: self
                .groups
                .iter()
                .map(|(id, g)| GroupRecord {
                    id: *id,
                    label: g.label.clone(),
                    label_is_custom: g.custom,
                    locked: g.locked,
                    manual: g.manual,
                    members: g.members.values().copied().collect(),
                })
                .collect(),
            pinned,
        }
    }

    /// Rebuild the board from ideas and a snapshot: same ideas + same constraints give the
    /// same groups, ids and labels. Ideas the snapshot does not mention are placed as if added.
    pub fn restore(&mut self, ideas: &[(IdeaId, String)], c: &Constraints) {
        self.restore_with(ideas, c, false);
    }

    /// [`Engine::restore`], then the free ideas grouped as a whole ([`Engine::regroup`]).
    /// Ideas no stored group holds are gathered for the regroup instead of being placed one
    /// by one first (which the regroup would undo): a first look at a large board costs
    /// one clustering, not an addition per idea.
    pub fn restore_and_regroup(&mut self, ideas: &[(IdeaId, String)], c: &Constraints) {
        self.restore_and_regroup_with(ideas, c, &mut |_, _| {});
    }

    /// [`Engine::restore_and_regroup`], telling the regroup's progress
    /// ([`Engine::regroup_with`]).
    pub fn restore_and_regroup_with(
        &mut self,
        ideas: &[(IdeaId, String)],
        c: &Constraints,
        progress: &mut dyn FnMut(usize, usize),
    ) {
        self.restore_with(ideas, c, true);
        self.regroup_with(progress);
    }

    /// The board `c` describes with its free ideas grouped anew as a whole, every idea
    /// with the embedding `embedder` knows: what a tidy, a new level or a settle proposes
    /// (computed on the program's worker, adopted with [`Engine::restore`]). Pinned ideas and
    /// locked, renamed and hand-made groups are kept as they are.
    pub fn regrouped(
        lang: Lang,
        embedder: Option<Box<dyn Embedder>>,
        ideas: &[(IdeaId, String)],
        c: &Constraints,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Constraints {
        let mut engine = Engine::new(EngineConfig {
            lang,
            granularity: c.granularity,
            embedder,
        });
        engine.restore_and_regroup_with(ideas, c, progress);
        engine.constraints()
    }

    fn restore_with(&mut self, ideas: &[(IdeaId, String)], c: &Constraints, gather: bool) {
        let mut fresh = Engine::new(EngineConfig {
            lang: self.lang,
            granularity: c.granularity,
            embedder: self.embedder.take(),
        });
        let mut seen = BTreeSet::new();
        let mut slots = Vec::new();
        for (id, text) in ideas {
            if seen.insert(*id) {
                slots.push((*id, fresh.insert_slot(*id, text)));
            }
        }
        fresh.reweigh_all();
        fresh.recalibrate();
        let pinned: BTreeSet<IdeaId> = c.pinned.iter().copied().collect();
        let mut placed = BTreeSet::new();
        let dim = fresh.embedder.as_ref().map_or(0, |e| e.dim());
        for r in &c.groups {
            let members: Vec<usize> = r
                .members
                .iter()
                .filter(|id| !placed.contains(*id))
                .filter_map(|id| fresh.by_id.get(id).copied())
                .collect();
            if members.is_empty() {
                continue;
            }
            fresh.groups.insert(
                r.id,
                Group {
                    label: r.label.clone(),
                    custom: r.label_is_custom,
                    locked: r.locked,
                    manual: r.manual,
                    emb_sum: vec![0.0; dim],
                    ..Group::default()
                },
            );
            for slot in members {
                if let Some(s) = fresh.slots[slot].as_mut() {
                    s.pinned = pinned.contains(&s.id);
                    placed.insert(s.id);
                }
                fresh.attach(slot, r.id);
            }
            // a stored automatic label that names a word none of its ideas has (they were
            // edited, or moved) is made anew
            if !r.label_is_custom && !fresh.label_fits(r.id) {
                fresh.relabel(r.id);
            }
        }
        let max_id = fresh.groups.keys().next_back().copied().unwrap_or(0);
        fresh.next_group = c.next_group_id.max(max_id + 1).max(1);
        let mut gathered = None;
        for (id, slot) in slots {
            if placed.contains(&id) {
                continue;
            }
            if gather {
                let gid = *gathered.get_or_insert_with(|| fresh.new_group());
                fresh.attach(slot, gid);
            } else {
                fresh.place(slot);
            }
        }
        fresh.recalibrate();
        *self = fresh;
    }
}
