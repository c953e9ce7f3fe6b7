//! Which themes of an earlier session come back in a later one, by meaning and by words.
//!
//! Every idea of both sessions is scored as if on one board, with the engine's own signals
//! ([`crate::grouping::pairs`]: TF-IDF over both sessions, the embedding cosine calibrated on
//! them, the stance factor), and with the engine's own rule for keeping an idea in a group:
//! its average score to the group's members reaches the grouping threshold. An earlier theme
//! comes back when
//! - a later theme as a whole would be merged with it (their average-link score reaches the
//!   threshold, as the engine merges groups), or
//! - a single later idea would join it: the earlier theme is that idea's best among the
//!   earlier themes and the idea's average score to its ideas reaches the threshold. So a
//!   theme said again in other words, inside a later theme about something else, still
//!   counts ("Pride and recognition" then, "Proud of how we handled the peak season" now).
//!
//! Nothing is tuned to a data set: the weighing and the threshold are the engine's calibrated
//! defaults, not what a board measures on itself ([`crate::grouping::calibration`]): the
//! ideas of two sessions' themes are not one board to be grouped, and a few themes say too
//! little about themselves.

use super::compare::Theme;
use crate::grouping::calibration::Calibration;
use crate::grouping::features::Analyzer;
use crate::grouping::pairs::{Item, Pairs, analyze_all};
use crate::grouping::similarity::ChannelWeights;
use crate::grouping::stance::Stance;
use crate::grouping::{Embedder, Granularity, Lang};

/// For each earlier theme that comes back, the later theme it comes back in and how
/// strongly: (earlier, later, score), strongest first. Several earlier themes may come
/// back in one later theme.
pub fn match_themes(
    old: &[Theme],
    new: &[Theme],
    meaning: Option<&dyn Embedder>,
) -> Vec<(usize, usize, f32)> {
    if old.is_empty() || new.is_empty() {
        return Vec::new();
    }
    let board = Board::new(old, new, meaning);
    let threshold = board.pairs.threshold(Granularity::Default);
    // score[i][j]: how strongly earlier theme i comes back in later theme j
    let mut score = vec![vec![0f32; new.len()]; old.len()];
    for (i, row) in score.iter_mut().enumerate() {
        for (j, s) in row.iter_mut().enumerate() {
            *s = board.average_link(&board.old[i], &board.new[j]);
        }
    }
    // each later idea joins at most one earlier theme: its best
    for (j, ideas) in board.new.iter().enumerate() {
        for &b in ideas {
            let fits = board.old.iter().map(|t| board.fit(b, t));
            let best = fits
                .enumerate()
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
            if let Some((i, fit)) = best
                && fit > score[i][j]
            {
                score[i][j] = fit;
            }
        }
    }
    let mut out: Vec<(usize, usize, f32)> = score
        .iter()
        .enumerate()
        .filter_map(|(i, row)| {
            let (j, s) = row
                .iter()
                .enumerate()
                .max_by(|x, y| x.1.total_cmp(y.1).then(y.0.cmp(&x.0)))?;
            (*s >= threshold).then_some((i, j, *s))
        })
        .collect();
    out.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    out
}

/// Every idea of both sessions as one board: the earlier themes' ideas, then the later ones'.
struct Board {
    pairs: Pairs,
    /// the item numbers of each theme's ideas
    old: Vec<Vec<usize>>,
    new: Vec<Vec<usize>>,
}

impl Board {
    fn new(old: &[Theme], new: &[Theme], meaning: Option<&dyn Embedder>) -> Board {
        let texts: Vec<&str> = old
            .iter()
            .chain(new)
            .flat_map(|t| t.ideas.iter().map(String::as_str))
            .collect();
        let analyses = analyze_all(&Analyzer::new(), &texts, Lang::Auto);
        let axis = meaning.and_then(|m| m.stance_axis());
        let items = texts
            .iter()
            .zip(&analyses)
            .map(|(text, analysis)| {
                let embedding = meaning.and_then(|m| m.known(text));
                Item {
                    analysis,
                    weight: 1.0,
                    stance: Stance::of(text, analysis, embedding.as_deref(), axis.as_ref()),
                    embedding,
                }
            })
            .collect();
        let prior = meaning.and_then(|m| m.prior_centre());
        // the engine's calibrated defaults, not what a set of a few themes measures on itself
        let pairs = Pairs::new(items, &ChannelWeights::default(), prior.as_deref())
            .with_axis(axis)
            .with_calibration(Calibration::default());
        let mut next = 0;
        let mut numbers = |themes: &[Theme]| -> Vec<Vec<usize>> {
            themes
                .iter()
                .map(|t| {
                    let range = next..next + t.ideas.len();
                    next = range.end;
                    range.collect()
                })
                .collect()
        };
        let old = numbers(old);
        let new = numbers(new);
        Board { pairs, old, new }
    }

    /// The average score of idea `b` to a theme's ideas: what the engine weighs to keep an
    /// idea in a group.
    fn fit(&self, b: usize, theme: &[usize]) -> f32 {
        if theme.is_empty() {
            return 0.0;
        }
        theme.iter().map(|a| self.pairs.score(*a, b)).sum::<f32>() / theme.len() as f32
    }

    /// The average score over every pair of the two themes' ideas (average link).
    fn average_link(&self, x: &[usize], y: &[usize]) -> f32 {
        if y.is_empty() {
            return 0.0;
        }
        y.iter().map(|b| self.fit(*b, x)).sum::<f32>() / y.len() as f32
    }
}
