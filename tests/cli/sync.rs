//! `ambassador sync`: facilitators' data folders sharing one programme archive, with a bare
//! repository on local disk as the remote (no network).

use crate::common::archive::{Programme, have_git, listed};
use crate::common::{filled_session, save_into};
use ambassador::domain::{Change, FixedClock, Session};
use ambassador::store::SessionFile;
use std::path::{Path, PathBuf};

const NAMES: [&str; 5] = ["Ann", "Bob", "Chloé", "Fay", "Test team"];

/// A filled session (Ann, Bob and Chloé with Fay) under its own id and title.
fn session(id: &str, title: &str) -> Session {
    let mut s = filled_session(3);
    let clock = FixedClock::at("2026-11-27T10:00:00Z".parse().unwrap());
    s.apply(Change::SetTitle(title.into()), &clock).unwrap();
    let text = s.to_ron().replace("2026-11-27-test", id);
    Session::from_ron(id, &text).unwrap()
}

/// Adds an idea to the session `id` in `folder`, as the program would, a minute later.
fn add_idea(folder: &Path, id: &str, text: &str, minute: u32) {
    let path = folder.join("sessions").join(format!("{id}.ron"));
    let mut file = SessionFile::open(&path).unwrap();
    let ann = file.session().participants()[0].id;
    let at = format!("2026-11-28T10:{minute:02}:00Z");
    let clock = FixedClock::at(at.parse().unwrap());
    file.apply(
        Change::AddIdea {
            step: "q1".into(),
            participant: ann,
            text: text.into(),
        },
        &clock,
    )
    .unwrap();
    file.save().unwrap();
}

fn list(p: &Programme, folder: &Path) -> Vec<(String, String)> {
    listed(&p.ok(folder, &["list", "--json"]))
}

fn count(listing: &[(String, String)], origin: &str) -> usize {
    listing.iter().filter(|(_, o)| o == origin).count()
}

/// Every `.ron` file in a folder's archive, as text.
fn archive_texts(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder.join("archive").join("sessions"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".ron"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect()
}

/// A's session, synced, then copied (with its archive name) into B's folder, which joins:
/// the same version is not shared twice.
fn one_session_in_two_folders(p: &Programme) -> (PathBuf, PathBuf) {
    let (a, b) = (p.folder("a"), p.folder("b"));
    save_into(&a, session("2026-11-27-shared", "Team Shared"));
    p.ok(&a, &["sync", "--remote", &p.remote()]);
    std::fs::create_dir_all(b.join("sessions")).unwrap();
    let name = "2026-11-27-shared.ron";
    std::fs::copy(a.join("sessions").join(name), b.join("sessions").join(name)).unwrap();
    let said = p.ok(&b, &["sync", "--remote", &p.remote()]);
    assert!(said.contains("0 sessions shared"), "{said}");
    (a, b)
}

/// Each folder's archive holds both ideas, no merge marker, and one conflict copy it lists.
fn both_versions_kept(p: &Programme, folders: &[&Path]) {
    for folder in folders {
        let texts = archive_texts(folder).join("\n");
        assert!(texts.contains("idea only A wrote") && texts.contains("idea only B wrote"));
        assert!(!texts.contains("<<<<<<<") && !texts.contains(">>>>>>>"));
        let l = list(p, folder);
        assert_eq!(count(&l, "conflict_copy"), 1, "{l:?}");
    }
}

#[test]
fn sync_without_an_archive_or_git_says_what_to_do_and_fails() {
    let p = Programme::new();
    let a = p.folder("a");
    let out = p.run(&a, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("ambassador sync --remote URL"), "{said}");
    let out = p
        .command(&a, &["sync", "--remote", &p.remote()])
        .env("PATH", p.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("git is not installed"));
}

#[test]
fn two_facilitators_sync_and_a_third_folder_joins_and_sees_everything() {
    if !have_git() {
        return;
    }
    let p = Programme::new();
    let (a, b, c) = (p.folder("a"), p.folder("b"), p.folder("c"));
    save_into(&a, session("2026-11-27-north", "Team North"));
    save_into(&b, session("2026-11-27-south", "Team South"));
    p.ok(&a, &["sync", "--remote", &p.remote()]);
    p.ok(&b, &["sync", "--remote", &p.remote()]);
    // Remembered: later syncs need no --remote.
    let said = p.ok(&a, &["sync"]);
    assert!(said.contains("1 session from others"), "{said}");
    for folder in [&a, &b] {
        let l = list(&p, folder);
        assert_eq!((count(&l, "own"), count(&l, "archive")), (1, 1), "{l:?}");
    }
    p.ok(&c, &["sync", "--remote", &p.remote()]);
    let l = list(&p, &c);
    assert_eq!(count(&l, "archive"), 2, "{l:?}");
    // Another's session opens read-only, and exports.
    let shared = &l[0].0;
    let report = p.ok(&c, &["export", shared, "--format", "md"]);
    assert!(report.contains("idea 0 about proud work"), "{report}");
    let plain = p.ok(&c, &["list"]);
    assert!(plain.contains("SHARED "), "{plain}");
    p.assert_healthy(&c);
}

#[test]
fn an_anonymous_archive_holds_no_name_or_title_in_its_history() {
    if !have_git() {
        return;
    }
    let p = Programme::new();
    let a = p.folder("a");
    save_into(&a, session("2026-11-27-test", "Test team"));
    p.ok(&a, &["sync", "--remote", &p.remote()]);
    add_idea(
        &a,
        "2026-11-27-test",
        "Ann and Bob asked Fay about Chloé",
        1,
    );
    p.ok(&a, &["sync"]);
    let history = p.history();
    assert!(
        history.contains("Session of 27 Nov 2026: 12 ideas"),
        "{history}"
    );
    assert!(history.contains("(updated)"), "{history}");
    for name in NAMES {
        assert!(!history.contains(name), "{name} in the archive's history");
    }
    assert!(!history.contains("2026-11-27-test"));
    assert!(
        history.contains("someone asked someone about someone"),
        "{history}"
    );
}

#[test]
fn a_full_archive_shares_the_session_as_it_is() {
    if !have_git() {
        return;
    }
    let p = Programme::new();
    let (a, b) = (p.folder("a"), p.folder("b"));
    save_into(&a, session("2026-11-27-test", "Test team"));
    p.ok(&a, &["sync", "--remote", &p.remote(), "--full"]);
    p.ok(&b, &["sync", "--remote", &p.remote()]);
    let texts = archive_texts(&b).join("\n");
    assert!(texts.contains("name: \"Chloé\"") && texts.contains("Test team"));
    // Joining a full archive with --full changes nothing.
    p.ok(&p.folder("c"), &["sync", "--remote", &p.remote(), "--full"]);
}

#[test]
fn both_edit_one_session_offline_and_both_versions_are_kept() {
    if !have_git() {
        return;
    }
    let p = Programme::new();
    let (a, b) = one_session_in_two_folders(&p);
    add_idea(&a, "2026-11-27-shared", "idea only A wrote", 1);
    add_idea(&b, "2026-11-27-shared", "idea only B wrote", 2);
    p.ok(&a, &["sync"]);
    let said = p.ok(&b, &["sync"]);
    assert!(
        said.contains("conflict copy") || said.contains("1 session shared"),
        "{said}"
    );
    p.ok(&a, &["sync"]);
    both_versions_kept(&p, &[&a, &b]);
    let plain = p.ok(&a, &["list"]);
    assert!(plain.contains("CONFLICT COPY "), "{plain}");
}

#[test]
fn edits_committed_offline_on_both_sides_merge_without_markers() {
    if !have_git() {
        return;
    }
    let p = Programme::new();
    let (a, b) = one_session_in_two_folders(&p);
    add_idea(&b, "2026-11-27-shared", "idea only B wrote", 2);
    // The network is gone while B syncs: B's change is committed in B's clone only.
    let remote = p.dir.path().join("remote.git");
    let away = p.dir.path().join("away.git");
    std::fs::rename(&remote, &away).unwrap();
    let out = p.run(&b, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    std::fs::rename(&away, &remote).unwrap();
    add_idea(&a, "2026-11-27-shared", "idea only A wrote", 1);
    p.ok(&a, &["sync"]);
    let said = p.ok(&b, &["sync"]);
    assert!(said.contains("conflict copy"), "{said}");
    p.ok(&a, &["sync"]);
    both_versions_kept(&p, &[&a, &b]);
    p.assert_healthy(&b);
}
