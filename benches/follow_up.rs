//! Follow-ups and votes on a busy board (six people, 200 ideas): what a follow-up keeps of
//! the earlier session, matching the board's groups with last time's denominators (done
//! again whenever the groups change), and one dot entered with a key (checked, saved, the
//! board re-ranked).

#[path = "../tests/common/mod.rs"]
mod common;

use ambassador::app::Screen;
use ambassador::domain::{Change, Earlier};
use ambassador::steps::StepState;
use ambassador::steps::board::matched::Matched;
use common::drive::Harness;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;

fn follow_up(c: &mut Criterion) {
    let mut earlier = Harness::busy("bench-fu-earlier", 25, 0)
        .run()
        .session()
        .clone();
    assert_eq!(earlier.idea_count(), 200);
    // Up to five marked denominators, as a real session would have.
    let groups: Vec<_> = earlier.all_results()["common_ground"]
        .groups
        .iter()
        .take(5)
        .map(|g| (g.id, g.label.clone()))
        .collect();
    for (group, label) in groups {
        let step = "common_ground".to_string();
        let change = Change::ToggleDenominator { step, group, label };
        earlier.apply(change, &common::clock()).unwrap();
    }
    c.bench_function("what a follow-up keeps of a 200-idea session", |b| {
        b.iter(|| Earlier::of(&earlier))
    });

    let mut h = Harness::busy("bench-fu-board", 25, 13);
    let last_time = serde_json::to_value(Earlier::of(&earlier)).unwrap();
    let board = common::edited(h.run().session(), "follows", last_time);
    let groups = board.all_results()["common_ground"].groups.len();
    let themes = board.follows().as_ref().map_or(0, |e| e.denominators.len());
    let ideas: usize = board.all_results()["common_ground"]
        .groups
        .iter()
        .map(|g| g.ideas.len())
        .sum();
    c.bench_function(
        &format!("match {groups} groups ({ideas} ideas) with last time's {themes} denominators"),
        |b| {
            b.iter(|| {
                let mut recurring = Matched::default();
                recurring.refresh(
                    &board,
                    "common_ground",
                    0,
                    None,
                    ambassador::steps::board::voting::last_time,
                );
                recurring.groups.len()
            })
        },
    );

    let Screen::Run(run) = &h.app.screen else {
        panic!("on the board");
    };
    assert!(matches!(run.step, StepState::Board(_)));
    c.bench_function(
        "a dot and one taken back on a 200-idea board (saved)",
        |b| {
            b.iter(|| {
                h.typed("v").typed("x");
            })
        },
    );
    h.key(KeyCode::F(10));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = follow_up
}
criterion_main!(benches);
