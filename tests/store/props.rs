//! Properties of session files: any session survives RON and back; the loader never panics.

use crate::common;

use ambassador::domain::{Change, FixedClock, Session, StepKind};
use ambassador::store::parse_session_text;
use proptest::prelude::*;
use std::path::Path;

/// Text as facilitators and their keyboards produce it, control characters included.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        any::<String>(),
        Just("\"quotes\" \\ backslash // not a comment /* nor this */".to_string()),
        Just("émoji 🎉👩🏽‍💻 and RTL שלום".to_string()),
    ]
}

#[derive(Debug, Clone)]
enum Op {
    Idea(usize, usize, String),
    Edit(usize, String),
    Remove(usize),
    Pulse(usize, usize, u8),
    Role(usize, usize),
    Action(String, String),
    Notes(usize, String),
    Participant(String),
    Step(usize),
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    let op = prop_oneof![
        (0..4usize, 0..3usize, any_text()).prop_map(|(q, p, t)| Op::Idea(q, p, t)),
        (0..50usize, any_text()).prop_map(|(i, t)| Op::Edit(i, t)),
        (0..50usize).prop_map(Op::Remove),
        (0..3usize, 0..3usize, 0..7u8).prop_map(|(p, i, s)| Op::Pulse(p, i, s)),
        (0..3usize, 0..4usize).prop_map(|(p, r)| Op::Role(p, r)),
        (any_text(), any_text()).prop_map(|(a, b)| Op::Action(a, b)),
        (0..10usize, any_text()).prop_map(|(s, t)| Op::Notes(s, t)),
        any_text().prop_map(Op::Participant),
        (0..12usize).prop_map(Op::Step),
    ];
    prop::collection::vec(op, 0..40)
}

/// Builds a session by applying the ops; invalid ones are refused by `apply`, as in the app.
fn build(title: String, start: i64, ops: Vec<Op>) -> Session {
    let mut s = common::filled_session(0);
    let clock = FixedClock::at(jiff::Timestamp::from_second(start).unwrap());
    let _ = s.apply(Change::SetTitle(title), &clock);
    let steps = s.template().steps.clone();
    let questions: Vec<String> = steps
        .iter()
        .filter(|st| st.kind == StepKind::Question)
        .map(|st| st.id.clone())
        .collect();
    for op in ops {
        let people: Vec<ambassador::domain::ParticipantId> =
            s.participants().iter().map(|p| p.id).collect();
        let ideas: Vec<ambassador::domain::IdeaId> = s.all_ideas().map(|(_, i)| i.id).collect();
        let change = match op {
            Op::Idea(q, p, text) => Change::AddIdea {
                step: questions[q].clone(),
                participant: people[p % people.len()],
                text,
            },
            Op::Edit(i, text) if !ideas.is_empty() => Change::EditIdea {
                id: ideas[i % ideas.len()],
                text,
            },
            Op::Remove(i) if !ideas.is_empty() => Change::RemoveIdea(ideas[i % ideas.len()]),
            Op::Edit(..) | Op::Remove(_) => continue,
            Op::Pulse(p, i, score) => Change::SetPulse {
                step: "pulse".into(),
                participant: people[p % people.len()],
                item: ["right_place", "enjoy_work", "time_space_attention"][i].into(),
                score: (score > 0).then_some(score),
            },
            Op::Role(p, r) => Change::SetRole {
                step: "roles".into(),
                participant: people[p % people.len()],
                role: Some(
                    [
                        "representative",
                        "employer_advocate",
                        "brand_advocate",
                        "relay",
                    ][r]
                        .into(),
                ),
            },
            Op::Action(what, who) => Change::AddAction {
                step: "bridge".into(),
                what,
                who,
                when: "soon".into(),
            },
            Op::Notes(st, text) => Change::SetNotes {
                step: steps[st].id.clone(),
                text,
            },
            Op::Participant(name) => Change::AddParticipant(name),
            Op::Step(i) => Change::GoToStep(i),
        };
        let _ = s.apply(change, &clock);
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_session_survives_ron_and_back(title in any_text(), start in 0i64..4_000_000_000, ops in ops()) {
        let session = build(title, start, ops);
        let text = session.to_ron();
        let parsed = parse_session_text(Path::new("prop.ron"), &text).unwrap();
        prop_assert_eq!(parsed.session, session);
    }

    #[test]
    fn the_loader_never_panics_on_arbitrary_text(text in any::<String>()) {
        let _ = parse_session_text(Path::new("any.ron"), &text);
    }

    #[test]
    fn the_loader_never_panics_on_damaged_real_files(
        cut in 0usize..100_000,
        flips in prop::collection::vec((0usize..100_000, any::<u8>()), 0..8),
    ) {
        let mut bytes = common::render(&common::filled_session(3)).into_bytes();
        for (at, byte) in flips {
            let n = bytes.len();
            bytes[at % n] = byte;
        }
        bytes.truncate(cut % (bytes.len() + 1));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("damaged.ron");
        std::fs::write(&path, &bytes).unwrap();
        let before = std::fs::read(&path).unwrap();
        let _ = ambassador::store::read_session(&path);
        prop_assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}
