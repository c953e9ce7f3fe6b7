//! The live engine: add, edit and remove ideas one at a time with stable group identity.

use std::collections::{BTreeMap, HashMap};

use super::calibration::{Calibration, PairSignals, every_pair_measured, measured_pairs};
use super::features::{Analysis, Analyzer};
use super::language::Detected;
use super::signal::Semantic;
use super::similarity::{ChannelWeights, FeatureSpace, Postings, SparseVec};
use super::stance::{Axis, Stance};
use super::{Embedder, EngineConfig, Granularity, GroupId, GroupView, IdeaId, Lang};

/// Boards up to this size re-weigh every idea on each change (exact IDF).
const EXACT_REWEIGH: u32 = 300;

pub(super) struct Slot {
    pub id: IdeaId,
    pub text: String,
    pub seq: u64,
    pub analysis: Analysis,
    pub raw: SparseVec,
    pub vec: SparseVec,
    pub emb: Option<Vec<f32>>,
    /// the stance it takes ([`super::stance`]), on the encoder's axis once embedded
    pub stance: Stance,
    pub group: GroupId,
    pub pinned: bool,
    /// placed while its embedding was not known yet: looked at once more when it arrives
    pub blind: bool,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Group {
    /// members keyed by id (ids are usually given in the order ideas are added)
    pub members: BTreeMap<IdeaId, IdeaId>,
    pub label: String,
    pub custom: bool,
    pub locked: bool,
    pub manual: bool,
    pub emb_sum: Vec<f32>,
    /// how many members have an embedding (all of them once the encoder caught up)
    pub embedded: usize,
    /// sum of the embeddings of the members on the "against" side of the stance axis
    /// (empty: none yet), and their number
    pub neg_emb_sum: Vec<f32>,
    pub negated: usize,
}

impl Group {
    pub fn auto(&self) -> bool {
        !self.custom && !self.locked && !self.manual
    }

    /// Adds a member's embedding to the group's sums.
    pub fn count_embedding(&mut self, e: &[f32], negated: bool) {
        self.embedded += 1;
        self.negated += usize::from(negated);
        self.emb_sum.resize(e.len(), 0.0);
        self.emb_sum.iter_mut().zip(e).for_each(|(a, b)| *a += b);
        if negated {
            self.neg_emb_sum.resize(e.len(), 0.0);
            self.neg_emb_sum
                .iter_mut()
                .zip(e)
                .for_each(|(a, b)| *a += b);
        }
    }
}

/// Incremental, deterministic grouping of a board of ideas.
pub struct Engine {
    pub(super) lang: Lang,
    pub(super) granularity: Granularity,
    pub(super) embedder: Option<Box<dyn Embedder>>,
    pub(super) weights: ChannelWeights,
    pub(super) analyzer: Analyzer,
    pub(super) space: FeatureSpace,
    pub(super) postings: Postings,
    pub(super) slots: Vec<Option<Slot>>,
    pub(super) free: Vec<usize>,
    pub(super) by_id: HashMap<IdeaId, usize>,
    pub(super) groups: BTreeMap<GroupId, Group>,
    pub(super) next_group: GroupId,
    pub(super) seq: u64,
    pub(super) votes: [u32; 2],
    pub(super) weighed_at: u32,
    /// sum and count of the board's embeddings (for the semantic calibration)
    pub(super) emb_total: Vec<f32>,
    pub(super) emb_count: f32,
    pub(super) prior: Option<Vec<f32>>,
    /// the embedder's stance axis, if it has one
    pub(super) axis: Option<Axis>,
    /// how the board weighs its signals and where it cuts ([`Engine::recalibrate`]), and
    /// how many ideas it held when measured
    pub(super) calibration: Calibration,
    pub(super) calibrated_for: usize,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("ideas", &self.by_id.len())
            .field("groups", &self.groups.len())
            .finish()
    }
}

impl Default for Engine {
    fn default() -> Self {
        Self::new(EngineConfig::default())
    }
}

impl Engine {
    pub fn new(config: EngineConfig) -> Self {
        let prior = config.embedder.as_ref().and_then(|e| e.prior_centre());
        let axis = config.embedder.as_ref().and_then(|e| e.stance_axis());
        let dim = config.embedder.as_ref().map_or(0, |e| e.dim());
        Engine {
            emb_total: vec![0.0; dim],
            emb_count: 0.0,
            prior,
            axis,
            lang: config.lang,
            granularity: config.granularity,
            embedder: config.embedder,
            weights: ChannelWeights::default(),
            analyzer: Analyzer::new(),
            space: FeatureSpace::default(),
            postings: Postings::default(),
            slots: Vec::new(),
            free: Vec::new(),
            by_id: HashMap::new(),
            groups: BTreeMap::new(),
            next_group: 1,
            seq: 0,
            votes: [0, 0],
            weighed_at: 0,
            calibration: Calibration::default(),
            calibrated_for: 0,
        }
    }

    pub(super) fn threshold(&self) -> f32 {
        self.calibration.threshold(self.granularity)
    }

    /// [`Engine::recalibrate`] when an idea came or went and that may move the measures:
    /// always while every pair is measured (up to 91 ideas), on a larger board (measured on
    /// a sample anyway) once it has grown or shrunk by 2 % since, so that adding an idea to a
    /// board of thousands costs no more than it did.
    pub(super) fn refresh_calibration(&mut self) {
        let (n, at) = (self.len(), self.calibrated_for);
        if every_pair_measured(n) || n.abs_diff(at) * 50 >= at.max(1) {
            self.recalibrate();
        }
    }

    /// Measure the board as it is now ([`super::calibration`]): on its pairs in the order
    /// the ideas came, so a board and its restored copy measure the same.
    pub(super) fn recalibrate(&mut self) {
        self.calibrated_for = self.len();
        let mut order: Vec<(u64, usize)> = self
            .slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|s| (s.seq, i)))
            .collect();
        order.sort_unstable();
        let semantic = self.semantic();
        let slot = |k: usize| self.slots[order[k].1].as_ref();
        let pairs: Vec<PairSignals> = measured_pairs(order.len())
            .into_iter()
            .filter_map(|(a, b)| {
                let (x, y) = (slot(a)?, slot(b)?);
                Some(PairSignals {
                    lexical: super::similarity::dot(&x.vec, &y.vec),
                    semantic: pair_semantic_with(x, y, semantic.as_ref()),
                    stances: (x.stance, y.stance),
                    weight: 1.0,
                })
            })
            .collect();
        self.calibration = Calibration::measure(&pairs);
    }

    pub(super) fn fallback(&self) -> Detected {
        match (self.votes[0], self.votes[1]) {
            (0, 0) => Detected::Unknown,
            (en, nl) if en > nl => Detected::En,
            _ => Detected::Nl,
        }
    }

    pub(super) fn analyze(&self, text: &str) -> Analysis {
        self.analyzer.analyze(text, self.lang, self.fallback())
    }

    pub(super) fn slot(&self, id: IdeaId) -> Option<&Slot> {
        self.by_id.get(&id).and_then(|s| self.slots[*s].as_ref())
    }

    /// Number of ideas on the board.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Text of an idea as given.
    pub fn text(&self, id: IdeaId) -> Option<&str> {
        self.slot(id).map(|s| s.text.as_str())
    }

    // ---------- weighting ----------

    pub(super) fn reweigh_all(&mut self) {
        self.postings.clear();
        for (i, s) in self.slots.iter_mut().enumerate() {
            if let Some(s) = s {
                s.vec = self.space.weigh(&s.raw, &self.weights);
                self.postings.insert(i as u32, &s.vec);
            }
        }
        self.weighed_at = self.space.docs;
    }

    /// Re-weigh the whole board when the IDF may have drifted; true if it did.
    fn maybe_reweigh(&mut self) -> bool {
        let (d, w) = (self.space.docs as f32, self.weighed_at as f32);
        if self.space.docs <= EXACT_REWEIGH || d > w * 1.25 || d * 1.25 < w {
            self.reweigh_all();
            true
        } else {
            false
        }
    }

    /// Create the slot for a new idea (features, weights, embedding); not yet in a group.
    pub(super) fn insert_slot(&mut self, id: IdeaId, text: &str) -> usize {
        let analysis = self.analyze(text);
        match analysis.lang {
            Some(Detected::En) => self.votes[0] += 1,
            Some(Detected::Nl) => self.votes[1] += 1,
            _ => {}
        }
        let raw = self.space.intern(&analysis);
        self.space.add_doc(&raw);
        let emb = self.embedder.as_ref().and_then(|e| e.known(text));
        if let Some(e) = &emb {
            self.emb_total.iter_mut().zip(e).for_each(|(a, b)| *a += b);
            self.emb_count += 1.0;
        }
        self.seq += 1;
        let stance = Stance::of(text, &analysis, emb.as_deref(), self.axis.as_ref());
        let slot = Slot {
            id,
            text: text.to_string(),
            seq: self.seq,
            analysis,
            raw,
            vec: Vec::new(),
            emb,
            stance,
            group: 0,
            pinned: false,
            blind: false,
        };
        let idx = match self.free.pop() {
            Some(i) => {
                self.slots[i] = Some(slot);
                i
            }
            None => {
                self.slots.push(Some(slot));
                self.slots.len() - 1
            }
        };
        self.by_id.insert(id, idx);
        if !self.maybe_reweigh() {
            // not re-weighed with the whole board: weigh and index this one
            if let Some(s) = self.slots[idx].as_mut() {
                s.vec = self.space.weigh(&s.raw, &self.weights);
                self.postings.insert(idx as u32, &s.vec);
            }
        }
        idx
    }

    /// Forget a slot entirely (features, postings, group membership).
    pub(super) fn drop_slot(&mut self, slot: usize) -> Option<GroupId> {
        let gid = self.slots[slot].as_ref().map(|s| s.group)?;
        self.detach(slot);
        let s = self.slots[slot].take()?;
        self.postings.remove(slot as u32, &s.vec);
        self.space.remove_doc(&s.raw);
        if let Some(e) = &s.emb {
            self.emb_total.iter_mut().zip(e).for_each(|(a, b)| *a -= b);
            self.emb_count -= 1.0;
        }
        match s.analysis.lang {
            Some(Detected::En) => self.votes[0] = self.votes[0].saturating_sub(1),
            Some(Detected::Nl) => self.votes[1] = self.votes[1].saturating_sub(1),
            _ => {}
        }
        self.by_id.remove(&s.id);
        self.free.push(slot);
        Some(gid)
    }

    // ---------- public API ----------

    /// Add an idea; returns the group it joined (an existing id re-adds it as an edit).
    pub fn add(&mut self, id: IdeaId, text: &str) -> GroupId {
        if self.by_id.contains_key(&id) {
            self.edit(id, text);
            return self.group_of(id).unwrap_or(0);
        }
        let slot = self.insert_slot(id, text);
        self.place(slot)
    }

    /// Change the text of an idea. A pinned idea, or one in a locked group, stays where it
    /// is; otherwise it stays while it still fits its group and moves only if it no longer does.
    pub fn edit(&mut self, id: IdeaId, text: &str) {
        let Some(&old) = self.by_id.get(&id) else {
            self.add(id, text);
            return;
        };
        let (gid, pinned, seq) = match self.slots[old].as_ref() {
            Some(s) => (s.group, s.pinned, s.seq),
            None => return,
        };
        let (label, custom, locked, manual) = match self.groups.get(&gid) {
            Some(g) => (g.label.clone(), g.custom, g.locked, g.manual),
            None => (String::new(), false, false, false),
        };
        self.drop_slot(old);
        let slot = self.insert_slot(id, text);
        if let Some(s) = self.slots[slot].as_mut() {
            s.seq = seq; // keep its place in member order
            s.pinned = pinned;
        }
        self.seq -= 1;
        self.refresh_calibration();
        let stay = if pinned || locked {
            true
        } else {
            let (vec, emb, stance) = match self.slots[slot].as_ref() {
                Some(s) => (s.vec.clone(), s.emb.clone(), s.stance),
                None => return,
            };
            let t = self.threshold();
            let scores = self.score_groups(&vec, emb.as_deref(), stance, Some(slot));
            let own = scores.iter().find(|(g, _)| *g == gid).map(|x| x.1);
            let alone = !self.groups.contains_key(&gid);
            let other = scores.iter().any(|(g, s)| {
                *g != gid && *s >= t && self.groups.get(g).is_some_and(|x| !x.locked)
            });
            if alone {
                custom || manual || !other
            } else {
                own.unwrap_or(0.0) >= t * 0.8
            }
        };
        if stay {
            if !self.groups.contains_key(&gid) {
                // it was the only member: recreate the group under the same id
                let dim = self.embedder.as_ref().map_or(0, |e| e.dim());
                self.groups.insert(
                    gid,
                    super::engine::Group {
                        label,
                        custom,
                        locked,
                        manual,
                        emb_sum: vec![0.0; dim],
                        ..Default::default()
                    },
                );
            }
            self.attach(slot, gid);
            self.relabel(gid);
            // its new text is judged on shared words only until its embedding arrives
            let blind = self.embedder.is_some() && !(pinned || locked);
            if let Some(s) = self.slots[slot].as_mut() {
                s.blind = blind && s.emb.is_none();
            }
        } else {
            self.place(slot);
            self.relabel(gid);
        }
    }

    /// Remove an idea from the board.
    pub fn remove(&mut self, id: IdeaId) {
        if let Some(&slot) = self.by_id.get(&id)
            && let Some(gid) = self.drop_slot(slot)
        {
            self.refresh_calibration();
            self.relabel(gid);
        }
    }

    /// Groups ordered by size (largest first), then id.
    pub fn groups(&self) -> Vec<GroupView> {
        let mut v: Vec<GroupView> = self
            .groups
            .iter()
            .map(|(id, g)| GroupView {
                id: *id,
                label: g.label.clone(),
                label_is_custom: g.custom,
                locked: g.locked,
                members: g.members.values().copied().collect(),
            })
            .collect();
        v.sort_by(|a, b| b.members.len().cmp(&a.members.len()).then(a.id.cmp(&b.id)));
        v
    }

    /// Per group holding ideas of opposite stance on its subject (only the facilitator's
    /// hand puts them together), the ideas on the side fewer members take (the side against,
    /// on a tie): the differing views.
    pub fn differing(&self) -> BTreeMap<GroupId, Vec<IdeaId>> {
        let mut out = BTreeMap::new();
        for (gid, g) in &self.groups {
            let members: Vec<&Slot> = g.members.values().filter_map(|id| self.slot(*id)).collect();
            let split = members
                .iter()
                .enumerate()
                .any(|(i, x)| members[i + 1..].iter().any(|y| self.apart(x, y)));
            if !split {
                continue;
            }
            let against = members.iter().filter(|m| m.stance.against).count();
            let minority_against = 2 * against <= members.len();
            let ids: Vec<IdeaId> = members
                .iter()
                .filter(|m| m.stance.against == minority_against)
                .map(|m| m.id)
                .collect();
            out.insert(*gid, ids);
        }
        out
    }

    pub fn group_of(&self, id: IdeaId) -> Option<GroupId> {
        self.slot(id).map(|s| s.group)
    }

    /// Which existing group a draft would join, without changing anything.
    pub fn preview(&self, draft: &str) -> Option<GroupId> {
        let a = self.analyze(draft);
        let vec = self.space.weigh_as_added(&a, &self.weights);
        let emb = self.embedder.as_ref().and_then(|e| e.known(draft));
        let t = self.threshold();
        let stance = Stance::of(draft, &a, emb.as_deref(), self.axis.as_ref());
        self.score_groups(&vec, emb.as_deref(), stance, None)
            .into_iter()
            .find(|(gid, _)| self.groups.get(gid).is_some_and(|g| !g.locked))
            .filter(|(_, s)| *s >= t)
            .map(|(g, _)| g)
    }

    /// Similarity of two ideas on the board (0 when either is unknown).
    pub fn similarity(&self, a: IdeaId, b: IdeaId) -> f32 {
        match (self.slot(a), self.slot(b)) {
            (Some(x), Some(y)) => self.pair_score(x, y),
            _ => 0.0,
        }
    }

    /// The semantic signal calibrated on the board as it is now (none without a model).
    pub(super) fn semantic(&self) -> Option<Semantic> {
        self.embedder.as_ref()?;
        Some(Semantic::calibrate(
            &self.emb_total,
            self.emb_count,
            self.prior.as_deref(),
        ))
    }

    /// Calibrated semantic similarity of two ideas, when both have an embedding.
    pub(super) fn pair_semantic(&self, x: &Slot, y: &Slot) -> Option<f32> {
        pair_semantic_with(x, y, self.semantic().as_ref())
    }

    /// Whether two ideas take opposite stances on one subject: never in one group.
    pub(super) fn apart(&self, x: &Slot, y: &Slot) -> bool {
        self.apart_from(x, y.emb.as_deref(), y.stance)
    }

    /// [`Engine::apart`] for an idea with `emb` and `stance` that may not be on the board.
    pub(super) fn apart_from(&self, x: &Slot, emb: Option<&[f32]>, stance: Stance) -> bool {
        match (&self.axis, &x.emb, emb) {
            (Some(axis), Some(a), Some(b)) => {
                axis.apart_stances(&x.stance, &stance, super::similarity::dense_dot(a, b))
            }
            _ => false,
        }
    }

    pub(super) fn pair_score(&self, x: &Slot, y: &Slot) -> f32 {
        pair_score_with(x, y, self.semantic().as_ref(), &self.calibration)
    }
}

fn pair_semantic_with(x: &Slot, y: &Slot, semantic: Option<&Semantic>) -> Option<f32> {
    match (&x.emb, &y.emb, semantic) {
        (Some(a), Some(b), Some(s)) => Some(s.pair(a, b)),
        _ => None,
    }
}

/// Blended score of two ideas with the board's calibrations computed once by the caller.
pub(super) fn pair_score_with(
    x: &Slot,
    y: &Slot,
    semantic: Option<&Semantic>,
    calibration: &Calibration,
) -> f32 {
    calibration.score(
        super::similarity::dot(&x.vec, &y.vec),
        pair_semantic_with(x, y, semantic),
        (x.stance, y.stance),
    )
}
