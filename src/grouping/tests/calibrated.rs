//! A board weighs its two signals and places its cut by its own pairs
//! ([`crate::grouping::calibration`]); the sentences are written for these tests.

use super::helpers::{encoded_groups as batch, encoder, group_of};
use crate::grouping::replay::{Arrival, replay};
use crate::grouping::{Granularity, Lang};

/// Twelve everyday subjects (weather, football, cooking, banking, travel, health, music,
/// cars, gardening, pets, housing, school), three ideas each, in that order.
const SUBJECTS: [&str; 36] = [
    "It is going to rain all weekend",
    "Tomorrow will be sunny and warm",
    "A storm is expected on Tuesday night",
    "Ajax won the match with three goals",
    "The striker was injured during training",
    "Our club hired a new coach for the season",
    "Add the garlic before the onions turn brown",
    "Bake the bread at two hundred degrees",
    "This soup needs more salt and pepper",
    "How do I transfer money to another account",
    "My debit card was blocked by the bank",
    "What is the interest rate on my savings",
    "Book a flight to Lisbon for next month",
    "The hotel near the beach was fully booked",
    "Our train to Paris was delayed by an hour",
    "I have a headache and a sore throat",
    "The doctor prescribed antibiotics for the infection",
    "Make an appointment with the dentist",
    "The band plays their new album tonight",
    "She practises the piano every morning",
    "Which concerts are there in the city this summer",
    "The engine makes a strange noise when I brake",
    "Change the tyres before winter comes",
    "How much does an electric car cost to charge",
    "Water the tomatoes every evening in summer",
    "Prune the roses in early spring",
    "The lawn needs mowing again",
    "Our dog keeps barking at the postman",
    "The cat refuses to eat its new food",
    "Take the puppy to the vet for its vaccinations",
    "The rent for our apartment went up again",
    "We are painting the living room walls",
    "The landlord still has not fixed the heating",
    "The exam results come out next week",
    "My son has too much homework every evening",
    "The teacher organised a trip to the museum",
];

#[test]
fn ideas_on_unrelated_subjects_are_not_left_in_pairs_and_singletons() {
    // with one fixed cut this board made 20 groups of its 12 subjects
    let groups = batch(&SUBJECTS);
    assert!(groups.len() <= 15, "{} groups: {groups:?}", groups.len());
    let singletons = groups.iter().filter(|g| g.len() == 1).count();
    assert!(singletons <= 2, "{singletons} alone: {groups:?}");
}

#[test]
fn shared_spellings_count_less_where_words_and_meaning_do_not_agree() {
    // "training" and "train" share a stem and letters, nothing else
    let groups = batch(&SUBJECTS);
    let (striker, train) = (4, 14);
    assert_ne!(
        group_of(&groups, striker),
        group_of(&groups, train),
        "{groups:?}"
    );
}

#[test]
fn a_room_that_agrees_is_not_split_for_agreeing() {
    let room = [
        "Telling friends what I do at work",
        "Telling my family about my job",
        "Talking about our work at birthday parties",
        "Telling the neighbours about my work",
        "Explaining my job to people at the sports club",
        "Telling new acquaintances where I work",
        "Vertellen over mijn werk aan vrienden",
        "Thuis vertellen wat ik op mijn werk doe",
        "Op verjaardagen over ons werk praten",
        "Aan de buren vertellen over mijn werk",
    ];
    let groups = batch(&room);
    let largest = groups.iter().map(Vec::len).max().unwrap_or(0);
    assert!(largest >= 8, "{groups:?}");
}

#[test]
fn the_live_board_cuts_where_the_batch_does() {
    // the program's way: placed as typed, meaning arriving later, then settled
    let late = Arrival::Late { settle: true };
    let mut live: Vec<Vec<usize>> = replay(
        &SUBJECTS,
        Lang::Auto,
        Granularity::Default,
        Some(encoder()),
        late,
    )
    .into_iter()
    .map(|(_, items)| items)
    .collect();
    let mut tidy = batch(&SUBJECTS);
    live.sort();
    tidy.sort();
    assert_eq!(live, tidy);
}

#[test]
fn a_large_board_is_measured_again_once_it_has_grown_a_little_not_on_every_idea() {
    let text = |i: u64| format!("idea {i} about subject {} and {}", i % 7, i % 11);
    let mut small = crate::grouping::Engine::default();
    for i in 0..5 {
        small.add(i, &text(i));
        assert_eq!(
            small.calibrated_for,
            i as usize + 1,
            "every idea on a small board"
        );
    }
    let mut board = crate::grouping::Engine::default();
    for i in 0..300 {
        board.add(i, &text(i));
    }
    let at = board.calibrated_for;
    let mut added = 0;
    while board.calibrated_for == at {
        added += 1;
        board.add(1000 + added, &text(1000 + added));
    }
    assert!(
        added > 1 && added as usize <= at / 50 + 1,
        "{added} ideas after {at}"
    );
}
