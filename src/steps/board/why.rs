//! `w` on the board: why an idea is in its group, in the session's language. First what holds
//! it there (the facilitator's hand, its meaning, the words it shares, or only a loose fit),
//! then the signals behind it and the engine's own fit beside the score at which ideas join.
//! A member is never called "apart": the board keeps it, so the text says what keeps it.

use crate::domain::Language;
use crate::grouping::{Explanation, Hand, Hold};
use crate::i18n::{tr, trf};

/// A number as the language writes it (0,35 in Dutch).
fn decimal(lang: Language, x: f32) -> String {
    let s = format!("{x:.2}");
    match lang {
        Language::Nl => s.replace('.', ","),
        Language::En => s,
    }
}

fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn concept_names(e: &Explanation, lang: Language) -> Vec<&str> {
    e.shared_concepts
        .iter()
        .map(|c| match lang {
            Language::Nl => c.nl.as_str(),
            Language::En => c.en.as_str(),
        })
        .collect()
}

/// What holds the member in its group, as a sentence's start.
fn lead(e: &Explanation, lang: Language) -> String {
    match e.holds() {
        Hold::Hand(Hand::Placed) => tr(lang, "why.by_you").to_string(),
        Hold::Hand(Hand::LockedGroup) => tr(lang, "why.locked_group").to_string(),
        Hold::Hand(Hand::MadeGroup) => tr(lang, "why.made_group").to_string(),
        Hold::Alone => tr(lang, "why.alone").to_string(),
        Hold::Meaning => trf(
            lang,
            "why.held_by_meaning",
            &[&decimal(lang, e.embedding.unwrap_or_default())],
        ),
        Hold::Words if !e.shared_words.is_empty() => {
            trf(lang, "why.held_by_words", &[&quoted(&e.shared_words)])
        }
        Hold::Words if !e.shared_concepts.is_empty() => trf(
            lang,
            "why.held_by_concepts",
            &[&concept_names(e, lang).join(", ")],
        ),
        Hold::Words => tr(lang, "why.held_by_spelling").to_string(),
        Hold::Fit => tr(lang, "why.held_by_both").to_string(),
        Hold::Loose => tr(lang, "why.loose").to_string(),
    }
}

/// The signals behind the fit: meaning (with the encoder on), words, concepts, spellings;
/// what the lead already named is not said twice.
fn signals(e: &Explanation, lang: Language) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(meaning) = e.embedding.filter(|_| e.holds() != Hold::Meaning) {
        parts.push(trf(lang, "why.meaning", &[&decimal(lang, meaning)]));
    }
    let by_words = e.holds() == Hold::Words;
    if !e.shared_words.is_empty() && !by_words {
        parts.push(trf(lang, "why.shared_words", &[&e.shared_words.join(", ")]));
    }
    // concepts are the lead when no word is shared
    let concepts_led = by_words && e.shared_words.is_empty();
    if !e.shared_concepts.is_empty() && !concepts_led {
        let names = concept_names(e, lang).join(", ");
        parts.push(trf(lang, "why.shared_concepts", &[&names]));
    }
    if !e.similar_spellings.is_empty() {
        let pairs: Vec<String> = e
            .similar_spellings
            .iter()
            .map(|(a, b)| format!("{a} ~ {b}"))
            .collect();
        parts.push(trf(lang, "why.similar_words", &[&pairs.join(", ")]));
    }
    parts
}

/// Why a member is in its group, one paragraph: what holds it, then the signals and the fit
/// ("fit 0.04 of 0.09" when below the score at which the engine would join it now).
pub fn render(e: &Explanation, lang: Language) -> String {
    let mut parts = vec![lead(e, lang)];
    if e.alone {
        return parts.remove(0);
    }
    parts.extend(signals(e, lang));
    let fit = if e.together() {
        "why.fit"
    } else {
        "why.fit_loose"
    };
    parts.push(trf(
        lang,
        fit,
        &[&decimal(lang, e.score), &decimal(lang, e.threshold)],
    ));
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weak_on_words() -> Explanation {
        Explanation {
            score: 0.04,
            threshold: 0.085,
            shared_words: vec!["vertellen".into(), "werk".into()],
            embedding: Some(0.07),
            ..Explanation::default()
        }
    }

    #[test]
    fn a_member_held_by_words_is_said_to_be_held_by_them_never_apart() {
        for (lang, held, apart) in [
            (
                Language::En,
                "joined on shared words 'vertellen', 'werk'",
                "apart",
            ),
            (
                Language::Nl,
                "samen op gedeelde woorden 'vertellen', 'werk'",
                "apart",
            ),
        ] {
            let text = render(&weak_on_words(), lang);
            assert!(text.starts_with(held), "{text}");
            assert!(
                !text.contains(apart) && !text.contains("niet verwant"),
                "{text}"
            );
        }
        assert!(render(&weak_on_words(), Language::Nl).contains("0,07"));
    }

    #[test]
    fn the_hand_comes_first_and_a_loose_fit_is_named_as_such() {
        let placed = Explanation {
            hand: Some(Hand::Placed),
            ..weak_on_words()
        };
        assert!(render(&placed, Language::En).starts_with("placed here by you"));
        let loose = Explanation {
            score: 0.01,
            threshold: 0.085,
            ..Explanation::default()
        };
        let text = render(&loose, Language::En);
        assert!(
            text.starts_with("a loose fit") && text.contains("0.01"),
            "{text}"
        );
    }
}
