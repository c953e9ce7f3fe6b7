//! The session model: every change through `apply`, undo and redo through `History`.

use crate::common;

use ambassador::domain::{Applied, Change, ChangeError, GroupId, History, IdeaId, ParticipantId};
use common::{clock, filled_session};

#[test]
fn adding_an_idea_records_who_said_it_where_and_when() {
    let mut s = filled_session(0);
    let c = clock();
    let ann = s.participants()[0].id;
    let Applied::Created(id) = s
        .apply(
            Change::AddIdea {
                step: "q2".into(),
                participant: ann,
                text: "  LinkedIn posts  ".into(),
            },
            &c,
        )
        .unwrap()
    else {
        panic!("an idea gets an id")
    };
    let idea = s.find_idea(IdeaId(id)).unwrap();
    assert_eq!(idea.text, "LinkedIn posts");
    assert_eq!(idea.participant, ann);
    assert_eq!(s.results("q2").unwrap().ideas.len(), 1);
    assert!(s.updated() >= idea.at);
}

#[test]
fn invalid_changes_are_refused_and_leave_the_session_as_it_was() {
    let mut s = filled_session(1);
    let before = s.clone();
    let c = clock();
    let ann = s.participants()[0].id;
    let cases = [
        (
            Change::AddIdea {
                step: "q1".into(),
                participant: ann,
                text: "   ".into(),
            },
            ChangeError::EmptyText,
        ),
        (
            Change::AddIdea {
                step: "pulse".into(),
                participant: ann,
                text: "x".into(),
            },
            ChangeError::WrongStepKind {
                step: "pulse".into(),
                expected: "question",
            },
        ),
        (
            Change::AddIdea {
                step: "q9".into(),
                participant: ann,
                text: "x".into(),
            },
            ChangeError::UnknownStep("q9".into()),
        ),
        (
            Change::AddIdea {
                step: "q1".into(),
                participant: ParticipantId(999),
                text: "x".into(),
            },
            ChangeError::UnknownParticipant(ParticipantId(999)),
        ),
        (
            Change::SetPulse {
                step: "pulse".into(),
                participant: ann,
                item: "right_place".into(),
                score: Some(6),
            },
            ChangeError::ScoreOutOfRange(6),
        ),
        (
            Change::SetRole {
                step: "roles".into(),
                participant: ann,
                role: Some("king".into()),
            },
            ChangeError::UnknownRole("king".into()),
        ),
        (Change::GoToStep(10), ChangeError::StepOutOfRange(11, 10)),
        (
            Change::AddParticipant("bob".into()),
            ChangeError::DuplicateParticipant("bob".into()),
        ),
        (
            Change::RemoveIdea(IdeaId(4242)),
            ChangeError::UnknownIdea(IdeaId(4242)),
        ),
    ];
    for (change, expected) in cases {
        assert_eq!(
            s.apply(change.clone(), &c).unwrap_err(),
            expected,
            "{change:?}"
        );
        assert_eq!(s, before, "{change:?} changed the session");
    }
}

#[test]
fn a_participant_with_answers_cannot_be_removed_but_one_without_can() {
    let mut s = filled_session(1);
    let c = clock();
    let ann = s.participants()[0].id;
    let err = s.apply(Change::RemoveParticipant(ann), &c).unwrap_err();
    assert!(err.to_string().starts_with("Ann still has"), "{err}");
    let Applied::Created(dan) = s.apply(Change::AddParticipant("Dan".into()), &c).unwrap() else {
        panic!()
    };
    s.apply(Change::RemoveParticipant(ParticipantId(dan as u32)), &c)
        .unwrap();
    assert_eq!(s.participants().len(), 3);
}

#[test]
fn removing_an_idea_takes_it_out_of_its_group_and_drops_empty_groups() {
    let mut s = filled_session(2);
    let c = clock();
    let ids: Vec<IdeaId> = s
        .results("q1")
        .unwrap()
        .ideas
        .iter()
        .map(|i| i.id)
        .collect();
    let groups = vec![
        ambassador::domain::Group {
            id: GroupId(900),
            label: "a".into(),
            label_edited: false,
            locked: false,
            manual: false,
            ideas: vec![ids[0]],
            pinned: vec![],
            differing: vec![],
        },
        ambassador::domain::Group {
            id: GroupId(901),
            label: "b".into(),
            label_edited: true,
            locked: false,
            manual: false,
            ideas: vec![ids[1]],
            pinned: vec![],
            differing: vec![],
        },
    ];
    s.apply(
        Change::SetGroups {
            step: "q1".into(),
            groups,
        },
        &c,
    )
    .unwrap();
    s.apply(
        Change::ToggleDenominator {
            step: "q1".into(),
            group: GroupId(900),
            label: "a".into(),
        },
        &c,
    )
    .unwrap();
    s.apply(Change::RemoveIdea(ids[0]), &c).unwrap();
    let q1 = s.results("q1").unwrap();
    assert_eq!(q1.groups.len(), 1);
    assert_eq!(q1.groups[0].id, GroupId(901));
    // The denominator of a vanished group goes with the next regrouping.
    s.apply(
        Change::SetGroups {
            step: "q1".into(),
            groups: q1.groups.clone(),
        },
        &c,
    )
    .unwrap();
    assert!(s.results("q1").unwrap().denominators.is_empty());
}

#[test]
fn undo_and_redo_restore_content_but_not_where_the_facilitator_is() {
    let mut s = filled_session(0);
    let c = clock();
    let mut h = History::default();
    let ann = s.participants()[0].id;
    h.apply(&mut s, Change::GoToStep(3), &c).unwrap();
    h.apply(
        &mut s,
        Change::AddIdea {
            step: "q1".into(),
            participant: ann,
            text: "one".into(),
        },
        &c,
    )
    .unwrap();
    h.apply(
        &mut s,
        Change::AddIdea {
            step: "q1".into(),
            participant: ann,
            text: "two".into(),
        },
        &c,
    )
    .unwrap();
    h.apply(&mut s, Change::GoToStep(4), &c).unwrap();
    assert!(h.undo(&mut s, &c));
    assert_eq!(s.results("q1").unwrap().ideas.len(), 1);
    assert_eq!(
        s.current_step_index(),
        4,
        "undo does not move the facilitator"
    );
    assert!(h.undo(&mut s, &c));
    assert!(s.results("q1").is_none());
    assert!(!h.undo(&mut s, &c), "step moves are not undone");
    assert!(h.redo(&mut s, &c));
    assert!(h.redo(&mut s, &c));
    assert_eq!(s.results("q1").unwrap().ideas.len(), 2);
    assert!(!h.redo(&mut s, &c));
    // A new edit after undo clears the redo stack.
    h.undo(&mut s, &c);
    h.apply(&mut s, Change::SetGoal("new goal".into()), &c)
        .unwrap();
    assert!(!h.can_redo());
}

#[test]
fn checklists_toggle_and_pulse_scores_clear() {
    let mut s = filled_session(0);
    let c = clock();
    s.apply(
        Change::ToggleChecklist {
            step: "welcome".into(),
            index: 2,
        },
        &c,
    )
    .unwrap();
    assert!(s.results("welcome").unwrap().checked.contains(&2));
    s.apply(
        Change::ToggleChecklist {
            step: "welcome".into(),
            index: 2,
        },
        &c,
    )
    .unwrap();
    assert!(
        s.results("welcome").is_none(),
        "empty results are dropped from the file"
    );
    assert_eq!(
        s.apply(
            Change::ToggleChecklist {
                step: "welcome".into(),
                index: 9
            },
            &c
        )
        .unwrap_err(),
        ChangeError::UnknownChecklistLine(10)
    );
    let ann = s.participants()[0].id;
    s.apply(
        Change::SetPulse {
            step: "pulse".into(),
            participant: ann,
            item: "enjoy_work".into(),
            score: None,
        },
        &c,
    )
    .unwrap();
    assert!(!s.results("pulse").unwrap().pulse[&ann].contains_key("enjoy_work"));
}
