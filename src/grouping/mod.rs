//! The grouping engine: idea text -> features -> similarity -> groups.
//!
//! Pure and deterministic (no hash-map order reaches a result). Used live, one idea at a
//! time ([`Engine`]), and in batch ([`group_texts`], [`batch::run`] behind `group`).
//!
//! Pipeline, one module per step:
//! - [`tokenize`]: strip control characters and escape sequences, Unicode word split,
//!   NFKD diacritic folding + lowercase, apostrophe suffixes ("foto's"), abbreviations
//!   (LI, fb, insta, bijv., evt., vh, ipv ...), discourse fillers ("eerlijk gezegd").
//! - [`language`]: per-idea language by stop-word overlap (nltk lists + assets
//!   `stopwords-extra.txt`), Snowball stemmers (Dutch Kraaij-Pohlmann, English Porter2).
//! - [`lexicon`]: the bilingual concept lexicon (`assets/grouping/concepts.txt`): exact, prefix and
//!   phrase entries, Dutch compounds by their parts, typo tolerance, language-bound false
//!   friends, parent concepts.
//! - [`features`]: three channels per idea: content-word stems, concepts, character
//!   3-grams (compounds and typos: "netwerkborrel" ~ "borrel").
//! - [`similarity`]: TF-IDF over the current board (idf^1.5), each channel normalised and
//!   weighted (words 0.3, concepts 0.5, grams 0.3), cosine; inverted index.
//! - [`cluster`]: exact average-link clustering (nearest-neighbour chain) for batches,
//!   single-pass centroid assignment beyond [`cluster::MAX_EXACT`] distinct ideas.
//! - `engine` / `placement` / `ops`: the live board: an idea joins the group with the
//!   highest average similarity (>= threshold) or starts a new one. Existing ideas never
//!   move on their own (only an idea whose own text is edited may move), so an addition
//!   never splits or merges earlier ideas: churn is zero by construction. `regroup()`
//!   (also run by `set_granularity`) re-clusters the free ideas exactly, keeping group
//!   ids where most members stay. Facilitator edits are constraints: pinned ideas, locked
//!   groups (take nothing automatically, lose nothing), custom labels, hand-made groups.
//!   The program settles a board once its ideas' embeddings have arrived: the free ideas
//!   regrouped as a whole ([`Engine::regrouped`], on its worker), so the live board ends as a
//!   tidy would leave it; [`replay`] feeds a list through the engine the same way
//!   (`group --live`).
//! - [`labels`]: most telling words of a group in the participants' own spelling, sticky.
//! - [`explain`]: shared words, shared concepts, similar spellings, score.
//! - [`encoder`]: the built-in sentence encoder (multilingual-e5-small, 4-bit, pure Rust).
//! - [`embed`]: the [`Embedder`] trait and a model2vec loader for local static models.
//! - [`pairs`]: the same blend for any two texts of a fixed set (batch, compare).
//! - [`signal`]: the one scoring layer: the embedding cosine calibrated per board (centred)
//!   and blended with the lexical cosine, used by engine, batch, placement and explain.
//! - [`calibration`]: per board, from its own pairs: how much shared words count (as much
//!   as they agree with meaning there) and where the board cuts (its background similarity,
//!   never above [`DEFAULT_THRESHOLD`]); `+`/`−` move from that cut.

mod arrival;
pub mod background;
pub mod batch;
pub mod calibration;
pub mod cluster;
pub mod embed;
pub mod encoder;
pub mod engine;
pub mod explain;
pub mod features;
pub mod hierarchy;
pub mod known;
pub mod labels;
pub mod language;
pub mod large;
pub mod lexicon;
pub mod meaning;
mod ops;
pub mod pairs;
mod placement;
pub mod replay;
pub mod signal;
pub mod similarity;
pub mod stance;
pub mod tokenize;
mod vector;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use batch::group_texts;
pub use embed::{EmbedError, Embedder, Model2Vec};
pub use encoder::{Encoder, EncoderError};
pub use engine::Engine;
pub use explain::{Explanation, Hand, Hold};
pub use known::KnownEmbeddings;
pub use meaning::Meaning;

/// Stable id of an idea, given by the caller.
pub type IdeaId = u64;
/// Stable id of a group, assigned by the engine and never reused.
pub type GroupId = u64;

/// Language of the ideas: detected per idea (`Auto`) or forced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Auto,
    En,
    Nl,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Lang::Auto),
            "en" => Ok(Lang::En),
            "nl" => Ok(Lang::Nl),
            other => Err(format!(
                "unknown language '{other}' (expected auto, en or nl)"
            )),
        }
    }
}

/// How readily ideas are put together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// fewer, larger groups
    Coarser,
    #[default]
    Default,
    /// more, smaller groups
    Finer,
}

impl Granularity {
    /// Average-link similarity needed to put ideas together on a board that says nothing
    /// about itself (a board measures its own: [`calibration::Calibration::threshold`]).
    pub fn threshold(self) -> f32 {
        DEFAULT_THRESHOLD * self.factor()
    }

    /// How this granularity moves the default threshold.
    pub fn factor(self) -> f32 {
        match self {
            Granularity::Coarser => 0.65,
            Granularity::Default => 1.0,
            Granularity::Finer => 1.5,
        }
    }
}

/// Average-link similarity threshold at the default granularity on a board too small to
/// tell its own, and the highest a board's own cut goes ([`calibration`]).
pub const DEFAULT_THRESHOLD: f32 = 0.085;
/// Share of the embedding cosine in the similarity when an embedder is configured.
pub const EMBED_SHARE: f32 = 0.5;

/// Engine settings.
#[derive(Default)]
pub struct EngineConfig {
    pub lang: Lang,
    pub granularity: Granularity,
    pub embedder: Option<Box<dyn Embedder>>,
}

impl std::fmt::Debug for EngineConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EngineConfig")
            .field("lang", &self.lang)
            .field("granularity", &self.granularity)
            .field("embedder", &self.embedder.as_ref().map(|e| e.dim()))
            .finish()
    }
}

/// A group as the screens see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    pub id: GroupId,
    pub label: String,
    pub label_is_custom: bool,
    pub locked: bool,
    /// members in id order
    pub members: Vec<IdeaId>,
}

/// One group in a [`Constraints`] snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct GroupRecord {
    pub id: GroupId,
    pub label: String,
    pub label_is_custom: bool,
    pub locked: bool,
    /// made or changed by the facilitator (merge, split, pull out): never merged automatically
    pub manual: bool,
    pub members: Vec<IdeaId>,
}

/// Serializable snapshot of the board: every facilitator edit (moves, merges, splits,
/// renames, locks; `pinned` ideas never move automatically) plus the current assignment
/// and the group id counter, so that [`Engine::restore`] rebuilds exactly the same board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Constraints {
    pub granularity: Granularity,
    pub next_group_id: GroupId,
    pub groups: Vec<GroupRecord>,
    pub pinned: Vec<IdeaId>,
}
