//! The room view of every step kind at 100×30, 200×50 and 80×24, compared with snapshots,
//! and drawn at 20×5 and 300×100 without a panic.

use crate::common;

use ambassador::domain::{Denominator, Group, Language, StepKind};
use ambassador::present::draw::render_to_string;
use ambassador::present::{PresentState, Timer};
use std::time::{Duration, Instant};

/// The filled session with a group and a marked common denominator, at step `n`.
fn at_step(n: usize, language: Language) -> PresentState {
    let mut s = common::filled_session(4);
    s.apply(
        ambassador::domain::Change::SetLanguage(language),
        &common::clock(),
    )
    .unwrap();
    let question = s
        .template()
        .steps
        .iter()
        .find(|st| st.kind == StepKind::Question)
        .unwrap()
        .id
        .clone();
    let board = s
        .template()
        .steps
        .iter()
        .find(|st| st.kind == StepKind::CommonGround)
        .unwrap()
        .id
        .clone();
    let ideas: Vec<ambassador::domain::IdeaId> = s.all_results()[&question]
        .ideas
        .iter()
        .map(|i| i.id)
        .collect();
    let group = Group {
        id: ambassador::domain::GroupId(900),
        label: "Proud of our work".into(),
        label_edited: true,
        locked: false,
        manual: true,
        ideas: ideas[..3].to_vec(),
        pinned: vec![],
    };
    let mut s = common::with_results(&s, |all| {
        all.get_mut(&question).unwrap().groups.push(group.clone());
        let r = all.entry(board).or_default();
        r.groups.push(group);
        r.denominators.push(Denominator {
            group: ambassador::domain::GroupId(900),
            label: "Proud of our work".into(),
        });
    });
    s.apply(ambassador::domain::Change::GoToStep(n), &common::clock())
        .unwrap();
    PresentState::of(s, false)
}

#[test]
fn the_room_view_of_every_step_kind_matches_its_snapshots_and_survives_extreme_sizes() {
    let now = Instant::now();
    let steps = common::filled_session(0).template().steps.clone();
    let mut kinds_seen = std::collections::BTreeSet::new();
    for (n, step) in steps.iter().enumerate() {
        if !kinds_seen.insert(step.kind.name()) {
            continue;
        }
        let mut state = at_step(n, Language::En);
        // Twelve and a half minutes left: the clock reads 12:30.
        state.timer = Some(Timer::Running {
            ends: now + Duration::from_millis(750_500),
        });
        for (w, h) in [(100, 30), (200, 50), (80, 24)] {
            let screen = render_to_string(&state, w, h, now);
            insta::assert_snapshot!(format!("present_{}_{w}x{h}", step.kind.name()), screen);
        }
        for (w, h) in [(20, 5), (300, 100), (1, 1)] {
            render_to_string(&state, w, h, now);
        }
    }
    assert_eq!(kinds_seen.len(), 7, "every step kind has a room view");
}

#[test]
fn the_room_view_hides_names_unless_asked_and_speaks_dutch_for_a_dutch_session() {
    let now = Instant::now();
    let mut state = at_step(3, Language::Nl);
    state.closed = true;
    let screen = render_to_string(&state, 100, 30, now);
    assert!(
        !screen.contains("Ann") && !screen.contains("Bob"),
        "{screen}"
    );
    assert!(screen.contains("sessie gesloten"), "{screen}");
    state.names = true;
    let screen = render_to_string(&state, 100, 30, now);
    assert!(screen.contains("Ann"), "{screen}");
}

/// The rows of a screen that hold block letters (full, half and quarter blocks).
fn block_rows(screen: &str) -> usize {
    screen
        .lines()
        .filter(|l| l.chars().any(|c| ('▀'..='▟').contains(&c)))
        .count()
}

#[test]
fn prompts_and_the_clock_are_large_when_the_window_has_room_and_plain_when_not() {
    let now = Instant::now();
    let question = common::filled_session(0)
        .template()
        .steps
        .iter()
        .position(|s| s.kind == StepKind::Question)
        .unwrap();
    let mut state = at_step(question, Language::En);
    let prompt = "What do you understand by ambassadorship?";

    let big = render_to_string(&state, 200, 50, now);
    assert!(
        !big.contains(prompt),
        "the prompt is in block letters:\n{big}"
    );
    assert!(block_rows(&big) >= 4, "{big}");
    let small = render_to_string(&state, 80, 24, now);
    assert!(small.contains(prompt), "too small for large type:\n{small}");
    assert_eq!(block_rows(&small), 0, "{small}");

    state.timer = Some(Timer::Paused(125));
    let small = render_to_string(&state, 80, 24, now);
    assert!(
        block_rows(&small) >= 4,
        "the clock is large even at 80×24:\n{small}"
    );
    assert!(small.contains("paused"), "{small}");
    let tiny = render_to_string(&state, 40, 8, now);
    assert!(
        tiny.contains("2:05 paused"),
        "a small clock in the title:\n{tiny}"
    );
    state.timer = Some(Timer::Running {
        ends: now - Duration::from_millis(65_500),
    });
    let over = render_to_string(&state, 40, 8, now);
    assert!(over.contains("+1:05 over time"), "{over}");
}

#[test]
fn the_room_view_never_shows_key_hints_or_facilitator_hints() {
    let now = Instant::now();
    let session = common::filled_session(0);
    for (n, step) in session.template().steps.iter().enumerate() {
        let mut state = at_step(n, Language::En);
        state.timer = Some(Timer::Paused(300));
        for (w, h) in [(80, 24), (300, 100)] {
            let screen = render_to_string(&state, w, h, now);
            for hint in ["F1", "PgDn", "Ctrl-", "Esc", "Enter"] {
                assert!(!screen.contains(hint), "{hint} on {}:\n{screen}", step.id);
            }
            assert!(
                !screen.contains(&step.hint),
                "the hint of {}:\n{screen}",
                step.id
            );
        }
    }
}
