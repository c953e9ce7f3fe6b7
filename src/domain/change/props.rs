//! The promise `apply` makes: a change that is refused leaves the session exactly as it was.
//! Changes of every kind are made up with ids, steps and texts that are sometimes right and
//! sometimes not, and applied one after another to a session that fills up as they go.

use super::super::{
    ActionId, Change, FixedClock, Group, GroupId, IdeaId, Language, NewSession, Outcome,
    ParticipantId, Session, Status, Template,
};
use proptest::prelude::*;

/// What a made-up change refers to: an index into what the session has now, or something
/// it never had.
#[derive(Debug, Clone)]
struct Pick(u8);

impl Pick {
    fn of<T: Copy>(&self, known: &[T], unknown: T) -> T {
        match usize::from(self.0) {
            n if n < known.len() && n < 200 => known[n],
            _ => unknown,
        }
    }
}

#[derive(Debug, Clone)]
struct Raw {
    kind: u8,
    a: Pick,
    b: Pick,
    c: u8,
    text: String,
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        0..37u8,
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        prop_oneof!["[a-z ]{0,12}", Just(String::new()), Just("   ".to_string())],
    )
        .prop_map(|(kind, a, b, c, text)| Raw {
            kind,
            a: Pick(a % 12),
            b: Pick(b % 12),
            c,
            text,
        })
}

fn session() -> Session {
    let text = include_str!("../../../workshops/ambassadorship-follow-up.en.ron");
    let template = Template::parse("ambassadorship-follow-up.en.ron", text).unwrap();
    Session::start(
        "2026-12-04-props".into(),
        template,
        NewSession {
            title: "Props".into(),
            organisation: String::new(),
            goal: String::new(),
            facilitator: String::new(),
            participants: vec!["Ann".into(), "Bob".into()],
            follows: None,
            pulse_mode: Default::default(),
            ..NewSession::default()
        },
        &clock(),
    )
}

fn clock() -> FixedClock {
    FixedClock::at("2026-12-04T09:00:00Z".parse().unwrap())
}

/// A change of kind `r.kind`, made from what the session has now and `r`'s picks.
fn change(s: &Session, r: &Raw) -> Change {
    let steps: Vec<&str> = s.template.steps.iter().map(|st| st.id.as_str()).collect();
    let step = match usize::from(r.a.0) {
        n if n < steps.len() => steps[n].to_string(),
        _ => "no-such-step".to_string(),
    };
    let people: Vec<ParticipantId> = s.participants.iter().map(|p| p.id).collect();
    let person = r.b.of(&people, ParticipantId(9_999));
    let ideas: Vec<IdeaId> = s.all_ideas().map(|(_, i)| i.id).collect();
    let idea = r.b.of(&ideas, IdeaId(9_999));
    let groups: Vec<GroupId> = s
        .results
        .values()
        .flat_map(|res| res.groups.iter().map(|g| g.id))
        .collect();
    let group = r.b.of(&groups, GroupId(9_999));
    let actions: Vec<ActionId> = s
        .results
        .values()
        .flat_map(|res| res.actions.iter().map(|a| a.id))
        .collect();
    let action = r.b.of(&actions, ActionId(9_999));
    let text = r.text.clone();
    match r.kind {
        0 => Change::SetTitle(text),
        1 => Change::SetOrganisation(text),
        2 => Change::AddParticipant(text),
        3 => Change::RenameParticipant {
            id: person,
            name: text,
        },
        4 => Change::RemoveParticipant(person),
        5 => Change::MoveParticipant {
            id: person,
            to: usize::from(r.c),
        },
        6 => Change::GoToStep(usize::from(r.c % 14)),
        7 => Change::Focus(Some(person)),
        8 => Change::SetPulse {
            step,
            participant: person,
            item: ["right_place", "enjoy_work", "nope"][usize::from(r.c % 3)].into(),
            score: Some(r.c % 8),
        },
        9 => Change::SetRole {
            step,
            participant: person,
            role: Some(["relay", "brand_advocate", "nope"][usize::from(r.c % 3)].into()),
        },
        10..=12 => Change::AddIdea {
            step,
            participant: person,
            text,
        },
        13 => Change::AddDeviceIdea {
            step,
            participant: person,
            text,
            key: format!("k{}", r.c % 4),
        },
        14 => Change::EditIdea { id: idea, text },
        15 => Change::SetIdeaAuthor {
            id: idea,
            participant: person,
        },
        16 => Change::RemoveIdea(idea),
        17 => Change::SetGroups {
            step,
            groups: vec![Group {
                id: GroupId(1_000 + u64::from(r.c)),
                label: text,
                label_edited: false,
                locked: false,
                manual: false,
                ideas: vec![idea],
                pinned: Vec::new(),
                differing: Vec::new(),
            }],
        },
        18 => Change::SetGroupingLevel {
            step,
            level: r.c as i8,
        },
        19 => Change::ToggleDenominator {
            step,
            group,
            label: text,
        },
        20 => Change::AddAction {
            step,
            what: text,
            who: "Ann".into(),
            when: String::new(),
        },
        21 => Change::EditAction {
            id: action,
            what: text,
            who: String::new(),
            when: String::new(),
        },
        22 => Change::RemoveAction(action),
        23 => Change::SetNotes { step, text },
        24 => Change::ToggleChecklist {
            step,
            index: usize::from(r.c % 8),
        },
        25 => Change::Finish,
        26 => Change::AddDot {
            step,
            participant: person,
            group,
        },
        27 => Change::TakeDot {
            step,
            participant: person,
            group,
        },
        28 => Change::SetOutcome {
            step,
            action,
            outcome: Outcome {
                status: Some(Status::Done),
                note: text,
            },
        },
        29 => Change::SetLanguage(Language::Nl),
        30 => Change::SetGoal(text),
        31 => Change::SetFacilitator(text),
        32 => Change::SetBallot {
            step,
            ballot: ["b1", "b2", "", "no spaces"][usize::from(r.c % 4)].into(),
            item: ["right_place", "enjoy_work", "nope"][usize::from(r.c % 3)].into(),
            score: Some(r.c % 8),
            by_hand: r.c.is_multiple_of(2),
        },
        33 => Change::RevealPulse {
            step,
            shown: r.c.is_multiple_of(2),
        },
        34 => Change::SetPulseMode(if r.c.is_multiple_of(2) {
            crate::domain::PulseMode::Open
        } else {
            crate::domain::PulseMode::Private
        }),
        _ => Change::Focus(None),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_refused_change_leaves_the_session_as_it_was(raws in prop::collection::vec(raw(), 1..60)) {
        let mut s = session();
        let clock = clock();
        for r in &raws {
            let before = s.clone();
            let change = change(&s, r);
            if let Err(e) = s.apply(change.clone(), &clock) {
                prop_assert_eq!(&s, &before, "{:?} was refused ({}) but changed the session", change, e);
            }
        }
    }
}
