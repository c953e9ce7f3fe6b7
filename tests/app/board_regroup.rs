//! The board's regroup keys say what they did (issue 12 item 5), `w` tells closeness in
//! meaning beside shared words (issue 10 item 7).

use crate::common;

use ambassador::app::{Overlay, board_rows, worker::WorkerHandle};
use ambassador::domain::Language;
use common::drive::Harness;
use crossterm::event::KeyCode;

const IDEAS: [&str; 6] = [
    "Posting on LinkedIn about our projects",
    "A LinkedIn post about a project we finished",
    "Telling friends at a birthday party what I do",
    "Chatting about my job at family parties",
    "Writing for the newsletter of the neighbourhood",
    "A newsletter article about our team",
];

/// The common-ground board over six ideas said on the first question.
fn board(name: &str, lang: Language) -> Harness {
    let mut h = Harness::session(name, lang, &["Ann", "Bob", "Chloé"]);
    h.page_down(3);
    for idea in IDEAS {
        h.idea(idea);
    }
    h.page_down(4);
    assert_eq!(h.run().session().current_step().id, "common_ground");
    h
}

fn groups(h: &Harness) -> usize {
    h.run()
        .session()
        .results("common_ground")
        .unwrap()
        .groups
        .len()
}

fn cursor_to(h: &mut Harness, row: usize) {
    for _ in 0..50 {
        h.key(KeyCode::Up);
    }
    for _ in 0..row {
        h.key(KeyCode::Down);
    }
}

#[test]
fn coarser_after_every_idea_was_placed_by_hand_says_why_nothing_moved() {
    let mut h = board("regroup-by-hand", Language::En);
    assert!(groups(&h) > 1, "the ideas start in several groups");
    // merge every group into the first one: each idea is now placed by hand
    while groups(&h) > 1 {
        let rows = board_rows(h.run().session(), "common_ground");
        let last = rows
            .iter()
            .rposition(|r| matches!(r, ambassador::steps::board::BoardRow::Group(_)))
            .unwrap();
        cursor_to(&mut h, last);
        h.key(KeyCode::Char('g'));
        cursor_to(&mut h, 0);
        h.key(KeyCode::Enter);
    }
    h.key(KeyCode::Char('+'));
    let told = h.message();
    assert!(
        told.contains("nothing moved") && told.contains("placed by hand"),
        "{told}"
    );
    assert_eq!(groups(&h), 1);
    h.key(KeyCode::Char('+'));
    assert!(
        h.message().contains("Already the coarsest"),
        "{}",
        h.message()
    );
}

#[test]
fn coarser_and_finer_say_how_many_groups_there_were_and_are() {
    let mut h = board("regroup-counts", Language::Nl);
    let before = groups(&h);
    h.key(KeyCode::Char('-'));
    let after = groups(&h);
    let told = h.message();
    if before == after {
        assert!(told.contains("niets verschoven"), "{told}");
    } else {
        assert!(
            told.contains(&format!("{before} → {after} groepen")),
            "{told}"
        );
    }
    assert!(told.starts_with("Fijner groeperen"), "{told}");
}

fn why_on_first_idea(h: &mut Harness) -> String {
    cursor_to(h, 1);
    h.key(KeyCode::Char('w'));
    match &h.app.overlay {
        Some(Overlay::Info { body, .. }) => body.clone(),
        _ => panic!("no why overlay"),
    }
}

#[test]
fn why_tells_closeness_in_meaning_beside_shared_words() {
    for (lang, meaning, words) in [
        (Language::En, "in meaning", "shared words"),
        (Language::Nl, "in betekenis", "gedeelde woorden"),
    ] {
        let mut h = board(&format!("why-meaning-{lang:?}"), lang);
        // without the encoder: words only
        let plain = why_on_first_idea(&mut h);
        assert!(!plain.contains(meaning), "{plain}");
        h.key(KeyCode::Esc);
        let cache = tempfile::tempdir().unwrap();
        let (events, inbox) = std::sync::mpsc::channel();
        h.app.attach_worker(WorkerHandle::inline(
            ambassador::app::AppEvent::worker_outlet(events),
            Some(cache.path().to_path_buf()),
        ));
        while let Ok(event) = inbox.try_recv() {
            h.app.handle(event);
        }
        let body = why_on_first_idea(&mut h);
        assert!(body.contains(meaning) && body.contains(words), "{body}");
    }
}
