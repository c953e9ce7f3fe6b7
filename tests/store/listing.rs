//! The session index speeds listing up but can never hide or misreport a session.

use crate::common;

use ambassador::store::{Listing, SessionFile, list_sessions};
use common::{filled_session, save_into};

fn titles(dir: &std::path::Path) -> Vec<String> {
    let mut t: Vec<String> = list_sessions(dir)
        .unwrap()
        .into_iter()
        .map(|l| match l {
            Listing::Session(s) => s.title,
            Listing::Unreadable { path, .. } => format!("unreadable {}", path.display()),
            Listing::Kept(k) => format!("kept {}", k.path.display()),
        })
        .collect();
    t.sort();
    t
}

#[test]
fn a_changed_file_is_read_again_and_the_index_is_written() {
    let data = tempfile::tempdir().unwrap();
    let path = save_into(data.path(), filled_session(1));
    let dir = data.path().join("sessions");
    assert_eq!(titles(&dir), ["Test team"]);
    assert!(dir.join(".index.json").is_file());
    let mut file = SessionFile::open(&path).unwrap();
    let retitle = ambassador::domain::Change::SetTitle("Renamed team".into());
    file.apply(retitle, &common::clock()).unwrap();
    file.save().unwrap();
    assert_eq!(titles(&dir), ["Renamed team"]);
}

#[test]
fn a_broken_index_is_ignored_and_rebuilt() {
    let data = tempfile::tempdir().unwrap();
    save_into(data.path(), filled_session(1));
    let dir = data.path().join("sessions");
    std::fs::write(dir.join(".index.json"), b"{ not json").unwrap();
    assert_eq!(titles(&dir), ["Test team"]);
    let rebuilt = std::fs::read_to_string(dir.join(".index.json")).unwrap();
    assert!(rebuilt.contains("Test team"));
}

#[test]
fn a_stale_index_never_hides_or_invents_a_session() {
    let data = tempfile::tempdir().unwrap();
    let first = save_into(data.path(), filled_session(1));
    let dir = data.path().join("sessions");
    titles(&dir);
    // A session added behind the index's back, one deleted, and a forged entry.
    let mut other = filled_session(1);
    other.name_after_file("2026-11-28-other");
    let retitle = ambassador::domain::Change::SetTitle("Other team".into());
    other.apply(retitle, &common::clock()).unwrap();
    save_into(data.path(), other);
    let index = std::fs::read_to_string(dir.join(".index.json")).unwrap();
    std::fs::write(
        dir.join(".index.json"),
        index.replace("Test team", "Forged title"),
    )
    .unwrap();
    std::fs::write(
        &first,
        common::render(&filled_session(2)).replace("Test team", "Rewritten"),
    )
    .unwrap();
    assert_eq!(titles(&dir), ["Other team", "Rewritten"]);
    std::fs::remove_file(&first).unwrap();
    assert_eq!(titles(&dir), ["Other team"]);
}

#[test]
fn a_file_that_turns_bad_is_listed_as_unreadable_despite_the_index() {
    let data = tempfile::tempdir().unwrap();
    let path = save_into(data.path(), filled_session(1));
    let dir = data.path().join("sessions");
    titles(&dir);
    std::fs::write(&path, b"(version: 3, oops").unwrap();
    let listed = titles(&dir);
    assert!(listed[0].starts_with("unreadable"), "{listed:?}");
}
