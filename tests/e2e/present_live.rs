//! The room view on the real binary: two tmux windows, the facilitator's and the room's.
//! Every wait polls the screen (10 s at most); nothing sleeps a fixed time.

use crate::common;

use ambassador::domain::StepKind;
use common::tmux::Tmux;
use common::{bin, filled_session, save_into};

fn start(data: &std::path::Path, args: &[&str]) -> Tmux {
    start_at(data, args, 100, 30)
}

fn start_at(data: &std::path::Path, args: &[&str], width: u16, height: u16) -> Tmux {
    let config = format!("{}-config", data.display());
    let mut all = vec![
        "--data-dir",
        data.to_str().unwrap(),
        "--config-dir",
        &config,
    ];
    all.extend_from_slice(args);
    Tmux::start(bin(), &all, width, height)
}

/// Waits on `on` for `pred`; on time out the failure shows both windows and the session file,
/// so it says which side did not get there.
fn wait_both(
    on: &Tmux,
    other: &Tmux,
    data: &std::path::Path,
    pred: impl Fn(&str) -> bool,
    what: &str,
) -> String {
    on.try_wait_until(pred).unwrap_or_else(|screen| {
        let files: Vec<String> = std::fs::read_dir(data)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                let ideas = text.matches("text:").count();
                format!("{} ({} bytes, {ideas} texts)", e.path().display(), text.len())
            })
            .collect();
        panic!(
            "waited 10 s for {what:?}; this window shows:\n{screen}\nthe other:\n{}\nfiles: {files:#?}",
            other.screen()
        )
    })
}

#[test]
fn ideas_typed_by_the_facilitator_show_in_the_room_view_which_says_closed_and_picks_up_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut session = filled_session(0);
    let step = session
        .template()
        .steps
        .iter()
        .position(|s| s.kind == StepKind::Question)
        .unwrap();
    let to_step = ambassador::domain::Change::GoToStep(step);
    session.apply(to_step, &common::clock()).unwrap();
    let id = session.id().clone();
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
    let overlay = facilitator.wait_for("Run this in a second window");
    assert!(
        overlay.contains(&id),
        "the command names this session:\n{overlay}"
    );
    facilitator.keys(&["Escape"]);
    // (not the command itself: it wraps where the temporary folder's name is long, and a
    // wait that passes before Esc is read lets the typing that follows join it as Alt-T)
    facilitator.wait_until(
        |s| !s.contains("Run this in a second window"),
        "the overlay to close",
    );

    facilitator.type_text("Telling friends about our projects");
    facilitator.keys(&["Enter"]);
    // The facilitator's screen first, so a failure says which side did not get there.
    wait_both(
        &facilitator,
        &room,
        &data,
        |s| s.contains("Ideas (1)"),
        "the idea on the facilitator's screen",
    );
    let screen = wait_both(
        &room,
        &facilitator,
        &data,
        |s| s.contains("Telling friends about our projects"),
        "the idea in the room view",
    );
    assert!(!screen.contains("Ann"), "no names by default:\n{screen}");

    facilitator.kill_window();
    wait_both(
        &room,
        &facilitator,
        &data,
        |s| s.contains("session closed"),
        "the room view to say closed",
    );
    assert!(room.alive(), "the room view keeps running");
    assert!(
        room.screen().contains("Telling friends"),
        "the last state stays"
    );

    let again = start(&data, &["open", &id]);
    again.wait_for("What do you understand");
    wait_both(
        &room,
        &again,
        &data,
        |s| !s.contains("session closed"),
        "the room view to pick up again",
    );
    again.type_text("Wearing the company shirt at events");
    again.keys(&["Enter"]);
    wait_both(
        &room,
        &again,
        &data,
        |s| s.contains("Wearing the company shirt"),
        "the second idea in the room view",
    );
}

#[test]
fn renaming_marking_and_selecting_on_the_board_show_in_the_room_view() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut session = filled_session(4);
    let step = session
        .template()
        .steps
        .iter()
        .position(|s| s.kind == StepKind::CommonGround)
        .unwrap()
        - 1;
    let to_step = ambassador::domain::Change::GoToStep(step);
    session.apply(to_step, &common::clock()).unwrap();
    let id = session.id().clone();
    save_into(&data, session);

    let facilitator = start(&data, &["open", &id]);
    facilitator.wait_for("What do you need");
    // Entering the board gathers the groups of all questions (and saves).
    facilitator.keys(&["PageDown"]);
    facilitator.wait_for("shared by");
    // At 80×24 the groups are in normal type (larger windows show the top ones in block
    // letters), so their names and marks can be read off the screen.
    let room = start_at(&data, &["present", &id], 80, 24);
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
