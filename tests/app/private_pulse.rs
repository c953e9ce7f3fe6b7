//! A private pulse, as the facilitator types ballots for people without a phone: no screen,
//! room view or file ties a score to a person; the figures appear only when the facilitator
//! shows them, and only from three scorers up.

use crate::common;

use ambassador::domain::{Language, PulseMode};
use ambassador::present::PresentState;
use common::drive::Harness;
use crossterm::event::KeyCode;

fn room_view(h: &Harness) -> String {
    let state = PresentState::of(h.on_disk(), false);
    ambassador::present::draw::render_to_string(&state, 100, 30, std::time::Instant::now())
}

#[test]
fn ballots_carry_no_name_and_figures_wait_for_the_facilitator_and_three_scorers() {
    let mut h = Harness::session(
        "private-ballots",
        Language::En,
        &["Ann", "Bob", "Eva", "Dev"],
    );
    h.page_down(1).typed("111").typed("222");
    let screen = h.render(100, 30);
    assert!(screen.contains("2 of 4 scored"), "{screen}");
    assert!(
        screen.contains("Private: the room sees only totals"),
        "{screen}"
    );
    assert!(
        !screen.contains("1.5"),
        "no figures before they are shown:\n{screen}"
    );

    // In the file: two ballots typed by hand, no scores by name, no person anywhere near.
    let disk = h.on_disk();
    let results = disk.results("pulse").unwrap();
    assert!(
        results.pulse.is_empty(),
        "scores by name in a private pulse"
    );
    assert_eq!(results.ballots.len(), 2);
    assert!(results.ballots.values().all(|b| b.by_hand));
    let file = std::fs::read_to_string(&h.run().file().path).unwrap();
    let ballots = &file[file.find("ballots:").unwrap()..];
    let ballots = &ballots[..ballots.find("\n        ),").unwrap_or(ballots.len())];
    assert!(
        !["Ann", "Bob", "Eva", "Dev", "participant"]
            .iter()
            .any(|n| ballots.contains(n)),
        "a ballot tied to someone:\n{ballots}"
    );

    // Shown with two scorers: too few, on the screen and in the room view.
    h.typed("v");
    assert!(
        h.render(100, 30)
            .contains("too few to show (2 scored; at least 3)")
    );
    assert!(room_view(&h).contains("too few to show (2 scored; at least 3)"));

    // A third ballot: the figures, counted low scores, never a name.
    h.typed("555");
    let screen = h.render(120, 30);
    assert!(
        screen.contains("2.7") && screen.contains("⚠ 2 scored 2 or lower"),
        "{screen}"
    );
    let room = room_view(&h);
    assert!(
        room.contains("2.7") && room.contains("2 scored 2 or lower"),
        "{room}"
    );
    assert!(
        !["Ann", "Bob", "Eva", "Dev"]
            .iter()
            .any(|n| room.contains(n)),
        "{room}"
    );

    // Hidden again: gone from the room view.
    h.typed("v");
    assert!(!room_view(&h).contains("2.7"));
    assert!(room_view(&h).contains("The results appear when the facilitator shows them."));
}

#[test]
fn tab_goes_back_to_a_typed_ballot_to_correct_it() {
    let mut h = Harness::session("private-correct", Language::En, &["Ann", "Bob"]);
    h.page_down(1).typed("111");
    h.key(KeyCode::Tab).typed("5");
    let disk = h.on_disk();
    let ballots = &disk.results("pulse").unwrap().ballots;
    assert_eq!(ballots.len(), 1, "the same ballot, corrected");
    let scores = &ballots.values().next().unwrap().scores;
    assert_eq!(scores["right_place"], 5);
    assert_eq!(scores["enjoy_work"], 1);
    // Undo takes the correction back.
    h.ctrl('z');
    let disk = h.on_disk();
    assert_eq!(
        disk.results("pulse")
            .unwrap()
            .ballots
            .values()
            .next()
            .unwrap()
            .scores["right_place"],
        1
    );
}

#[test]
fn n_on_a_private_pulse_says_there_are_no_names_to_show() {
    let mut h = Harness::session("private-names", Language::Nl, &["Ann", "Bob", "Eva"]);
    h.page_down(1)
        .typed("111")
        .typed("222")
        .typed("333")
        .typed("v")
        .typed("n");
    assert!(h.message().contains("zonder naam"), "{}", h.message());
    let screen = h.render(100, 30);
    assert!(!screen.contains("laag: "), "{screen}");
}

#[test]
fn a_session_saved_before_private_pulses_opens_open_and_says_so() {
    let dir = common::drive::TestDir::new("private-older");
    let paths = Harness::paths(dir.path());
    let sessions = paths.ensure_sessions_dir().unwrap();
    let v3 = common::render(&common::filled_session(1))
        .replacen("version: 5,", "version: 3,", 1)
        .replacen("\n    pulse_mode: open,", "", 1);
    assert!(!v3.contains("pulse_mode"), "{v3}");
    let path = sessions.join("2026-11-27-test.ron");
    std::fs::write(&path, &v3).unwrap();
    let file = ambassador::store::SessionFile::open(&path).unwrap();
    assert_eq!(file.session().pulse_mode(), PulseMode::Open);
    let app = ambassador::app::App::new(
        ambassador::app::Start::Session {
            paths,
            file: Box::new(file),
        },
        Box::new(common::clock()),
    );
    let message = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(message.contains("its pulse stays open"), "{message}");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("pulse_mode: open"),
        "the mode is written down now"
    );
}
