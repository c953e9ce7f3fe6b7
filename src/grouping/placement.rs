//! Scoring ideas against groups, group membership and labels.

use std::collections::BTreeMap;

use super::engine::{Engine, Group};
use super::features::Analysis;
use super::labels;
use super::signal::Semantic;
use super::similarity::SparseVec;
use super::stance::{Stance, factor};
use super::{GroupId, IdeaId};

/// Calibrated closeness of `e` (of an idea against or not) summed over a group's members,
/// each pair damped when their sides differ.
fn stance_sum(s: &Semantic, e: &[f32], g: &Group, negated: bool) -> f32 {
    let n = g.embedded as f32;
    if g.negated == 0 || g.neg_emb_sum.len() != g.emb_sum.len() {
        return s.to_sum(e, &g.emb_sum, n) * factor(negated, false);
    }
    let pos: Vec<f32> = g
        .emb_sum
        .iter()
        .zip(&g.neg_emb_sum)
        .map(|(a, b)| a - b)
        .collect();
    let k = g.negated as f32;
    s.to_sum(e, &g.neg_emb_sum, k) * factor(negated, true)
        + s.to_sum(e, &pos, n - k) * factor(negated, false)
}

impl Engine {
    // ---------- scoring ----------

    /// Average similarity of a vector to each group's members (excluding one slot),
    /// best first, ties by group id.
    pub(super) fn score_groups(
        &self,
        vec: &SparseVec,
        emb: Option<&[f32]>,
        stance: Stance,
        exclude: Option<usize>,
    ) -> Vec<(GroupId, f32)> {
        let negated = stance.against;
        // accumulate per idea in a dense scratch vector, then per group
        let mut acc = vec![0f32; self.slots.len()];
        let mut touched: Vec<u32> = Vec::new();
        self.postings.for_each_overlap(vec, |j, x| {
            let a = &mut acc[j as usize];
            if *a == 0.0 {
                touched.push(j);
            }
            *a += x;
        });
        let mut sums: BTreeMap<GroupId, f32> = BTreeMap::new();
        for j in touched {
            let j = j as usize;
            if Some(j) != exclude
                && acc[j] != 0.0
                && let Some(s) = &self.slots[j]
            {
                *sums.entry(s.group).or_default() += acc[j] * stance.factor(s.stance);
                acc[j] = 0.0;
            }
        }
        let own = exclude.and_then(|e| self.slots[e].as_ref());
        let semantic = emb.and(self.semantic());
        let mut out: Vec<(GroupId, f32)> = Vec::new();
        // without an embedder only groups sharing a feature can score above zero
        let candidates: Box<dyn Iterator<Item = (&GroupId, &Group)>> = if semantic.is_some() {
            Box::new(self.groups.iter())
        } else {
            Box::new(sums.keys().filter_map(|g| self.groups.get_key_value(g)))
        };
        for (gid, g) in candidates {
            if stance.lean.is_some() && self.opposes(g, emb, stance, exclude) {
                continue;
            }
            let mine = own.is_some_and(|o| o.group == *gid);
            let n = g.members.len() as f32 - if mine { 1.0 } else { 0.0 };
            if n <= 0.0 {
                continue;
            }
            // members whose embedding is known (some may still be on their way)
            let own_emb = own
                .filter(|_| mine)
                .and_then(|o| o.emb.as_deref().map(|e| (o, e)));
            let with_emb = g.embedded as f32 - if own_emb.is_some() { 1.0 } else { 0.0 };
            let l = sums.get(gid).copied().unwrap_or(0.0);
            let sem = match (emb, &semantic) {
                (Some(e), Some(s)) if with_emb > 0.0 => {
                    let mut sum = stance_sum(s, e, g, negated);
                    if let Some((o, oe)) = own_emb {
                        sum -= s.pair(e, oe) * stance.factor(o.stance);
                    }
                    Some(sum / with_emb)
                }
                _ if l == 0.0 => continue,
                _ => None,
            };
            out.push((*gid, self.calibration.blend(l / n, sem)));
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// Whether a member of `g` (other than the slot `exclude`) takes the stance opposite
    /// to an idea's (`emb`, `stance`) on its subject: then the idea never joins it.
    pub(super) fn opposes(
        &self,
        g: &Group,
        emb: Option<&[f32]>,
        stance: Stance,
        exclude: Option<usize>,
    ) -> bool {
        g.members.values().any(|id| {
            self.by_id
                .get(id)
                .filter(|slot| Some(**slot) != exclude)
                .and_then(|slot| self.slots[*slot].as_ref())
                .is_some_and(|m| self.apart_from(m, emb, stance))
        })
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
        let (id, negated) = (s.id, s.stance.against);
        let emb = s.emb.clone();
        if let Some(g) = self.groups.get_mut(&gid) {
            g.members.insert(id, id);
            if let Some(e) = emb {
                g.count_embedding(&e, negated);
            }
        }
    }

    /// Take a slot out of its group; an emptied group disappears (its id is never reused).
    pub(super) fn detach(&mut self, slot: usize) -> GroupId {
        let Some(s) = self.slots[slot].as_ref() else {
            return 0;
        };
        let (gid, id, negated) = (s.group, s.id, s.stance.against);
        let emb = s.emb.clone();
        if let Some(g) = self.groups.get_mut(&gid) {
            g.members.remove(&id);
            if let Some(e) = emb {
                g.embedded = g.embedded.saturating_sub(1);
                g.negated = g.negated.saturating_sub(usize::from(negated));
                g.emb_sum.iter_mut().zip(&e).for_each(|(a, b)| *a -= b);
                if negated {
                    g.neg_emb_sum.iter_mut().zip(&e).for_each(|(a, b)| *a -= b);
                }
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
        let members = self.analyses_central_first(g);
        let first_text = g
            .members
            .values()
            .next()
            .and_then(|id| self.text(*id))
            .unwrap_or("");
        let idf = |stem: &str| self.stem_idf(stem);
        let cands = labels::rank(&members, &idf, Some(self.fallback()));
        let current_head = g.label.split(labels::SEP).next().unwrap_or("").to_string();
        // a label stays while its first word is among the two most telling and shared by
        // as many members as the most telling one (a word more members share takes over)
        let most_shared = cands.first().map_or(0, |c| c.count);
        // and while a word beside it is one several members share, as a new label's would
        // be (the second word of a first idea's label goes once others join it)
        let shared = |w: &str| cands.iter().any(|c| c.surface == w && c.count >= 2);
        let beside_ok = n <= 1
            || labels::is_weak(&current_head)
            || g.label.split(labels::SEP).skip(1).all(shared);
        let keep = !g.label.is_empty()
            && cands
                .iter()
                .take(2)
                .any(|c| c.surface == current_head && c.count >= most_shared)
            && beside_ok
            && labels::fits(&g.label, &members);
        let label = if keep {
            g.label.clone()
        } else {
            labels::compose_for(&cands, &members, first_text)
        };
        if let Some(g) = self.groups.get_mut(&gid) {
            g.label = label;
        }
    }

    /// Whether a group's label is still made of its members' words.
    pub(super) fn label_fits(&self, gid: GroupId) -> bool {
        let Some(g) = self.groups.get(&gid) else {
            return true;
        };
        !g.label.is_empty() && labels::fits(&g.label, &self.analyses(g))
    }

    /// The analyses of a group's members, its most central idea first: the one closest in
    /// meaning to the whole group once every member is embedded, otherwise the one sharing
    /// most words with the others (the earliest on a tie).
    fn analyses_central_first(&self, g: &Group) -> Vec<&Analysis> {
        let slots: Vec<_> = g.members.values().filter_map(|id| self.slot(*id)).collect();
        let by_meaning = g.embedded == slots.len() && g.emb_sum.len() > 1;
        let closeness = |i: usize| -> f32 {
            let s = slots[i];
            match &s.emb {
                Some(e) if by_meaning => e.iter().zip(&g.emb_sum).map(|(a, b)| a * b).sum(),
                _ if slots.len() <= 64 => slots
                    .iter()
                    .map(|o| super::similarity::dot(&s.vec, &o.vec))
                    .sum(),
                _ => 0.0,
            }
        };
        let central = (0..slots.len())
            .map(|i| (closeness(i), i))
            .fold(None::<(f32, usize)>, |best, (c, i)| match best {
                Some((bc, _)) if bc >= c => best,
                _ => Some((c, i)),
            })
            .map_or(0, |(_, i)| i);
        let mut out: Vec<&Analysis> = slots.iter().map(|s| &s.analysis).collect();
        if central > 0 {
            let c = out.remove(central);
            out.insert(0, c);
        }
        out
    }

    /// The analyses of a group's members.
    fn analyses(&self, g: &Group) -> Vec<&Analysis> {
        g.members
            .values()
            .filter_map(|id| self.slot(*id))
            .map(|s| &s.analysis)
            .collect()
    }

    pub(super) fn stem_idf(&self, stem: &str) -> f32 {
        self.space.stem_idf(stem)
    }

    /// Put a free slot in the best group, or a new one. Returns the group it ends in.
    pub(super) fn place(&mut self, slot: usize) -> GroupId {
        self.refresh_calibration();
        let (vec, emb, stance) = match self.slots[slot].as_ref() {
            Some(s) => (s.vec.clone(), s.emb.clone(), s.stance),
            None => return 0,
        };
        let best = self.best_group(&vec, emb.as_deref(), stance, slot);
        let gid = match best {
            Some(gid) => gid,
            None => self.new_group(),
        };
        self.attach(slot, gid);
        self.relabel(gid);
        let blind = self.embedder.is_some() && emb.is_none();
        if let Some(s) = self.slots[slot].as_mut() {
            s.blind = blind;
        }
        gid
    }

    /// The group an idea (in `slot`, not counted in its own group) fits best, if any fits:
    /// the best-scoring group that is not locked, at or above the threshold.
    pub(super) fn best_group(
        &self,
        vec: &SparseVec,
        emb: Option<&[f32]>,
        stance: Stance,
        slot: usize,
    ) -> Option<GroupId> {
        let t = self.threshold();
        self.score_groups(vec, emb, stance, Some(slot))
            .into_iter()
            .find(|(gid, _)| self.groups.get(gid).is_some_and(|g| !g.locked))
            .filter(|(_, s)| *s >= t)
            .map(|(g, _)| g)
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
