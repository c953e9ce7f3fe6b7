//! The home and review screens in front of a room, round two (issue 25, items 10, 12 and 15):
//! every home row fits at 80 columns, the comparison stops at its end and says what was not
//! asked, the trend keeps its lines readable.

use crate::common;

use ambassador::domain::Language;
use common::drive::Harness;
use crossterm::event::KeyCode;

const TWELVE: [&str; 12] = [
    "Annemarie",
    "Bartholomeus",
    "Chloé",
    "Dirk-Jan",
    "Evelien",
    "Fatima",
    "Gerrit",
    "Hanneke",
    "Ibrahim",
    "Jolanda",
    "Koen",
    "Lieke",
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

fn press(app: &mut ambassador::app::App, code: KeyCode) {
    use crossterm::event::{KeyEvent, KeyModifiers};
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn review_of(app: &ambassador::app::App) -> &ambassador::app::ReviewState {
    match &app.screen {
        ambassador::app::Screen::Review(r) => r,
        _ => panic!("not on the review screen"),
    }
}

/// Two sessions of team Zorggroep in one folder: in May the roles were asked (Ann and Eva
/// representatives, Bob a relay), in November they were not.
fn roles_then_none(name: &str) -> common::drive::TestDir {
    let dir = common::drive::TestDir::new(name);
    let at = |t: &str| ambassador::domain::FixedClock::at(t.parse().unwrap());
    let people = ["Ann", "Bob", "Eva"];
    let mut may = Harness::another_session(
        dir.path(),
        Language::En,
        &people,
        at("2026-05-12T09:00:00Z"),
    );
    press(&mut may, KeyCode::PageDown);
    press(&mut may, KeyCode::PageDown);
    for role in ['1', '4', '1'] {
        press(&mut may, KeyCode::Char(role));
    }
    drop(may);
    let november = Harness::another_session(
        dir.path(),
        Language::En,
        &people,
        at("2026-11-20T09:00:00Z"),
    );
    drop(november);
    dir
}

fn compared(dir: common::drive::TestDir) -> Harness {
    let mut app = ambassador::app::App::new(
        ambassador::app::Start::Review {
            paths: Harness::paths(dir.path()),
        },
        Box::new(common::clock()),
    );
    press(&mut app, KeyCode::F(3));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::F(3));
    assert!(
        matches!(
            review_of(&app).view,
            ambassador::app::ReviewView::Compare(_)
        ),
        "{:?}",
        app.message
    );
    Harness { dir, app }
}

#[test]
fn roles_not_asked_in_the_later_session_say_so_instead_of_dropping_to_zero() {
    let mut h = compared(roles_then_none("fits-compare-roles"));
    let screen = h.render(80, 24);
    assert!(
        screen.contains("Representative: 2 → not asked") && screen.contains("Relay: 1 → not asked"),
        "{screen}"
    );
    assert!(!screen.contains("→ 0"), "{screen}");
}

#[test]
fn the_comparison_stops_scrolling_at_its_end() {
    let mut h = compared(roles_then_none("fits-compare-scroll"));
    for size in [(80, 24), (160, 48), (60, 16)] {
        h.render(size.0, size.1);
        for _ in 0..60 {
            press(&mut h.app, KeyCode::Down);
        }
        let screen = h.render(size.0, size.1);
        assert!(
            screen.contains("Agreed last time"),
            "the end stays on screen at {size:?}:\n{screen}"
        );
        let r = review_of(&h.app);
        assert_eq!(r.scroll, r.scroll_max.get(), "{size:?}");
        // One key up shows one line more at the top, at once.
        let last = r.scroll;
        press(&mut h.app, KeyCode::Up);
        assert_eq!(review_of(&h.app).scroll, last.saturating_sub(1));
        for _ in 0..60 {
            press(&mut h.app, KeyCode::Up);
        }
    }
    let screen = h.render(80, 24);
    assert!(screen.contains("Team Noord (2026-05-12)"), "{screen}");
}

/// A session of team Zorggroep in English with each of three people scoring `pulse`.
fn pulse_session(dir: &std::path::Path, at: &str, pulse: &str) {
    let clock = ambassador::domain::FixedClock::at(at.parse().unwrap());
    let mut app = Harness::another_session(dir, Language::En, &["Ann", "Bob", "Eva"], clock);
    press(&mut app, KeyCode::PageDown);
    for _ in 0..3 {
        for c in pulse.chars() {
            press(&mut app, KeyCode::Char(c));
        }
    }
    press(&mut app, KeyCode::Char('v'));
}

/// The trend of three English sessions, on a review screen in `language`.
fn trend_of_three(name: &str, language: &str) -> Harness {
    let dir = common::drive::TestDir::new(name);
    pulse_session(dir.path(), "2026-03-02T09:00:00Z", "234");
    pulse_session(dir.path(), "2026-06-01T09:00:00Z", "333");
    pulse_session(dir.path(), "2026-11-20T09:00:00Z", "452");
    let paths = Harness::paths(dir.path());
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(
        paths.config_dir.join("config.ron"),
        format!("(language: Some({language}))"),
    )
    .unwrap();
    let mut app = ambassador::app::App::new(
        ambassador::app::Start::Review { paths },
        Box::new(common::clock()),
    );
    press(&mut app, KeyCode::F(4));
    assert!(
        matches!(review_of(&app).view, ambassador::app::ReviewView::Trend(_)),
        "{:?}",
        app.message
    );
    Harness { dir, app }
}

#[test]
fn the_trend_at_80_columns_keeps_its_columns_and_a_legend_off_the_lines() {
    let mut h = trend_of_three("fits-trend-80", "en");
    let screen = h.render(80, 24);
    let header = screen
        .lines()
        .find(|l| l.contains("date") && l.contains("session"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(header.contains("most shared"), "no column cut:\n{screen}");
    // The legend has lines of its own below the chart: each statement's marker, number
    // and its values over the sessions.
    for legend in [
        "⠶ 1 I am in the",
        "• 2 I enjoy my work",
        "▄ 3 There is time",
    ] {
        assert!(screen.contains(legend), "{legend}:\n{screen}");
    }
    assert!(screen.contains("2.0 → 3.0 → 4.0"), "{screen}");
    assert!(
        !screen.contains("│1 I am"),
        "no legend box over the lines:\n{screen}"
    );
}

#[test]
fn the_trend_at_160_columns_tells_its_lines_apart_without_colour() {
    let mut h = trend_of_three("fits-trend-160", "en");
    let screen = h.render(160, 48);
    for legend in [
        "⠶ 1 I am in the right place here",
        "• 2 I enjoy my work",
        "▄ 3 There is time, space and attention for me",
    ] {
        assert!(screen.contains(legend), "{legend}:\n{screen}");
    }
    assert!(screen.contains("top common ground (people)"), "{screen}");
    for values in ["2.0 → 3.0 → 4.0", "3.0 → 3.0 → 5.0", "4.0 → 3.0 → 2.0"] {
        assert!(screen.contains(values), "{values}:\n{screen}");
    }
}

#[test]
fn a_dutch_review_of_english_sessions_words_the_pulse_in_dutch() {
    let mut h = trend_of_three("fits-trend-nl", "nl");
    let screen = h.render(160, 48);
    assert!(
        screen.contains("1 Ik zit hier op de juiste plek")
            && screen.contains("2 Ik heb plezier in mijn werk"),
        "{screen}"
    );
    assert!(!screen.contains("I enjoy my work"), "{screen}");
}
