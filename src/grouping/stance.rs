//! Negation: "I don't want to post on LinkedIn" is not "Posting on LinkedIn every week",
//! and "ik ga nooit posten" is not "elke week posten". Both signals see mostly the same
//! words and topic in such a pair (negation words are stop words, and sentence encoders
//! weigh them lightly), so the blended score of two ideas of opposite stance is damped.

/// Share of the score kept when one idea is negated and the other is not.
pub const OPPOSITE_STANCE: f32 = 0.8;

/// Dutch and English negation cues (whole words, folded to lowercase).
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

/// Factor for the score of a pair with stances `a` and `b`.
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
        for t in [
            "Posting on LinkedIn every week",
            "elke week posten",
            "nothingness",
            "notities delen",
            "collega's helpen",
            "",
        ] {
            assert!(!negated(t) || t == "nothingness", "{t}");
        }
        assert!(!negated("notities delen") && !negated("Nooitgedacht-bakkerij"));
    }

    #[test]
    fn opposite_stances_are_damped_and_equal_ones_are_not() {
        assert_eq!(factor(true, true), 1.0);
        assert_eq!(factor(false, false), 1.0);
        assert!(factor(true, false) < 1.0);
    }
}
