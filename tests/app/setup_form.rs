//! The setup form as a facilitator fills it in for a room of twelve (issue 25, item 8): the
//! newest name in view, a word when the count is outside what the workshop is meant for, F2
//! and F3 that say why they did nothing, fields that show their start, the workshop named in
//! the form's language, and keys that fit at 80 columns.

use crate::common;

use common::drive::Harness;
use crossterm::event::KeyCode;

const TWELVE: [&str; 12] = [
    "Anouk", "Bram", "Chloé", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ilse", "Joris", "Karim",
    "Lotte",
];

/// The form, its focus on the name field.
fn on_the_names(name: &str) -> Harness {
    let mut h = Harness::home(name);
    h.typed("n").typed("Team Noord");
    // Organisation, team, programme, goal, facilitator, names.
    for _ in 0..6 {
        h.key(KeyCode::Tab);
    }
    h
}

#[test]
fn a_name_just_added_is_in_view_and_a_thirteenth_is_told_but_allowed() {
    let mut h = on_the_names("setup-thirteen");
    for name in TWELVE {
        h.typed(name).enter();
    }
    let screen = h.render(80, 24);
    assert!(
        screen.contains("12. Lotte"),
        "the newest name in view:\n{screen}"
    );
    assert!(
        !screen.contains("meant for"),
        "twelve is within 3–12:\n{screen}"
    );

    h.typed("Mo").enter();
    let screen = h.render(80, 24);
    assert!(
        screen.contains("13. Mo"),
        "the newest name in view:\n{screen}"
    );
    assert!(
        screen.contains("13 people: this workshop is meant") && screen.contains("for 3–12"),
        "{screen}"
    );
    let screen = h.render(160, 48);
    assert!(
        screen.contains("13 people: this workshop is meant for 3–12"),
        "{screen}"
    );

    h.key(KeyCode::Tab).enter();
    assert_eq!(h.run().session().participants().len(), 13, "still allowed");
}

#[test]
fn too_few_people_are_told_too_in_dutch() {
    let mut h = Harness::home("setup-few-nl");
    h.typed("n");
    h.key(KeyCode::BackTab)
        .key(KeyCode::BackTab)
        .key(KeyCode::Right);
    for _ in 0..8 {
        h.key(KeyCode::Tab);
    }
    h.typed("Jan").enter();
    let screen = h.render(80, 24);
    assert!(screen.contains("1 persoon: deze workshop is"), "{screen}");
    h.typed("Sanne").enter();
    let screen = h.render(80, 24);
    assert!(screen.contains("2 mensen: deze workshop is"), "{screen}");
    h.typed("Piet").enter();
    assert!(!h.render(80, 24).contains("bedoeld voor"));
}

#[test]
fn f2_and_f3_without_a_chosen_name_say_how_to_choose_one() {
    let mut h = on_the_names("setup-f2");
    h.key(KeyCode::F(2));
    assert!(h.message().contains("No names yet"), "{}", h.message());
    h.typed("Anouk").enter();
    h.key(KeyCode::F(2));
    assert!(
        h.message().contains("Choose a name with ↑ ↓"),
        "{}",
        h.message()
    );
    h.key(KeyCode::F(3));
    assert!(
        h.message().contains("Choose a name with ↑ ↓"),
        "{}",
        h.message()
    );
    h.key(KeyCode::Up).key(KeyCode::F(2));
    assert!(h.render(80, 24).contains("Rename participant"));
}

#[test]
fn a_field_left_shows_its_start_cut_with_an_ellipsis() {
    let mut h = Harness::home("setup-goal");
    // Past the organisation, the team and the programme to the goal.
    h.typed("n")
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab);
    h.typed("More applicants through our own people, every month a story on LinkedIn");
    h.key(KeyCode::Tab);
    let screen = h.render(80, 24);
    let goal = screen
        .lines()
        .find(|l| l.contains("More applicants"))
        .unwrap_or_else(|| panic!("the goal's start shown:\n{screen}"));
    assert!(goal.contains('…'), "{goal}");
}

#[test]
fn the_dutch_form_names_the_workshop_in_dutch() {
    let mut h = Harness::home("setup-nl-name");
    h.typed("n");
    h.key(KeyCode::BackTab)
        .key(KeyCode::BackTab)
        .key(KeyCode::Right);
    let screen = h.render(80, 24);
    assert!(screen.contains("◀ Ambassadeurschap ▶"), "{screen}");
    assert!(!screen.contains("ambassadorship"), "{screen}");
    h.key(KeyCode::Up).key(KeyCode::Right);
    let screen = h.render(80, 24);
    assert!(screen.contains("◀ Vervolg ambassadeurschap ▶"), "{screen}");
}

#[test]
fn the_keys_under_the_names_fit_at_80_columns() {
    let mut h = on_the_names("setup-keys");
    h.typed("Anouk").enter();
    let screen = h.render(80, 24).replace('│', " ");
    for word in ["choose", "F2", "rename", "F3", "remove", "Alt-↑↓", "order"] {
        assert!(
            screen.split_whitespace().any(|w| w == word),
            "{word} whole:\n{screen}"
        );
    }
    let mut h = on_the_names("setup-keys-empty");
    let screen = h.render(80, 24);
    assert!(screen.contains("press Enter"), "{screen}");
}

#[test]
fn the_workshops_description_is_never_cut_without_an_ellipsis() {
    let mut h = Harness::home("setup-description");
    h.typed("n");
    let ambassador::app::Screen::Setup(setup) = &h.app.screen else {
        panic!("n opens the form")
    };
    let description = setup.template().description.clone();
    for (w, hh) in [(80, 24), (160, 48)] {
        let screen = h.render(w, hh);
        let words: Vec<&str> = description.split_whitespace().collect();
        assert!(
            screen.contains(&words[..3].join(" ")),
            "its start:\n{screen}"
        );
        let last = words.last().unwrap();
        let whole = screen.contains(last);
        let marked = words.iter().any(|w| screen.contains(&format!("{w}…")));
        assert!(
            whole || marked,
            "{w}×{hh}: whole or marked as cut:\n{screen}"
        );
    }
}

#[test]
fn team_and_programme_can_be_changed_after_setup_as_one_edit() {
    let mut h = Harness::session(
        "details-later",
        ambassador::domain::Language::En,
        &["Ann", "Bob", "Cas"],
    );
    h.page_down(3).idea("proud of our work");
    // Back on the welcome step, `i` opens the details (the closing step has it too).
    for _ in 0..3 {
        h.key(KeyCode::PageUp);
    }
    let screen = h.render(80, 24);
    assert!(
        screen.contains("i details"),
        "the footer names the key:\n{screen}"
    );
    h.typed("i");
    let screen = h.render(80, 24);
    assert!(
        screen.contains("Session details")
            && screen.contains("Team")
            && screen.contains("Programme"),
        "{screen}"
    );
    // Title, organisation, team: the form opens with the details as they are.
    h.key(KeyCode::Tab).key(KeyCode::Tab).typed("North");
    h.key(KeyCode::Tab).typed("Pilot").enter();
    assert_eq!(h.message(), "Details saved.");
    let saved = h.on_disk();
    assert_eq!(
        (saved.team().as_str(), saved.programme().as_str()),
        ("North", "Pilot")
    );
    assert_eq!(saved.idea_count(), 1, "nothing else changed");
    // The list of sessions (what themes choose by) knows it at once.
    let listed = ambassador::store::list_sessions(&h.app.paths.sessions_dir()).unwrap();
    assert!(
        matches!(&listed[0], ambassador::store::Listing::Session(s) if s.team == "North" && s.programme == "Pilot")
    );
    // One undo takes both back, and says what.
    h.ctrl('z');
    assert!(h.message().contains("team “North”"), "{}", h.message());
    let saved = h.on_disk();
    assert_eq!(
        (saved.team().as_str(), saved.programme().as_str()),
        ("", "")
    );
    // An empty title is refused in the form, the rest kept as typed; on the closing step,
    // where a session reopened from the review list lands.
    h.page_down(9);
    assert!(h.render(80, 24).contains("i details"));
    h.typed("i");
    for _ in 0..80 {
        h.key(KeyCode::Backspace);
    }
    h.key(KeyCode::Tab).key(KeyCode::Tab).typed("South").enter();
    let screen = h.render(80, 24);
    assert!(
        screen.contains("A title is needed.") && screen.contains("South"),
        "{screen}"
    );
    assert_eq!(h.on_disk().team().as_str(), "");
    h.key(KeyCode::Esc);
    assert_eq!(h.on_disk().team().as_str(), "", "Esc keeps what was saved");
}

#[test]
fn session_details_read_in_dutch_and_a_read_only_session_refuses_them() {
    let mut h = Harness::session(
        "details-nl",
        ambassador::domain::Language::Nl,
        &["Ann", "Bob", "Cas"],
    );
    h.typed("i");
    let screen = h.render(80, 24);
    assert!(
        screen.contains("Sessiegegevens") && screen.contains("Programma"),
        "{screen}"
    );
    h.key(KeyCode::Esc);
    h.reopen_read_only();
    h.typed("i");
    assert!(h.app.overlay.is_none(), "no form on a read-only session");
    assert!(
        h.message().contains("alleen-lezen") || h.message().contains("niets"),
        "{}",
        h.message()
    );
}
