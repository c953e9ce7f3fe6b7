//! Common ground across sessions on the review screen: reached from home with `t` (and F7
//! on the review list), fits 80×24, scrolls, in English and Dutch.

use crate::common;

use ambassador::app::{App, AppEvent, ReviewView, Screen, Start};
use ambassador::domain::Language;
use ambassador::review::gather::ThemesEvent;
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

fn gathering(app: &App) -> bool {
    matches!(&app.screen, Screen::Review(r) if matches!(r.view, ReviewView::Gathering(_)))
}

/// Everything one themes job sends, up to its last word (done or stopped), in order.
fn job_events(rx: &std::sync::mpsc::Receiver<AppEvent>) -> Vec<AppEvent> {
    let mut out = Vec::new();
    loop {
        let event = rx.recv().expect("the job ends with a last word");
        let last = matches!(
            &event,
            AppEvent::Themes(ThemesEvent::Done { .. } | ThemesEvent::Stopped { .. })
        );
        out.push(event);
        if last {
            return out;
        }
    }
}

#[test]
fn themes_are_gathered_off_the_event_loop_and_esc_drops_them() {
    let dir = programme("themes-background");
    let mut app = home(dir.path(), Language::En);
    let (tx, rx) = std::sync::mpsc::channel();
    app.connect(tx);
    let mut h = Harness { dir, app };

    // `t` shows at once that the work is under way; keys still answer.
    key(&mut h.app, KeyCode::Char('t'));
    assert!(gathering(&h.app), "{}", h.render(80, 24));
    let screen = h.render(80, 24);
    assert!(
        screen.contains("Gathering… reading the sessions") && screen.contains("Esc stops"),
        "{screen}"
    );
    assert!(
        !screen.contains("↓ scroll"),
        "nothing to scroll yet: {screen}"
    );
    key(&mut h.app, KeyCode::Esc);
    assert!(
        !gathering(&h.app) && !on_programme(&h.app),
        "Esc leaves at once"
    );
    // What the dropped job still sends changes nothing.
    for event in job_events(&rx) {
        h.app.handle(event);
    }
    assert!(!on_programme(&h.app), "{}", h.render(80, 24));
    assert!(
        h.render(80, 24).contains("Type to filter"),
        "back on the list"
    );

    // Again, to the end: progress on the way, then the themes.
    key(&mut h.app, KeyCode::F(7));
    let events = job_events(&rx);
    let n = events.len();
    let mut saw_meaning = false;
    for (i, event) in events.into_iter().enumerate() {
        if i + 1 == n {
            assert!(
                matches!(&event, AppEvent::Themes(ThemesEvent::Done { .. })),
                "the job ran to its end"
            );
            assert!(gathering(&h.app), "still gathering before the result");
        }
        h.app.handle(event);
        saw_meaning |= h.render(80, 24).contains("Gathering… the meaning of");
    }
    assert!(saw_meaning, "the meaning's progress is shown");
    assert!(on_programme(&h.app));
    let screen = h.render(80, 24);
    assert!(
        screen.contains("3 sessions of 3 teams") && screen.contains("↓ scroll"),
        "{screen}"
    );
}
