//! Every screen and step kind rendered at 100×30 and 80×24 and compared with snapshots, and
//! rendered at extreme sizes without a panic. Review changes with `cargo insta review`.

mod common;

use ambassador::domain::Language;
use common::drive::Harness;
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
        .enter();
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
}

#[test]
fn a_draft_shows_which_group_it_would_join() {
    let mut h = filled("snap-preview", Language::En);
    go_to(&mut h, 3);
    h.typed("sharing LinkedIn posts");
    snap(&mut h, "question_preview");
}
