//! Lexicon parsing and matching.

use crate::grouping::lexicon::{BUILTIN, Lexicon};
use crate::grouping::tokenize::tokenize;

fn keys(lx: &Lexicon, text: &str) -> Vec<String> {
    let mut v: Vec<String> = lx
        .lookup(&tokenize(text), &|_| false, None)
        .into_iter()
        .map(|h| lx.concepts[h.concept as usize].key.clone())
        .collect();
    v.sort();
    v
}

#[test]
fn builtin_parses() {
    let lx = Lexicon::parse(BUILTIN).expect("lexicon parses");
    assert!(lx.concepts.len() > 40);
}

#[test]
fn bilingual_concepts_meet() {
    let lx = Lexicon::builtin();
    let a = keys(&lx, "trots op de zaak");
    let b = keys(&lx, "proud of the company");
    assert!(a.iter().any(|k| b.contains(k)), "{a:?} vs {b:?}");
}

#[test]
fn compounds_and_typos() {
    let lx = Lexicon::builtin();
    let a = keys(&lx, "klantenavond");
    let b = keys(&lx, "klant");
    assert!(b.iter().all(|k| a.contains(k)), "{a:?} vs {b:?}");
    let typo = keys(&lx, "waardreing");
    let good = keys(&lx, "waardering");
    assert!(!good.is_empty() && good.iter().any(|k| typo.contains(k)));
}

#[test]
fn phrases_match() {
    let lx = Lexicon::builtin();
    let a = keys(&lx, "we post on social media");
    assert!(a.contains(&"social_media".to_string()), "{a:?}");
}

#[test]
fn a_word_of_a_phrase_means_what_the_phrase_means() {
    let lx = Lexicon::builtin();
    // "guest lecture" is a talk at a school, not a guest; "customer stories" are writing
    let lecture = keys(&lx, "giving a guest lecture at a school");
    assert!(lecture.contains(&"students".to_string()), "{lecture:?}");
    assert!(!lecture.contains(&"hospitality".to_string()), "{lecture:?}");
    let stories = keys(&lx, "customer stories for the website");
    assert!(stories.contains(&"writing".to_string()), "{stories:?}");
    assert!(!stories.contains(&"customers".to_string()), "{stories:?}");
    // the words of a phrase still mean themselves elsewhere in the idea
    let both = keys(&lx, "guest lecture for our customers");
    assert!(both.contains(&"customers".to_string()), "{both:?}");
}

#[test]
fn an_occasion_and_a_visitor_are_not_what_they_are_near() {
    let lx = Lexicon::builtin();
    let weight = |text: &str, key: &str| {
        lx.lookup(&tokenize(text), &|_| false, None)
            .into_iter()
            .find(|h| lx.concepts[h.concept as usize].key == key)
            .map(|h| h.weight)
    };
    // a birthday is an occasion of one's circle (its parent, at half weight), not friends
    assert_eq!(
        weight("cake on her birthday", "private_occasions"),
        Some(1.0)
    );
    assert_eq!(weight("cake on her birthday", "friends_family"), Some(0.5));
    assert_eq!(
        weight("taart als je jarig bent", "friends_family"),
        Some(0.5)
    );
    // visitors and guests are received, not served as clients
    for text in [
        "show visitors around",
        "bezoekers rondleiden",
        "gasten ontvangen",
    ] {
        assert_eq!(weight(text, "hospitality"), Some(1.0), "{text}");
        assert_eq!(weight(text, "customers"), None, "{text}");
    }
}

#[test]
fn bad_file_is_an_error() {
    assert!(Lexicon::parse("en: x").is_err());
    assert!(Lexicon::parse("@a > nothere | a | a\nen: x").is_err());
}
