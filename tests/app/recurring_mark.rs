//! `↻` on a follow-up's board names the earlier common denominator a group matches, also
//! when the group says it again in other words (issue 23).

use crate::common;

use ambassador::app::Screen;
use ambassador::app::worker::WorkerHandle;
use ambassador::domain::Language;
use common::drive::Harness;
use common::follow_up::{COMMON_GROUND, Q1, go_to, start_follow_up};
use crossterm::event::KeyCode;

/// A first session whose one denominator the facilitator named "Pride and recognition"
/// (ideas made up for this test); then a follow-up on its common ground, with the meaning
/// of its ideas known.
fn follow_up_board(name: &str, lang: Language, later: &[&str]) -> Harness {
    let mut h = Harness::session(name, lang, &["Ann", "Bob"]);
    h.page_down(3);
    for idea in [
        "Being proud of what our team achieves",
        "Recognition from management when we do well",
    ] {
        h.idea(idea);
    }
    h.page_down(4);
    h.typed("r")
        .ctrl('u')
        .typed("Pride and recognition")
        .enter();
    h.key(KeyCode::Char(' '));
    h.page_down(2);
    h.key(KeyCode::F(10));
    assert!(matches!(h.app.screen, Screen::Home(_)), "{}", h.message());
    start_follow_up(&mut h);
    let cache = tempfile::tempdir().unwrap();
    let (events, inbox) = std::sync::mpsc::channel();
    h.app.attach_worker(WorkerHandle::inline(
        ambassador::app::AppEvent::worker_outlet(events),
        Some(cache.path().to_path_buf()),
    ));
    go_to(&mut h, Q1);
    for idea in later {
        h.idea(idea).key(KeyCode::Tab);
    }
    go_to(&mut h, COMMON_GROUND);
    while let Ok(event) = inbox.try_recv() {
        h.app.handle(event);
    }
    h.key(KeyCode::Down).key(KeyCode::Up);
    h
}

#[test]
fn the_recurring_mark_names_the_earlier_denominator_said_again_in_other_words() {
    for (lang, later) in [
        (
            Language::En,
            ["Pleased with ourselves after how we handled the busy season"],
        ),
        (
            Language::Nl,
            ["Trots op wat we samen neerzetten, en dat de directie dat ziet"],
        ),
    ] {
        let mut h = follow_up_board(&format!("recurring-named-{lang:?}"), lang, &later);
        let screen = h.render(80, 24);
        assert!(
            screen.contains("↻ Pride and recognition ("),
            "{lang:?}: {screen}"
        );
    }
}
