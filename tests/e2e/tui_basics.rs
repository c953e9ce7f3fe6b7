//! The real binary in tmux: home screen, opening a session, moving through steps, two windows.

use crate::common;

use common::tmux::Tmux;
use common::{bin, filled_session, save_into};

fn args<'a>(data: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["--data-dir", data];
    v.extend_from_slice(rest);
    v
}

#[test]
fn the_home_screen_lists_sessions_and_quits_cleanly() {
    let data = tempfile::tempdir().unwrap();
    save_into(data.path(), filled_session(2));
    std::fs::write(data.path().join("sessions/zz-broken.ron"), "(version: 2,").unwrap();
    let d = data.path().to_str().unwrap();
    let t = Tmux::start(bin(), &args(d, &[]), 100, 30);
    // the footer is drawn last: once it is there, the whole frame is
    t.wait_for("n new session");
    let screen = t.wait_for("Sessions (2)");
    assert!(screen.contains("Test team · Acme"), "{screen}");
    assert!(
        screen.contains("Ann, Bob, Chloé · 8 ideas · step 1/10"),
        "{screen}"
    );
    assert!(screen.contains("unreadable  zz-broken.ron"), "{screen}");
    assert!(
        screen.contains("n new session"),
        "the footer says what to press: {screen}"
    );
    t.keys(&["q"]);
    t.wait_exit();
}

#[test]
fn an_empty_home_screen_explains_what_to_do_first_and_n_starts_a_session() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path().to_str().unwrap();
    let t = Tmux::start(bin(), &args(d, &[]), 100, 30);
    t.wait_for("No sessions yet.");
    t.keys(&["n"]);
    t.wait_for("New session");
    // Starting without a title or participants is refused next to the fields.
    t.keys(&["Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Enter"]);
    let screen = t.wait_for("a title is needed");
    assert!(screen.contains("Please fix the marked fields."), "{screen}");
    t.type_text("Team Noord");
    t.keys(&["Tab", "Tab", "Tab", "Tab", "Tab", "Tab"]);
    t.type_text("Anouk");
    t.keys(&["Enter"]);
    t.type_text("Pieter");
    t.keys(&["Enter"]);
    t.type_text("anouk");
    t.keys(&["Enter"]);
    t.wait_for("anouk is already in the list");
    t.keys(&[
        "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "Enter", "Enter",
    ]);
    let screen = t.wait_for("step 1/10");
    assert!(
        screen.contains("Team Noord") && screen.contains("Welcome & purpose"),
        "{screen}"
    );
    t.keys(&["C-c"]);
    t.wait_exit();
    let listed = common::stdout(&common::run(data.path(), &["list"]));
    assert!(
        listed.contains("Team Noord") && listed.contains("2 participants"),
        "{listed}"
    );
}

#[test]
fn new_opens_at_step_one_and_page_down_moves_on_and_is_saved() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path().to_str().unwrap();
    let t = Tmux::start(
        bin(),
        &args(d, &["new", "--title", "Acceptance", "--participant", "Ann"]),
        100,
        30,
    );
    t.wait_for("Acceptance  ·  step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    let screen = t.wait_for("step 4/10");
    assert!(
        screen.contains("What do you understand by ambassadorship?"),
        "{screen}"
    );
    t.keys(&["F1"]);
    let help = t.wait_for("Keys — Esc closes");
    assert!(
        help.contains("next step") && help.contains("save and quit"),
        "{help}"
    );
    t.keys(&["Escape"]);
    t.wait_until(|s| !s.contains("Keys — Esc closes"), "help closed");
    // Closing the terminal mid-session (SIGHUP) keeps what was committed.
    t.kill_window();
    let listed = common::stdout(&common::run(data.path(), &["list"]));
    assert!(
        listed.contains("Acceptance") && listed.contains("step 4/10"),
        "{listed}"
    );
}

#[test]
fn a_second_window_on_the_same_session_is_read_only_and_says_so() {
    let data = tempfile::tempdir().unwrap();
    save_into(data.path(), filled_session(1));
    let d = data.path().to_str().unwrap();
    let first = Tmux::start(bin(), &args(d, &["open", "test"]), 100, 30);
    first.wait_for("step 1/10");
    let second = Tmux::start(bin(), &args(d, &["open", "test"]), 100, 30);
    let screen = second.wait_for("Read-only: another ambassador window has this session open");
    assert!(screen.contains("read-only"), "{screen}");
    second.keys(&["PageDown"]);
    second.wait_for("nothing was changed");
    first.keys(&["PageDown"]);
    first.wait_for("step 2/10");
    first.keys(&["C-c"]);
    first.wait_exit();
    let listed = common::stdout(&common::run(data.path(), &["list"]));
    assert!(listed.contains("step 2/10"), "{listed}");
}

#[test]
fn a_tiny_window_asks_to_be_enlarged() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path().to_str().unwrap();
    let t = Tmux::start(bin(), &args(d, &[]), 40, 10);
    t.wait_for("enlarge");
    t.keys(&["C-c"]);
    t.wait_exit();
}

/// True when the captured screen sets a foreground colour anywhere.
fn uses_colour(screen: &str) -> bool {
    screen.contains("38;5;")
        || (30..=37)
            .chain(90..=97)
            .any(|c| screen.contains(&format!("[{c}m")) || screen.contains(&format!(";{c}m")))
}

#[test]
fn with_no_color_the_selection_is_still_visible_and_no_colour_is_used() {
    let data = tempfile::tempdir().unwrap();
    save_into(data.path(), filled_session(2));
    let d = data.path().to_str().unwrap();
    let coloured = Tmux::start(bin(), &["--data-dir", d], 100, 30);
    coloured.wait_for("Sessions (1)");
    assert!(
        uses_colour(&coloured.screen_with_attributes()),
        "the check sees colours when they are there"
    );
    coloured.keys(&["q"]);
    coloured.wait_exit();

    let t = Tmux::start("env", &["NO_COLOR=1", bin(), "--data-dir", d], 100, 30);
    t.wait_for("Sessions (1)");
    let screen = t.screen_with_attributes();
    let selected = screen.lines().find(|l| l.contains("Test team")).unwrap();
    assert!(
        selected.contains("\u{1b}[7m") || selected.contains(";7m"),
        "no reverse video: {selected:?}"
    );
    assert!(!uses_colour(&screen), "a colour is used: {screen:?}");
    t.keys(&["q"]);
    t.wait_exit();
}
