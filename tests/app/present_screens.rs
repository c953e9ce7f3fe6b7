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
        differing: vec![],
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

/// Rows below the band (the first `from` rows) that hold block letters.
fn block_rows_from(screen: &str, from: usize) -> usize {
    block_rows(&screen.lines().skip(from).collect::<Vec<_>>().join("\n"))
}

/// The common ground with four groups, two with dots.
fn board_with_groups() -> PresentState {
    let steps = common::filled_session(0).template().steps.clone();
    let board = steps
        .iter()
        .position(|s| s.kind == StepKind::CommonGround)
        .unwrap();
    let mut state = at_step(board, Language::En);
    let step = steps[board].id.clone();
    let ideas: Vec<_> = state.session.all_ideas().map(|(_, i)| i.id).collect();
    let people: Vec<_> = state.session.participants().iter().map(|p| p.id).collect();
    state.session = common::with_results(&state.session, |all| {
        let r = all.get_mut(&step).unwrap();
        for (n, label) in ["Networking drinks", "LinkedIn posts", "School fairs"]
            .into_iter()
            .enumerate()
        {
            let mut g = r.groups[0].clone();
            g.id = ambassador::domain::GroupId(901 + n as u64);
            g.label = label.into();
            g.ideas = vec![ideas[4 + n]];
            r.groups.push(g);
        }
        r.votes.insert(
            people[0],
            [(ambassador::domain::GroupId(901), 2)]
                .into_iter()
                .collect(),
        );
        r.votes.insert(
            people[1],
            [(ambassador::domain::GroupId(901), 1)]
                .into_iter()
                .collect(),
        );
    });
    state
}

#[test]
fn the_room_reads_the_top_groups_with_their_dots_large_and_a_small_window_in_normal_type() {
    let now = Instant::now();
    let state = board_with_groups();
    let big = render_to_string(&state, 160, 48, now);
    // The groups the room reads are in block letters, what goes with them beneath.
    assert!(!big.contains("Networking drinks"), "{big}");
    assert!(!big.contains("Proud of our work"), "{big}");
    assert!(
        big.contains("shared by 3 of 3") && big.contains("●●● 3 dots"),
        "{big}"
    );
    assert!(block_rows_from(&big, 12) >= 3 * 4, "{big}");
    insta::assert_snapshot!("present_board_loud_160x48", big);

    // 80×24 has no room for them: every group in normal type, each line within the width.
    let small = render_to_string(&state, 80, 24, now);
    for label in [
        "Proud of our work",
        "Networking drinks",
        "LinkedIn posts",
        "School fairs",
    ] {
        assert!(small.contains(label), "{label}:\n{small}");
    }
    assert_eq!(block_rows_from(&small, 7), 0, "{small}");
    insta::assert_snapshot!("present_board_loud_80x24", small);
}

#[test]
fn the_newest_ideas_are_large_where_the_window_allows() {
    let now = Instant::now();
    let question = common::filled_session(0)
        .template()
        .steps
        .iter()
        .position(|s| s.kind == StepKind::Question)
        .unwrap();
    let with = at_step(question, Language::En);
    let mut without = at_step(question, Language::En);
    let step = without.session.current_step().id.clone();
    without.session = common::with_results(&without.session, |all| {
        all.remove(&step);
    });
    let (with, without) = (
        render_to_string(&with, 160, 48, now),
        render_to_string(&without, 160, 48, now),
    );
    assert!(
        block_rows(&with) >= block_rows(&without) + 3 * 4,
        "three newest ideas in block letters:\n{with}"
    );
    assert!(with.contains("  • idea 3 about proud work on q1"), "{with}");
}

#[test]
fn an_agreement_without_a_date_or_owner_leaves_no_dangling_dash() {
    let now = Instant::now();
    let steps = common::filled_session(0).template().steps.clone();
    let bridge = steps
        .iter()
        .position(|s| s.kind == StepKind::Bridge)
        .unwrap();
    let mut state = at_step(bridge, Language::En);
    let step = steps[bridge].id.clone();
    state.session = common::with_results(&state.session, |all| {
        let actions = &mut all.entry(step).or_default().actions;
        let mut undated = actions[0].clone();
        undated.what = "Post our story".into();
        undated.when = String::new();
        let mut nobody = undated.clone();
        nobody.what = "Ask marketing".into();
        nobody.who = " ".into();
        actions.push(undated);
        actions.push(nobody);
    });
    for (w, h) in [(80, 24), (100, 30), (160, 48)] {
        let screen = render_to_string(&state, w, h, now);
        for line in screen.lines() {
            let line = line.trim_end();
            assert!(
                !line.ends_with('—') && !line.contains("—  —") && !line.contains("— —"),
                "{w}×{h}: {line}\n{screen}"
            );
        }
    }
    let small = render_to_string(&state, 80, 24, now);
    assert!(small.contains("• Ask marketing\n"), "{small}");
}

#[test]
fn pulse_bars_stand_on_a_scale_only_once_shown_and_from_three_scorers() {
    use common::drive::Harness;
    let now = Instant::now();
    let mut h = Harness::session(
        "present-pulse-scale",
        Language::En,
        &["Ann", "Bob", "Eva", "Dev"],
    );
    h.page_down(1).typed("111").typed("245");
    let room =
        |h: &Harness, w, ht| render_to_string(&PresentState::of(h.on_disk(), false), w, ht, now);
    let hidden = room(&h, 100, 30);
    assert!(!hidden.contains('░') && !hidden.contains("1.5"), "{hidden}");
    h.typed("v");
    let too_few = room(&h, 100, 30);
    assert!(too_few.contains("too few to show"), "{too_few}");
    assert!(
        !too_few.contains('░'),
        "no bar below three scorers:\n{too_few}"
    );
    let scale = |screen: &str| {
        screen.lines().any(|l| {
            let digits: String = l.chars().filter(|c| !c.is_whitespace()).collect();
            digits == "12345"
        })
    };
    assert!(!scale(&too_few), "{too_few}");

    h.typed("555");
    for (w, ht) in [(80, 24), (160, 48)] {
        let shown = room(&h, w, ht);
        assert!(shown.contains('░') && shown.contains("2.7"), "{shown}");
        assert!(scale(&shown), "a scale under the bars:\n{shown}");
        assert!(
            !["Ann", "Bob", "Eva", "Dev"]
                .iter()
                .any(|n| shown.contains(n)),
            "{shown}"
        );
        insta::assert_snapshot!(format!("present_pulse_scale_{w}x{ht}"), shown);
    }
}
