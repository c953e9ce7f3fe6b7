//! Clustering: exact average-link agglomerative clustering (nearest-neighbour chain) for
//! batches, and a single-pass leader assignment for very large batches.

use std::collections::HashMap;

use super::hierarchy::Hierarchy;
use super::similarity::SparseVec;

/// Largest batch clustered exactly (memory grows with the square).
pub const MAX_EXACT: usize = 2000;

/// Average-link clustering of `n` items with pairwise similarities `sim(i, j)` and item
/// weights (multiplicities). Clusters are merged while their average similarity is at least
/// `threshold`, never joining two items that are `apart`. Returns clusters as lists of item
/// indices, each sorted; deterministic.
pub fn average_link(
    n: usize,
    weights: &[f32],
    threshold: f32,
    sim: impl Fn(usize, usize) -> f32,
    apart: impl Fn(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    Hierarchy::build(n, weights, threshold, sim, apart).cut(threshold)
}

/// Single pass: each item joins the existing cluster with the highest average similarity
/// (at least `threshold`), or starts a new one. Average similarity to a cluster is the dot
/// product with the cluster's summed vector divided by its size; an inverted index from
/// features to clusters keeps the cost proportional to the overlap, not to the board size.
pub fn leader(vecs: &[SparseVec], weights: &[f32], threshold: f32) -> Vec<Vec<usize>> {
    // feature -> (cluster, summed weight of the feature in that cluster)
    let mut by_feature: Vec<Vec<(u32, f32)>> = Vec::new();
    // cluster -> feature -> position in by_feature[feature]
    let mut slot_of: Vec<HashMap<u32, usize>> = Vec::new();
    let mut size: Vec<f32> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut sums: Vec<f32> = Vec::new();
    let mut mark: Vec<bool> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    for (i, v) in vecs.iter().enumerate() {
        for (f, x) in v {
            if let Some(list) = by_feature.get(*f as usize) {
                for (c, w) in list {
                    let c = *c as usize;
                    if !mark[c] {
                        mark[c] = true;
                        touched.push(c as u32);
                    }
                    sums[c] += x * w;
                }
            }
        }
        touched.sort_unstable();
        let mut best: Option<(usize, f32)> = None;
        for c in &touched {
            let c = *c as usize;
            let a = sums[c] / size[c];
            if a >= threshold && best.is_none_or(|(_, b)| a > b) {
                best = Some((c, a));
            }
            sums[c] = 0.0;
            mark[c] = false;
        }
        touched.clear();
        let c = match best {
            Some((c, _)) => c,
            None => {
                size.push(0.0);
                members.push(Vec::new());
                slot_of.push(HashMap::new());
                sums.push(0.0);
                mark.push(false);
                size.len() - 1
            }
        };
        size[c] += weights[i];
        members[c].push(i);
        for (f, x) in v {
            let fi = *f as usize;
            if by_feature.len() <= fi {
                by_feature.resize_with(fi + 1, Vec::new);
            }
            match slot_of[c].get(f) {
                Some(pos) => by_feature[fi][*pos].1 += x * weights[i],
                None => {
                    slot_of[c].insert(*f, by_feature[fi].len());
                    by_feature[fi].push((c as u32, x * weights[i]));
                }
            }
        }
    }
    members
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_link_finds_blocks() {
        // two blocks {0,1,2} and {3,4}
        let block = |i: usize| if i < 3 { 0 } else { 1 };
        let c = average_link(
            5,
            &[1.0; 5],
            0.5,
            |i, j| if block(i) == block(j) { 0.9 } else { 0.1 },
            |_, _| false,
        );
        assert_eq!(c, vec![vec![0, 1, 2], vec![3, 4]]);
    }

    #[test]
    fn leader_groups_overlapping_vectors() {
        let v = |f: &[u32]| -> SparseVec {
            let x = 1.0 / (f.len() as f32).sqrt();
            f.iter().map(|f| (*f, x)).collect()
        };
        let vecs = vec![
            v(&[1, 2]),
            v(&[5, 6]),
            v(&[1, 2, 3]),
            v(&[5, 6, 7]),
            v(&[9]),
        ];
        let c = leader(&vecs, &[1.0; 5], 0.5);
        assert_eq!(c, vec![vec![0, 2], vec![1, 3], vec![4]]);
    }

    #[test]
    fn average_link_handles_trivial_sizes() {
        assert!(average_link(0, &[], 0.5, |_, _| 1.0, |_, _| false).is_empty());
        assert_eq!(
            average_link(1, &[1.0], 0.5, |_, _| 1.0, |_, _| false),
            vec![vec![0]]
        );
        let c = average_link(3, &[1.0; 3], 0.5, |_, _| 0.0, |_, _| false);
        assert_eq!(c.len(), 3);
    }
}
