//! Feature space (interning + document frequencies), TF-IDF weighting and cosine similarity.

use std::collections::HashMap;

use super::features::{Analysis, Channel};

/// Sparse vector sorted by feature id.
pub type SparseVec = Vec<(u32, f32)>;

/// Share of each channel in the cosine (squared weights; they need not sum to one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelWeights {
    pub word: f32,
    pub concept: f32,
    pub gram: f32,
    /// exponent applied to the idf (sharper contrast between rare and common features)
    pub idf_power: f32,
}

impl Default for ChannelWeights {
    fn default() -> Self {
        ChannelWeights {
            word: 0.30,
            concept: 0.50,
            gram: 0.30,
            idf_power: 1.5,
        }
    }
}

/// Interned features with their document frequencies over the current board.
#[derive(Debug, Default, Clone)]
pub struct FeatureSpace {
    ids: HashMap<(Channel, String), u32>,
    pub channel: Vec<Channel>,
    pub df: Vec<u32>,
    pub docs: u32,
}

impl FeatureSpace {
    /// Raw term frequencies of an analysis, interning new features.
    pub fn intern(&mut self, a: &Analysis) -> SparseVec {
        let mut v: SparseVec = a
            .features()
            .into_iter()
            .map(|(c, k, w)| {
                let next = self.channel.len() as u32;
                let id = *self.ids.entry((c, k)).or_insert(next);
                if id == next {
                    self.channel.push(c);
                    self.df.push(0);
                }
                (id, w)
            })
            .collect();
        v.sort_by_key(|x| x.0);
        v
    }

    /// Id of an interned feature.
    pub fn id_of(&self, channel: Channel, key: &str) -> Option<u32> {
        self.ids.get(&(channel, key.to_string())).copied()
    }

    /// Board-wide idf of a content-word stem (1.0 when unknown).
    pub fn stem_idf(&self, stem: &str) -> f32 {
        self.id_of(Channel::Word, stem).map_or(1.0, |f| self.idf(f))
    }

    pub fn add_doc(&mut self, raw: &SparseVec) {
        self.docs += 1;
        for (f, _) in raw {
            self.df[*f as usize] += 1;
        }
    }

    pub fn remove_doc(&mut self, raw: &SparseVec) {
        self.docs = self.docs.saturating_sub(1);
        for (f, _) in raw {
            let d = &mut self.df[*f as usize];
            *d = d.saturating_sub(1);
        }
    }

    pub fn idf(&self, f: u32) -> f32 {
        let df = self.df.get(f as usize).copied().unwrap_or(0) as f32;
        ((1.0 + self.docs as f32) / (1.0 + df)).ln() + 1.0
    }

    /// TF-IDF weighted vector: each channel normalised and scaled by its weight, then the
    /// whole vector normalised to unit length.
    pub fn weigh(&self, raw: &SparseVec, w: &ChannelWeights) -> SparseVec {
        let terms = raw
            .iter()
            .map(|(f, tf)| (Some(*f), self.channel[*f as usize], *tf, self.idf(*f)));
        weigh_terms(terms, w)
    }

    /// The weighted vector a text would have if it were added to the board now (the board
    /// one document larger, its own features one more each), without changing the board.
    /// Features the board does not have yet still count in the vector's length, and then
    /// drop out: a draft that shares one word of ten is not scored as if that were all.
    pub fn weigh_as_added(&self, a: &Analysis, w: &ChannelWeights) -> SparseVec {
        let docs = self.docs as f32 + 1.0;
        // term for term as `intern` would make them
        let terms = a.features().into_iter().map(|(c, k, tf)| {
            let id = self.ids.get(&(c, k)).copied();
            let df = id
                .and_then(|f| self.df.get(f as usize))
                .copied()
                .unwrap_or(0) as f32
                + 1.0;
            (id, c, tf, ((1.0 + docs) / (1.0 + df)).ln() + 1.0)
        });
        let mut v: SparseVec = weigh_terms(terms, w);
        v.sort_by_key(|x| x.0);
        v
    }
}

/// TF-IDF weighting of (feature id, channel, tf, idf) terms; terms without an id count in
/// the norms and are then left out.
fn weigh_terms(
    terms: impl Iterator<Item = (Option<u32>, Channel, f32, f32)>,
    w: &ChannelWeights,
) -> SparseVec {
    let mut norms = [0f32; 3];
    let weighted: Vec<(Option<u32>, usize, f32)> = terms
        .map(|(f, channel, tf, idf)| {
            let c = channel as usize;
            let tfw = if channel == Channel::Concept {
                tf
            } else {
                1.0 + tf.ln()
            };
            let x = tfw * idf.powf(w.idf_power);
            norms[c] += x * x;
            (f, c, x)
        })
        .collect();
    let scale = [w.word, w.concept, w.gram];
    let scaled: Vec<(Option<u32>, f32)> = weighted
        .into_iter()
        .map(|(f, c, x)| {
            let n = norms[c].sqrt();
            (
                f,
                if n > 0.0 {
                    x / n * scale[c].sqrt()
                } else {
                    0.0
                },
            )
        })
        .collect();
    let total = scaled.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
    scaled
        .into_iter()
        .filter_map(|(f, x)| Some((f?, if total > 0.0 { x / total } else { x })))
        .filter(|(_, x)| *x > 0.0)
        .collect()
}

/// Dot product of two sorted sparse vectors.
pub fn dot(a: &SparseVec, b: &SparseVec) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Dense cosine of two already-normalised vectors.
pub fn dense_dot(a: &[f32], b: &[f32]) -> f32 {
    super::vector::dot(a, b)
}

/// Inverted index: feature -> (item, weight).
#[derive(Debug, Default, Clone)]
pub struct Postings {
    lists: Vec<Vec<(u32, f32)>>,
}

impl Postings {
    pub fn insert(&mut self, item: u32, v: &SparseVec) {
        for (f, x) in v {
            let f = *f as usize;
            if self.lists.len() <= f {
                self.lists.resize_with(f + 1, Vec::new);
            }
            self.lists[f].push((item, *x));
        }
    }

    pub fn remove(&mut self, item: u32, v: &SparseVec) {
        for (f, _) in v {
            if let Some(l) = self.lists.get_mut(*f as usize) {
                l.retain(|(i, _)| *i != item);
            }
        }
    }

    pub fn clear(&mut self) {
        self.lists.clear();
    }

    /// Calls `f(item, partial dot product)` for every posting shared with `v`.
    pub fn for_each_overlap(&self, v: &SparseVec, mut f: impl FnMut(u32, f32)) {
        for (feat, x) in v {
            if let Some(l) = self.lists.get(*feat as usize) {
                for (item, y) in l {
                    f(*item, x * y);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grouping::Lang;
    use crate::grouping::features::Analyzer;
    use crate::grouping::language::Detected;

    #[test]
    fn a_draft_is_weighed_as_it_will_be_once_added() {
        let an = Analyzer::new();
        let w = ChannelWeights::default();
        let mut fs = FeatureSpace::default();
        for t in ["posting on LinkedIn weekly", "coffee with new colleagues"] {
            let raw = fs.intern(&an.analyze(t, Lang::En, Detected::En));
            fs.add_doc(&raw);
        }
        let draft = an.analyze(
            "posting long stories about the night shift",
            Lang::En,
            Detected::En,
        );
        let preview = fs.weigh_as_added(&draft, &w);
        let mut added = fs.clone();
        let raw = added.intern(&draft);
        added.add_doc(&raw);
        let after: SparseVec = added
            .weigh(&raw, &w)
            .into_iter()
            .filter(|(f, _)| fs.channel.len() > *f as usize)
            .collect();
        assert!(!preview.is_empty());
        assert_eq!(preview.len(), after.len());
        for ((f, x), (g, y)) in preview.iter().zip(&after) {
            assert_eq!(f, g);
            assert!((x - y).abs() < 1e-6, "{x} vs {y}");
        }
        // its words the board does not have keep the shared one from counting for all
        let length: f32 = preview.iter().map(|(_, x)| x * x).sum();
        assert!(length < 0.9, "{length}");
    }

    #[test]
    fn cosine_of_identical_is_one_and_disjoint_zero() {
        let an = Analyzer::new();
        let mut fs = FeatureSpace::default();
        let a = fs.intern(&an.analyze("trots op het werk", Lang::Nl, Detected::Nl));
        let b = fs.intern(&an.analyze("zzzz qqqq", Lang::Nl, Detected::Nl));
        fs.add_doc(&a);
        fs.add_doc(&b);
        let w = ChannelWeights::default();
        let (va, vb) = (fs.weigh(&a, &w), fs.weigh(&b, &w));
        assert!((dot(&va, &va) - 1.0).abs() < 1e-4);
        assert_eq!(dot(&va, &vb), 0.0);
    }
}
