//! Review speed: the list over 1,000 sessions, a filter keystroke, comparing two sessions.

#[path = "../tests/common/mod.rs"]
mod common;

use ambassador::app::{App, Start};
use common::drive::Harness;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn compare_200(c: &mut Criterion) {
    let before = Harness::busy("bench-compare-a", 25, 0)
        .run()
        .session()
        .clone();
    let after = Harness::busy("bench-compare-b", 25, 13)
        .run()
        .session()
        .clone();
    assert_eq!((before.idea_count(), after.idea_count()), (200, 200));
    c.bench_function("compare two 200-idea sessions", |b| {
        b.iter(|| ambassador::review::compare(&before, &after, None))
    });
}

fn list_and_filter_1000(c: &mut Criterion) {
    let session = Harness::busy("bench-review-seed", 25, 5)
        .run()
        .session()
        .clone();
    let data = tempfile::tempdir().unwrap();
    for i in 0..1000 {
        let mut s = session.clone();
        s.name_after_file(&format!(
            "2026-{:02}-{:02}-team-{i}",
            i % 12 + 1,
            i % 28 + 1
        ));
        let clock = common::clock();
        use ambassador::domain::Change;
        s.apply(Change::SetTitle(format!("Team {i}")), &clock)
            .unwrap();
        s.apply(Change::SetOrganisation(format!("Org {}", i % 40)), &clock)
            .unwrap();
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
            terminal.draw(|f| ambassador::app::draw(&app, f)).unwrap();
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
                terminal.draw(|f| ambassador::app::draw(&app, f)).unwrap();
                app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
                terminal.draw(|f| ambassador::app::draw(&app, f)).unwrap();
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
