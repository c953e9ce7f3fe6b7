//! Signals and hang-ups on the real binary in tmux: SIGTERM, SIGINT and SIGHUP (the window
//! closed) while typing, during a large save, and with the help overlay open. Each time the
//! process is gone within a second (bounded here at 3 s; the measured time is printed), so it
//! cannot spin on the CPU; every committed idea is on disk and the file is whole; and for
//! SIGTERM and SIGINT the terminal is restored: raw mode off (`stty` run by the shell after
//! the program), the alternate screen left and mouse reporting off (tmux's pane flags).
//! Bracketed paste cannot be read back from tmux, and after SIGHUP there is no terminal left
//! to restore, so those two are not checked.

use crate::common;
use crate::support;

use common::tmux::Tmux;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::{
    args_for, idea_count, ideas_on_disk, new_session, process_alive, program, signal, wait_gone,
};

const GONE_WITHIN: Duration = Duration::from_secs(3);

struct Run {
    t: Tmux,
    pid: u32,
    path: PathBuf,
    stty: PathBuf,
    _data: tempfile::TempDir,
}

/// Starts `ambassador open` for a new session under a shell that, once the program has
/// ended, records the terminal's settings; waits for the first question step.
fn start(title: &str) -> Run {
    let data = tempfile::tempdir().unwrap();
    let (id, path) = new_session(data.path(), title);
    let stty = data.path().join("stty.txt");
    let args: Vec<String> = args_for(data.path(), &["open", &id])
        .iter()
        .map(|a| format!("'{a}'"))
        .collect();
    let script = format!(
        "'{}' {}; stty -a > '{}'",
        program(),
        args.join(" "),
        stty.display()
    );
    let t = Tmux::start("sh", &["-c", &script], 100, 30);
    t.wait_for("step 1/10");
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("Ideas (0)");
    let shell = t.pane_pid();
    let pid = child_of(shell);
    Run {
        t,
        pid,
        path,
        stty,
        _data: data,
    }
}

fn child_of(pid: u32) -> u32 {
    let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap();
    children
        .split_whitespace()
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("the shell {pid} has no child"))
}

fn flag(t: &Tmux, name: &str) -> String {
    let out = t.tmux(&[
        "display-message",
        "-p",
        "-t",
        "t:0",
        &format!("#{{{name}}}"),
    ]);
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn idea(r: &Run, text: &str) {
    let before = idea_count(&r.t.screen()).unwrap();
    r.t.type_text(text);
    r.t.keys(&["Enter"]);
    r.t.wait_until(|s| idea_count(s) == Some(before + 1), text);
}

/// Sends the signal (or closes the window for HUP) and returns how long the process took to
/// be gone.
fn hit(r: &Run, sig: &str) -> Duration {
    assert!(process_alive(r.pid));
    let start = std::time::Instant::now();
    if sig == "HUP" {
        r.t.kill_window();
    } else {
        signal(r.pid, sig);
    }
    let waited = wait_gone(r.pid, GONE_WITHIN)
        .unwrap_or_else(|| panic!("still running {GONE_WITHIN:?} after SIG{sig}"));
    let gone = start.elapsed().max(waited);
    println!("SIG{sig}: gone after {} ms", gone.as_millis());
    gone
}

fn assert_terminal_restored(r: &Run) {
    let start = std::time::Instant::now();
    while !r.stty.exists() || std::fs::read_to_string(&r.stty).unwrap().is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the shell never ran stty"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let stty = std::fs::read_to_string(&r.stty).unwrap();
    let words: Vec<&str> = stty.split_whitespace().collect();
    for setting in ["icanon", "echo", "isig"] {
        assert!(
            words.contains(&setting),
            "{setting} is still off after the program: raw mode was not restored:\n{stty}"
        );
    }
    assert_eq!(
        flag(&r.t, "alternate_on"),
        "0",
        "still on the alternate screen"
    );
    assert_eq!(flag(&r.t, "mouse_any_flag"), "0", "mouse reporting left on");
}

fn assert_in_program_terminal_state(r: &Run) {
    // What restoring must undo; without it these checks could not fail.
    assert_eq!(flag(&r.t, "alternate_on"), "1");
    assert_eq!(flag(&r.t, "mouse_any_flag"), "1");
}

fn texts(path: &Path) -> Vec<String> {
    ideas_on_disk(path).into_values().flatten().collect()
}

fn typing_then(sig: &str) {
    let r = start(&format!("Typing {sig}"));
    assert_in_program_terminal_state(&r);
    let ideas = ["proud of our team", "LinkedIn posts", "open dag"];
    for text in ideas {
        idea(&r, text);
    }
    r.t.type_text("a draft being typed");
    r.t.wait_for("a draft being typed");
    hit(&r, sig);
    let mut kept = ideas.map(String::from).to_vec();
    kept.push("a draft being typed".into());
    assert_eq!(
        texts(&r.path),
        kept,
        "after SIG{sig}: the draft is kept as an idea"
    );
    if sig != "HUP" {
        assert_terminal_restored(&r);
    }
}

#[test]
fn sigterm_while_typing_saves_and_restores_the_terminal() {
    typing_then("TERM");
}

#[test]
fn sigint_while_typing_saves_and_restores_the_terminal() {
    typing_then("INT");
}

#[test]
fn closing_the_window_while_typing_ends_the_program_with_every_idea_saved() {
    typing_then("HUP");
}

fn help_open_then(sig: &str) {
    let r = start(&format!("Help {sig}"));
    idea(&r, "trots op ons werk");
    r.t.keys(&["F1"]);
    r.t.wait_until(
        |s| idea_count(s).is_none() || s.contains("Esc"),
        "the help overlay",
    );
    hit(&r, sig);
    assert_eq!(texts(&r.path), ["trots op ons werk"]);
    if sig != "HUP" {
        assert_terminal_restored(&r);
    }
}

#[test]
fn sigterm_with_the_help_overlay_open() {
    help_open_then("TERM");
}

#[test]
fn sigint_with_the_help_overlay_open() {
    help_open_then("INT");
}

#[test]
fn sighup_with_the_help_overlay_open() {
    help_open_then("HUP");
}

/// A paste of many lines is one change and one save of a large file. The signal is sent the
/// moment the save's temporary file appears next to the session (polled), so it lands while
/// the file is being written. The file then holds all of the paste or none of it, never a part.
/// A save can finish between two polls; then the attempt is repeated (up to 20 times).
fn large_save_then(sig: &str) {
    let lines: Vec<String> = (0..400)
        .map(|i| format!("pasted idea {i} about working here with pride"))
        .collect();
    for attempt in 1..=20 {
        let r = start(&format!("Save {sig} {attempt}"));
        idea(&r, "the first idea");
        let sessions = r.path.parent().unwrap().to_path_buf();
        let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
        let before = inode(&r.path);
        // Through a file: a paste this large is too long for a tmux command line.
        let buffer = r.path.with_extension("paste");
        std::fs::write(&buffer, lines.join("\n")).unwrap();
        let loaded = r.t.tmux(&["load-buffer", buffer.to_str().unwrap()]);
        assert!(loaded.status.success(), "{loaded:?}");
        let pasted = r.t.tmux(&["paste-buffer", "-p", "-t", "t:0"]);
        assert!(pasted.status.success(), "{pasted:?}");
        let started = std::time::Instant::now();
        let caught = loop {
            if !support::temp_files(&sessions).is_empty() {
                break true;
            }
            if inode(&r.path) != before || started.elapsed() > Duration::from_secs(30) {
                break false;
            }
        };
        hit(&r, sig);
        let on_disk = texts(&r.path);
        assert!(
            on_disk.len() == 1 || on_disk.len() == 401,
            "after SIG{sig} mid-save the file holds {} ideas: part of a change",
            on_disk.len()
        );
        assert_eq!(on_disk[0], "the first idea");
        if sig != "HUP" {
            assert_terminal_restored(&r);
        }
        if caught {
            println!(
                "SIG{sig} during a save (attempt {attempt}): the file holds {} ideas",
                on_disk.len()
            );
            return;
        }
    }
    panic!("the signal never landed during a save in 20 attempts");
}

#[test]
fn sigterm_during_a_large_save_leaves_all_or_nothing() {
    large_save_then("TERM");
}

#[test]
fn sighup_during_a_large_save_leaves_all_or_nothing() {
    large_save_then("HUP");
}
