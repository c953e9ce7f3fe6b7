//! Embeddings that arrive after their ideas: a worker thread computes them while the
//! facilitator types, so an idea may be placed on shared words alone first. When its
//! embedding arrives the idea takes it (the board's calibration and its group's sums follow)
//! and, if it was placed without one, it is looked at once more, as if it had just been
//! added. An idea the facilitator placed, and every member of a locked, renamed or
//! hand-made group, stays where it is.
//!
//! That second look places one idea against groups made before its meaning was known; the
//! program then settles the whole board ([`Engine::regrouped`], on its worker) once no
//! embedding is missing, so the live board ends as a tidy would make it.

use std::collections::HashSet;

use super::IdeaId;
use super::engine::{Engine, Group};
use super::stance::Stance;

impl Engine {
    /// Ideas on the board still waiting for their embedding (none without an embedder).
    pub fn waiting(&self) -> usize {
        if self.embedder.is_none() {
            return 0;
        }
        self.slots
            .iter()
            .flatten()
            .filter(|s| s.emb.is_none())
            .count()
    }

    /// Texts on the board whose embedding is not known yet.
    pub fn waiting_texts(&self) -> Vec<String> {
        if self.embedder.is_none() {
            return Vec::new();
        }
        self.slots
            .iter()
            .flatten()
            .filter(|s| s.emb.is_none())
            .map(|s| s.text.clone())
            .collect()
    }

    /// Whether an idea on the board has a text `test` accepts.
    pub fn holds(&self, mut test: impl FnMut(&str) -> bool) -> bool {
        self.slots.iter().flatten().any(|s| test(&s.text))
    }

    /// Takes in the embeddings of `arrived` texts, now known to the engine's embedder, and
    /// revisits the ideas placed without one. Returns the ideas that moved to another group.
    pub fn supply(&mut self, arrived: &HashSet<&str>) -> Vec<IdeaId> {
        let Some(embedder) = self.embedder.as_ref() else {
            return Vec::new();
        };
        let mut revisit: Vec<(u64, usize)> = Vec::new();
        let known_before = self.emb_count;
        for (i, slot) in self.slots.iter_mut().enumerate() {
            let Some(s) = slot else { continue };
            if s.emb.is_some() || !arrived.contains(s.text.as_str()) {
                continue;
            }
            let Some(e) = embedder.known(&s.text) else {
                continue;
            };
            self.emb_total.resize(e.len(), 0.0);
            self.emb_total.iter_mut().zip(&e).for_each(|(a, b)| *a += b);
            self.emb_count += 1.0;
            s.stance = Stance::of(&s.text, &s.analysis, Some(&e), self.axis.as_ref());
            if let Some(g) = self.groups.get_mut(&s.group) {
                g.count_embedding(&e, s.stance.against);
            }
            s.emb = Some(e);
            if std::mem::take(&mut s.blind) {
                revisit.push((s.seq, i));
            }
        }
        revisit.sort_unstable();
        // meaning that arrived changes the pairs; a batch for other texts changes nothing
        if self.emb_count != known_before {
            self.recalibrate();
        }
        revisit
            .into_iter()
            .filter_map(|(_, slot)| self.revisit(slot))
            .collect()
    }

    /// Places a free idea again now that its embedding is known; its id if it moved.
    fn revisit(&mut self, slot: usize) -> Option<IdeaId> {
        let (id, vec, emb, stance, group, pinned) = {
            let s = self.slots[slot].as_ref()?;
            (
                s.id,
                s.vec.clone(),
                s.emb.clone(),
                s.stance,
                s.group,
                s.pinned,
            )
        };
        let current = self.groups.get(&group)?;
        if pinned || !current.auto() {
            return None;
        }
        let alone = current.members.len() == 1;
        let target = match self.best_group(&vec, emb.as_deref(), stance, slot) {
            Some(best) if best == group => return None,
            Some(best) => best,
            None if alone => return None,
            None => self.new_group(),
        };
        self.detach(slot);
        self.attach(slot, target);
        self.relabel(group);
        self.relabel(target);
        Some(id)
    }

    /// Marks the free ideas that lack an embedding as placed without one, after a regroup
    /// that could only use shared words for them.
    pub(super) fn mark_blind(&mut self) {
        if self.embedder.is_none() {
            return;
        }
        let groups = &self.groups;
        for s in self.slots.iter_mut().flatten() {
            let free = !s.pinned && groups.get(&s.group).is_some_and(Group::auto);
            s.blind = free && s.emb.is_none();
        }
    }
}
