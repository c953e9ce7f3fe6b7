//! Common ground across sessions on the review screen: reached from home with `t` (and F7
//! on the review list), fits 80×24, scrolls, in English and Dutch.

use crate::common;

use ambassador::app::{App, ReviewView, Screen, Start};
use ambassador::domain::Language;
use common::drive::{Harness, TestDir};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Three sessions of one programme, from three teams, saying the same things.
fn programme(name: &str) -> TestDir {
    let dir = TestDir::new(name);
    let data = Harness::paths(dir.path()).data_dir;
    let base = common::render(&common::filled_session(2));
    let sessions = data.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    for (n, team) in ["North", "South", "East"].iter().enumerate() {
        let id = format!("2026-11-{:02}-{}", 20 + n, team.to_lowercase());
        let text = base
            .replacen("id: \"2026-11-27-test\"", &format!("id: \"{id}\""), 1)
            .replacen(
                "created: \"2026-11-27T09:00:00Z\"",
                &format!("created: \"2026-11-{:02}T09:00:00Z\"", 20 + n),
                1,
            )
            .replacen(
                "    language:",
                &format!("    team: \"{team}\",\n    programme: \"Pilot\",\n    language:"),
                1,
            );
        std::fs::write(sessions.join(format!("{id}.ron")), text).unwrap();
    }
    dir
}

fn home(dir: &std::path::Path, lang: Language) -> App {
    let paths = Harness::paths(dir);
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(
        paths.config_dir.join("config.ron"),
        format!("(language: Some({}))", lang.code()),
    )
    .unwrap();
    App::new(Start::Home { paths }, Box::new(common::clock()))
}

fn on_programme(app: &App) -> bool {
    matches!(&app.screen, Screen::Review(r) if matches!(r.view, ReviewView::Programme(_)))
}

#[test]
fn t_on_home_shows_common_ground_across_sessions_at_80x24() {
    let dir = programme("themes-home");
    let app = home(dir.path(), Language::En);
    let mut h = Harness { dir, app };
    key(&mut h.app, KeyCode::Char('t'));
    assert!(on_programme(&h.app), "{}", h.render(80, 24));
    let screen = h.render(80, 24);
    assert!(screen.contains("3 sessions of 3 teams"), "{screen}");
    insta::assert_snapshot!("themes_80x24", screen);
    for _ in 0..40 {
        key(&mut h.app, KeyCode::Down);
    }
    let end = h.render(80, 24);
    assert!(
        end.contains("Actions across sessions"),
        "scrolled to the end: {end}"
    );
    key(&mut h.app, KeyCode::Esc);
    assert!(!on_programme(&h.app), "Esc goes back to the list");
    key(&mut h.app, KeyCode::F(7));
    assert!(on_programme(&h.app), "F7 on the review list");
}

#[test]
fn common_ground_across_sessions_reads_in_dutch() {
    let dir = programme("themes-dutch");
    let app = home(dir.path(), Language::Nl);
    let mut h = Harness { dir, app };
    key(&mut h.app, KeyCode::Char('t'));
    let screen = h.render(80, 24);
    assert!(
        screen.contains("Gemeenschappelijke deler van 3 sessies"),
        "{screen}"
    );
    assert!(screen.contains("Thema's"), "{screen}");
    insta::assert_snapshot!("themes_nl_80x24", screen);
}
