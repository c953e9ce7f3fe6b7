//! Opposite views on one subject never share a group, by what the encoder knows of stance
//! (the sentences here are written for these tests; the refusals in English use no word of
//! the cue list).

use super::helpers::{encoded_group_of_each as batch_groups, encoder};
use crate::grouping::{Engine, EngineConfig};

/// Each pair (plain, against) never ends in one group; the plain ones and the ones against
/// do group among themselves when they say the same.
fn assert_apart(pairs: &[(&str, &str)]) {
    let texts: Vec<&str> = pairs.iter().flat_map(|(p, a)| [*p, *a]).collect();
    let of = batch_groups(&texts);
    for (k, (plain, against)) in pairs.iter().enumerate() {
        assert_ne!(of[2 * k], of[2 * k + 1], "“{plain}” with “{against}”");
    }
}

#[test]
fn the_readme_example_is_two_groups() {
    assert_apart(&[("elke week posten", "ik ga nooit posten")]);
}

#[test]
fn english_refusals_without_a_negation_word_stay_apart() {
    assert_apart(&[
        (
            "Sharing company news online every week",
            "I refuse to share company news online",
        ),
        (
            "I am active on social media for work",
            "I avoid social media altogether",
        ),
        (
            "I love posting about my job online",
            "I hate posting about my job online",
        ),
        (
            "I am on LinkedIn a lot",
            "I'd rather stay away from LinkedIn",
        ),
    ]);
}

#[test]
fn dutch_opposite_views_stay_apart() {
    assert_apart(&[
        (
            "Elke maand een bericht over ons team plaatsen",
            "Ik plaats nooit berichten over ons team",
        ),
        (
            "Posten over mijn werk doe ik graag",
            "Posten over mijn werk? Mooi niet.",
        ),
    ]);
}

#[test]
fn opposite_views_that_also_differ_in_content_stay_apart_when_they_share_the_subject() {
    // the stance is a smaller part of what tells these apart than in a pair of twins; the
    // shared word says they speak of one thing
    assert_apart(&[
        (
            "Elke week iets posten op LinkedIn",
            "Ik ga nooit posten over mijn werk",
        ),
        (
            "Foto's van onze projecten posten op Instagram",
            "Ik post liever niet over mijn werk",
        ),
        (
            "Share photos of our projects on Instagram",
            "I'd rather not share anything about my job",
        ),
    ]);
}

#[test]
fn mixed_languages_opposite_views_stay_apart() {
    assert_apart(&[
        (
            "Elke week bedrijfsnieuws online delen",
            "I refuse to share company news online",
        ),
        (
            "I write about my work on LinkedIn every month",
            "Ik ga nooit over mijn werk posten",
        ),
    ]);
}

#[test]
fn the_same_view_in_two_languages_still_groups() {
    let of = batch_groups(&[
        "Ik ga nooit posten over mijn werk",
        "I will never post about my work",
        "Elke week posten over mijn werk",
        "Posting about my work every week",
    ]);
    assert_eq!(of[0], of[1]);
    assert_eq!(of[2], of[3]);
    assert_ne!(of[0], of[2]);
}

#[test]
fn the_live_board_never_puts_an_opposite_view_in_a_group() {
    let mut engine = Engine::new(EngineConfig {
        embedder: Some(Box::new(encoder())),
        ..EngineConfig::default()
    });
    let plain = engine.add(1, "Sharing company news online every week");
    engine.add(2, "Sharing company news online each month");
    let against = engine.add(3, "I refuse to share company news online");
    assert_ne!(plain, against);
    assert_eq!(
        engine.preview("I refuse to share the company news on the web"),
        Some(against)
    );
    engine.regroup();
    assert_ne!(engine.group_of(1), engine.group_of(3));
    assert_eq!(engine.group_of(1), engine.group_of(2));
}

#[test]
fn the_facilitators_hand_may_join_opposite_views_and_the_board_says_which_differ() {
    let mut engine = Engine::new(EngineConfig {
        embedder: Some(Box::new(encoder())),
        ..EngineConfig::default()
    });
    let plain = engine.add(1, "Sharing company news online every week");
    engine.add(2, "Sharing company news online each month");
    engine.add(3, "I refuse to share company news online");
    assert!(engine.differing().is_empty(), "the engine keeps them apart");
    engine.move_to(3, plain);
    assert_eq!(engine.group_of(3), Some(plain));
    let differing = engine.differing();
    assert_eq!(differing.get(&plain), Some(&vec![3]), "{differing:?}");
    engine.regroup();
    assert_eq!(engine.group_of(3), Some(plain), "placed by hand, it stays");
    assert_eq!(engine.differing().get(&plain), Some(&vec![3]));
}
