//! Stance: "I would never post about my work" is not "Posting about my work every week", and
//! "ik ga nooit posten" is not "elke week posten". Such a pair shares its words and its
//! topic, so both signals call it close; what tells them apart is the stance each takes.
//!
//! The encoder knows stance as a direction: the difference between a sentence and its
//! negated twin points the same way across topics and both languages. [`Axis::learn`] takes
//! that direction from a few neutral anchor pairs (plain and negated, English and Dutch) and
//! places each idea on it ([`Axis::lean`]: about -1 for a plain statement, +1 for a negated
//! one, refusals, avoidance and dislike lean the same way without a word list naming them).
//! Two ideas that lean clearly to opposite sides are [`opposed`], and never share a group
//! when the stance is a real part of what tells them apart ([`STANCE_SHARE`]; less of it
//! when they share a content word, as "Ik ga nooit posten over mijn werk" and "Elke week
//! iets posten op LinkedIn" do).
//!
//! Without an encoder (lexical grouping only) a small cue list is all there is: a negated
//! idea's score with a plain one is only damped ([`Stance::factor`]), never forbidden.

use super::Embedder;
use super::features::Analysis;
use super::similarity::dense_dot;

/// Share of the score kept when two ideas lean to opposite sides.
pub const OPPOSITE_STANCE: f32 = 0.8;

/// How far apart on the axis two ideas must lie (anchors: -1 and +1) to be opposed...
pub const OPPOSED_GAP: f32 = 0.8;
/// ...with the one that leans against at least this far on its side...
pub const CLEARLY_AGAINST: f32 = 0.3;
/// ...and the stance must be a real part of what tells the two apart: the share of their
/// squared distance that lies along the axis. Two ideas on one subject, one negated, differ
/// mostly in stance; "polite, no swearing" and "respect for the referee" differ mostly in
/// content, their negation aimed elsewhere, and are not opposed.
pub const STANCE_SHARE: f32 = 0.14;
/// ...or, when the two share a content word (evidence of one subject besides the stance),
/// this smaller share: "Ik ga nooit posten over mijn werk" and "Elke week iets posten op
/// LinkedIn" differ in more than their stance (0.13) but are about one thing, posting.
pub const SHARED_WORD_STANCE_SHARE: f32 = 0.10;

/// Neutral statements and their negated twins: subjects from everyday work, none from any
/// session. Only the direction from each plain one to its twin is used.
const ANCHORS: &[(&str, &str)] = &[
    (
        "I like to talk about my job",
        "I do not like to talk about my job",
    ),
    (
        "I will write about our projects",
        "I will never write about our projects",
    ),
    (
        "I want to go to the events",
        "I don't want to go to the events",
    ),
    ("We share the news online", "We don't share the news online"),
    ("I have time for this", "I have no time for this"),
    (
        "I would rather do it myself",
        "I would rather not do it myself",
    ),
    ("Customers matter to me", "Customers do not matter to me"),
    (
        "I recommend this place to friends",
        "I would never recommend this place to friends",
    ),
    (
        "Ik praat graag over mijn werk",
        "Ik praat niet graag over mijn werk",
    ),
    (
        "Ik schrijf over onze projecten",
        "Ik schrijf nooit over onze projecten",
    ),
    (
        "Ik wil naar de evenementen",
        "Ik wil niet naar de evenementen",
    ),
    (
        "We delen het nieuws online",
        "We delen het nieuws niet online",
    ),
    ("Ik heb daar tijd voor", "Ik heb daar geen tijd voor"),
    ("Ik doe het liever zelf", "Ik doe het liever niet zelf"),
    (
        "Klanten zijn belangrijk voor mij",
        "Klanten zijn niet belangrijk voor mij",
    ),
    (
        "Ik raad deze plek aan bij vrienden",
        "Ik raad deze plek nooit aan bij vrienden",
    ),
    // not only "not": turning down, disliking, keeping away
    (
        "I enjoy giving presentations",
        "I dislike giving presentations",
    ),
    ("I say yes to the open day", "I turn down the open day"),
    ("I look for the camera", "I keep away from the camera"),
    (
        "Ik geef graag presentaties",
        "Ik vind presentaties geven vervelend",
    ),
    (
        "Ik zeg ja tegen de open dag",
        "Ik zeg nee tegen de open dag",
    ),
    ("Ik zoek de camera op", "Ik ga de camera uit de weg"),
];

/// The stance direction of one encoder, scaled so its anchors lie at about -1 and +1.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    direction: Vec<f32>,
    middle: f32,
    half_gap: f32,
}

impl Axis {
    /// Learns the direction from the anchors; `None` when the model does not separate them
    /// (a model without a sense of negation gets the lexical fallback).
    pub fn learn(embedder: &dyn Embedder) -> Option<Axis> {
        let texts: Vec<&str> = ANCHORS.iter().flat_map(|(p, n)| [*p, *n]).collect();
        let vectors = embedder.embed_many(&texts);
        let dim = embedder.dim();
        if dim == 0 || vectors.iter().any(|v| v.len() != dim) {
            return None;
        }
        let mut direction = vec![0f32; dim];
        for pair in vectors.chunks_exact(2) {
            for (d, (p, n)) in direction.iter_mut().zip(pair[0].iter().zip(&pair[1])) {
                *d += n - p;
            }
        }
        let norm = dense_dot(&direction, &direction).sqrt();
        if norm <= f32::EPSILON {
            return None;
        }
        direction.iter_mut().for_each(|d| *d /= norm);
        let side = |k: usize| {
            vectors
                .iter()
                .skip(k)
                .step_by(2)
                .map(|v| dense_dot(v, &direction))
                .sum::<f32>()
                / ANCHORS.len() as f32
        };
        let (plain, negated) = (side(0), side(1));
        let half_gap = (negated - plain) / 2.0;
        (half_gap > 1e-3).then(|| Axis {
            direction,
            middle: (plain + negated) / 2.0,
            half_gap,
        })
    }

    /// The axis as little-endian f32s: the direction, then the middle and the half gap
    /// (how the built-in encoder's axis is shipped, `assets/e5-small-nl-en/stance.f32`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let values = self.direction.iter().chain([&self.middle, &self.half_gap]);
        values.flat_map(|v| v.to_le_bytes()).collect()
    }

    /// [`Axis::to_bytes`] read back for a model of `dim` dimensions.
    pub fn from_bytes(bytes: &[u8], dim: usize) -> Option<Axis> {
        if bytes.len() != 4 * (dim + 2) {
            return None;
        }
        let values: Vec<f32> = bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Some(Axis {
            direction: values[..dim].to_vec(),
            middle: values[dim],
            half_gap: values[dim + 1],
        })
    }

    /// Whether two axes agree up to float tolerance.
    pub fn agrees_with(&self, other: &Axis) -> bool {
        self.direction.len() == other.direction.len()
            && dense_dot(&self.direction, &other.direction) > 0.999
            && (self.middle - other.middle).abs() < 1e-3
            && (self.half_gap - other.half_gap).abs() < 1e-3
    }

    /// Where an idea's unit embedding lies on the axis: about -1 plain, +1 against.
    pub fn lean(&self, embedding: &[f32]) -> Option<f32> {
        (embedding.len() == self.direction.len())
            .then(|| (dense_dot(embedding, &self.direction) - self.middle) / self.half_gap)
    }
}

impl Axis {
    /// Whether two ideas (unit embeddings, their words unknown) take opposite stances on
    /// one subject.
    pub fn apart(&self, a: &[f32], b: &[f32]) -> bool {
        match (self.lean(a), self.lean(b)) {
            (Some(la), Some(lb)) => self.apart_at(la, lb, dense_dot(a, b), false),
            _ => false,
        }
    }

    /// Whether two ideas of known stance take opposite stances on one subject (see
    /// [`Axis::apart_at`]). `cosine`: of their embeddings.
    pub fn apart_stances(&self, a: &Stance, b: &Stance, cosine: f32) -> bool {
        match (a.lean, b.lean) {
            (Some(la), Some(lb)) => self.apart_at(la, lb, cosine, a.subject.shares(&b.subject)),
            _ => false,
        }
    }

    /// The one rule: two leans opposed on the axis, and the stance weighs enough in the
    /// two ideas' difference (the share of their squared distance along the axis):
    /// [`STANCE_SHARE`], or [`SHARED_WORD_STANCE_SHARE`] when a shared content word says
    /// they speak of one thing.
    pub fn apart_at(&self, la: f32, lb: f32, cosine: f32, shared_word: bool) -> bool {
        let along = (la - lb) * self.half_gap;
        let share = along * along / (2.0 - 2.0 * cosine).max(1e-6);
        let needed = if shared_word {
            SHARED_WORD_STANCE_SHARE
        } else {
            STANCE_SHARE
        };
        opposed(la, lb) && share >= needed
    }
}

/// Whether two leans on the axis are opposite: clearly apart, one clearly against, the other
/// on the plain side.
pub fn opposed(a: f32, b: f32) -> bool {
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    high >= CLEARLY_AGAINST && low <= 0.0 && high - low >= OPPOSED_GAP
}

/// An idea's stance as the engine knows it: its place on the encoder's axis once its
/// embedding is known, and the side it leans to.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stance {
    /// it leans against (negated, refusing, avoiding): by the axis once embedded, by cue
    /// words until then or without an encoder
    pub against: bool,
    pub lean: Option<f32>,
    /// the content words it speaks of
    pub subject: Subject,
}

/// The content words of an idea, as hashes of their stems (at most [`Subject::MAX`], which
/// workshop ideas rarely reach): enough to tell whether two ideas share one, and small
/// enough to keep a stance a plain value.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Subject {
    stems: [u32; Subject::MAX],
    len: u8,
}

impl Subject {
    pub const MAX: usize = 12;

    pub fn of(analysis: &Analysis) -> Subject {
        let mut subject = Subject::default();
        for term in &analysis.terms {
            // 32 of FNV-1a's 64 bits: ample to tell a dozen words apart
            let h = crate::fnv::fnv1a_64(term.stem.as_bytes()) as u32;
            let len = usize::from(subject.len);
            if len < Subject::MAX && !subject.stems[..len].contains(&h) {
                subject.stems[len] = h;
                subject.len += 1;
            }
        }
        subject
    }

    /// Whether the two share a content word.
    pub fn shares(&self, other: &Subject) -> bool {
        let mine = &self.stems[..usize::from(self.len)];
        other.stems[..usize::from(other.len)]
            .iter()
            .any(|h| mine.contains(h))
    }
}

impl Stance {
    /// The stance of `text` (read as `analysis`) with its embedding, if known, on `axis`,
    /// if the model has one.
    pub fn of(
        text: &str,
        analysis: &Analysis,
        embedding: Option<&[f32]>,
        axis: Option<&Axis>,
    ) -> Stance {
        let lean = axis.zip(embedding).and_then(|(a, e)| a.lean(e));
        Stance {
            against: lean.map_or_else(|| negated(text), |l| l > 0.0),
            lean,
            subject: Subject::of(analysis),
        }
    }

    /// Factor for the score of a pair: damped when the two lean to opposite sides.
    pub fn factor(self, other: Stance) -> f32 {
        factor(self.against, other.against)
    }
}

/// Dutch and English negation cues (whole words, folded to lowercase): the lexical fallback.
const CUES: &[&str] = &[
    // Dutch
    "niet", "geen", "nooit", "nergens", "niemand", "niets", "niks", "noch", "geeneen",
    // English
    "not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "nowhere", "cannot",
    "dont", "wont", "cant", "isnt", "arent", "doesnt", "didnt", "shouldnt",
];

/// True when the text negates what it says (a negation word, or an English "n't").
pub fn negated(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .any(|w| {
            let w = w.trim_matches(|c| c == '\'' || c == '\u{2019}');
            w.ends_with("n't") || w.ends_with("n\u{2019}t") || CUES.contains(&w)
        })
}

/// Factor for the score of a pair with cue stances `a` and `b`.
pub fn factor(a: bool, b: bool) -> f32 {
    if a == b { 1.0 } else { OPPOSITE_STANCE }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negation_cues_in_both_languages() {
        for t in [
            "I don't want to post on LinkedIn",
            "I won\u{2019}t do that",
            "ik ga nooit posten",
            "Geen tijd voor vergaderingen",
            "not now",
            "That is NOT what we do",
        ] {
            assert!(negated(t), "{t}");
        }
        for t in ["Posting on LinkedIn every week", "elke week posten", ""] {
            assert!(!negated(t), "{t}");
        }
        assert!(!negated("notities delen") && !negated("Nooitgedacht-bakkerij"));
    }

    #[test]
    fn cue_stances_are_damped_and_equal_ones_are_not() {
        assert_eq!(factor(true, true), 1.0);
        assert_eq!(factor(false, false), 1.0);
        assert!(factor(true, false) < 1.0);
    }

    #[test]
    fn opposed_needs_a_clear_gap_and_a_clear_against() {
        assert!(opposed(-1.0, 1.0) && opposed(1.0, -0.2));
        assert!(!opposed(0.5, 0.9), "both against");
        assert!(!opposed(-0.9, -0.1), "both plain");
        assert!(!opposed(-0.3, 0.2), "too close to call");
        assert!(!opposed(0.1, 0.95), "both on the against side");
    }

    #[test]
    fn with_an_embedding_the_axis_decides_not_the_cue_words() {
        let axis = Axis {
            direction: vec![1.0, 0.0],
            middle: 0.0,
            half_gap: 0.5,
        };
        let s = Stance::of(
            "posten",
            &Analysis::default(),
            Some(&[0.5, 0.8]),
            Some(&axis),
        );
        assert!(s.against && (s.lean.unwrap() - 1.0).abs() < 1e-6);
        assert!(
            !Stance::of(
                "ik ga nooit posten",
                &Analysis::default(),
                Some(&[-0.5, 0.8]),
                Some(&axis)
            )
            .against
        );
        assert!(
            Stance::of(
                "ik ga nooit posten",
                &Analysis::default(),
                None,
                Some(&axis)
            )
            .against,
            "until embedded"
        );
        assert!(Stance::of("ik ga nooit posten", &Analysis::default(), None, None).against);
    }

    #[test]
    fn a_shared_content_word_makes_opposed_ideas_apart_with_less_of_their_difference_in_stance() {
        let axis = Axis {
            direction: vec![1.0, 0.0, 0.0],
            middle: 0.0,
            half_gap: 0.2,
        };
        // leans +1 and -1; 0.11 of their squared distance lies along the axis
        let (a, b) = ([0.2f32, 0.8, 0.566], [-0.2f32, 0.8, -0.566]);
        let cosine = dense_dot(&a, &b);
        let analyzer = crate::grouping::features::Analyzer::new();
        let read = |t: &str| {
            analyzer.analyze(
                t,
                crate::grouping::Lang::Nl,
                crate::grouping::language::Detected::Nl,
            )
        };
        let stance = |t: &str, e: &[f32]| Stance::of(t, &read(t), Some(e), Some(&axis));
        assert!(
            !axis.apart_at(1.0, -1.0, cosine, false),
            "the share alone is too small"
        );
        let never = stance("ik ga nooit posten over mijn werk", &a);
        let weekly = stance("elke week iets posten op linkedin", &b);
        let lunch = stance("samen lunchen met het team", &b);
        assert!(never.subject.shares(&weekly.subject) && !never.subject.shares(&lunch.subject));
        assert!(axis.apart_stances(&never, &weekly, cosine));
        assert!(
            !axis.apart_stances(&never, &lunch, cosine),
            "no word in common"
        );
        assert!(!axis.apart_stances(&weekly, &weekly, 1.0), "one side only");
        // 0.05 of the distance along the axis: too little even with a shared word
        let far_embedding = [-0.2f32, 0.0, -0.98];
        let far = stance("elke week posten", &far_embedding);
        let far_cosine = dense_dot(&a, &far_embedding);
        assert!(
            !axis.apart_stances(&never, &far, far_cosine),
            "too little of it is stance"
        );
    }

    #[test]
    fn apart_when_the_stance_is_what_differs() {
        // as in a real encoder, stance is a small part of each vector
        let axis = Axis {
            direction: vec![1.0, 0.0, 0.0],
            middle: 0.0,
            half_gap: 0.1,
        };
        let unit = |v: [f32; 3]| {
            let n = dense_dot(&v, &v).sqrt();
            v.map(|x| x / n)
        };
        // one subject (axis 1), opposite sides of the stance axis
        let (against, plain) = (unit([0.1, 0.99, 0.0]), unit([-0.1, 0.99, 0.0]));
        assert!(axis.apart(&against, &plain) && axis.apart(&plain, &against));
        // the same leans, but the two differ in subject above all
        let elsewhere = unit([-0.1, 0.0, 0.99]);
        assert!(!axis.apart(&against, &elsewhere));
        assert!(!axis.apart(&against, &[0.0]), "a vector of another size");
    }
}
