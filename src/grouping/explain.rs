//! Why are two ideas (or an idea and a group) together? Shared words, shared concepts,
//! similar spellings and the score, readable in English and Dutch. For a member of a group
//! the score is the engine's own fit of the idea to the group (the same calibration, the
//! same average over the other members), and [`Explanation::holds`] says what keeps it
//! there: the facilitator's hand, its meaning, the words it shares, or only a loose fit.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::engine::{Engine, Slot};
use super::features::Analysis;
use super::{GroupId, IdeaId};

/// A concept both sides share, with its name in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedConcept {
    pub en: String,
    pub nl: String,
}

/// The facilitator's hand in where an idea is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Hand {
    /// Moved or placed here by hand: the engine never moves it.
    Placed,
    /// In a group the facilitator locked.
    LockedGroup,
    /// In a group the facilitator made (merge, split, pull out).
    MadeGroup,
}

/// What keeps a member in its group, strongest reason first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    Hand(Hand),
    /// The only idea in its group.
    Alone,
    /// Its closeness in meaning alone reaches the grouping threshold.
    Meaning,
    /// It shares words, concepts or spellings with the other members.
    Words,
    /// Meaning and words together reach the threshold, neither alone.
    Fit,
    /// Nothing strong: the group it came closest to when it was placed.
    Loose,
}

/// The reasons behind a similarity score.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Explanation {
    /// similarity (average over group members for an idea and a group)
    pub score: f32,
    /// score needed to be grouped at the current granularity
    pub threshold: f32,
    /// content words both use (participant's spelling)
    pub shared_words: Vec<String>,
    pub shared_concepts: Vec<SharedConcept>,
    /// different words with much the same letters (compounds, typos): (this, other)
    pub similar_spellings: Vec<(String, String)>,
    /// closeness in meaning (embedding cosine calibrated on the board), with a model
    pub embedding: Option<f32>,
    /// of a member: the facilitator's hand in where it is
    pub hand: Option<Hand>,
    /// of a member: no other idea in its group
    pub alone: bool,
}

impl Explanation {
    /// True when the score reaches the grouping threshold.
    pub fn together(&self) -> bool {
        self.score >= self.threshold
    }

    /// Shares a word, a concept or a spelling.
    pub fn shares(&self) -> bool {
        !(self.shared_words.is_empty()
            && self.shared_concepts.is_empty()
            && self.similar_spellings.is_empty())
    }

    /// Close enough in meaning to be grouped on that alone (meaning is
    /// [`super::EMBED_SHARE`] of the blend).
    pub fn close_in_meaning(&self) -> bool {
        self.embedding
            .is_some_and(|m| m * super::EMBED_SHARE >= self.threshold)
    }

    /// What keeps a member in its group ([`Engine::explain_member`]).
    pub fn holds(&self) -> Hold {
        match self.hand {
            Some(hand) => Hold::Hand(hand),
            None if self.alone => Hold::Alone,
            None if self.close_in_meaning() => Hold::Meaning,
            None if self.shares() => Hold::Words,
            None if self.together() => Hold::Fit,
            None => Hold::Loose,
        }
    }
}

/// A short English account, for logs and tests; the screens say it in the session's
/// language (`app/steps/why.rs`).
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(m) = self.embedding {
            write!(f, "meaning {m:.2}; ")?;
        }
        let concepts: Vec<&str> = self.shared_concepts.iter().map(|c| c.en.as_str()).collect();
        let spellings: Vec<String> = self
            .similar_spellings
            .iter()
            .map(|(a, b)| format!("{a} ~ {b}"))
            .collect();
        write!(
            f,
            "shared words: {}; shared concepts: {}; similar words: {} (score {:.2} / {:.2}, {})",
            self.shared_words.join(", "),
            concepts.join(", "),
            spellings.join(", "),
            self.score,
            self.threshold,
            if self.together() { "together" } else { "apart" }
        )
    }
}

fn stems(a: &Analysis) -> BTreeMap<&str, &str> {
    let mut m = BTreeMap::new();
    for t in &a.terms {
        m.entry(t.stem.as_str())
            .or_insert_with(|| a.surface(t.token));
    }
    m
}

fn concepts(a: &Analysis) -> BTreeSet<u32> {
    a.concepts
        .iter()
        .filter(|h| h.weight >= 1.0)
        .map(|h| h.concept)
        .collect()
}

/// Different words with much the same letters: one is the other with a part added (a
/// compound, "borrel" ~ "netwerkborrel") or the two differ by a slip (a typo). Letters shared
/// in the middle of unrelated words ("tippen" ~ "open", "work" ~ "networking") are no reason.
fn similar(a: &Analysis, b: &Analysis) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let bs = stems(b);
    for ta in &a.terms {
        if bs.contains_key(ta.stem.as_str()) {
            continue;
        }
        let na = &a.tokens[ta.token].norm;
        for tb in &b.terms {
            let nb = &b.tokens[tb.token].norm;
            let pair = (
                a.surface(ta.token).to_string(),
                b.surface(tb.token).to_string(),
            );
            if na != nb && alike(na, nb) && !out.contains(&pair) {
                out.push(pair);
            }
        }
    }
    out
}

/// Smallest word length that counts as a part of another word.
const MIN_PART: usize = 4;

fn alike(x: &str, y: &str) -> bool {
    let (lx, ly) = (x.chars().count(), y.chars().count());
    if lx.min(ly) < MIN_PART {
        return false;
    }
    let (short, long) = if lx <= ly { (x, y) } else { (y, x) };
    if long.starts_with(short) || long.ends_with(short) {
        return true;
    }
    // a slip of a letter or two: nearly the same length, most letter triples shared
    let (ga, gb) = (grams(x), grams(y));
    let shared = ga.intersection(&gb).count();
    lx.abs_diff(ly) <= 2 && shared * 2 * 10 >= (ga.len() + gb.len()) * 6
}

fn grams(w: &str) -> BTreeSet<String> {
    let c: Vec<char> = format!("<{w}>").chars().collect();
    c.windows(3).map(|x| x.iter().collect()).collect()
}

impl Engine {
    fn concept_name(&self, c: u32) -> SharedConcept {
        let lx = &self.analyzer.lexicon;
        SharedConcept {
            en: lx.label(c, false).to_string(),
            nl: lx.label(c, true).to_string(),
        }
    }

    fn explain_slots(&self, x: &Slot, y: &Slot) -> Explanation {
        let (sa, sb) = (stems(&x.analysis), stems(&y.analysis));
        let shared_words = sa
            .iter()
            .filter(|(k, _)| sb.contains_key(*k))
            .map(|(_, v)| v.to_string())
            .collect();
        let shared_concepts = concepts(&x.analysis)
            .intersection(&concepts(&y.analysis))
            .map(|c| self.concept_name(*c))
            .collect();
        let embedding = self.pair_semantic(x, y);
        Explanation {
            score: self.pair_score(x, y),
            threshold: self.threshold(),
            shared_words,
            shared_concepts,
            similar_spellings: similar(&x.analysis, &y.analysis),
            embedding,
            ..Explanation::default()
        }
    }

    /// Why two ideas are (or are not) together.
    pub fn explain_pair(&self, a: IdeaId, b: IdeaId) -> Explanation {
        match (self.slot(a), self.slot(b)) {
            (Some(x), Some(y)) => self.explain_slots(x, y),
            _ => Explanation {
                threshold: self.threshold(),
                ..Explanation::default()
            },
        }
    }

    /// Why an idea is in a group: the engine's fit of the idea to the group's other members
    /// (as it places ideas: average lexical and calibrated semantic closeness, blended),
    /// its average closeness in meaning to them, the words and concepts it shares with at
    /// least one of them, and the facilitator's hand.
    pub fn explain_member(&self, idea: IdeaId, group: GroupId) -> Explanation {
        let mut out = Explanation {
            threshold: self.threshold(),
            ..Explanation::default()
        };
        let (Some(&at), Some(g)) = (self.by_id.get(&idea), self.groups.get(&group)) else {
            return out;
        };
        let Some(x) = self.slots[at].as_ref() else {
            return out;
        };
        out.hand = if x.pinned && x.group == group {
            Some(Hand::Placed)
        } else if g.locked {
            Some(Hand::LockedGroup)
        } else if g.manual {
            Some(Hand::MadeGroup)
        } else {
            None
        };
        let others: Vec<&Slot> = g
            .members
            .values()
            .filter(|id| **id != idea)
            .filter_map(|id| self.slot(*id))
            .collect();
        if others.is_empty() {
            out.alone = true;
            return out;
        }
        out.score = self
            .score_groups(&x.vec, x.emb.as_deref(), x.stance, Some(at))
            .into_iter()
            .find(|(gid, _)| *gid == group)
            .map_or(0.0, |(_, s)| s);
        out.embedding = self.meaning_to(x, &others);
        for y in &others {
            let e = self.explain_slots(x, y);
            for w in e.shared_words {
                if !out.shared_words.contains(&w) {
                    out.shared_words.push(w);
                }
            }
            for c in e.shared_concepts {
                if !out.shared_concepts.contains(&c) {
                    out.shared_concepts.push(c);
                }
            }
            for p in e.similar_spellings {
                if !out.similar_spellings.contains(&p) {
                    out.similar_spellings.push(p);
                }
            }
        }
        out
    }

    /// Average calibrated closeness in meaning of `x` to `others` that have an embedding,
    /// each pair damped by stance as the engine damps it.
    fn meaning_to(&self, x: &Slot, others: &[&Slot]) -> Option<f32> {
        let semantic = self.semantic()?;
        let e = x.emb.as_deref()?;
        let scores: Vec<f32> = others
            .iter()
            .filter_map(|y| {
                let s = semantic.pair(e, y.emb.as_deref()?);
                Some(s * x.stance.factor(y.stance))
            })
            .collect();
        (!scores.is_empty()).then(|| scores.iter().sum::<f32>() / scores.len() as f32)
    }
}
