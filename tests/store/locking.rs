//! Two instances on one session. No test here starts a process: a child forked by a
//! parallel test would inherit the lock for a moment and make the release look late.

use crate::common;

use common::{filled_session, save_into};

#[test]
fn two_instances_on_one_session_the_second_is_read_only_and_told_why() {
    let data = tempfile::tempdir().unwrap();
    let path = save_into(data.path(), filled_session(2));
    let first = ambassador::store::SessionFile::open(&path).unwrap();
    assert!(first.read_only().is_none());
    let second = ambassador::store::SessionFile::open(&path).unwrap();
    assert_eq!(
        second.read_only(),
        Some(&ambassador::store::ReadOnlyReason::LockedElsewhere)
    );
    let err = second.save().unwrap_err().to_string();
    assert!(
        err.contains("another ambassador window has this session open"),
        "{err}"
    );
    first.save().unwrap();
    drop(first);
    let third = ambassador::store::SessionFile::open(&path).unwrap();
    assert!(
        third.read_only().is_none(),
        "the lock is free again once the first closes"
    );
}
