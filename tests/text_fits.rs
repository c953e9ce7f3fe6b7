//! Text is not cut off (issue 12, item 18): the status line wraps, ideas in the live groups
//! wrap in full, the idea comes before its author on the board, and a long session title is
//! shortened in the middle so its end still shows.

mod common;

use ambassador::domain::Language;
use common::drive::Harness;
use crossterm::event::KeyCode;

const LONG_IDEA: &str =
    "telling the people at my daughter's football club what a good place this is to work";

#[test]
fn a_long_status_message_wraps_instead_of_losing_its_end() {
    let mut h = Harness::session("fits-status", Language::En, &["Ann", "Bob"]);
    h.page_down(3)
        .idea("LinkedIn posts")
        .key(KeyCode::Tab)
        .idea("school fair");
    h.page_down(4).key(KeyCode::Down).typed("m");
    let message = h.message();
    assert!(
        message.len() > 80,
        "a message longer than the window: {message}"
    );
    let screen = h.render(80, 24);
    assert!(
        screen.contains("Esc cancels."),
        "the end of the message:\n{screen}"
    );
}

#[test]
fn a_long_idea_shows_in_full_in_the_live_groups_and_before_its_author_on_the_board() {
    let mut h = Harness::session(
        "fits-ideas",
        Language::En,
        &["Annemarie-Christina van der Heijden-Vermeulen", "Bob"],
    );
    h.page_down(3).idea(LONG_IDEA);
    let screen = h.render(80, 24);
    for word in ["daughter's", "football", "place", "work"] {
        assert!(
            screen.contains(word),
            "{word} of the idea in the groups:\n{screen}"
        );
    }
    let listed = screen
        .lines()
        .find(|l| l.contains("Annemarie") && l.contains("│  Anne") || l.contains("▶ Anne"))
        .expect("the idea in the list");
    assert!(
        listed.contains("telling the"),
        "the name hides the idea:\n{listed}"
    );
    h.page_down(4);
    let screen = h.render(160, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("telling the people"))
        .expect("the idea on the board");
    assert!(row.contains(LONG_IDEA), "the whole idea:\n{row}");
    let (idea, author) = (row.find(LONG_IDEA).unwrap(), row.find("Annemarie"));
    assert!(
        author.is_none_or(|a| a > idea),
        "the idea before its author:\n{row}"
    );
    // Narrower, the idea keeps its room and the author gives way.
    let screen = h.render(120, 30);
    let row = screen.lines().find(|l| l.contains("telling the")).unwrap();
    assert!(!row.contains("Annemarie"), "{row}");
}

#[test]
fn a_long_session_title_keeps_its_end_in_the_header() {
    let mut h = Harness::session("fits-title", Language::En, &["Ann"]);
    h.app
        .handle_key(crossterm::event::KeyEvent::from(KeyCode::PageDown));
    let session = h.run().session().clone();
    assert_eq!(session.title, "Team Noord");
    // A title too long for the header at 80 columns.
    let path = h.run().file().path.clone();
    let mut s = h.on_disk();
    s.title = "Team Customer Success and Onboarding Region North".into();
    drop(h.app);
    std::fs::remove_file(ambassador::store::SessionLock::sidecar_path(&path)).ok();
    ambassador::store::write_atomic(&path, common::render(&s).as_bytes()).unwrap();
    let file = ambassador::store::SessionFile::open(&path).unwrap();
    let app = ambassador::app::App::new(
        ambassador::app::Start::Session {
            paths: Harness::paths(h.dir.path()),
            file: Box::new(file),
        },
        Box::new(common::clock()),
    );
    let mut h = Harness { dir: h.dir, app };
    let screen = h.render(80, 24);
    let header = screen.lines().next().unwrap();
    assert!(header.contains("North"), "the end of the title:\n{header}");
    assert!(
        header.contains('…') && header.contains("step 2/10"),
        "{header}"
    );
}
