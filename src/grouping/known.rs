//! Embeddings computed elsewhere (on a worker thread) and handed to the engines: an
//! [`Embedder`] that answers only what has arrived. The live engines place an idea on shared
//! words until its embedding is known, then take it in ([`super::Engine::supply`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::Embedder;
use super::stance::Axis;

#[derive(Default)]
struct Table {
    vectors: HashMap<String, Arc<[f32]>>,
    /// The text being typed, embedded for the preview only: one at a time, never kept.
    draft: Option<(String, Arc<[f32]>)>,
}

/// A shared table of text -> embedding, cheap to clone (every engine holds one).
#[derive(Clone)]
pub struct KnownEmbeddings {
    table: Arc<Mutex<Table>>,
    dim: usize,
    prior: Option<Arc<[f32]>>,
    axis: Option<Arc<Axis>>,
}

impl KnownEmbeddings {
    /// An empty table for a model of `dim` dimensions and this prior centre.
    pub fn new(dim: usize, prior: Option<Vec<f32>>) -> KnownEmbeddings {
        KnownEmbeddings {
            table: Arc::default(),
            dim,
            prior: prior.map(Arc::from),
            axis: None,
        }
    }

    /// An empty table for `model`'s embeddings: its size, prior centre and stance axis.
    pub fn for_model(model: &dyn Embedder) -> KnownEmbeddings {
        KnownEmbeddings::new(model.dim(), model.prior_centre()).with_axis(model.stance_axis())
    }

    /// The model's stance axis, learned where the model is.
    pub fn with_axis(mut self, axis: Option<Axis>) -> KnownEmbeddings {
        self.axis = axis.map(Arc::new);
        self
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stores embeddings that arrived (vectors of another size are ignored).
    pub fn insert(&self, arrived: impl IntoIterator<Item = (String, Vec<f32>)>) {
        let mut t = self.lock();
        for (text, v) in arrived {
            if v.len() == self.dim {
                t.vectors.insert(text, Arc::from(v));
            }
        }
    }

    /// The embedding of the draft being typed (replacing the previous draft's).
    pub fn set_draft(&self, text: String, v: Vec<f32>) {
        if v.len() == self.dim {
            self.lock().draft = Some((text, Arc::from(v)));
        }
    }

    /// Whether `text` is the draft whose embedding is known.
    pub fn has_draft(&self, text: &str) -> bool {
        self.lock().draft.as_ref().is_some_and(|(t, _)| t == text)
    }

    /// Whether an idea's embedding is known (a draft's does not count).
    pub fn contains(&self, text: &str) -> bool {
        self.lock().vectors.contains_key(text)
    }

    pub fn len(&self) -> usize {
        self.lock().vectors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The embeddings of those of `texts` that are known.
    pub fn subset<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Vec<(String, Vec<f32>)> {
        let t = self.lock();
        texts
            .into_iter()
            .filter_map(|s| t.vectors.get(s).map(|v| (s.to_string(), v.to_vec())))
            .collect()
    }
}

impl Embedder for KnownEmbeddings {
    fn dim(&self) -> usize {
        self.dim
    }

    /// What is known, else nothing (all zeros): callers use [`Embedder::known`].
    fn embed(&self, text: &str) -> Vec<f32> {
        self.known(text).unwrap_or_else(|| vec![0.0; self.dim])
    }

    fn known(&self, text: &str) -> Option<Vec<f32>> {
        let t = self.lock();
        t.vectors
            .get(text)
            .or_else(|| t.draft.as_ref().filter(|(d, _)| d == text).map(|(_, v)| v))
            .map(|v| v.to_vec())
    }

    fn prior_centre(&self) -> Option<Vec<f32>> {
        self.prior.as_deref().map(<[f32]>::to_vec)
    }

    fn stance_axis(&self) -> Option<Axis> {
        self.axis.as_deref().cloned()
    }
}
