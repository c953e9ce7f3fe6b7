//! Undo and redo say what they took back or did again (issue 25, item 11), in the session's
//! language and short: the idea, name or action it was about, cut with … when long.

use crate::common;

use ambassador::domain::Language;
use common::drive::Harness;
use crossterm::event::KeyCode;

#[test]
fn undo_and_redo_name_the_idea_added() {
    let mut h = Harness::session("undo-idea", Language::En, &["Ann", "Bob"]);
    h.page_down(3).idea("proud to tell people where I work");
    h.ctrl('z');
    assert_eq!(
        h.message(),
        "Undone: idea “proud to tell people where I work” added."
    );
    h.ctrl('y');
    assert_eq!(
        h.message(),
        "Redone: idea “proud to tell people where I work” added."
    );
    let screen = h.render(80, 24);
    assert!(screen.contains("Redone: idea “proud"), "{screen}");
}

#[test]
fn undoing_a_removal_names_what_was_removed_and_a_long_text_is_cut() {
    let mut h = Harness::session("undo-remove", Language::En, &["Ann"]);
    h.page_down(3)
        .idea("we share every single project story on LinkedIn and at networking drinks");
    h.key(KeyCode::Up).key(KeyCode::F(3)).typed("y");
    h.ctrl('z');
    let message = h.message();
    assert!(
        message.starts_with("Undone: idea “we share every single")
            && message.ends_with("…” removed."),
        "{message}"
    );
}

#[test]
fn a_dutch_paste_of_three_ideas_is_undone_as_one_and_says_so() {
    let mut h = Harness::session("undo-paste-nl", Language::Nl, &["Anouk"]);
    h.page_down(4);
    h.app
        .paste("borrel bezoeken\nLinkedIn posts delen\nverjaardagen\n");
    h.ctrl('z');
    assert_eq!(
        h.message(),
        "Ongedaan gemaakt: idee “borrel bezoeken” toegevoegd (en nog 2)."
    );
}

#[test]
fn undoing_an_action_on_the_bridge_names_it() {
    let mut h = Harness::session("undo-action", Language::En, &["Ann"]);
    h.page_down(8)
        .typed("a")
        .typed("Share one story a month")
        .key(KeyCode::Tab)
        .typed("Ann");
    h.key(KeyCode::Tab).typed("monthly").enter();
    h.ctrl('z');
    assert_eq!(
        h.message(),
        "Undone: action “Share one story a month” added."
    );
}
