//! Average-link hierarchy of a board: every merge down to a floor, so a cut at any threshold
//! above it is a replay, not a new clustering.
//!
//! Two ideas of opposite stance ([`super::stance`]) are "cannot-link": a merge that would put
//! them in one group is never made, at any cut.

/// One merge of the hierarchy: the clusters of items `keep` and `gone` join at `sim`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Merge {
    keep: usize,
    gone: usize,
    sim: f32,
}

/// The merges of a board down to a floor.
pub struct Hierarchy {
    n: usize,
    merges: Vec<Merge>,
}

impl Hierarchy {
    /// Clusters `n` items with pair similarities `sim` and multiplicities `weights`, keeping
    /// every merge at or above `floor`; `apart(i, j)`: never in one cluster.
    pub fn build(
        n: usize,
        weights: &[f32],
        floor: f32,
        sim: impl Fn(usize, usize) -> f32,
        apart: impl Fn(usize, usize) -> bool,
    ) -> Hierarchy {
        let mut sims = vec![0f32; n * n];
        let mut cannot = vec![false; n * n];
        for i in 0..n {
            for j in (i + 1)..n {
                let v = sim(i, j);
                sims[i * n + j] = v;
                sims[j * n + i] = v;
                if apart(i, j) {
                    cannot[i * n + j] = true;
                    cannot[j * n + i] = true;
                }
            }
        }
        Hierarchy {
            n,
            merges: chain(n, weights, floor, sims, cannot),
        }
    }

    /// The clusters at threshold `t` (merges at or above it), each sorted, ordered by their
    /// first item.
    pub fn cut(&self, t: f32) -> Vec<Vec<usize>> {
        let mut parent: Vec<usize> = (0..self.n).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for m in self.merges.iter().filter(|m| m.sim >= t) {
            let (a, b) = (root(&mut parent, m.keep), root(&mut parent, m.gone));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
        let mut by_root: Vec<Vec<usize>> = vec![Vec::new(); self.n];
        for i in 0..self.n {
            let r = root(&mut parent, i);
            by_root[r].push(i);
        }
        by_root.into_iter().filter(|c| !c.is_empty()).collect()
    }
}

/// Nearest-neighbour chain over the similarity matrix `s` (updated in place by the average
/// link rule), never merging clusters with a cannot-link between them. Returns the merges
/// made at or above `floor`.
fn chain(
    n: usize,
    weights: &[f32],
    floor: f32,
    mut s: Vec<f32>,
    mut cannot: Vec<bool>,
) -> Vec<Merge> {
    let mut w: Vec<f32> = weights.to_vec();
    let mut active = vec![true; n]; // still mergeable
    let mut alive = vec![true; n]; // still a cluster (not absorbed)
    let mut merges = Vec::new();
    let mut chain: Vec<usize> = Vec::new();
    let mut next_start = 0usize;
    loop {
        if chain.is_empty() {
            while next_start < n && !active[next_start] {
                next_start += 1;
            }
            if next_start >= n {
                break;
            }
            chain.push(next_start);
        }
        let a = *chain.last().unwrap_or(&0);
        let mut prev = (chain.len() >= 2).then(|| chain[chain.len() - 2]);
        if let Some(p) = prev
            && cannot[a * n + p]
        {
            // the cluster before it may no longer join it: start the chain again from here
            chain.clear();
            chain.push(a);
            prev = None;
        }
        let mut best: Option<(usize, f32)> = prev.map(|p| (p, s[a * n + p]));
        for k in 0..n {
            if k == a || !active[k] || cannot[a * n + k] {
                continue;
            }
            let v = s[a * n + k];
            if best.is_none_or(|(_, bv)| v > bv) {
                best = Some((k, v));
            }
        }
        match best {
            Some((b, v)) if v >= floor => {
                if Some(b) == prev {
                    chain.pop();
                    chain.pop();
                    let (keep, gone) = if a < b { (a, b) } else { (b, a) };
                    let (wk, wg) = (w[keep], w[gone]);
                    for k in 0..n {
                        if !alive[k] || k == keep || k == gone {
                            continue;
                        }
                        let v = (wk * s[keep * n + k] + wg * s[gone * n + k]) / (wk + wg);
                        s[keep * n + k] = v;
                        s[k * n + keep] = v;
                        let c = cannot[keep * n + k] || cannot[gone * n + k];
                        cannot[keep * n + k] = c;
                        cannot[k * n + keep] = c;
                    }
                    w[keep] = wk + wg;
                    active[gone] = false;
                    alive[gone] = false;
                    merges.push(Merge { keep, gone, sim: v });
                } else {
                    chain.push(b);
                }
            }
            _ => {
                // its best similarity can only fall from here (reducibility): retire it
                active[a] = false;
                chain.pop();
            }
        }
    }
    merges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(sizes: &[usize], inside: f32, across: f32) -> (usize, impl Fn(usize, usize) -> f32) {
        let mut block = Vec::new();
        for (b, s) in sizes.iter().enumerate() {
            block.extend(std::iter::repeat_n(b, *s));
        }
        let n = block.len();
        (
            n,
            move |i: usize, j: usize| {
                if block[i] == block[j] { inside } else { across }
            },
        )
    }

    #[test]
    fn a_cut_replays_the_merges_above_it() {
        let (n, sim) = blocks(&[3, 2], 0.9, 0.1);
        let h = Hierarchy::build(n, &vec![1.0; n], 0.0, sim, |_, _| false);
        assert_eq!(h.cut(0.5), vec![vec![0, 1, 2], vec![3, 4]]);
        assert_eq!(h.cut(0.05), vec![vec![0, 1, 2, 3, 4]]);
        assert_eq!(h.cut(0.95).len(), 5);
    }

    #[test]
    fn cannot_link_pairs_never_share_a_cluster() {
        let (n, sim) = blocks(&[4], 0.9, 0.0);
        let h = Hierarchy::build(n, &vec![1.0; n], 0.0, sim, |i, j| {
            (i, j) == (0, 3) || (i, j) == (3, 0)
        });
        for c in h.cut(0.0) {
            assert!(!(c.contains(&0) && c.contains(&3)), "{c:?}");
        }
    }

    #[test]
    fn trivial_sizes() {
        let h = Hierarchy::build(0, &[], 0.0, |_, _| 1.0, |_, _| false);
        assert!(h.cut(0.5).is_empty());
        let h = Hierarchy::build(1, &[1.0], 0.0, |_, _| 1.0, |_, _| false);
        assert_eq!(h.cut(0.5), vec![vec![0]]);
    }
}
