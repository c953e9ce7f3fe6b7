//! Automatic labels follow their members; the facilitator's label stays.

use super::helpers::{board, check_invariants};
use crate::grouping::labels::{SEP, fits};

fn label_of(e: &crate::grouping::Engine, id: u64) -> String {
    let g = e.group_of(id).unwrap();
    e.groups().into_iter().find(|v| v.id == g).unwrap().label
}

#[test]
fn an_automatic_label_follows_its_members_as_they_change() {
    let mut e = board(&[
        "verjaardagen van patiënten vieren",
        "verjaardagen van patiënten en collega's",
        "verjaardagen op de afdeling",
    ]);
    assert_eq!(e.group_of(0), e.group_of(2));
    // the ideas that said "patiënten" say something else now
    e.edit(0, "verjaardagen vieren met taart");
    e.edit(1, "verjaardagen van collega's");
    let label = label_of(&e, 2);
    assert!(!label.contains("patiënten"), "{label}");
    check_invariants(&e);
    // a label the facilitator typed stays, whatever the members say
    let g = e.group_of(2).unwrap();
    e.rename(g, "Feestjes");
    e.edit(2, "taart op de afdeling");
    assert_eq!(label_of(&e, 2), "Feestjes");
}

#[test]
fn a_stored_label_naming_a_word_nobody_said_is_made_anew_on_restore() {
    let mut e = board(&["verjaardagen vieren", "verjaardagen op de afdeling"]);
    let mut c = e.constraints();
    c.groups[0].label = format!("verjaardagen{SEP}patiënten");
    let ideas = [
        (0, "verjaardagen vieren".to_string()),
        (1, "verjaardagen op de afdeling".to_string()),
    ];
    e.restore(&ideas, &c);
    let label = label_of(&e, 0);
    assert!(
        !label.contains("patiënten") && label.contains("verjaardagen"),
        "{label}"
    );
    // a fitting stored label is kept as it was
    let mut c = e.constraints();
    c.groups[0].label = "afdeling".into();
    e.restore(&ideas, &c);
    assert_eq!(label_of(&e, 0), "afdeling");
    assert!(!fits("afdeling", &[]));
}

#[test]
fn a_word_more_members_share_takes_over_the_label_of_the_first_idea() {
    let mut e = board(&["Trots vertellen over onze afdeling"]);
    let first = label_of(&e, 0);
    assert!(!first.contains("trots"), "{first}");
    e.add(1, "Ik ben trots op mijn collega's");
    e.add(2, "Trots zijn op wat we samen doen");
    assert_eq!(e.group_of(0), e.group_of(1));
    assert_eq!(e.group_of(0), e.group_of(2));
    let label = label_of(&e, 0);
    assert!(label.to_lowercase().starts_with("trots"), "{label}");
    check_invariants(&e);
}

#[test]
fn the_second_word_of_a_first_ideas_label_goes_once_others_join_without_it() {
    let mut e = board(&["Proud of the care we give to patients"]);
    let first = label_of(&e, 0);
    assert!(first.contains(SEP), "{first}");
    e.add(1, "I am proud of my team");
    assert_eq!(e.group_of(0), e.group_of(1));
    let label = label_of(&e, 0);
    assert_eq!(label.to_lowercase(), "proud", "{first} -> {label}");
    check_invariants(&e);
}
