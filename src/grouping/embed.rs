//! Optional semantic signal: the [`Embedder`] trait and a loader for local static-embedding
//! models in the model2vec format (`model.safetensors` + `tokenizer.json`). Nothing is
//! downloaded; a user points the program at a directory.

use std::collections::HashMap;
use std::path::Path;

use unicode_segmentation::UnicodeSegmentation;

/// Turns a text into a dense vector (unit length, or all zeros when nothing is known).
pub trait Embedder: Send {
    fn dim(&self) -> usize;
    fn embed(&self, text: &str) -> Vec<f32>;
    /// The embedding of `text` if it can be had now. An embedder fed by a worker thread
    /// answers only what has arrived; the engine places ideas without one meanwhile.
    fn known(&self, text: &str) -> Option<Vec<f32>> {
        Some(self.embed(text))
    }
    /// Embed many texts at once (an encoder may batch them and use every core).
    fn embed_many(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        texts.iter().map(|t| self.embed(t)).collect()
    }
    /// The direction all of this model's vectors share (its mean over a general
    /// vocabulary), used to calibrate tiny boards; `None` if unknown.
    fn prior_centre(&self) -> Option<Vec<f32>> {
        None
    }
    /// The model's stance direction ([`super::stance::Axis`]), learned once; `None`: the
    /// model has none, and stance falls back on cue words.
    fn stance_axis(&self) -> Option<super::stance::Axis> {
        None
    }
}

/// Errors loading an embedding model.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("tokenizer.json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("model.safetensors: {0}")]
    SafeTensors(String),
    #[error("model format: {0}")]
    Format(String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Scheme {
    /// BERT style: continuation pieces start with "##"
    WordPiece,
    /// SentencePiece style: word-initial pieces start with "▁"
    Metaspace,
}

/// A model2vec static embedding model: mean of token vectors, normalised.
#[derive(Debug, Clone)]
pub struct Model2Vec {
    vocab: HashMap<String, u32>,
    matrix: Vec<f32>,
    dim: usize,
    scheme: Scheme,
    lowercase: bool,
}

/// The largest model file read: a model2vec model of a large vocabulary is a few hundred MB.
const MAX_MODEL_FILE: u64 = 1024 * 1024 * 1024;

fn read(path: &Path) -> Result<Vec<u8>, EmbedError> {
    read_model_file(path).map_err(|source| EmbedError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Reads a model's file: a regular file (a link to one is fine) of at most `MAX_MODEL_FILE`
/// bytes. A FIFO would block the reader for good and a link to `/dev/zero` would fill the
/// memory, so what is not a regular file is refused before it is opened.
pub(crate) fn read_model_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if meta.len() > MAX_MODEL_FILE {
        return Err(std::io::Error::other(format!(
            "larger than {} MB",
            MAX_MODEL_FILE / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?
        .take(MAX_MODEL_FILE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_MODEL_FILE {
        return Err(std::io::Error::other("it grew past the limit while read"));
    }
    Ok(bytes)
}

/// IEEE half to single precision.
pub(crate) fn f16_to_f32(bits: u16) -> f32 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((bits >> 10) & 0x1f) as i32;
    let frac = (bits & 0x3ff) as f32;
    match exp {
        0 => sign * frac * 2f32.powi(-24),
        31 => {
            if frac == 0.0 {
                sign * f32::INFINITY
            } else {
                f32::NAN
            }
        }
        e => sign * (1.0 + frac / 1024.0) * 2f32.powi(e - 15),
    }
}

impl Model2Vec {
    /// Load `model.safetensors` and `tokenizer.json` from `dir`.
    pub fn load(dir: &Path) -> Result<Self, EmbedError> {
        let tok: serde_json::Value = serde_json::from_slice(&read(&dir.join("tokenizer.json"))?)?;
        let model = &tok["model"];
        let mut vocab: HashMap<String, u32> = HashMap::new();
        match &model["vocab"] {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    let id = v
                        .as_u64()
                        .ok_or_else(|| EmbedError::Format(format!("vocab id of {k}")))?;
                    vocab.insert(k.clone(), id as u32);
                }
            }
            serde_json::Value::Array(list) => {
                for (i, item) in list.iter().enumerate() {
                    let piece = item
                        .get(0)
                        .and_then(|p| p.as_str())
                        .or_else(|| item.as_str())
                        .ok_or_else(|| EmbedError::Format(format!("vocab entry {i}")))?;
                    vocab.insert(piece.to_string(), i as u32);
                }
            }
            _ => {
                return Err(EmbedError::Format(
                    "tokenizer.json has no model.vocab".into(),
                ));
            }
        }
        let kind = model["type"].as_str().unwrap_or("");
        let scheme = if kind == "WordPiece" || vocab.keys().any(|k| k.starts_with("##")) {
            Scheme::WordPiece
        } else {
            Scheme::Metaspace
        };
        let norm = tok["normalizer"].to_string().to_lowercase();
        let lowercase = norm.contains("lowercase") || norm.contains("\"lowercase\":true");

        let bytes = read(&dir.join("model.safetensors"))?;
        let st = safetensors::SafeTensors::deserialize(&bytes)
            .map_err(|e| EmbedError::SafeTensors(e.to_string()))?;
        let name = if st.names().contains(&"embeddings") {
            "embeddings".to_string()
        } else {
            st.names()
                .first()
                .map(|s| s.to_string())
                .ok_or_else(|| EmbedError::SafeTensors("no tensors".into()))?
        };
        let t = st
            .tensor(&name)
            .map_err(|e| EmbedError::SafeTensors(e.to_string()))?;
        let shape = t.shape().to_vec();
        if shape.len() != 2 {
            return Err(EmbedError::Format(format!(
                "embeddings must be 2-D, got {shape:?}"
            )));
        }
        let (rows, dim) = (shape[0], shape[1]);
        let data = t.data();
        let matrix: Vec<f32> = match t.dtype() {
            safetensors::Dtype::F32 => data
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
            safetensors::Dtype::F16 => data
                .chunks_exact(2)
                .map(|c| f16_to_f32(u16::from_le_bytes([c[0], c[1]])))
                .collect(),
            other => return Err(EmbedError::Format(format!("unsupported dtype {other:?}"))),
        };
        if matrix.len() != rows * dim || dim == 0 {
            return Err(EmbedError::Format("embedding matrix size mismatch".into()));
        }
        vocab.retain(|_, id| (*id as usize) < rows);
        Ok(Model2Vec {
            vocab,
            matrix,
            dim,
            scheme,
            lowercase,
        })
    }

    fn row(&self, id: u32) -> &[f32] {
        let s = id as usize * self.dim;
        &self.matrix[s..s + self.dim]
    }

    /// Greedy longest-match sub-word tokenisation of one word.
    fn pieces(&self, word: &str, out: &mut Vec<u32>) {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let mut start = 0usize;
        while start < chars.len() {
            let mut found = None;
            for end in (start + 1..=chars.len()).rev() {
                let b0 = chars[start].0;
                let b1 = if end == chars.len() {
                    word.len()
                } else {
                    chars[end].0
                };
                let piece = &word[b0..b1];
                let key = match (self.scheme, start == 0) {
                    (Scheme::WordPiece, true) => piece.to_string(),
                    (Scheme::WordPiece, false) => format!("##{piece}"),
                    (Scheme::Metaspace, true) => format!("\u{2581}{piece}"),
                    (Scheme::Metaspace, false) => piece.to_string(),
                };
                if let Some(id) = self.vocab.get(&key) {
                    found = Some((*id, end));
                    break;
                }
            }
            match found {
                Some((id, end)) => {
                    out.push(id);
                    start = end;
                }
                None => start += 1, // unknown character: skip it
            }
        }
    }

    /// Token ids of a text.
    pub fn tokenize(&self, text: &str) -> Vec<u32> {
        let text = if self.lowercase {
            text.to_lowercase()
        } else {
            text.to_string()
        };
        let mut ids = Vec::new();
        for w in text.unicode_words().take(512) {
            self.pieces(w, &mut ids);
        }
        ids
    }
}

impl Embedder for Model2Vec {
    fn dim(&self) -> usize {
        self.dim
    }

    fn embed(&self, text: &str) -> Vec<f32> {
        let mut v = vec![0f32; self.dim];
        let ids = self.tokenize(text);
        for id in &ids {
            for (a, b) in v.iter_mut().zip(self.row(*id)) {
                *a += b;
            }
        }
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if n > 0.0 && n.is_finite() {
            v.iter_mut().for_each(|x| *x /= n);
        } else {
            v.iter_mut().for_each(|x| *x = 0.0);
        }
        v
    }

    fn stance_axis(&self) -> Option<super::stance::Axis> {
        super::stance::Axis::learn(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use safetensors::tensor::TensorView;
    use std::path::PathBuf;

    /// A fresh scratch directory under the system temp dir, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(tag: &str) -> Self {
            let p = std::env::temp_dir().join(format!("m2v-test-{}-{tag}", std::process::id()));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).expect("create scratch dir");
            Scratch(p)
        }
        fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn write_model(dir: &Path, vocab_json: &str, rows: &[[f32; 3]]) {
        let data: Vec<u8> = rows
            .iter()
            .flatten()
            .flat_map(|x| x.to_le_bytes())
            .collect();
        let view =
            TensorView::new(safetensors::Dtype::F32, vec![rows.len(), 3], &data).expect("view");
        let bytes = safetensors::serialize([("embeddings", view)], None).expect("serialize");
        std::fs::write(dir.join("model.safetensors"), bytes).expect("write");
        std::fs::write(dir.join("tokenizer.json"), vocab_json).expect("write");
    }

    /// A FIFO or a link to a device in the model's folder is refused at once: reading either
    /// would hang the program or fill its memory.
    #[test]
    fn a_fifo_or_a_link_to_a_device_is_refused_without_being_read() {
        use crate::platform::testing;
        let Some(zero_device) = testing::zero_device() else {
            return; // no FIFOs or device files here
        };
        let fifo = Scratch::new("fifo");
        let path = fifo.path().join("model.safetensors");
        assert!(testing::make_fifo(&path));
        std::fs::write(fifo.path().join("tokenizer.json"), "{}").unwrap();
        let err = read_model_file(&path).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");

        let zero = Scratch::new("zero");
        let link = zero.path().join("tokenizer.json");
        assert!(testing::symlink(zero_device, &link));
        assert!(Model2Vec::load(zero.path()).is_err());
        let (embedder, warning) = crate::grouping::meaning::load(
            &crate::grouping::meaning::Meaning::Model2Vec(zero.path().to_path_buf()),
        );
        assert!(embedder.is_none());
        let warning = warning.unwrap();
        assert!(
            warning.contains("not a regular file") && warning.contains("shared words"),
            "{warning}"
        );
    }

    #[test]
    fn loads_tiny_wordpiece_model_and_embeds() {
        let dir = Scratch::new("wordpiece");
        let tok = r###"{"normalizer":{"type":"BertNormalizer","lowercase":true},
            "model":{"type":"WordPiece","unk_token":"[UNK]",
            "vocab":{"[UNK]":0,"proud":1,"trots":2,"net":3,"##werk":4,"time":5}}}"###;
        write_model(
            dir.path(),
            tok,
            &[
                [0.0, 0.0, 1.0],
                [1.0, 0.0, 0.0],
                [0.9, 0.1, 0.0],
                [0.0, 1.0, 0.0],
                [0.0, 1.0, 0.0],
                [0.0, 0.0, 1.0],
            ],
        );
        let m = Model2Vec::load(dir.path()).expect("load");
        assert_eq!(m.dim(), 3);
        assert_eq!(m.tokenize("Netwerk"), vec![3, 4]);
        let a = m.embed("Proud!");
        let b = m.embed("trots");
        let c = m.embed("time");
        let cos = |x: &[f32], y: &[f32]| x.iter().zip(y).map(|(p, q)| p * q).sum::<f32>();
        assert!(cos(&a, &b) > 0.9);
        assert!(cos(&a, &c) < 0.1);
        assert!(m.embed("🎉").iter().all(|x| *x == 0.0));
    }

    #[test]
    fn loads_unigram_vocab_and_f16() {
        let dir = Scratch::new("unigram");
        let tok = r#"{"model":{"type":"Unigram","vocab":[["<unk>",0.0],["▁borrel",-1.0],["▁net",-2.0],["werk",-2.0]]}}"#;
        // f16 matrix 4 x 2: 1.0 = 0x3c00, 0.5 = 0x3800
        let halves: [u16; 8] = [0, 0, 0x3c00, 0, 0, 0x3c00, 0x3800, 0x3800];
        let data: Vec<u8> = halves.iter().flat_map(|x| x.to_le_bytes()).collect();
        let view = TensorView::new(safetensors::Dtype::F16, vec![4, 2], &data).expect("view");
        let bytes = safetensors::serialize([("embeddings", view)], None).expect("serialize");
        std::fs::write(dir.path().join("model.safetensors"), bytes).expect("write");
        std::fs::write(dir.path().join("tokenizer.json"), tok).expect("write");
        let m = Model2Vec::load(dir.path()).expect("load");
        assert_eq!(m.tokenize("netwerk borrel"), vec![2, 3, 1]);
        let v = m.embed("borrel");
        assert!((v[0] - 1.0).abs() < 1e-6 && v[1].abs() < 1e-6);
    }

    #[test]
    fn missing_files_are_errors() {
        let dir = Scratch::new("missing");
        assert!(matches!(
            Model2Vec::load(dir.path()),
            Err(EmbedError::Io { .. })
        ));
    }
}
