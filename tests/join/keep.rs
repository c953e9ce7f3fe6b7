//! A device never loses what its person typed, and the facilitator sees what arrives: an idea
//! for a question the room reached is kept while the facilitator looks back (and the status
//! line says so), 2,000 characters of any script fit, idempotency keys are each device's
//! own, and a new name waiting to be let in shows on the run screen. Loopback only; the
//! facilitator's screen is drawn at 80×24 in English and Dutch.

use crate::common;

use ambassador::app::App;
use ambassador::domain::Language;
use common::join::{Probe, Room};
use crossterm::event::KeyCode;
use std::sync::{Arc, Mutex};

const PULSE: usize = 1;
const Q1: usize = 3;
const Q2: usize = 4;

/// A probe that keeps the facilitator's screen as an 80×24 terminal shows it.
fn screen_80x24() -> (Probe, Arc<Mutex<String>>) {
    let screen = Arc::new(Mutex::new(String::new()));
    let seen = screen.clone();
    let probe: Probe = Box::new(move |app: &App| {
        *seen.lock().unwrap() = common::drive::screen_text(app, 80, 24);
    });
    (probe, screen)
}

#[test]
fn an_idea_for_a_question_the_room_reached_is_kept_while_the_facilitator_looks_back() {
    for (lang, said) in [
        (
            Language::En,
            "New idea from a device for “What does it look like?”",
        ),
        (
            Language::Nl,
            "Nieuw idee van een apparaat bij “Hoe ziet het eruit?”",
        ),
    ] {
        let (probe, screen) = screen_80x24();
        let room = Room::start_as(lang, &["Ann"], false, probe);
        let ann = room.join("Ann");
        room.next_steps(Q2, &ann);
        // Ann's page shows Q2; the facilitator looks back at the pulse meanwhile.
        for _ in PULSE..Q2 {
            room.key(KeyCode::PageUp);
        }
        room.wait_for(|| room.step(&ann) == PULSE);
        let step = Q2.to_string();
        let sent = room.post_patiently(
            "/idea",
            &ann,
            &[
                ("key", "late-1"),
                ("text", "Wear the badge"),
                ("step", &step),
            ],
        );
        assert_eq!(sent.status, 200, "{sent:?}");
        let kept = room.ideas_on(Q2);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].text, "Wear the badge");
        // The facilitator is told, on the status line, where it went.
        room.wait_for(|| screen.lock().unwrap().contains(said));
        // A question the room has not reached takes nothing, and says why.
        let ahead = (Q2 + 1).to_string();
        let early = room.post_patiently(
            "/idea",
            &ann,
            &[("key", "early-1"), ("text", "Too soon"), ("step", &ahead)],
        );
        assert_eq!(early.status, 409);
        assert!(
            early.json()["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
        assert!(room.ideas_on(Q2 + 1).is_empty());
    }
}

#[test]
fn two_thousand_characters_of_any_script_fit_in_one_idea() {
    let room = Room::start(Language::En, &["Ann"]);
    let ann = room.join("Ann");
    room.next_steps(Q1, &ann);
    let texts = [
        "ж".repeat(2000),
        "😀".repeat(2000),
        "漢".repeat(2000),
        "ﷺ".repeat(2000),
    ];
    for (n, text) in texts.iter().enumerate() {
        let key = format!("script-{n}");
        let sent = room.post_patiently("/idea", &ann, &[("key", &key), ("text", text)]);
        assert_eq!(
            sent.status,
            200,
            "{}: {sent:?}",
            text.chars().next().unwrap()
        );
    }
    let kept = room.ideas_on(Q1);
    assert_eq!(kept.len(), texts.len());
    for (idea, text) in kept.iter().zip(&texts) {
        assert_eq!(idea.text.chars().count(), 2000);
        assert_eq!(&idea.text, text);
    }
    // One more character is refused, with the reason for the page to show.
    let over = "😀".repeat(2001);
    let refused = room.post_patiently("/idea", &ann, &[("key", "over"), ("text", &over)]);
    assert_eq!(refused.status, 400);
    assert_eq!(refused.json()["notice"], "too_long");
    assert!(
        refused.json()["message"]
            .as_str()
            .is_some_and(|m| m.contains("2,000"))
    );
}

#[test]
fn another_device_sending_the_same_key_gets_its_own_idea_saved() {
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    let (ann, bob) = (room.join("Ann"), room.join("Bob"));
    room.next_steps(Q1, &ann);
    let first = room.post_patiently("/idea", &ann, &[("key", "same"), ("text", "Ann's idea")]);
    let other = room.post_patiently("/idea", &bob, &[("key", "same"), ("text", "Bob's idea")]);
    assert_eq!((first.status, other.status), (200, 200));
    assert_ne!(first.json()["id"], other.json()["id"]);
    // Ann's own retry still finds hers.
    let again = room.post_patiently("/idea", &ann, &[("key", "same"), ("text", "Ann's idea")]);
    assert_eq!(again.json()["id"], first.json()["id"]);
    let session = room.on_disk();
    let ideas = room.ideas_on(Q1);
    let said: Vec<(&str, &str)> = ideas
        .iter()
        .map(|i| (session.participant_name(i.participant), i.text.as_str()))
        .collect();
    assert_eq!(said, [("Ann", "Ann's idea"), ("Bob", "Bob's idea")]);
}

#[test]
fn a_new_name_waiting_to_be_let_in_shows_on_the_run_screen() {
    for (lang, said) in [
        (Language::En, "Waiting to join: Dee"),
        (Language::Nl, "Wacht om mee te doen: Dee"),
    ] {
        let (probe, screen) = screen_80x24();
        let room = Room::start_as(lang, &["Ann"], false, probe);
        let asked = room.post(
            "/join",
            None,
            &[
                ("code", &room.code),
                ("participant", "new"),
                ("name", "Dee"),
            ],
        );
        assert_eq!(asked.status, 200, "{asked:?}");
        // Without opening the join panel: the run screen itself says so.
        room.wait_for(|| screen.lock().unwrap().contains(said));
        let shown = screen.lock().unwrap().clone();
        assert!(
            !shown.contains("(new name"),
            "the panel is closed:\n{shown}"
        );
    }
}
