//! `w` on a board group (issue 23): each member is told by what holds it in the group
//! (meaning, shared words, the facilitator's hand, or a loose fit), never "apart" while the
//! board keeps it there; the overlay scrolls, so the members that fit worst are reached at
//! 80×24 with End.

use crate::common;

use ambassador::app::{Overlay, board_rows};
use ambassador::domain::Language;
use ambassador::steps::board::BoardRow;
use common::drive::Harness;
use crossterm::event::KeyCode;

/// Ideas that share "vertellen" and "werk" (made up for this test), a few that share less.
const IDEAS_NL: [&str; 12] = [
    "Op feestjes vertellen over mijn werk",
    "Aan de buren vertellen wat ik op mijn werk doe",
    "Thuis vertellen hoe mijn werk gaat",
    "Bij de sportclub vertellen over het werk",
    "Vrienden vertellen over een goede dag op het werk",
    "In de klas vertellen over ons werk in de haven",
    "Mijn werk uitleggen aan mijn ooms en tantes",
    "Vertellen over de klanten die we op ons werk helpen",
    "Op de camping vertellen over het werk",
    "Mijn kinderen vertellen wat mijn werk is",
    "Na de training vertellen over mijn werk",
    "Aan nieuwe kennissen vertellen over het werk",
];

const IDEAS_EN: [&str; 12] = [
    "Telling people at parties about my work",
    "Telling the neighbours what I do at work",
    "Telling my family how work is going",
    "Telling the football club about our work",
    "Telling friends about a good day at work",
    "Telling a school class about our work at the port",
    "Explaining my work to uncles and aunts",
    "Telling about the customers we help at work",
    "Telling people on the campsite about work",
    "Telling my children what my work is",
    "Telling teammates after training about my work",
    "Telling new acquaintances about work",
];

/// The common-ground board over `ideas` said on the first question, the cursor on its
/// largest group; returns that group's number of members.
fn on_largest_group(name: &str, lang: Language, ideas: &[&str]) -> (Harness, usize) {
    let mut h = Harness::session(name, lang, &["Ann", "Bob", "Chloé"]);
    h.page_down(3);
    for idea in ideas {
        h.idea(idea);
    }
    h.page_down(4);
    let session = h.run().session();
    assert_eq!(session.current_step().id, "common_ground");
    let groups = &session.results("common_ground").unwrap().groups;
    let largest = groups.iter().max_by_key(|g| g.ideas.len()).unwrap();
    let (id, size) = (largest.id, largest.ideas.len());
    let row = board_rows(session, "common_ground")
        .iter()
        .position(|r| *r == BoardRow::Group(id))
        .unwrap();
    for _ in 0..60 {
        h.key(KeyCode::Up);
    }
    for _ in 0..row {
        h.key(KeyCode::Down);
    }
    (h, size)
}

fn why_body(h: &Harness) -> String {
    match &h.app.overlay {
        Some(Overlay::Info { body, .. }) => body.clone(),
        _ => panic!("no why overlay"),
    }
}

/// Each member's explanation: the line after its "• text" line.
fn explanations(body: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = body.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0].starts_with("• "))
        .map(|w| (w[0][4..].to_string(), w[1].trim().to_string()))
        .collect()
}

#[test]
fn a_member_held_by_shared_words_is_told_as_held_never_as_apart() {
    for (lang, ideas, held_by_words, leads, never) in [
        (
            Language::Nl,
            IDEAS_NL,
            "samen op gedeelde woorden '",
            &[
                "verwant in betekenis",
                "samen op",
                "hier geplaatst door jou",
                "in een groep die jij",
                "past maar los",
            ][..],
            &["apart", "niet verwant"][..],
        ),
        (
            Language::En,
            IDEAS_EN,
            "joined on shared words '",
            &[
                "close in meaning",
                "joined on",
                "placed here by you",
                "in a group you",
                "a loose fit",
            ][..],
            &["apart", "not close", "not related"][..],
        ),
    ] {
        let (mut h, size) = on_largest_group(&format!("why-held-{lang:?}"), lang, &ideas);
        h.key(KeyCode::Char('w'));
        let body = why_body(&h);
        let told = explanations(&body);
        assert_eq!(told.len(), size, "every member is explained: {body}");
        assert!(
            told.iter().any(|(_, e)| e.starts_with(held_by_words)),
            "a member held by its words says so: {body}"
        );
        for (idea, e) in &told {
            assert!(
                leads.iter().any(|l| e.starts_with(l)),
                "{idea}: says what holds it: {e}"
            );
            assert!(!never.iter().any(|n| e.contains(n)), "{idea}: {e}");
        }
    }
}

#[test]
fn the_why_overlay_scrolls_to_the_member_that_fits_worst_at_80x24() {
    // the overlay's bottom edge says how much is below
    let more = |screen: &str| {
        screen
            .lines()
            .any(|l| l.starts_with("└ ") && l.contains('↓'))
    };
    for (lang, ideas) in [(Language::Nl, IDEAS_NL), (Language::En, IDEAS_EN)] {
        let (mut h, size) = on_largest_group(&format!("why-scroll-{lang:?}"), lang, &ideas);
        assert!(size >= 8, "a group too small to need scrolling: {size}");
        h.key(KeyCode::Char('w'));
        let told = explanations(&why_body(&h));
        let (last, _) = told.last().unwrap().clone();
        let start = &last[..last.len().min(30)];
        let screen = h.render(80, 24);
        assert!(more(&screen), "{screen}");
        assert!(
            !screen.contains(start),
            "the last member is below: {screen}"
        );
        h.key(KeyCode::End);
        let screen = h.render(80, 24);
        assert!(
            screen.contains(start),
            "End reaches the last member: {screen}"
        );
        assert!(!more(&screen), "nothing more below the end: {screen}");
        // ↓ past the end stays at the end; ↑ and Home go back; Esc closes
        h.key(KeyCode::Down);
        assert!(h.render(80, 24).contains(start));
        h.key(KeyCode::Home);
        assert!(!h.render(80, 24).contains(start));
        h.key(KeyCode::PageDown);
        h.key(KeyCode::Esc);
        assert!(h.app.overlay.is_none());
        insta::assert_snapshot!(format!("why_group_{lang:?}_80x24"), {
            h.key(KeyCode::Char('w'));
            h.render(80, 24)
        });
        h.key(KeyCode::End);
        insta::assert_snapshot!(format!("why_group_{lang:?}_end_80x24"), h.render(80, 24));
        h.key(KeyCode::Home);
        insta::assert_snapshot!(format!("why_group_{lang:?}_140x45"), h.render(140, 45));
    }
}
