//! The blended similarity of any two texts of a fixed set, without a live board: the
//! distinct ideas of a batch (`group`), or the themes of two sessions being compared. The
//! same signals as the live engine ([`super::signal`]): TF-IDF over the set, the embedding
//! cosine calibrated on the set, the stance factor.

use super::Granularity;
use super::Lang;
use super::calibration::{Calibration, PairSignals, measured_pairs};
use super::features::{Analysis, Analyzer};
use super::language::Detected;
use super::signal::Semantic;
use super::similarity::{ChannelWeights, FeatureSpace, SparseVec, dot};
use super::stance::{Axis, Stance};

/// Analyses of `texts`; in `Auto`, a text that does not tell its language takes the one
/// most of the others are in.
pub fn analyze_all(analyzer: &Analyzer, texts: &[&str], lang: Lang) -> Vec<Analysis> {
    let mut analyses: Vec<Analysis> = texts
        .iter()
        .map(|t| analyzer.analyze(t, lang, Detected::Unknown))
        .collect();
    let count = |d| analyses.iter().filter(|a| a.lang == Some(d)).count();
    let fallback = if count(Detected::En) > count(Detected::Nl) {
        Detected::En
    } else {
        Detected::Nl
    };
    for (a, t) in analyses.iter_mut().zip(texts) {
        if a.lang.is_none() && lang == Lang::Auto {
            *a = analyzer.analyze(t, lang, fallback);
        }
    }
    analyses
}

/// One text of the set.
pub struct Item<'a> {
    pub analysis: &'a Analysis,
    /// how many times it counts (identical ideas are scored once, with a weight)
    pub weight: f32,
    /// its unit embedding, when one is known
    pub embedding: Option<Vec<f32>>,
    pub stance: Stance,
}

/// Scores any two items of a set.
pub struct Pairs {
    space: FeatureSpace,
    vecs: Vec<SparseVec>,
    embeddings: Vec<Option<Vec<f32>>>,
    semantic: Option<Semantic>,
    stances: Vec<Stance>,
    /// each item's side ([`Stance::against`]), for boards clustered by [`super::large`]
    against: Vec<bool>,
    axis: Option<Axis>,
    /// how the set weighs its signals and where it cuts
    calibration: Calibration,
}

impl Pairs {
    /// Weighs the items over the set and calibrates the embeddings on it (`prior`: the
    /// model's prior centre, for tiny sets).
    pub fn new(items: Vec<Item<'_>>, weights: &ChannelWeights, prior: Option<&[f32]>) -> Pairs {
        let mut space = FeatureSpace::default();
        let raws: Vec<SparseVec> = items.iter().map(|i| space.intern(i.analysis)).collect();
        // how many ideas each item stands for
        let copies: Vec<usize> = items
            .iter()
            .map(|i| (i.weight.round() as usize).max(1))
            .collect();
        for (raw, k) in raws.iter().zip(&copies) {
            for _ in 0..*k {
                space.add_doc(raw);
            }
        }
        let vecs = raws.iter().map(|r| space.weigh(r, weights)).collect();
        let embedded: Vec<(&Vec<f32>, f32)> = items
            .iter()
            .filter_map(|i| i.embedding.as_ref().map(|e| (e, i.weight)))
            .collect();
        let semantic = embedded.first().map(|(first, _)| {
            let mut sum = vec![0f32; first.len()];
            for (e, w) in &embedded {
                sum.iter_mut().zip(e.iter()).for_each(|(s, x)| *s += w * x);
            }
            let n = embedded.iter().map(|(_, w)| w).sum::<f32>();
            Semantic::calibrate(&sum, n, prior)
        });
        let mut pairs = Pairs {
            space,
            vecs,
            stances: items.iter().map(|i| i.stance).collect(),
            against: items.iter().map(|i| i.stance.against).collect(),
            embeddings: items.into_iter().map(|i| i.embedding).collect(),
            semantic,
            axis: None,
            calibration: Calibration::default(),
        };
        pairs.calibration = Calibration::measure(&pairs.measured(&copies));
        pairs
    }

    /// The signals of the pairs the set is calibrated on: every pair of items (a sample on
    /// a large set), each counted as often as the ideas behind it, and the pairs of copies
    /// of one idea, as a board holding each copy would have them.
    fn measured(&self, copies: &[usize]) -> Vec<PairSignals> {
        let k = |a: usize| copies[a] as f32;
        let within = (0..copies.len())
            .map(|a| (a, a, k(a) * (k(a) - 1.0) / 2.0))
            .filter(|(_, _, w)| *w > 0.0);
        measured_pairs(copies.len())
            .into_iter()
            .map(|(a, b)| (a, b, k(a) * k(b)))
            .chain(within)
            .map(|(a, b, weight)| PairSignals {
                lexical: dot(&self.vecs[a], &self.vecs[b]),
                semantic: self.semantic_of(a, b),
                stances: (self.stances[a], self.stances[b]),
                weight,
            })
            .collect()
    }

    fn semantic_of(&self, a: usize, b: usize) -> Option<f32> {
        match (&self.embeddings[a], &self.embeddings[b], &self.semantic) {
            (Some(x), Some(y), Some(s)) => Some(s.pair(x, y)),
            _ => None,
        }
    }

    /// Weighs and cuts with `calibration` instead of what the set measured on itself.
    pub fn with_calibration(mut self, calibration: Calibration) -> Pairs {
        self.calibration = calibration;
        self
    }

    /// The similarity needed to group at granularity `g` on this set.
    pub fn threshold(&self, g: Granularity) -> f32 {
        self.calibration.threshold(g)
    }

    /// Keeps pairs of opposite stance on the model's `axis` apart ([`Pairs::apart`]).
    pub fn with_axis(mut self, axis: Option<Axis>) -> Pairs {
        self.axis = axis;
        self
    }

    /// The blended similarity of items `a` and `b`.
    pub fn score(&self, a: usize, b: usize) -> f32 {
        self.calibration.score(
            dot(&self.vecs[a], &self.vecs[b]),
            self.semantic_of(a, b),
            (self.stances[a], self.stances[b]),
        )
    }

    /// Whether `a` and `b` take opposite stances on one subject (never one group).
    pub fn apart(&self, a: usize, b: usize) -> bool {
        match (&self.axis, &self.embeddings[a], &self.embeddings[b]) {
            (Some(axis), Some(x), Some(y)) => axis.apart_stances(
                &self.stances[a],
                &self.stances[b],
                crate::grouping::similarity::dense_dot(x, y),
            ),
            _ => false,
        }
    }

    /// The weighted lexical vectors (for clustering on words alone).
    pub fn lexical(&self) -> &[SparseVec] {
        &self.vecs
    }

    /// The items as a large board ([`super::large`]), counted with `weights`.
    pub fn large_board<'a>(&'a self, weights: &'a [f32]) -> super::large::Board<'a> {
        super::large::Board {
            weights,
            lexical: &self.vecs,
            embeddings: self.embeddings.iter().map(|e| e.as_deref()).collect(),
            semantic: self.semantic.as_ref(),
            negated: &self.against,
            calibration: self.calibration,
        }
    }

    /// The feature space over the set (idf for labels).
    pub fn space(&self) -> &FeatureSpace {
        &self.space
    }
}

/// The unit mean of some unit embeddings (a theme's direction from its ideas'), if any.
pub fn mean_direction(vectors: &[Vec<f32>]) -> Option<Vec<f32>> {
    let dim = vectors.first()?.len();
    let mut sum = vec![0f32; dim];
    for v in vectors.iter().filter(|v| v.len() == dim) {
        sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    (norm > 0.0).then(|| sum.iter().map(|x| x / norm).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items<'a>(analyses: &'a [Analysis], texts: &[&str]) -> Vec<Item<'a>> {
        analyses
            .iter()
            .zip(texts)
            .map(|(a, t)| Item {
                analysis: a,
                weight: 1.0,
                embedding: None,
                stance: Stance::of(t, a, None, None),
            })
            .collect()
    }

    #[test]
    fn shared_words_score_and_opposite_stance_is_damped() {
        let texts = [
            "Posting on LinkedIn every week",
            "I don't want to post on LinkedIn",
            "Posting on LinkedIn about our projects",
            "Coffee with new colleagues",
        ];
        let analyses = analyze_all(&Analyzer::new(), &texts, Lang::Auto);
        let pairs = Pairs::new(items(&analyses, &texts), &ChannelWeights::default(), None);
        assert!(pairs.score(0, 2) > pairs.score(0, 3));
        assert!(pairs.score(0, 2) > pairs.score(0, 1));
        assert!(pairs.score(0, 3) < 0.05);
    }

    #[test]
    fn meaning_counts_where_no_word_is_shared() {
        let texts = [
            "The quarterly figures were sent in late again",
            "Onze kwartaalcijfers komen steeds te laat binnen",
            "Lunch bestellen bij de bakker",
        ];
        let analyses = analyze_all(&Analyzer::new(), &texts, Lang::Auto);
        let unit = |v: [f32; 3]| {
            let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            v.iter().map(|x| x / n).collect::<Vec<f32>>()
        };
        let vectors = [
            unit([1.0, 0.1, 0.0]),
            unit([1.0, 0.0, 0.1]),
            unit([0.0, 1.0, 1.0]),
        ];
        let mut with = items(&analyses, &texts);
        for (item, v) in with.iter_mut().zip(&vectors) {
            item.embedding = Some(v.clone());
        }
        let lexical = Pairs::new(items(&analyses, &texts), &ChannelWeights::default(), None);
        let semantic = Pairs::new(with, &ChannelWeights::default(), None);
        let threshold = crate::grouping::Granularity::Default.threshold();
        assert!(lexical.score(0, 1) < threshold, "{}", lexical.score(0, 1));
        assert!(semantic.score(0, 1) > semantic.threshold(Granularity::Default));
        assert!(semantic.score(0, 1) > semantic.score(0, 2) + 0.1);
    }

    #[test]
    fn mean_direction_is_unit_and_none_when_empty() {
        assert!(mean_direction(&[]).is_none());
        let m = mean_direction(&[vec![1.0, 0.0], vec![0.0, 1.0]]).unwrap();
        assert!((m[0] - m[1]).abs() < 1e-6);
        assert!((m.iter().map(|x| x * x).sum::<f32>() - 1.0).abs() < 1e-5);
    }
}
