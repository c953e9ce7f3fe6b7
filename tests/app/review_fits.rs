//! The home and review screens in front of a room, round two (issue 25, items 10, 12 and 15):
//! every home row fits at 80 columns, the comparison stops at its end and says what was not
//! asked, the trend keeps its lines readable.

use crate::common;

use ambassador::domain::Language;
use common::drive::Harness;
use crossterm::event::KeyCode;

const TWELVE: [&str; 12] = [
    "Annemarie", "Bartholomeus", "Chloé", "Dirk-Jan", "Evelien", "Fatima", "Gerrit",
    "Hanneke", "Ibrahim", "Jolanda", "Koen", "Lieke",
];

/// The row of the home list (its two lines) that shows `text`, and the line below it.
fn row_lines<'a>(screen: &'a str, text: &str) -> (&'a str, &'a str) {
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} on the screen:\n{screen}"));
    (lines[at], lines[at + 1])
}

#[test]
fn a_home_row_of_twelve_people_fits_at_80_columns_with_its_idea_count_and_state() {
    let mut h = Harness::session("fits-home", Language::En, &TWELVE);
    h.page_down(3).idea("LinkedIn posts").idea("school fair");
    h.key(KeyCode::F(10));
    let screen = h.render(80, 24);
    let (_, second) = row_lines(&screen, "Team Noord");
    assert!(
        second.contains("2 ideas · step 4/10") && second.ends_with('│'),
        "the count and the step, inside the border:\n{screen}"
    );
    assert!(
        second.contains("Annemarie, ") && second.contains(", … +"),
        "the names that fit, then how many more:\n{screen}"
    );
    // Wide, everyone shows.
    let wide = h.render(160, 48);
    let (_, second) = row_lines(&wide, "Team Noord");
    assert!(
        second.contains("Koen, Lieke · 2 ideas · step 4/10"),
        "{wide}"
    );
}

#[test]
fn a_finished_session_of_twelve_says_so_at_80_columns() {
    let mut h = Harness::session("fits-home-done", Language::En, &TWELVE);
    h.page_down(3).idea("LinkedIn posts");
    for _ in 0..6 {
        h.page_down(1);
    }
    h.typed("f");
    h.key(KeyCode::F(10));
    let screen = h.render(80, 24);
    let (_, second) = row_lines(&screen, "Team Noord");
    assert!(
        second.contains("1 idea · finished") && second.ends_with('│'),
        "{screen}"
    );
}
