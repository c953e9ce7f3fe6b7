//! Disk trouble while a session is open: the folder made read-only (`chattr +i`), the disk full
//! (a small tmpfs filled up), the session file deleted or replaced by another program, and a
//! lock left by a killed process. Each time: a clear "NOT SAVED" message on screen, the session
//! kept in memory, saving retried with the next change, and nothing on disk corrupted or lost.
//! These need root (mount, chattr), as in CI; without it they say so and pass.

use crate::common;
use crate::support;

use ambassador::app::SaveStatus;
use ambassador::domain::Language;
use common::drive::Harness;
use common::tmux::Tmux;
use std::path::{Path, PathBuf};
use support::disk::{Immutable, SmallDisk, is_root};
use support::{args_for, as_strs, idea_count, ideas_on_disk, new_session, program, signal};

fn memory_ideas(h: &Harness) -> Vec<String> {
    support::ideas_of(h.run().session())
        .into_values()
        .flatten()
        .collect()
}

fn disk_ideas(path: &Path) -> Vec<String> {
    ideas_on_disk(path).into_values().flatten().collect()
}

fn assert_failed(h: &mut Harness, what: &str) {
    assert!(
        matches!(h.run().save_status(), SaveStatus::Failed(_)),
        "{what}: the save did not fail: {:?}",
        h.run().save_status()
    );
    let message = h.message();
    assert!(message.starts_with("NOT SAVED: "), "{what}: {message:?}");
    let screen = h.render(100, 30);
    assert!(screen.contains("NOT SAVED"), "{what}:\n{screen}");
}

fn assert_saved(h: &Harness, what: &str) {
    assert!(
        matches!(h.run().save_status(), SaveStatus::Saved),
        "{what}: {:?} {}",
        h.run().save_status(),
        h.message()
    );
    assert_eq!(
        disk_ideas(&h.run().file().path),
        memory_ideas(h),
        "{what}: disk and memory differ"
    );
}

fn no_temp_files(dir: &Path) {
    let temps = support::temp_files(dir);
    assert!(temps.is_empty(), "temp files left: {temps:?}");
}

#[test]
fn a_read_only_folder_says_not_saved_keeps_the_session_and_saves_once_writable() {
    if !is_root() {
        eprintln!("skipped: chattr needs root");
        return;
    }
    let mut h = Harness::session("reliability-readonly", Language::En, &["Ann", "Bob"]);
    h.page_down(3).idea("before the trouble");
    let path = h.run().file().path.clone();
    let sessions = path.parent().unwrap().to_path_buf();
    let before = std::fs::read(&path).unwrap();
    {
        let _guard = Immutable::set(&sessions);
        h.idea("while read-only");
        assert_failed(&mut h, "read-only folder");
        assert_eq!(memory_ideas(&h), ["before the trouble", "while read-only"]);
        assert_eq!(std::fs::read(&path).unwrap(), before, "the file changed");
        // Still failing: retried with every change, and every change kept in memory.
        h.idea("still read-only");
        assert_failed(&mut h, "read-only folder, second change");
        assert_eq!(memory_ideas(&h).len(), 3);
    }
    h.idea("writable again");
    assert_saved(&h, "after the folder is writable again");
    assert_eq!(disk_ideas(&path).len(), 4);
    no_temp_files(&sessions);
}

#[test]
fn a_full_disk_says_not_saved_keeps_the_old_file_whole_and_saves_once_there_is_room() {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let disk = SmallDisk::mount(512);
    let paths = Harness::paths(disk.path());
    let mut h = Harness::session("reliability-diskfull", Language::En, &["Ann", "Bob"]);
    // Move the session onto the small disk: open it there instead.
    let original = h.run().file().path.clone();
    let sessions = paths.ensure_sessions_dir().unwrap();
    let path = sessions.join(original.file_name().unwrap());
    std::fs::copy(&original, &path).unwrap();
    let file = ambassador::store::SessionFile::open(&path).unwrap();
    h.app = ambassador::app::App::new(
        ambassador::app::Start::Session {
            paths,
            file: Box::new(file),
        },
        Box::new(common::clock()),
    );
    h.page_down(3).idea("before the disk filled up");
    assert_saved(&h, "before");
    let filler = disk.fill();
    let before = std::fs::read(&path).unwrap();
    let long = "a long idea that needs room on the disk ".repeat(20);
    h.idea(&long);
    assert_failed(&mut h, "disk full");
    assert_eq!(memory_ideas(&h).len(), 2);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old file changed"
    );
    ambassador::store::read_session(&path).expect("the old file is whole");
    no_temp_files(&sessions);
    std::fs::remove_file(filler).unwrap();
    h.idea("after making room");
    assert_saved(&h, "after making room");
    assert_eq!(disk_ideas(&path).len(), 3);
}

/// The real binary on a full disk: the header and message say NOT SAVED, typing goes on, and
/// once there is room the next idea saves everything.
#[test]
fn the_real_program_on_a_full_disk_shows_not_saved_and_recovers() {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let disk = SmallDisk::mount(512);
    let data = disk.path().join("data");
    let (id, path) = new_session(&data, "Full disk");
    let t = Tmux::start(
        program(),
        &as_strs(&args_for(&data, &["open", &id])),
        100,
        30,
    );
    t.wait_for("step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("Ideas (0)");
    let filler = disk.fill();
    t.type_text(&"no room for this idea ".repeat(30));
    t.keys(&["Enter"]);
    let screen = t.wait_for("NOT SAVED");
    assert_eq!(idea_count(&screen), Some(1), "{screen}");
    assert!(disk_ideas(&path).is_empty());
    std::fs::remove_file(filler).unwrap();
    t.type_text("room again");
    t.keys(&["Enter"]);
    t.wait_until(
        |s| idea_count(s) == Some(2) && !s.contains("NOT SAVED"),
        "saved again",
    );
    assert_eq!(disk_ideas(&path).len(), 2);
    t.keys(&["C-c"]);
    t.wait_exit();
    drop(t);
}

#[test]
fn a_session_file_deleted_underneath_is_written_again_and_the_facilitator_told() {
    let mut h = Harness::session("reliability-deleted", Language::En, &["Ann", "Bob"]);
    h.page_down(3).idea("first");
    let path = h.run().file().path.clone();
    std::fs::remove_file(&path).unwrap();
    h.idea("second");
    assert_saved(&h, "after the file was deleted");
    assert_eq!(disk_ideas(&path), ["first", "second"]);
    let message = h.message();
    assert!(
        message.contains("deleted"),
        "the facilitator was not told the file had gone: {message:?}"
    );
    h.idea("third");
    assert_eq!(h.message(), "", "the notice repeats");
}

#[test]
fn a_session_file_replaced_underneath_is_kept_as_a_copy_before_saving_over_it() {
    let mut h = Harness::session("reliability-replaced", Language::En, &["Ann", "Bob"]);
    h.page_down(3).idea("ours");
    let path = h.run().file().path.clone();
    // Another program (an editor, a sync tool) writes its own version.
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"ours\"", "\"theirs\"");
    std::fs::write(path.with_extension("other"), &theirs).unwrap();
    std::fs::rename(path.with_extension("other"), &path).unwrap();
    h.idea("ours again");
    assert_saved(&h, "after the file was replaced");
    let message = h.message();
    assert!(
        message.contains("changed by another program"),
        "{message:?}"
    );
    // Their version was kept next to the session, not lost.
    let sessions = path.parent().unwrap();
    let kept: Vec<PathBuf> = std::fs::read_dir(sessions)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".replaced"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), theirs);
    assert!(message.contains(&*kept[0].file_name().unwrap().to_string_lossy()));
    // Our own saves are not mistaken for someone else's.
    h.idea("and more");
    assert_eq!(h.message(), "");
}

/// A killed program leaves its `.lock` file behind; the operating system has dropped the lock
/// itself, so the next open may write.
#[test]
fn a_lock_file_left_by_a_killed_program_does_not_block_the_next_open() {
    let data = tempfile::tempdir().unwrap();
    let (id, path) = new_session(data.path(), "Stale lock");
    let t = Tmux::start(
        program(),
        &as_strs(&args_for(data.path(), &["open", &id])),
        100,
        30,
    );
    t.wait_for("step 1/10");
    // While it runs, a second open is read-only: the lock is real.
    let second = ambassador::store::SessionFile::open(&path).unwrap();
    assert!(second.read_only().is_some());
    drop(second);
    signal(t.pane_pid(), "KILL");
    t.wait_exit();
    let lock = ambassador::store::SessionLock::sidecar_path(&path);
    assert!(
        lock.exists(),
        "the killed program left no lock file to test with"
    );
    std::fs::write(&lock, "pid 12345 of a program long gone").unwrap();
    let file = ambassador::store::SessionFile::open(&path).unwrap();
    assert_eq!(file.read_only(), None);
    file.save().unwrap();
    drop(file);
    // The real program too.
    t.respawn(program(), &as_strs(&args_for(data.path(), &["open", &id])));
    let screen = t.wait_for("step 1/10");
    assert!(!screen.to_lowercase().contains("read-only"), "{screen}");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("Ideas (0)");
    t.type_text("after the stale lock");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Ideas (1)");
    assert!(!screen.to_lowercase().contains("read-only"), "{screen}");
    assert_eq!(disk_ideas(&path), ["after the stale lock"]);
}

/// A save failed (disk full), room was made, and then the program is told to stop: SIGTERM or
/// the window closed. Leaving must try that save again, as Ctrl-C does, or the idea the
/// screen showed as NOT SAVED would be lost with the program.
fn failed_save_then(sig: &str) {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let disk = SmallDisk::mount(512);
    let data = disk.path().join("data");
    let (id, path) = new_session(&data, &format!("Retry on {sig}"));
    let t = Tmux::start(
        program(),
        &as_strs(&args_for(&data, &["open", &id])),
        100,
        30,
    );
    t.wait_for("step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("Ideas (0)");
    let pid = t.pane_pid();
    let filler = disk.fill();
    t.type_text("said while the disk was full");
    t.keys(&["Enter"]);
    t.wait_for("NOT SAVED");
    std::fs::remove_file(filler).unwrap();
    if sig == "HUP" {
        t.kill_window();
    } else {
        signal(pid, sig);
    }
    let gone = support::wait_gone(pid, std::time::Duration::from_secs(3))
        .unwrap_or_else(|| panic!("still running 3 s after SIG{sig}"));
    println!(
        "SIG{sig} after a failed save: gone after {} ms",
        gone.as_millis()
    );
    assert_eq!(
        disk_ideas(&path),
        ["said while the disk was full"],
        "SIG{sig} did not retry the failed save"
    );
}

#[test]
fn sigterm_after_a_failed_save_saves_before_leaving() {
    failed_save_then("TERM");
}

#[test]
fn closing_the_window_after_a_failed_save_saves_before_leaving() {
    failed_save_then("HUP");
}
