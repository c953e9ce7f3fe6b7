//! Every screen and step kind rendered at 100×30 and 80×24 and compared with snapshots, and
//! rendered at extreme sizes without a panic. Review changes with `cargo insta review`.

use crate::common;

use ambassador::domain::Language;
use common::drive::Harness;
use common::follow_up::{
    COMMON_GROUND, LAST_TIME, PULSE, earlier, group_rows, select_group, voting_board_in,
};
use crossterm::event::KeyCode;

const SIZES: [(u16, u16); 2] = [(100, 30), (80, 24)];

fn snap(h: &mut Harness, name: &str) {
    for (w, hgt) in SIZES {
        let screen = h.render(w, hgt);
        insta::assert_snapshot!(format!("{name}_{w}x{hgt}"), screen);
    }
    for (w, hgt) in [(20, 5), (1, 1), (300, 100), (61, 16)] {
        h.render(w, hgt);
    }
}

/// A session with something on every step.
fn filled(name: &str, language: Language) -> Harness {
    let mut h = Harness::session(name, language, &["Ann", "Bob", "Chloé"]);
    h.key(KeyCode::Char(' '))
        .key(KeyCode::Down)
        .key(KeyCode::Char(' '));
    h.page_down(1).typed("453").typed("221").typed("54");
    h.page_down(1).typed("1").typed("3").typed("1");
    h.page_down(1);
    // One idea each, moving to the next person after every idea.
    for idea in [
        "proud to tell people where I work",
        "trots vertellen over ons team",
        "posting about our projects on LinkedIn",
        "honest about the workload",
    ] {
        h.idea(idea).key(KeyCode::Tab);
    }
    h.page_down(1)
        .idea("LinkedIn posts delen")
        .key(KeyCode::Tab)
        .idea("netwerkborrels bezoeken");
    h.page_down(3);
    h.key(KeyCode::Char(' '));
    h.page_down(1)
        .typed("a")
        .typed("Share one story a month")
        .key(KeyCode::Tab)
        .typed("Ann");
    h.key(KeyCode::Tab).typed("monthly").enter();
    h.typed("t")
        .typed("Revisit the low pulse scores in March.")
        .ctrl('s');
    h.page_down(1);
    h
}

fn go_to(h: &mut Harness, step: usize) {
    for _ in 0..12 {
        h.key(KeyCode::PageUp);
    }
    h.page_down(step);
}

#[test]
fn home_screens() {
    let mut h = Harness::home("snap-home-empty");
    snap(&mut h, "home_empty");
    let mut h = filled("snap-home-list", Language::En);
    h.key(KeyCode::F(10));
    snap(&mut h, "home_list");
}

#[test]
fn setup_screen_with_a_validation_error() {
    let mut h = Harness::home("snap-setup");
    h.typed("n");
    snap(&mut h, "setup_empty");
    h.typed("Team Noord");
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.typed("Anouk").enter().typed("anouk").enter();
    snap(&mut h, "setup_duplicate");
}

#[test]
fn every_step_in_english() {
    let mut h = filled("snap-steps-en", Language::En);
    let names = [
        "welcome",
        "pulse",
        "roles",
        "q1",
        "q2",
        "q3",
        "q4",
        "common_ground",
        "bridge",
        "close",
    ];
    for (i, name) in names.iter().enumerate() {
        go_to(&mut h, i);
        snap(&mut h, &format!("step_{name}"));
    }
}

#[test]
fn dutch_steps() {
    let mut h = filled("snap-steps-nl", Language::Nl);
    for (i, name) in [(1, "pulse"), (3, "q1"), (7, "common_ground")] {
        go_to(&mut h, i);
        snap(&mut h, &format!("nl_step_{name}"));
    }
}

#[test]
fn overlays() {
    let mut h = filled("snap-overlays", Language::En);
    go_to(&mut h, 3);
    h.key(KeyCode::F(1));
    snap(&mut h, "overlay_help_question");
    h.key(KeyCode::Esc).key(KeyCode::F(3));
    snap(&mut h, "overlay_confirm_delete");
    h.typed("n");
    go_to(&mut h, 7);
    h.key(KeyCode::Down).typed("w");
    snap(&mut h, "overlay_why");
    h.key(KeyCode::Esc).typed("r");
    snap(&mut h, "overlay_rename");
    h.key(KeyCode::Esc).typed("m");
    snap(&mut h, "board_pick_move");
    h.typed("li");
    snap(&mut h, "board_pick_move_filtered");
}

#[test]
fn a_draft_shows_which_group_it_would_join() {
    let mut h = filled("snap-preview", Language::En);
    go_to(&mut h, 3);
    h.typed("sharing LinkedIn posts");
    snap(&mut h, "question_preview");
}

// Follow-up sessions: the setup filled in from the earlier session, "last time we agreed"
// with outcomes, the pulse beside last time's, the board with votes and last time's
// denominators, and the room view of both new things.

/// A follow-up in `language` with outcomes marked, the pulse scored and three people's dots.
fn follow_up_session(name: &str, language: Language) -> Harness {
    let mut h = voting_board_in(name, language);
    let groups = group_rows(h.run().session());
    // Ann 2 + 1, Bob 3, Chloé 1 + 2.
    for (person, dots) in [[(0, 2), (1, 1)], [(1, 3), (1, 0)], [(2, 1), (0, 2)]]
        .into_iter()
        .enumerate()
    {
        for (group, n) in dots {
            select_group(&mut h, groups[group]);
            for _ in 0..n {
                h.typed("v");
            }
        }
        if person < 2 {
            h.key(KeyCode::Tab);
        }
    }
    h.key(KeyCode::Tab);
    go_to(&mut h, LAST_TIME);
    h.typed("1").typed("2").typed("3").key(KeyCode::F(2));
    h.typed("After the audit").enter();
    go_to(&mut h, PULSE);
    h.typed("555").typed("332").typed("444");
    h
}

#[test]
fn the_setup_of_a_follow_up_is_filled_in_from_the_earlier_session() {
    let mut h = earlier("snap-fu-setup", Language::En);
    h.typed("f");
    snap(&mut h, "follow_up_setup");
}

#[test]
fn follow_up_steps_in_english_and_dutch() {
    for (language, prefix) in [(Language::En, "follow_up"), (Language::Nl, "nl_follow_up")] {
        let mut h = follow_up_session(&format!("snap-{prefix}"), language);
        go_to(&mut h, LAST_TIME);
        snap(&mut h, &format!("{prefix}_last_time"));
        go_to(&mut h, PULSE);
        snap(&mut h, &format!("{prefix}_pulse"));
        go_to(&mut h, COMMON_GROUND);
        snap(&mut h, &format!("{prefix}_board"));
    }
}

#[test]
fn the_room_view_shows_outcomes_and_votes_without_voters() {
    let mut h = follow_up_session("snap-fu-present", Language::En);
    for (step, name) in [(LAST_TIME, "last_time"), (COMMON_GROUND, "board")] {
        go_to(&mut h, step);
        let state = ambassador::present::PresentState::of(h.on_disk(), false);
        for (w, hgt) in [(100, 30), (80, 24)] {
            let screen = ambassador::present::draw::render_to_string(
                &state,
                w,
                hgt,
                std::time::Instant::now(),
            );
            assert!(!screen.contains("Ann 2"), "no voters in the room view");
            insta::assert_snapshot!(format!("present_follow_up_{name}_{w}x{hgt}"), screen);
        }
    }
}

/// An interview part-way: two answers to the first question, one to the second with what
/// was heard, the second question being asked.
fn interview_under_way(name: &str, language: Language) -> Harness {
    let mut h = crate::interviews::interview(name, language);
    h.idea("Someone who is proud of the work and says so, also outside the office")
        .idea("Honest, also about what is hard");
    h.key(KeyCode::Tab)
        .idea("At birthday parties, when people ask what I do");
    h.key(KeyCode::F(4))
        .typed("Pride, told in person")
        .ctrl('s');
    h.typed("On LinkedIn");
    h
}

#[test]
fn interview_step() {
    let mut h = interview_under_way("snap-interview", Language::En);
    snap(&mut h, "interview_step");
    let mut h = interview_under_way("snap-interview-nl", Language::Nl);
    snap(&mut h, "interview_step_nl");
}
