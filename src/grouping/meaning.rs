//! Which sense of meaning a grouping uses: the built-in encoder (the default), another
//! encoder file, a model2vec folder, or none. A model that cannot be loaded is never fatal:
//! the caller gets the lexical signals and one warning saying why.

use std::path::PathBuf;

use super::{Embedder, Encoder, Model2Vec};

/// Where meaning comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Meaning {
    /// the encoder compiled into the program
    #[default]
    Builtin,
    /// an encoder model file (`model.bin` as the build script writes it)
    EncoderFile(PathBuf),
    /// a model2vec folder (`model.safetensors` + `tokenizer.json`)
    Model2Vec(PathBuf),
    /// shared words, concepts and spellings only
    Lexical,
}

/// A loaded embedder, or none and a warning when the model could not be used.
pub fn load(meaning: &Meaning) -> (Option<Box<dyn Embedder>>, Option<String>) {
    let fallback = "grouping by shared words only";
    match meaning {
        Meaning::Lexical => (None, None),
        Meaning::Builtin => match Encoder::builtin() {
            Ok(e) => (Some(Box::new(e)), None),
            Err(err) => (None, Some(format!("built-in encoder: {err}; {fallback}"))),
        },
        Meaning::EncoderFile(path) => match Encoder::load(path) {
            Ok(e) => (Some(Box::new(e)), None),
            Err(err) => (None, Some(format!("{}: {err}; {fallback}", path.display()))),
        },
        Meaning::Model2Vec(dir) => match Model2Vec::load(dir) {
            Ok(m) => (Some(Box::new(m)), None),
            Err(err) => (None, Some(format!("{}: {err}; {fallback}", dir.display()))),
        },
    }
}
