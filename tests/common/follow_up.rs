//! A first session with actions and a follow-up of it, driven through the app as a
//! facilitator would (for the follow-up tests and screens).

use super::drive::Harness;
use ambassador::app::Screen;
use ambassador::domain::{Language, Session};
use crossterm::event::KeyCode;

/// Step indices of the built-in follow-up workshop.
pub const LAST_TIME: usize = 1;
pub const PULSE: usize = 2;
pub const Q1: usize = 3;
pub const COMMON_GROUND: usize = 6;

/// A first session: three pulse ballots (shown to the room), ideas, a marked denominator, three actions and a follow-up
/// date; then back on the home screen.
pub fn earlier(name: &str, language: Language) -> Harness {
    let mut h = Harness::session(name, language, &["Ann", "Bob", "Chloé"]);
    h.page_down(1)
        .typed("453")
        .typed("221")
        .typed("543")
        .typed("v");
    h.page_down(2);
    for idea in [
        "posting about our projects on LinkedIn",
        "proud to tell friends where I work",
        "sharing our vacancies on LinkedIn",
    ] {
        h.idea(idea).key(KeyCode::Tab);
    }
    h.page_down(4);
    h.key(KeyCode::Char(' '));
    h.page_down(1);
    for (what, who, when) in [
        ("Share one story a month", "Ann", "monthly"),
        ("Invite a client to the open day", "Bob", "March"),
        ("Write a LinkedIn guide", "Chloé", "April"),
    ] {
        h.typed("a").typed(what).key(KeyCode::Tab).typed(who);
        h.key(KeyCode::Tab).typed(when).enter();
    }
    h.page_down(1).typed("d").typed("2026-12-15").enter();
    h.key(KeyCode::F(10));
    assert!(matches!(h.app.screen, Screen::Home(_)));
    h
}

/// From the home screen: `f` on the earlier session, then start the follow-up as set up.
pub fn start_follow_up(h: &mut Harness) {
    h.typed("f");
    let Screen::Setup(setup) = &h.app.screen else {
        panic!("f opens the setup screen: {}", h.message());
    };
    assert_eq!(setup.template().id, "ambassadorship-follow-up");
    // Title, organisation, team, programme, goal, facilitator, participants: Tab to
    // "start" and go.
    for _ in 0..7 {
        h.key(KeyCode::Tab);
    }
    h.enter();
    assert!(matches!(h.app.screen, Screen::Run(_)), "{}", h.message());
}

pub fn go_to(h: &mut Harness, step: usize) {
    for _ in 0..12 {
        let at = h.run().session().current_step_index();
        if at == step {
            return;
        }
        h.key(if at < step {
            KeyCode::PageDown
        } else {
            KeyCode::PageUp
        });
    }
}

/// A follow-up with three ideas per person on its first question, on the common ground.
pub fn voting_board(name: &str) -> Harness {
    voting_board_in(name, Language::En)
}

/// The same in a language.
pub fn voting_board_in(name: &str, language: Language) -> Harness {
    let mut h = earlier(name, language);
    start_follow_up(&mut h);
    go_to(&mut h, Q1);
    for idea in [
        "posted about our projects on LinkedIn",
        "took a friend to the open day",
        "gave a guest lesson at the nursing school",
        "shared a vacancy on LinkedIn",
        "brought my neighbours to the open day",
        "taught a class at the nursing school",
    ] {
        h.idea(idea).key(KeyCode::Tab);
    }
    go_to(&mut h, COMMON_GROUND);
    h
}

pub fn group_rows(s: &Session) -> Vec<ambassador::domain::GroupId> {
    ambassador::app::board_rows(s, "common_ground")
        .into_iter()
        .filter_map(|r| match r {
            ambassador::app::board::BoardRow::Group(g) => Some(g),
            _ => None,
        })
        .collect()
}

/// Moves the board's cursor to a group's row.
pub fn select_group(h: &mut Harness, group: ambassador::domain::GroupId) {
    let rows = ambassador::app::board_rows(h.run().session(), "common_ground");
    let at = rows
        .iter()
        .position(|r| *r == ambassador::app::board::BoardRow::Group(group))
        .unwrap();
    for _ in 0..rows.len() {
        h.key(KeyCode::Up);
    }
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
}
