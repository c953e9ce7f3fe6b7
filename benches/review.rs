//! Review speed: the list over 1,000 sessions, a filter keystroke, comparing two sessions.

#[path = "../tests/common/mod.rs"]
mod common;

use ambassador::app::{App, Start};
use ambassador::domain::Language;
use common::drive::Harness;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WORDS: [&str; 24] = [
    "proud",
    "LinkedIn",
    "posts",
    "werk",
    "trots",
    "klanten",
    "customers",
    "training",
    "time",
    "tijd",
    "collega's",
    "colleagues",
    "events",
    "borrel",
    "honest",
    "eerlijk",
    "recruit",
    "werven",
    "stories",
    "verhalen",
    "projects",
    "projecten",
    "team",
    "waardering",
];

fn idea_text(n: usize) -> String {
    (0..3 + n % 4)
        .map(|k| WORDS[(n * 7 + k * 5) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A session with 200 ideas over the four questions, grouped live as in a workshop.
fn grouped_session(name: &str, seed: usize) -> ambassador::domain::Session {
    let mut h = Harness::session(
        name,
        Language::En,
        &["Ann", "Bob", "Chloé", "Dirk", "Eva", "Fatima"],
    );
    h.page_down(3);
    for q in 0..4 {
        for i in 0..25 {
            let n = seed + q * 100 + i * 2;
            h.app
                .paste(&format!("{}\n{}", idea_text(n), idea_text(n + 1)));
            h.key(KeyCode::Tab);
        }
        h.page_down(1);
    }
    h.run().session().clone()
}

fn compare_200(c: &mut Criterion) {
    let before = grouped_session("bench-compare-a", 0);
    let after = grouped_session("bench-compare-b", 13);
    assert_eq!((before.idea_count(), after.idea_count()), (200, 200));
    c.bench_function("compare two 200-idea sessions", |b| {
        b.iter(|| ambassador::review::compare(&before, &after))
    });
}

fn list_and_filter_1000(c: &mut Criterion) {
    let session = grouped_session("bench-review-seed", 5);
    let data = tempfile::tempdir().unwrap();
    for i in 0..1000 {
        let mut s = session.clone();
        s.id = format!("2026-{:02}-{:02}-team-{i}", i % 12 + 1, i % 28 + 1);
        s.title = format!("Team {i}");
        s.organisation = format!("Org {}", i % 40);
        common::save_into(data.path(), s);
    }
    let paths = ambassador::store::Paths {
        data_dir: data.path().to_path_buf(),
        config_dir: data.path().join("config"),
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    // The first listing builds the index, as the first start after an upgrade would.
    drop(App::new(
        Start::Review {
            paths: paths.clone(),
        },
        Box::new(common::clock()),
    ));
    c.bench_function("review list ready, 1,000 sessions (index warm)", |b| {
        b.iter(|| {
            let app = App::new(
                Start::Review {
                    paths: paths.clone(),
                },
                Box::new(common::clock()),
            );
            terminal.draw(|f| ambassador::ui::draw(&app, f)).unwrap();
        })
    });
    let mut app = App::new(
        Start::Review {
            paths: paths.clone(),
        },
        Box::new(common::clock()),
    );
    for ch in "org 1".chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE));
    }
    c.bench_function(
        "filter keystroke over 1,000 sessions (type + refilter + draw)",
        |b| {
            b.iter(|| {
                app.handle_key(KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE));
                terminal.draw(|f| ambassador::ui::draw(&app, f)).unwrap();
                app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
                terminal.draw(|f| ambassador::ui::draw(&app, f)).unwrap();
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = compare_200, list_and_filter_1000
}
criterion_main!(benches);
