//! One scoring layer for the engine, batch, placement and explain: the lexical cosine and
//! the semantic (embedding) cosine, each calibrated on the current board, then blended.
//!
//! Sentence encoders are anisotropic: every vector shares a large common direction, so two
//! unrelated ideas already have a cosine of 0.35 (static models) to 0.75 (e5). Blended as
//! is, that baseline alone would pass the threshold and merge everything. [`Semantic`]
//! removes it: vectors are centred on the board's mean embedding before their cosine is
//! taken, so unrelated ideas score about zero and related ones clearly above it. On a tiny
//! board (two or three ideas) the mean of the ideas themselves would push them apart, so
//! the centre is shrunk toward the model's prior centre (the mean over a general
//! vocabulary), weighted as [`PRIOR_WEIGHT`] ideas. The lexical signal needs no centring:
//! its TF-IDF weights are already computed over the board, and unrelated ideas share no
//! feature.

use super::EMBED_SHARE;
use super::similarity::dense_dot;
use super::stance::Stance;

/// How many ideas the prior centre counts for against the board's own mean.
pub const PRIOR_WEIGHT: f32 = 6.0;

/// The semantic signal calibrated on one board.
#[derive(Debug, Clone, PartialEq)]
pub struct Semantic {
    centre: Vec<f32>,
    /// centre . centre
    cc: f32,
    /// 1 / (mean squared length of the board's centred vectors): an idea's similarity
    /// with itself is about 1 on every board
    scale: f32,
}

impl Semantic {
    /// Calibrate on a board whose `n` ideas' embeddings add up to `sum`. `prior` is the
    /// model's prior centre (none: the board's mean, shrunk toward zero on tiny boards).
    pub fn calibrate(sum: &[f32], n: f32, prior: Option<&[f32]>) -> Semantic {
        let n = n.max(0.0);
        let k = PRIOR_WEIGHT;
        let centre: Vec<f32> = match prior {
            Some(p) if p.len() == sum.len() => sum
                .iter()
                .zip(p)
                .map(|(s, p)| (s + k * p) / (n + k))
                .collect(),
            _ => sum.iter().map(|s| s / n.max(k)).collect(),
        };
        let cc = dense_dot(&centre, &centre);
        // mean squared length of the board's centred vectors: 1 - 2 mean.c + c.c
        let spread = if n > 0.0 {
            1.0 - 2.0 * dense_dot(sum, &centre) / n + cc
        } else {
            1.0 - cc
        };
        Semantic {
            scale: 1.0 / spread.max(0.05),
            centre,
            cc,
        }
    }

    /// Calibrated similarity of two unit embeddings: about 0 for unrelated ideas on this
    /// board, up to about 1 for the same meaning.
    pub fn pair(&self, a: &[f32], b: &[f32]) -> f32 {
        self.to_sum(a, b, 1.0)
    }

    /// [`Semantic::pair`] of `e` with each of `n` embeddings, summed, from their sum `s`.
    pub fn to_sum(&self, e: &[f32], s: &[f32], n: f32) -> f32 {
        if e.len() != self.centre.len() || s.len() != self.centre.len() {
            return 0.0;
        }
        let ec = dense_dot(e, &self.centre);
        let sc = dense_dot(s, &self.centre);
        (dense_dot(e, s) - n * ec - sc + n * self.cc) * self.scale
    }
}

/// Blend the lexical similarity with the calibrated semantic one, when there is one.
/// Below-average closeness in meaning (a negative calibrated cosine) is no evidence either
/// way, so it counts as zero rather than pulling apart ideas that share words.
pub fn blend(lexical: f32, semantic: Option<f32>) -> f32 {
    match semantic {
        Some(s) => (1.0 - EMBED_SHARE) * lexical + EMBED_SHARE * s.max(0.0),
        None => lexical,
    }
}

/// The score of a pair: [`blend`] of its two signals, damped when the two lean to opposite
/// sides ([`Stance::factor`]); pairs clearly opposed on one subject are kept apart on top
/// of that by the clustering ([`super::stance::Axis::apart`]).
pub fn pair_score(lexical: f32, semantic: Option<f32>, stances: (Stance, Stance)) -> f32 {
    blend(lexical, semantic) * stances.0.factor(stances.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[f32]) -> Vec<f32> {
        let n = dense_dot(v, v).sqrt();
        v.iter().map(|x| x / n).collect()
    }

    #[test]
    fn a_shared_baseline_direction_no_longer_counts_as_similarity() {
        // every vector leans on axis 0, like an anisotropic encoder
        let a = unit(&[3.0, 1.0, 0.0, 0.0]);
        let b = unit(&[3.0, 0.0, 1.0, 0.0]);
        let c = unit(&[3.0, 0.0, 0.0, 1.0]);
        assert!(dense_dot(&a, &b) > 0.8);
        let sum: Vec<f32> = (0..4).map(|i| a[i] + b[i] + c[i]).collect();
        let s = Semantic::calibrate(&sum, 3.0, Some(&unit(&[1.0, 0.0, 0.0, 0.0])));
        assert!(s.pair(&a, &b) < 0.1, "{}", s.pair(&a, &b));
        assert!(s.pair(&a, &a) > 0.8);
    }

    #[test]
    fn two_idea_board_is_not_pushed_apart() {
        let a = unit(&[3.0, 1.0, 0.1, 0.0]);
        let b = unit(&[3.0, 1.0, 0.0, 0.1]);
        let sum: Vec<f32> = (0..4).map(|i| a[i] + b[i]).collect();
        let prior = unit(&[1.0, 0.0, 0.0, 0.0]);
        assert!(Semantic::calibrate(&sum, 2.0, Some(&prior)).pair(&a, &b) > 0.5);
        assert!(Semantic::calibrate(&sum, 2.0, None).pair(&a, &b) > 0.5);
    }

    #[test]
    fn group_sum_equals_sum_of_pairs() {
        let e = unit(&[1.0, 2.0, 0.5]);
        let ms = [unit(&[1.0, 0.0, 0.0]), unit(&[0.0, 1.0, 1.0])];
        let sum: Vec<f32> = (0..3).map(|i| ms[0][i] + ms[1][i]).collect();
        let s = Semantic::calibrate(&sum, 2.0, None);
        let direct = s.pair(&e, &ms[0]) + s.pair(&e, &ms[1]);
        assert!((s.to_sum(&e, &sum, 2.0) - direct).abs() < 1e-5);
    }

    #[test]
    fn blend_without_semantic_is_lexical() {
        assert_eq!(blend(0.3, None), 0.3);
        assert!((blend(0.2, Some(0.4)) - 0.3).abs() < 1e-6);
        assert!((blend(0.2, Some(-0.4)) - 0.1).abs() < 1e-6);
    }
}
