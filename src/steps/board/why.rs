//! `w` on the board: why an idea is in its group, in the session's language. Closeness in
//! meaning (when the encoder is on) comes first, then shared words, concepts and spellings.

use crate::domain::Language;
use crate::grouping::Explanation;
use crate::i18n::{tr, trf};

/// A number as the language writes it (3,5 in Dutch).
fn decimal(lang: Language, x: f32) -> String {
    let s = format!("{x:.2}");
    match lang {
        Language::Nl => s.replace('.', ","),
        Language::En => s,
    }
}

/// The reasons behind an explanation's score, one line.
pub fn render(e: &Explanation, lang: Language) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(meaning) = e.embedding {
        // close enough in meaning to be grouped on that alone (it is half of the blend)
        let close = meaning * crate::grouping::EMBED_SHARE >= e.threshold;
        let key = if close {
            "why.meaning"
        } else {
            "why.meaning_far"
        };
        parts.push(trf(lang, key, &[&decimal(lang, meaning)]));
    }
    if !e.shared_words.is_empty() {
        parts.push(trf(lang, "why.shared_words", &[&e.shared_words.join(", ")]));
    }
    if !e.shared_concepts.is_empty() {
        let names: Vec<&str> = e
            .shared_concepts
            .iter()
            .map(|c| match lang {
                Language::Nl => c.nl.as_str(),
                Language::En => c.en.as_str(),
            })
            .collect();
        parts.push(trf(lang, "why.shared_concepts", &[&names.join(", ")]));
    }
    if !e.similar_spellings.is_empty() {
        let pairs: Vec<String> = e
            .similar_spellings
            .iter()
            .map(|(a, b)| format!("{a} ~ {b}"))
            .collect();
        parts.push(trf(lang, "why.similar_words", &[&pairs.join(", ")]));
    }
    if parts.is_empty() {
        parts.push(tr(lang, "why.nothing").to_string());
    }
    let verdict = tr(
        lang,
        if e.together() {
            "why.together"
        } else {
            "why.apart"
        },
    );
    trf(
        lang,
        "why.verdict",
        &[
            &parts.join("; "),
            &decimal(lang, e.score),
            &decimal(lang, e.threshold),
            &verdict,
        ],
    )
}
