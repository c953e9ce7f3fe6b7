//! How common a word is in language at large, so a word everybody uses ("work", "werk",
//! "people") counts for less than a telling one ("borrel", "vacatures") when ideas are
//! compared and groups named.
//!
//! The frequency comes from the built-in encoder's own vocabulary: its SentencePiece
//! unigram model gives every piece a log-probability learned from the model's multilingual
//! training text, so the most probable segmentation of a word scores how often such a word
//! is written. A frequent word is one likely piece; a rare one is split into several
//! unlikely pieces. No list is fitted to any session.

use super::encoder::Encoder;

/// Log-probability at or above which a word is among the most common of a language
/// (function words and the most frequent verbs and nouns).
const MOST_COMMON: f32 = -9.0;
/// Log-probability at or below which a word is rare enough to count in full.
const RARE: f32 = -13.5;
/// Weight of the most common words: they still count, a little.
const FLOOR: f32 = 0.4;

/// The word's log-probability under the encoder's unigram model, as written or in lower
/// case, whichever is more common ("LinkedIn" is one piece, "Werk" at a sentence's start is
/// "werk"); None when the built-in model cannot be read, which the encoder's tests rule out.
pub fn log_prob(word: &str) -> Option<f32> {
    let folded = word.to_lowercase();
    let lower = Encoder::builtin_log_prob(&folded)?;
    if folded == word {
        return Some(lower);
    }
    Some(lower.max(Encoder::builtin_log_prob(word)?))
}

/// Weight of a word by how common it is: 1.0 for rare words, down to [`FLOOR`] for the
/// most common, linear in log-probability between.
pub fn weight(word: &str) -> f32 {
    log_prob(word).map_or(1.0, weight_of)
}

fn weight_of(lp: f32) -> f32 {
    let t = ((lp - RARE) / (MOST_COMMON - RARE)).clamp(0.0, 1.0);
    1.0 - t * (1.0 - FLOOR)
}

/// Whether a word is among the most common of its language: too general to name a
/// group alone.
pub fn is_most_common(word: &str) -> bool {
    log_prob(word).is_some_and(|lp| lp >= MOST_COMMON)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_words_weigh_less_than_telling_ones_in_both_languages() {
        for (general, telling) in [
            ("work", "warehouse"),
            ("werk", "magazijn"),
            ("people", "referral"),
            ("mensen", "borrel"),
        ] {
            assert!(
                weight(general) < weight(telling),
                "{general} {} vs {telling} {}",
                weight(general),
                weight(telling)
            );
        }
        assert!(is_most_common("the") && is_most_common("de"));
        assert!(!is_most_common("ziekenhuis") && !is_most_common("LinkedIn"));
    }

    #[test]
    fn weight_is_bounded_and_follows_the_log_probability() {
        assert_eq!(weight_of(-3.0), 1.0 - (1.0 - FLOOR));
        assert_eq!(weight_of(-30.0), 1.0);
        assert!(weight_of(-11.0) > weight_of(-10.5));
        // case does not change how common a word is
        assert_eq!(weight("Werk"), weight("werk"));
    }
}
