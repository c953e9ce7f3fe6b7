//! Grouping boards too large for exact clustering (more than
//! [`super::cluster::MAX_EXACT`] distinct ideas) with both signals, words and meaning,
//! in memory that grows with the board, not its square.
//!
//! Centroid clustering: a seeding pass puts each idea, in order, with the group it is
//! closest to on average, or starts a group (like the single-pass leader, but scoring with
//! the embeddings too); then a few reassignment passes (k-means-like) move each idea to
//! the group it now fits best, with its own contribution taken out of its group, or to a
//! group of its own when none reaches the threshold. An idea's average similarity to a
//! group is the same blend as a pair's ([`super::signal`]), taken against the group's
//! summed vectors: the lexical sum through an inverted index (cost by shared words), the
//! calibrated semantic one linearised so each idea and group costs one dot product. A group
//! has one stance ([`super::stance::negated`]): an idea of the other stance never joins
//! it, so opposite views do not meet in one group.
//!
//! The reassignment passes run on every core; `progress` hears (done, total) steps as the
//! work goes, for the board's "regrouping N%".

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::calibration::Calibration;
use super::signal::Semantic;
use super::similarity::{SparseVec, dense_dot, dot};

/// Reassignment passes after the seeding pass.
const PASSES: usize = 2;
/// Ideas per unit of work (and per progress report) in the parallel passes.
const CHUNK: usize = 256;

/// What is known of each distinct idea of a large board.
pub struct Board<'a> {
    /// how many times each idea counts
    pub weights: &'a [f32],
    /// weighted lexical vectors (sorted by feature)
    pub lexical: &'a [SparseVec],
    /// unit embeddings, where known
    pub embeddings: Vec<Option<&'a [f32]>>,
    /// the semantic signal calibrated on the board
    pub semantic: Option<&'a Semantic>,
    pub negated: &'a [bool],
    /// how the board weighs its signals
    pub calibration: Calibration,
}

/// [`Semantic::to_sum`] taken apart so that an idea against a group is one dot product:
/// `to_sum(e, S, n) = scale e.S + n p(e) + k(S, n) - n cc`, with `p(e) = to_sum(e, 0, 1)`
/// (which also equals `to_sum(0, e, 1)`) and `k` additive over a group's members.
struct Linear {
    scale: f32,
    cc: f32,
}

impl Linear {
    fn new(s: &Semantic, dim: usize) -> Linear {
        let zero = vec![0f32; dim];
        let mut unit = zero.clone();
        unit[0] = 1.0;
        Linear {
            scale: s.to_sum(&unit, &unit, 0.0) - s.to_sum(&zero, &unit, 0.0),
            cc: s.to_sum(&zero, &zero, 1.0),
        }
    }
}

/// The groups of one assignment: summed vectors and weights.
struct Groups {
    dim: usize,
    sum: Vec<f32>,
    /// weight of the members with an embedding
    emb_n: Vec<f32>,
    /// sum of the members' p(e), weighted
    k: Vec<f32>,
    size: Vec<f32>,
    negated: Vec<bool>,
    /// feature -> (group, summed weight)
    postings: Vec<Vec<(u32, f32)>>,
}

impl Groups {
    fn new(dim: usize) -> Groups {
        Groups {
            dim,
            sum: Vec::new(),
            emb_n: Vec::new(),
            k: Vec::new(),
            size: Vec::new(),
            negated: Vec::new(),
            postings: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.size.len()
    }

    fn open(&mut self, negated: bool) -> usize {
        self.sum.extend(std::iter::repeat_n(0.0, self.dim));
        self.emb_n.push(0.0);
        self.k.push(0.0);
        self.size.push(0.0);
        self.negated.push(negated);
        self.len() - 1
    }

    /// Adds everything but the lexical postings (see [`Groups::post`]).
    fn add(&mut self, c: usize, w: f32, e: Option<(&[f32], f32)>) {
        self.size[c] += w;
        if let Some((e, p)) = e {
            let s = &mut self.sum[c * self.dim..(c + 1) * self.dim];
            s.iter_mut().zip(e).for_each(|(s, x)| *s += w * x);
            self.emb_n[c] += w;
            self.k[c] += w * p;
        }
    }
}

/// Per-idea facts used in every pass.
struct Prepared<'a> {
    board: &'a Board<'a>,
    linear: Option<Linear>,
    /// p(e) of each idea (0 without an embedding)
    p: Vec<f32>,
    /// lexical self-similarity |v|^2
    self_lex: Vec<f32>,
}

impl Prepared<'_> {
    /// Average blended similarity of idea `i` with group `c`, leaving `i` itself out when
    /// `own`; `lex` is `i`'s dot product with the group's lexical sum.
    fn score(&self, g: &Groups, i: usize, c: usize, lex: f32, own: bool) -> Option<f32> {
        let b = self.board;
        if b.negated[i] != g.negated[c] {
            return None;
        }
        let w = if own { b.weights[i] } else { 0.0 };
        let size = g.size[c] - w;
        if size <= 1e-6 {
            return None;
        }
        let lexical = (lex - w * self.self_lex[i]) / size;
        let semantic = match (self.linear.as_ref(), b.embeddings[i]) {
            (Some(l), Some(e)) => {
                let n = g.emb_n[c] - w;
                (n > 1e-6).then(|| {
                    let s = &g.sum[c * g.dim..(c + 1) * g.dim];
                    let es = dense_dot(e, s) - w * dense_dot(e, e);
                    let k = g.k[c] - w * self.p[i];
                    (l.scale * es + n * self.p[i] + k - n * l.cc) / n
                })
            }
            _ => None,
        };
        Some(b.calibration.blend(lexical, semantic))
    }

    /// The best group for `i` at or above `threshold` (`own`: its present group, scored
    /// without it); `lex` is scratch of one value per group.
    fn best(
        &self,
        g: &Groups,
        i: usize,
        own: Option<usize>,
        threshold: f32,
        lex: &mut [f32],
    ) -> Option<usize> {
        let mut touched: Vec<usize> = Vec::new();
        for (f, x) in &self.board.lexical[i] {
            for (c, s) in g.postings.get(*f as usize).map_or(&[][..], Vec::as_slice) {
                let c = *c as usize;
                if lex[c] == 0.0 {
                    touched.push(c);
                }
                lex[c] += x * s;
            }
        }
        let mut best: Option<(usize, f32)> = None;
        let mut consider = |c: usize, l: f32| {
            if let Some(v) = self.score(g, i, c, l, own == Some(c))
                && v >= threshold
                && best.is_none_or(|(bc, b)| v > b || (v == b && c < bc))
            {
                best = Some((c, v));
            }
        };
        if self.linear.is_some() && self.board.embeddings[i].is_some() {
            for (c, l) in lex.iter().enumerate().take(g.len()) {
                consider(c, *l);
            }
        } else {
            // on words alone, a group sharing none scores 0: only those sharing some count
            for c in &touched {
                consider(*c, lex[*c]);
            }
            if let Some(c) = own.filter(|c| lex[*c] == 0.0) {
                consider(c, 0.0);
            }
        }
        for c in touched {
            lex[c] = 0.0;
        }
        best.map(|b| b.0)
    }
}

/// Groups of a large board: lists of idea indices, each sorted, ordered by first idea.
/// Every idea is in exactly one group. `progress` hears (done, total) as the work goes.
pub fn cluster(
    board: &Board<'_>,
    threshold: f32,
    progress: &mut dyn FnMut(usize, usize),
) -> Vec<Vec<usize>> {
    let n = board.weights.len();
    if n == 0 {
        return Vec::new();
    }
    let dim = board.embeddings.iter().flatten().map(|e| e.len()).next();
    let linear = board.semantic.zip(dim).map(|(s, d)| Linear::new(s, d));
    let p = board
        .embeddings
        .iter()
        .map(|e| match (e, board.semantic) {
            (Some(e), Some(s)) => s.to_sum(e, &vec![0.0; e.len()], 1.0),
            _ => 0.0,
        })
        .collect();
    let prep = Prepared {
        board,
        linear,
        p,
        self_lex: board.lexical.iter().map(|v| dot(v, v)).collect(),
    };
    let total = n * (1 + PASSES);
    let mut assign = seed(&prep, dim.unwrap_or(0), threshold, &mut |done| {
        progress(done, total)
    });
    for pass in 0..PASSES {
        let g = build(&prep, &assign, dim.unwrap_or(0));
        let next = reassign(&prep, &g, &assign, threshold, &mut |done| {
            progress(n * (1 + pass) + done, total)
        });
        let moved = next != assign;
        assign = next;
        if !moved {
            break;
        }
    }
    progress(total, total);
    let mut out: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, c) in assign.iter().enumerate() {
        out.entry(*c).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = out.into_values().collect();
    out.sort_by_key(|m| m[0]);
    out
}

/// The seeding pass: each idea in order joins its best group or starts one.
fn seed(
    prep: &Prepared<'_>,
    dim: usize,
    threshold: f32,
    tell: &mut dyn FnMut(usize),
) -> Vec<usize> {
    let b = prep.board;
    let n = b.weights.len();
    let mut g = Groups::new(dim);
    let mut slot: Vec<HashMap<u32, usize>> = Vec::new();
    let mut lex: Vec<f32> = Vec::new();
    let mut assign = Vec::with_capacity(n);
    for i in 0..n {
        lex.resize(g.len(), 0.0);
        let c = match prep.best(&g, i, None, threshold, &mut lex) {
            Some(c) => c,
            None => {
                slot.push(HashMap::new());
                g.open(b.negated[i])
            }
        };
        g.add(c, b.weights[i], b.embeddings[i].map(|e| (e, prep.p[i])));
        for (f, x) in &b.lexical[i] {
            let fi = *f as usize;
            if g.postings.len() <= fi {
                g.postings.resize_with(fi + 1, Vec::new);
            }
            let list = &mut g.postings[fi];
            let at = *slot[c].entry(*f).or_insert_with(|| {
                list.push((c as u32, 0.0));
                list.len() - 1
            });
            list[at].1 += x * b.weights[i];
        }
        assign.push(c);
        if (i + 1) % CHUNK == 0 {
            tell(i + 1);
        }
    }
    assign
}

/// The groups of an assignment (numbered as in it), each with the stance of its ideas
/// (of most of its weight, were they ever mixed).
fn build(prep: &Prepared<'_>, assign: &[usize], dim: usize) -> Groups {
    let b = prep.board;
    let count = assign.iter().max().map_or(0, |m| m + 1);
    let mut lean = vec![0f32; count];
    for (i, c) in assign.iter().enumerate() {
        lean[*c] += if b.negated[i] {
            b.weights[i]
        } else {
            -b.weights[i]
        };
    }
    let mut g = Groups::new(dim);
    for l in &lean {
        g.open(*l > 0.0);
    }
    let mut lexical: Vec<HashMap<u32, f32>> = vec![HashMap::new(); count];
    for (i, c) in assign.iter().enumerate() {
        g.add(*c, b.weights[i], b.embeddings[i].map(|e| (e, prep.p[i])));
        for (f, x) in &b.lexical[i] {
            *lexical[*c].entry(*f).or_default() += x * b.weights[i];
        }
    }
    for (c, features) in lexical.into_iter().enumerate() {
        for (f, s) in features {
            let fi = f as usize;
            if g.postings.len() <= fi {
                g.postings.resize_with(fi + 1, Vec::new);
            }
            g.postings[fi].push((c as u32, s));
        }
    }
    g.postings.iter_mut().for_each(|l| l.sort_by_key(|e| e.0));
    g
}

/// One reassignment pass on every core; ideas no group holds get groups of their own.
fn reassign(
    prep: &Prepared<'_>,
    g: &Groups,
    assign: &[usize],
    threshold: f32,
    tell: &mut dyn FnMut(usize),
) -> Vec<usize> {
    let n = assign.len();
    let chunks = n.div_ceil(CHUNK);
    let next_chunk = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    // takes chunks until none is left; `after` hears the ideas done so far after each
    let drain = |after: &mut dyn FnMut(usize)| {
        let mut lex = vec![0f32; g.len()];
        let mut mine: Vec<(usize, Vec<Option<usize>>)> = Vec::new();
        loop {
            let k = next_chunk.fetch_add(1, Ordering::Relaxed);
            if k >= chunks {
                break;
            }
            let got: Vec<Option<usize>> = (k * CHUNK..((k + 1) * CHUNK).min(n))
                .map(|i| prep.best(g, i, Some(assign[i]), threshold, &mut lex))
                .collect();
            after(done.fetch_add(got.len(), Ordering::Relaxed) + got.len());
            mine.push((k, got));
        }
        mine
    };
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let mut parts: Vec<(usize, Vec<Option<usize>>)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..cores.min(chunks))
            .map(|_| scope.spawn(|| drain(&mut |_| {})))
            .collect();
        // this thread works too, and tells the progress
        let mut mine = drain(tell);
        for h in helpers {
            mine.extend(h.join().unwrap_or_default());
        }
        mine
    });
    parts.sort_by_key(|p| p.0);
    let mut fresh = g.len();
    let mut out: Vec<usize> = parts
        .into_iter()
        .flat_map(|p| p.1)
        .map(|c| {
            c.unwrap_or_else(|| {
                fresh += 1;
                fresh - 1
            })
        })
        .collect();
    // a helper that died (it cannot, short of a bug) leaves its ideas where they were
    if out.len() != n {
        out = assign.to_vec();
    }
    // number the groups densely, in order of first idea
    let mut renumber: HashMap<usize, usize> = HashMap::new();
    for c in out.iter_mut() {
        let next = renumber.len();
        *c = *renumber.entry(*c).or_insert(next);
    }
    out
}

#[cfg(test)]
#[path = "tests/large.rs"]
mod tests;
