//! What is written can always be read back (issue 11, item 4). Before, the program saved
//! sessions it then refused to open: a session grown past the 16 MB read limit, an embedded
//! workshop with two steps called `q1` (their ideas were counted twice on the next open), and
//! a `next_id` near the end of the id range (six ideas later the ids were "out of range").
//! Now load refuses what it would refuse later, ids never run past the range, and a save that
//! could not be read back is not made (the last good file stays, and the error says why).
//!
//! `AMBASSADOR_ROUNDTRIP_CASES=500 cargo test --release --test store roundtrip::` runs
//! the property longer.

use crate::common;
use crate::support;

use ambassador::domain::{Change, ID_LIMIT, Session};
use ambassador::store::{MAX_FILE_BYTES, SessionFile, StoreError, read_session};
use proptest::prelude::*;
use std::path::Path;

fn add_idea(file: &mut SessionFile, text: String) -> Result<u64, ambassador::domain::ChangeError> {
    let who = file.session().participants()[0].id;
    match file.apply(
        Change::AddIdea {
            step: "q1".into(),
            participant: who,
            text,
        },
        &common::clock(),
    )? {
        ambassador::domain::Applied::Created(id) => Ok(id),
        other => panic!("AddIdea gave {other:?}"),
    }
}

fn assert_loads_back_equal(path: &Path, session: &Session) {
    let loaded = read_session(path)
        .unwrap_or_else(|e| panic!("a file the program saved is refused: {e}"))
        .session;
    assert!(loaded == *session, "the file loads back different");
}

#[test]
fn an_embedded_workshop_with_two_steps_of_one_id_is_refused_on_load() {
    let data = tempfile::tempdir().unwrap();
    // A hand-edited file: the second question's id changed to the first one's.
    let text = common::filled_session(0)
        .to_ron()
        .replacen("id: \"q2\",", "id: \"q1\",", 1);
    assert!(text.matches("id: \"q1\",").count() == 2, "the edit took");
    let path = data.path().join("dup.ron");
    std::fs::write(&path, text).unwrap();
    let err = read_session(&path).unwrap_err().to_string();
    assert!(err.contains("duplicate step id \"q1\""), "{err}");
    assert!(err.contains("dup.ron"), "{err}");
}

#[test]
fn a_next_id_near_the_end_of_the_range_keeps_handing_out_ids() {
    let data = tempfile::tempdir().unwrap();
    let s = common::edited(
        &common::filled_session(1),
        "next_id",
        4_294_967_290u64.into(),
    );
    let path = common::save_into(data.path(), s);
    let mut file = SessionFile::open(&path).unwrap();
    for n in 0..12 {
        let id = add_idea(&mut file, format!("idea {n}")).unwrap();
        assert!(id < ID_LIMIT);
        file.save().unwrap();
        assert_loads_back_equal(&path, file.session());
    }
    drop(file);
    assert!(SessionFile::open(&path).is_ok());
}

#[test]
fn a_session_too_large_for_a_file_is_not_saved_and_the_last_good_file_stays() {
    let data = tempfile::tempdir().unwrap();
    let path = common::save_into(data.path(), common::filled_session(1));
    let mut file = SessionFile::open(&path).unwrap();
    // Pastes of 1 MB each: 15 fit in a file, 17 do not (neither readable nor compact).
    let block = "ambassadors share stories ".repeat(40_000);
    for _ in 0..15 {
        add_idea(&mut file, block.clone()).unwrap();
    }
    file.save().unwrap();
    let last_good = std::fs::read(&path).unwrap();
    for _ in 0..2 {
        add_idea(&mut file, block.clone()).unwrap();
    }
    let err = file.save().expect_err("a 17 MB session was saved");
    assert!(
        matches!(err, StoreError::WouldBeTooLarge { limit, .. } if limit == MAX_FILE_BYTES),
        "{err}"
    );
    assert!(err.to_string().contains("was kept as it was"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        last_good,
        "the file on disk changed"
    );
    // Undoing the pastes makes it savable again, and what was saved loads.
    for _ in 0..2 {
        let last = file.session().all_results()["q1"].ideas.last().unwrap().id;
        file.apply(Change::RemoveIdea(last), &common::clock())
            .unwrap();
    }
    file.save().unwrap();
    assert_loads_back_equal(&path, file.session());
}

/// One change a facilitator can make while capturing.
#[derive(Debug, Clone)]
enum Op {
    Idea(String),
    /// Several lines pasted at once: one idea per line.
    Paste {
        lines: usize,
        len: usize,
    },
    RemoveIdea(usize),
    Edit(usize, String),
    Participant(String),
    Action(String),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => "\\PC{1,60}".prop_map(Op::Idea),
        1 => (1usize..200, 1usize..2000).prop_map(|(lines, len)| Op::Paste { lines, len }),
        2 => any::<usize>().prop_map(Op::RemoveIdea),
        1 => (any::<usize>(), "\\PC{0,40}").prop_map(|(i, t)| Op::Edit(i, t)),
        1 => "[A-Za-zé ]{1,12}".prop_map(Op::Participant),
        1 => "\\PC{1,30}".prop_map(Op::Action),
    ]
}

fn apply(session: &mut SessionFile, op: &Op) -> bool {
    let clock = common::clock();
    let ideas: Vec<ambassador::domain::IdeaId> =
        session.session().all_ideas().map(|(_, i)| i.id).collect();
    let change = |c: Change, s: &mut SessionFile| s.apply(c, &clock).is_ok();
    match op {
        Op::Idea(t) => add_idea(session, t.clone()).is_ok(),
        Op::Paste { lines, len } => {
            let mut any = false;
            for n in 0..*lines {
                let text = format!("{n} {}", "x".repeat(*len));
                any |= add_idea(session, text).is_ok();
            }
            any
        }
        Op::RemoveIdea(i) if !ideas.is_empty() => {
            change(Change::RemoveIdea(ideas[i % ideas.len()]), session)
        }
        Op::Edit(i, t) if !ideas.is_empty() => change(
            Change::EditIdea {
                id: ideas[i % ideas.len()],
                text: t.clone(),
            },
            session,
        ),
        Op::Participant(name) => change(Change::AddParticipant(name.clone()), session),
        Op::Action(what) => change(
            Change::AddAction {
                step: "bridge".into(),
                what: what.clone(),
                who: String::new(),
                when: String::new(),
            },
            session,
        ),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: support::env_count("AMBASSADOR_ROUNDTRIP_CASES", 24) as u32,
        ..ProptestConfig::default()
    })]

    /// Any sequence of changes the program accepts saves a file that loads back equal, from a
    /// fresh counter, one past half the range, and one at the very end of it.
    #[test]
    fn every_accepted_change_saves_a_file_that_loads_back_equal(
        start in prop_oneof![Just(1u64), Just(ID_LIMIT / 2 + 1), Just(ID_LIMIT - 3), Just(u64::MAX)],
        ops in proptest::collection::vec(op(), 1..16),
    ) {
        let data = tempfile::tempdir().unwrap();
        let s = common::edited(&common::filled_session(1), "next_id", start.into());
        let path = common::save_into(data.path(), s);
        let mut file = SessionFile::open(&path).unwrap();
        prop_assert!(file.session().next_id() < ID_LIMIT);
        for op in &ops {
            if !apply(&mut file, op) {
                continue;
            }
            match file.save() {
                Ok(()) => assert_loads_back_equal(&path, file.session()),
                // Too large for a file: not written, and what is on disk still loads.
                Err(StoreError::WouldBeTooLarge { .. }) => {
                    prop_assert!(read_session(&path).is_ok());
                    break;
                }
                Err(e) => panic!("save failed: {e}"),
            }
        }
    }
}

#[test]
fn templates_larger_than_the_limit_are_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let mut text = ambassador::store::builtin_templates()[0].to_ron();
    text.push_str(&" ".repeat(ambassador::store::MAX_TEMPLATE_BYTES as usize));
    std::fs::write(&path, text).unwrap();
    let err = ambassador::store::resolve_template(dir.path(), path.to_str().unwrap(), None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("templates are at most"), "{err}");
}
