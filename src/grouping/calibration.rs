//! How a board weighs its two signals and where it cuts, measured on the board's own pairs.
//!
//! - **How much the words count.** Shared words, concepts and spellings carry meaning on a
//!   workshop board, where people answer one question in the room's vocabulary: there the
//!   lexical and the semantic similarity of a pair go together (their correlation over a
//!   board's pairs is 0.26–0.63 on the workshop sessions we have). On ideas about unrelated
//!   subjects the shared pieces are coincidence ("training" and "train", "appointment" and
//!   "apartment") and the two signals hardly agree (about 0.15). The lexical signal counts in
//!   full where they agree at least [`AGREEMENT`], and in proportion below it.
//! - **Where the board cuts.** Ideas are grouped when their similarity stands out from the
//!   board's background: [`CUT_SPREAD`] standard deviations above the mean similarity of
//!   its pairs, so a board of scattered ideas cuts lower than one fixed value would, and
//!   its ideas are not left in pairs and singletons. The cut never rises above the
//!   calibrated default: a room that agrees is not split for agreeing (on a board where
//!   everyone says much the same, standing out from the others would mean a group per
//!   nuance).
//!
//! A small board says little about itself: both measures are shrunk toward the calibrated
//! defaults (every word counting, [`DEFAULT_THRESHOLD`]) as if [`PRIOR_PAIRS`] pairs had shown
//! them, so a board of three ideas is cut much as before and a board of thirty by its own
//! pairs. Large boards are measured on a fixed, deterministic sample of their pairs.

use super::signal::{blend, pair_score};
use super::stance::Stance;
use super::{DEFAULT_THRESHOLD, Granularity};

/// Correlation of the lexical and the semantic similarity over a board's pairs at and above
/// which the lexical signal counts in full.
pub const AGREEMENT: f64 = 0.3;
/// How many standard deviations above the board's mean pair similarity the cut lies (at the
/// default granularity). At 0.6 to 0.7 it equals the calibrated default on a typical
/// workshop board.
pub const CUT_SPREAD: f64 = 0.6;
/// How many pairs the defaults count for against the board's own.
pub const PRIOR_PAIRS: f64 = 45.0;
/// Most pairs measured; larger boards are measured on a sample this size.
pub const SAMPLE_PAIRS: usize = 4096;

/// The two signals of one pair of a board, and how many times the pair counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairSignals {
    pub lexical: f32,
    /// calibrated semantic similarity, when both ideas have an embedding
    pub semantic: Option<f32>,
    pub stances: (Stance, Stance),
    pub weight: f32,
}

/// A board's weighing of its signals and its cut.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    /// factor on the lexical similarity, 0–1
    pub lexical: f32,
    /// the similarity needed to group at the default granularity
    pub cut: f32,
}

impl Default for Calibration {
    fn default() -> Self {
        Calibration {
            lexical: 1.0,
            cut: DEFAULT_THRESHOLD,
        }
    }
}

impl Calibration {
    /// Measure a board on its pairs.
    pub fn measure(pairs: &[PairSignals]) -> Calibration {
        let lexical = lexical_weight(pairs);
        let mut cut = Moments::default();
        for p in pairs {
            cut.add(
                f64::from(pair_score(p.lexical * lexical, p.semantic, p.stances)),
                f64::from(p.weight),
            );
        }
        let board = cut.mean() + CUT_SPREAD * cut.deviation();
        let default = f64::from(DEFAULT_THRESHOLD);
        let cut = shrink(board, cut.weight, default).min(default);
        Calibration {
            lexical,
            cut: cut as f32,
        }
    }

    /// The similarity of a pair from its signals on this board.
    pub fn score(&self, lexical: f32, semantic: Option<f32>, stances: (Stance, Stance)) -> f32 {
        pair_score(lexical * self.lexical, semantic, stances)
    }

    /// [`blend`] of an average lexical and semantic similarity on this board.
    pub fn blend(&self, lexical: f32, semantic: Option<f32>) -> f32 {
        blend(lexical * self.lexical, semantic)
    }

    /// The similarity needed to group at granularity `g`.
    pub fn threshold(&self, g: Granularity) -> f32 {
        self.cut * g.factor()
    }
}

/// The factor on the lexical signal: 1 where it agrees with meaning at least [`AGREEMENT`]
/// over the board's pairs that have both signals, in proportion below.
fn lexical_weight(pairs: &[PairSignals]) -> f32 {
    let (mut w, mut sl, mut ss, mut sll, mut sss, mut sls) = (0f64, 0f64, 0f64, 0f64, 0f64, 0f64);
    for p in pairs {
        let Some(s) = p.semantic else { continue };
        let (l, s, k) = (f64::from(p.lexical), f64::from(s), f64::from(p.weight));
        w += k;
        sl += k * l;
        ss += k * s;
        sll += k * l * l;
        sss += k * s * s;
        sls += k * l * s;
    }
    if w <= 0.0 {
        return 1.0;
    }
    let (ml, ms) = (sl / w, ss / w);
    let (vl, vs, cov) = (sll / w - ml * ml, sss / w - ms * ms, sls / w - ml * ms);
    // no spread in one signal: nothing to tell, the default holds
    let r = if vl > 1e-12 && vs > 1e-12 {
        cov / (vl * vs).sqrt()
    } else {
        AGREEMENT
    };
    (shrink(r, w, AGREEMENT) / AGREEMENT).clamp(0.0, 1.0) as f32
}

/// `measured` over `weight` pairs, shrunk toward `prior` counted as [`PRIOR_PAIRS`] pairs.
fn shrink(measured: f64, weight: f64, prior: f64) -> f64 {
    (weight * measured + PRIOR_PAIRS * prior) / (weight + PRIOR_PAIRS)
}

/// Weighted mean and standard deviation.
#[derive(Debug, Default)]
struct Moments {
    weight: f64,
    sum: f64,
    squares: f64,
}

impl Moments {
    fn add(&mut self, x: f64, w: f64) {
        self.weight += w;
        self.sum += w * x;
        self.squares += w * x * x;
    }

    fn mean(&self) -> f64 {
        if self.weight > 0.0 {
            self.sum / self.weight
        } else {
            0.0
        }
    }

    fn deviation(&self) -> f64 {
        if self.weight > 0.0 {
            (self.squares / self.weight - self.mean().powi(2))
                .max(0.0)
                .sqrt()
        } else {
            0.0
        }
    }
}

/// Whether a board of `n` items is measured on every pair (up to 91 items), not a sample.
pub fn every_pair_measured(n: usize) -> bool {
    n * n.saturating_sub(1) / 2 <= SAMPLE_PAIRS
}

/// The pairs (i < j) of `n` items a board is measured on: all of them up to
/// [`SAMPLE_PAIRS`], else that many drawn by a fixed sequence (the same board, the same pairs).
pub fn measured_pairs(n: usize) -> Vec<(usize, usize)> {
    if every_pair_measured(n) {
        return (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .collect();
    }
    // xorshift64*: deterministic, spread over the whole board
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    (0..SAMPLE_PAIRS)
        .map(|_| {
            let i = (next() % n as u64) as usize;
            let j = (i + 1 + (next() % (n as u64 - 1)) as usize) % n;
            (i.min(j), i.max(j))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(lexical: f32, semantic: f32) -> PairSignals {
        PairSignals {
            lexical,
            semantic: Some(semantic),
            stances: (Stance::default(), Stance::default()),
            weight: 1.0,
        }
    }

    /// `n` pairs whose lexical and semantic similarities rise together (or not).
    fn board(n: usize, agree: bool) -> Vec<PairSignals> {
        (0..n)
            .map(|k| {
                let s = (k % 10) as f32 / 10.0;
                // or every lexical value beside every semantic one: no correlation
                let l = if agree {
                    s
                } else {
                    ((k / 10) % 10) as f32 / 10.0
                };
                pair(l, s)
            })
            .collect()
    }

    #[test]
    fn words_count_in_full_where_they_agree_with_meaning_and_less_where_they_do_not() {
        assert_eq!(Calibration::measure(&board(400, true)).lexical, 1.0);
        let scattered = Calibration::measure(&board(400, false)).lexical;
        assert!(scattered < 0.5, "{scattered}");
        // without meaning there is nothing to compare the words with
        let lexical_only: Vec<PairSignals> = board(400, false)
            .into_iter()
            .map(|p| PairSignals {
                semantic: None,
                ..p
            })
            .collect();
        assert_eq!(Calibration::measure(&lexical_only).lexical, 1.0);
    }

    #[test]
    fn a_scattered_board_cuts_lower_a_close_one_at_the_default_and_a_small_one_near_it() {
        let close: Vec<PairSignals> = (0..400)
            .map(|k| pair(0.3, 0.2 + (k % 5) as f32 * 0.05))
            .collect();
        let far: Vec<PairSignals> = (0..400).map(|k| pair(0.0, (k % 5) as f32 * 0.02)).collect();
        let (close, far) = (Calibration::measure(&close), Calibration::measure(&far));
        assert_eq!(
            close.cut, DEFAULT_THRESHOLD,
            "a room that agrees is not split"
        );
        assert!(far.cut < DEFAULT_THRESHOLD * 0.8, "{far:?}");
        // three pairs say little: near the default
        let tiny = Calibration::measure(&[pair(0.0, 0.0), pair(0.0, 0.02), pair(0.1, 0.05)]);
        assert!(tiny.cut > DEFAULT_THRESHOLD * 0.8, "{tiny:?}");
        assert_eq!(Calibration::measure(&[]), Calibration::default());
        assert!(far.threshold(Granularity::Finer) > far.threshold(Granularity::Default));
        assert!(far.threshold(Granularity::Coarser) < far.threshold(Granularity::Default));
    }

    #[test]
    fn a_large_board_is_measured_on_a_fixed_sample_of_distinct_pairs() {
        assert_eq!(
            measured_pairs(4),
            vec![(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
        );
        assert!(every_pair_measured(91) && !every_pair_measured(92));
        assert_eq!(measured_pairs(91).len(), 91 * 90 / 2);
        let big = measured_pairs(1000);
        assert_eq!(big.len(), SAMPLE_PAIRS);
        assert_eq!(big, measured_pairs(1000));
        assert!(big.iter().all(|(i, j)| i < j && *j < 1000));
        // spread over the board, not its first ideas
        assert!(big.iter().any(|(i, _)| *i > 900) && big.iter().any(|(_, j)| *j < 100));
    }
}
