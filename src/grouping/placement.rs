//! Scoring ideas against groups, group membership, labels and automatic merges.

use std::collections::BTreeMap;

use super::EMBED_SHARE;
use super::engine::{Engine, Group};
use super::features::Analysis;
use super::labels;
use super::similarity::{SparseVec, dense_dot};
use super::{GroupId, IdeaId};

/// Groups up to this size are checked for an automatic merge after they grow.
const MERGE_CHECK_MAX: usize = 40;

impl Engine {
    // ---------- scoring ----------

    /// Average similarity of a vector to each group's members (excluding one slot),
    /// best first, ties by group id.
    pub(super) fn score_groups(
        &self,
        vec: &SparseVec,
        emb: Option<&[f32]>,
        exclude: Option<usize>,
    ) -> Vec<(GroupId, f32)> {
        let mut sums: BTreeMap<GroupId, f32> = BTreeMap::new();
        self.postings.for_each_overlap(vec, |j, x| {
            if Some(j as usize) != exclude
                && let Some(s) = &self.slots[j as usize]
            {
                *sums.entry(s.group).or_default() += x;
            }
        });
        let own = exclude.and_then(|e| self.slots[e].as_ref());
        let lex = if emb.is_some() {
            1.0 - EMBED_SHARE
        } else {
            1.0
        };
        let mut out: Vec<(GroupId, f32)> = Vec::new();
        for (gid, g) in &self.groups {
            let mut n = g.members.len() as f32;
            let mut e_sum = 0.0;
            if let Some(e) = emb {
                e_sum = dense_dot(e, &g.emb_sum);
                if let Some(o) = own.filter(|o| o.group == *gid) {
                    e_sum -= o.emb.as_deref().map_or(0.0, |oe| dense_dot(e, oe));
                }
            }
            if own.is_some_and(|o| o.group == *gid) {
                n -= 1.0;
            }
            if n <= 0.0 {
                continue;
            }
            let l = sums.get(gid).copied().unwrap_or(0.0);
            if l == 0.0 && emb.is_none() {
                continue;
            }
            out.push((*gid, (lex * l + (1.0 - lex) * e_sum) / n));
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    // ---------- membership ----------

    pub(super) fn new_group(&mut self) -> GroupId {
        let id = self.next_group;
        self.next_group += 1;
        let dim = self.embedder.as_ref().map_or(0, |e| e.dim());
        self.groups.insert(
            id,
            Group {
                emb_sum: vec![0.0; dim],
                ..Group::default()
            },
        );
        id
    }

    pub(super) fn attach(&mut self, slot: usize, gid: GroupId) {
        let Some(s) = self.slots[slot].as_mut() else {
            return;
        };
        s.group = gid;
        let id = s.id;
        let emb = s.emb.clone();
        if let Some(g) = self.groups.get_mut(&gid) {
            g.members.insert(id, id);
            if let Some(e) = emb {
                g.emb_sum.iter_mut().zip(&e).for_each(|(a, b)| *a += b);
            }
        }
    }

    /// Take a slot out of its group; an emptied group disappears (its id is never reused).
    pub(super) fn detach(&mut self, slot: usize) -> GroupId {
        let Some(s) = self.slots[slot].as_ref() else {
            return 0;
        };
        let (gid, id) = (s.group, s.id);
        let emb = s.emb.clone();
        if let Some(g) = self.groups.get_mut(&gid) {
            g.members.remove(&id);
            if let Some(e) = emb {
                g.emb_sum.iter_mut().zip(&e).for_each(|(a, b)| *a -= b);
            }
            if g.members.is_empty() {
                self.groups.remove(&gid);
            }
        }
        gid
    }

    /// Recompute a group's label unless the facilitator named it. The current label is kept
    /// while its first word is still among the two most telling words (stable labels).
    pub(super) fn relabel(&mut self, gid: GroupId) {
        let Some(g) = self.groups.get(&gid) else {
            return;
        };
        if g.custom {
            return;
        }
        let n = g.members.len();
        if n > 64 && n % 16 != 0 && !g.label.is_empty() {
            return;
        }
        let members: Vec<&Analysis> = g
            .members
            .values()
            .filter_map(|id| self.slot(*id))
            .map(|s| &s.analysis)
            .collect();
        let first_text = g
            .members
            .values()
            .next()
            .and_then(|id| self.text(*id))
            .unwrap_or("");
        let idf = |stem: &str| self.stem_idf(stem);
        let cands = labels::rank(&members, &idf);
        let current_head = g.label.split(labels::SEP).next().unwrap_or("").to_string();
        let keep = !g.label.is_empty() && cands.iter().take(2).any(|c| c.surface == current_head);
        let label = if keep {
            g.label.clone()
        } else {
            labels::compose(&cands, n, first_text)
        };
        if let Some(g) = self.groups.get_mut(&gid) {
            g.label = label;
        }
    }

    pub(super) fn stem_idf(&self, stem: &str) -> f32 {
        // word features are interned as (Word, stem); look the id up through a probe analysis
        let probe = Analysis {
            terms: vec![super::features::Term {
                stem: stem.to_string(),
                token: 0,
            }],
            ..Analysis::default()
        };
        self.space
            .lookup(&probe)
            .first()
            .map_or(1.0, |(f, _)| self.space.idf(*f))
    }

    /// Put a free slot in the best group, or a new one. Returns the group it ends in.
    pub(super) fn place(&mut self, slot: usize) -> GroupId {
        let (vec, emb) = match self.slots[slot].as_ref() {
            Some(s) => (s.vec.clone(), s.emb.clone()),
            None => return 0,
        };
        let t = self.threshold();
        let best = self
            .score_groups(&vec, emb.as_deref(), Some(slot))
            .into_iter()
            .find(|(gid, _)| self.groups.get(gid).is_some_and(|g| !g.locked))
            .filter(|(_, s)| *s >= t);
        let gid = match best {
            Some((gid, _)) => gid,
            None => self.new_group(),
        };
        self.attach(slot, gid);
        let gid = self.auto_merge(gid);
        self.relabel(gid);
        gid
    }

    /// Average-link check between a grown group and its neighbours; merges automatic groups
    /// that now belong together. Returns the surviving id.
    fn auto_merge(&mut self, gid: GroupId) -> GroupId {
        let Some(g) = self.groups.get(&gid) else {
            return gid;
        };
        if !g.auto() || g.members.len() < 2 || g.members.len() > MERGE_CHECK_MAX {
            return gid;
        }
        let mut sums: BTreeMap<GroupId, f32> = BTreeMap::new();
        for id in g.members.values() {
            let Some(s) = self.slot(*id) else { continue };
            self.postings.for_each_overlap(&s.vec, |j, x| {
                if let Some(o) = &self.slots[j as usize]
                    && o.group != gid
                {
                    *sums.entry(o.group).or_default() += x;
                }
            });
        }
        let lex = if self.embedder.is_some() {
            1.0 - EMBED_SHARE
        } else {
            1.0
        };
        let n = g.members.len() as f32;
        let mut best: Option<(GroupId, f32)> = None;
        for (h, sum) in sums {
            let Some(hg) = self.groups.get(&h) else {
                continue;
            };
            if !hg.auto() {
                continue;
            }
            let m = hg.members.len() as f32;
            let e = if self.embedder.is_some() {
                dense_dot(&g.emb_sum, &hg.emb_sum)
            } else {
                0.0
            };
            let avg = (lex * sum + (1.0 - lex) * e) / (n * m);
            if avg >= self.threshold() && best.is_none_or(|(_, b)| avg > b) {
                best = Some((h, avg));
            }
        }
        let Some((h, _)) = best else { return gid };
        let (keep, gone) = {
            let (a, b) = (&self.groups[&gid], &self.groups[&h]);
            if a.members.len() > b.members.len() || (a.members.len() == b.members.len() && gid < h)
            {
                (gid, h)
            } else {
                (h, gid)
            }
        };
        self.move_all(gone, keep);
        keep
    }

    /// Move every member of `from` into `to`; `from` disappears.
    pub(super) fn move_all(&mut self, from: GroupId, to: GroupId) {
        let ids: Vec<IdeaId> = self
            .groups
            .get(&from)
            .map(|g| g.members.values().copied().collect())
            .unwrap_or_default();
        for id in ids {
            if let Some(slot) = self.by_id.get(&id).copied() {
                self.detach(slot);
                self.attach(slot, to);
            }
        }
    }
}
