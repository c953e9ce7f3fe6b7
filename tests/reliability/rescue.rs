//! Leaving a session whose last change could not be saved (a full disk): Ctrl-C, F10 and
//! signals retry the save, then write a rescue copy to another writable folder, say where,
//! and exit non-zero; F10 asks first. The rescue copy opens like any session file.
//! These need root (a tmpfs to fill); without it they say so and pass.

use crate::common;
use crate::support;

use ambassador::app::{App, AppEvent, Outcome, Overlay, Screen, Start};
use ambassador::domain::Language;
use ambassador::store::{Paths, SessionFile};
use common::drive::Harness;
use common::tmux::Tmux;
use std::path::{Path, PathBuf};
use support::disk::{SmallDisk, is_root};
use support::{args_for, new_session, program};

/// A session on a full disk with one idea saved and one only in memory; its config folder is
/// `config` (elsewhere, with room).
fn unsaved_on_full_disk(name: &str, disk: &SmallDisk, config: &Path) -> Harness {
    let mut h = Harness::session(name, Language::En, &["Ann", "Bob"]);
    let paths = Paths {
        data_dir: disk.path().join("data"),
        config_dir: config.to_path_buf(),
    };
    let original = h.run().file().path.clone();
    let path = paths
        .ensure_sessions_dir()
        .unwrap()
        .join(original.file_name().unwrap());
    std::fs::copy(&original, &path).unwrap();
    let file = SessionFile::open(&path).unwrap();
    h.app = App::new(
        Start::Session {
            paths,
            file: Box::new(file),
        },
        Box::new(common::clock()),
    );
    h.page_down(3).idea("saved before the disk filled up");
    disk.fill();
    h.idea(&"said while the disk was full ".repeat(10));
    assert!(h.message().starts_with("NOT SAVED"), "{}", h.message());
    h
}

/// The rescue copies in a folder.
fn rescues(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().contains(".rescue"))
                .collect()
        })
        .unwrap_or_default()
}

fn ideas_in(path: &Path) -> Vec<String> {
    support::ideas_on_disk(path)
        .into_values()
        .flatten()
        .collect()
}

#[test]
fn ctrl_c_with_an_unsaved_change_writes_a_rescue_copy_and_says_where() {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let disk = SmallDisk::mount(512);
    let config = tempfile::tempdir().unwrap();
    let mut h = unsaved_on_full_disk("rescue-ctrl-c", &disk, config.path());
    h.ctrl('c');
    let copies = rescues(&config.path().join("rescue"));
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(
        ideas_in(&copies[0]).len(),
        2,
        "the rescue copy lacks an idea"
    );
    SessionFile::open(&copies[0]).expect("the rescue copy opens as a session");
}

#[test]
fn the_quit_outcome_names_the_rescue_copy_and_is_not_a_success() {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let disk = SmallDisk::mount(512);
    let config = tempfile::tempdir().unwrap();
    let mut h = unsaved_on_full_disk("rescue-outcome", &disk, config.path());
    let ctrl_c = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    let Outcome::Quit { message, status } = h.app.handle_key(ctrl_c) else {
        panic!("Ctrl-C did not quit");
    };
    let message = message.unwrap_or_default();
    assert_ne!(status, 0, "{message}");
    let copy = &rescues(&config.path().join("rescue"))[0];
    assert!(message.contains(&copy.display().to_string()), "{message}");
    assert!(message.contains("ambassador open"), "{message}");
}

#[test]
fn f10_with_an_unsaved_change_asks_first_then_leaves_a_rescue_copy() {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let disk = SmallDisk::mount(512);
    let config = tempfile::tempdir().unwrap();
    let mut h = unsaved_on_full_disk("rescue-f10", &disk, config.path());
    h.key(crossterm::event::KeyCode::F(10));
    assert!(
        matches!(h.app.overlay, Some(Overlay::Confirm(_))),
        "F10 did not ask"
    );
    assert!(h.render(100, 30).contains("NOT SAVED"));
    h.key(crossterm::event::KeyCode::Char('n'));
    assert!(
        matches!(h.app.screen, Screen::Run(_)),
        "no left the session"
    );
    assert!(rescues(&config.path().join("rescue")).is_empty());
    h.key(crossterm::event::KeyCode::F(10));
    h.key(crossterm::event::KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Home(_)), "yes did not leave");
    let copies = rescues(&config.path().join("rescue"));
    assert_eq!(copies.len(), 1);
    assert!(
        h.message().contains(&copies[0].display().to_string()),
        "{}",
        h.message()
    );
    assert_eq!(ideas_in(&copies[0]).len(), 2);
}

#[test]
fn a_signal_with_an_unsaved_change_leaves_a_rescue_copy() {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let disk = SmallDisk::mount(512);
    let config = tempfile::tempdir().unwrap();
    let mut h = unsaved_on_full_disk("rescue-signal", &disk, config.path());
    let Outcome::Signalled { message, .. } = h.app.handle(AppEvent::Signal(15)) else {
        panic!("the signal did not end the program");
    };
    let copies = rescues(&config.path().join("rescue"));
    assert_eq!(copies.len(), 1);
    assert!(message.unwrap_or_default().contains("rescue copy"));
}

/// The real binary: Ctrl-C on a full disk (config on the same disk, so the copy goes to the
/// home folder) exits non-zero and prints where the copy is.
#[test]
fn the_real_program_exits_non_zero_with_a_rescue_copy_in_the_home_folder() {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let disk = SmallDisk::mount(512);
    let data = disk.path().join("data");
    let home = tempfile::tempdir().unwrap();
    let status = home.path().join("status.txt");
    let (id, _path) = new_session(&data, "Rescue");
    let args: Vec<String> = args_for(&data, &["open", &id])
        .iter()
        .map(|a| format!("'{a}'"))
        .collect();
    let script = format!(
        "HOME='{}' '{}' {}; echo $? > '{}'",
        home.path().display(),
        program(),
        args.join(" "),
        status.display()
    );
    let t = Tmux::start("sh", &["-c", &script], 100, 30);
    t.wait_for("step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("Ideas (0)");
    disk.fill();
    t.type_text("said while the disk was full");
    t.keys(&["Enter"]);
    t.wait_for("NOT SAVED");
    t.keys(&["C-c"]);
    let screen = t.wait_until(|_| status.exists(), "the program to exit");
    let code = std::fs::read_to_string(&status).unwrap();
    assert_eq!(code.trim(), "1", "{screen}");
    let copies = rescues(home.path());
    assert_eq!(copies.len(), 1, "{copies:?}\n{screen}");
    assert_eq!(ideas_in(&copies[0]), ["said while the disk was full"]);
    let shown = t.screen();
    assert!(shown.contains("rescue copy"), "{shown}");
}
