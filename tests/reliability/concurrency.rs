//! Concurrency: two windows on one session (the second read-only and told so, the first's
//! writes never lost), two windows on different sessions in one data folder, and
//! `ambassador list` in a loop while sessions are being saved: no lost writes, the list never
//! fails and never calls a session unreadable because it caught a file half-written.

use crate::common;
use crate::support;

use ambassador::domain::Change;
use common::tmux::Tmux;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use support::{args_for, as_strs, idea_count, ideas_on_disk, new_session, program};

fn open(data: &Path, id: &str) -> Tmux {
    let t = Tmux::start(program(), &as_strs(&args_for(data, &["open", id])), 100, 30);
    t.wait_for("step ");
    t
}

fn to_first_question(t: &Tmux) {
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("step 4/10");
    t.wait_until(|s| idea_count(s).is_some(), "the idea list");
}

fn idea(t: &Tmux, text: &str) {
    let before = idea_count(&t.screen()).unwrap();
    t.type_text(text);
    t.keys(&["Enter"]);
    t.wait_until(|s| idea_count(s) == Some(before + 1), text);
}

fn texts(path: &Path) -> Vec<String> {
    ideas_on_disk(path).into_values().flatten().collect()
}

#[test]
fn a_second_window_on_one_session_is_read_only_says_so_and_loses_nothing_of_the_first() {
    let data = tempfile::tempdir().unwrap();
    let (id, path) = new_session(data.path(), "Shared");
    let first = open(data.path(), &id);
    to_first_question(&first);
    idea(&first, "from the first window");

    let second = open(data.path(), &id);
    let screen = second.wait_for("Read-only");
    assert!(
        screen.contains("another ambassador window has this session open"),
        "the second window does not say why:\n{screen}"
    );
    // The second window opens where the first saved it, with its idea, and refuses changes.
    let screen = second.wait_for("step 4/10");
    assert!(screen.contains("from the first window"), "{screen}");
    second.type_text("from the second window");
    second.keys(&["Enter"]);
    second.wait_until(
        |s| s.to_lowercase().contains("read-only") && idea_count(s) == Some(1),
        "the refusal",
    );
    second.keys(&["PageDown"]);

    idea(&first, "first again, while the second is open");
    second.keys(&["C-c"]);
    second.wait_exit();
    idea(&first, "first after the second closed");
    first.keys(&["C-c"]);
    first.wait_exit();

    assert_eq!(
        texts(&path),
        [
            "from the first window",
            "first again, while the second is open",
            "first after the second closed"
        ]
    );
    let session = ambassador::store::read_session(&path).unwrap().session;
    assert_eq!(
        session.current_step_index(),
        3,
        "the read-only window moved the step"
    );
}

#[test]
fn two_windows_on_two_sessions_in_one_folder_keep_their_own_ideas() {
    let data = tempfile::tempdir().unwrap();
    let (a_id, a_path) = new_session(data.path(), "Team A");
    let (b_id, b_path) = new_session(data.path(), "Team B");
    let a = open(data.path(), &a_id);
    let b = open(data.path(), &b_id);
    for t in [&a, &b] {
        let screen = t.screen();
        assert!(!screen.to_lowercase().contains("read-only"), "{screen}");
        to_first_question(t);
    }
    let mut a_ideas = Vec::new();
    let mut b_ideas = Vec::new();
    for i in 0..6 {
        let text = format!("team A idea {i}");
        idea(&a, &text);
        a_ideas.push(text);
        let text = format!("team B idea {i}");
        idea(&b, &text);
        b_ideas.push(text);
        // Listing the folder in between must see both, readable.
        let out = common::run(data.path(), &["list", "--json"]);
        assert!(out.status.success());
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let sessions = doc["sessions"].as_array().unwrap();
        assert_eq!(sessions.len(), 2, "{doc}");
        assert!(sessions.iter().all(|s| s.get("error").is_none()), "{doc}");
    }
    for t in [&a, &b] {
        t.keys(&["C-c"]);
        t.wait_exit();
    }
    assert_eq!(texts(&a_path), a_ideas);
    assert_eq!(texts(&b_path), b_ideas);
}

/// One thread saves a growing session as fast as it can (each save a full atomic write);
/// meanwhile `ambassador list --json` runs again and again, and the library's listing too.
/// Every listing sees the session readable, with never fewer ideas than a listing before it.
#[test]
fn listing_while_another_instance_saves_never_sees_a_half_written_file() {
    let data = tempfile::tempdir().unwrap();
    let (_, path) = new_session(data.path(), "Busy");
    let sessions = path.parent().unwrap().to_path_buf();
    let stop = Arc::new(AtomicBool::new(false));
    let saver = {
        let stop = stop.clone();
        let path = path.clone();
        std::thread::spawn(move || {
            let mut file = ambassador::store::SessionFile::open(&path).unwrap();
            assert!(file.read_only().is_none());
            let clock = common::clock();
            let who = file.session().participants()[0].id;
            let mut saves = 0;
            while !stop.load(Ordering::Relaxed) && saves < 2000 {
                file.apply(
                    Change::AddIdea {
                        step: "q1".into(),
                        participant: who,
                        text: format!("idea {saves} {}", "words ".repeat(saves % 40)),
                    },
                    &clock,
                )
                .unwrap();
                file.save().unwrap();
                saves += 1;
            }
            saves
        })
    };
    let mut last_seen = 0usize;
    let mut listings = 0;
    let mut unreadable = Vec::new();
    let mut going_back = Vec::new();
    let rounds = support::env_count("AMBASSADOR_LIST_ROUNDS", 60);
    for round in 0..rounds {
        let out = common::run(data.path(), &["list", "--json"]);
        assert!(
            out.status.success(),
            "list failed in round {round}: {}",
            common::stderr(&out)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let entry = &doc["sessions"][0];
        if let Some(error) = entry.get("error") {
            unreadable.push(format!("round {round}: {error}"));
            continue;
        }
        let ideas = entry["ideas"].as_u64().unwrap() as usize;
        if ideas < last_seen {
            going_back.push(format!("round {round}: {ideas} after {last_seen}"));
        }
        last_seen = last_seen.max(ideas);
        listings += 1;
        // And the library's own listing, several times per round.
        for _ in 0..5 {
            for listing in ambassador::store::list_sessions(&sessions).unwrap() {
                if let ambassador::store::Listing::Unreadable { error, .. } = listing {
                    unreadable.push(format!("round {round} (library): {error}"));
                }
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    let saves = saver.join().unwrap();
    let final_ideas = texts(&path).len();
    println!(
        "list while saving: {listings} CLI listings and {} library listings during {saves} saves, last list saw {last_seen} ideas, {final_ideas} on disk, {} unreadable, {} going back",
        rounds * 5,
        unreadable.len(),
        going_back.len()
    );
    assert!(unreadable.is_empty(), "{unreadable:?}");
    assert!(going_back.is_empty(), "{going_back:?}");
    assert_eq!(final_ideas, saves, "a save was lost");
    assert!(
        last_seen > 0,
        "the listings never saw a save happen, so they proved nothing"
    );
    assert!(support::temp_files(&sessions).is_empty());
}
