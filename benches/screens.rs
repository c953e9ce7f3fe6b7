//! Screen speed: drawing the common-ground board, a keystroke on a busy capture step (with
//! and without the built-in encoder), and the start of the program over 1,000 sessions.

#[path = "../tests/common/mod.rs"]
mod common;

use ambassador::app::{App, Start};
use common::drive::Harness;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|f| ambassador::app::draw(app, f)).unwrap();
}

fn board_300(c: &mut Criterion) {
    let h = Harness::busy("bench-board", 38, 0);
    let ideas = h.run().session().idea_count();
    assert!(ideas >= 300, "{ideas}");
    assert_eq!(h.run().session().current_step().id, "common_ground");
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    c.bench_function("draw the common-ground board, 300 ideas, 160x48", |b| {
        b.iter(|| draw(&h.app, &mut terminal))
    });
}

/// A character typed into a draft and taken back, each with its frame (a draft is there
/// before and after).
fn keystrokes(
    c: &mut Criterion,
    h: &mut Harness,
    terminal: &mut Terminal<TestBackend>,
    name: &str,
) {
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    h.app.handle_key(key(KeyCode::Char('x')));
    c.bench_function(name, |b| {
        b.iter(|| {
            h.app.handle_key(key(KeyCode::Char('t')));
            draw(&h.app, terminal);
            h.app.handle_key(key(KeyCode::Backspace));
            draw(&h.app, terminal);
        })
    });
    h.app.handle_key(key(KeyCode::Backspace));
}

fn keystroke_500(c: &mut Criterion) {
    let mut h = Harness::busy("bench-keystroke", 63, 0);
    for _ in 0..12 {
        h.key(KeyCode::PageUp);
    }
    h.page_down(3);
    let ideas = h.run().session().idea_count();
    assert!(ideas >= 500, "{ideas}");
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    keystrokes(
        c,
        &mut h,
        &mut terminal,
        "keystroke to frame on a capture step, 500 ideas (type + preview + draw)",
    );
    let mut n = 0;
    // Deleting the idea again keeps the board at 500 ideas; both changes save durably.
    c.bench_function(
        "Enter, then delete it, on a capture step, 500 ideas (2 regroups + 2 durable saves + 2 frames)",
        |b| {
            b.iter(|| {
                n += 1;
                h.app.paste(&common::synthetic_idea(n));
                h.app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
                draw(&h.app, &mut terminal);
                h.app.handle_key(KeyEvent::new(KeyCode::F(3), KeyModifiers::NONE));
                h.app.handle_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
                draw(&h.app, &mut terminal);
            })
        },
    );
    assert!(h.run().session().idea_count() < ideas + 2);
    grouping_update(c, h.run().session());
}

/// The grouping part of an Enter alone: the engine takes the idea and the board is read back.
fn grouping_update(c: &mut Criterion, session: &ambassador::domain::Session) {
    let mut groups = ambassador::app::LiveGroups::default();
    groups.engine(session, "q1");
    let mut id = 1_000_000;
    c.bench_function(
        "grouping update for one new idea, 500-idea session (add + snapshot + remove)",
        |b| {
            b.iter(|| {
                id += 1;
                groups
                    .engine(session, "q1")
                    .add(id, &common::synthetic_idea(id as usize));
                let snapshot = groups.snapshot(session, "q1");
                groups.engine(session, "q1").remove(id);
                snapshot
            })
        },
    );
}

/// The same keystroke with the built-in encoder connected (its worker run inline, every
/// embedding already delivered): the preview now also weighs meaning where it is known.
fn keystroke_500_with_encoder(c: &mut Criterion) {
    let mut h = Harness::busy("bench-keystroke-encoder", 63, 0);
    for _ in 0..12 {
        h.key(KeyCode::PageUp);
    }
    h.page_down(3);
    let cache = tempfile::tempdir().unwrap();
    let (events, inbox) = std::sync::mpsc::channel();
    h.app
        .attach_worker(ambassador::app::worker::WorkerHandle::inline(
            ambassador::app::AppEvent::worker_outlet(events),
            Some(cache.path().to_path_buf()),
        ));
    let deliver = |h: &mut Harness| {
        while let Ok(event) = inbox.try_recv() {
            h.app.handle(event);
        }
    };
    deliver(&mut h);
    assert_eq!(h.run().ws.groups().waiting(), 0);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    keystrokes(
        c,
        &mut h,
        &mut terminal,
        "keystroke to frame on a capture step, 500 ideas, encoder on (type + preview + draw)",
    );
    let mut n = 0;
    c.bench_function(
        "Enter, its embedding arriving, then delete it, 500 ideas, encoder on (cached embedding)",
        |b| {
            b.iter(|| {
                // the same few texts again and again: embedded once, then from the cache
                n = (n + 1) % 4;
                h.app.paste(&common::synthetic_idea(n));
                h.app
                    .handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
                draw(&h.app, &mut terminal);
                deliver(&mut h);
                draw(&h.app, &mut terminal);
                h.app
                    .handle_key(KeyEvent::new(KeyCode::F(3), KeyModifiers::NONE));
                h.app
                    .handle_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
                draw(&h.app, &mut terminal);
            })
        },
    );
}

fn start_1000(c: &mut Criterion) {
    let h = Harness::busy("bench-start", 3, 0);
    let session = h.run().session().clone();
    let data = tempfile::tempdir().unwrap();
    for i in 0..1000 {
        let mut s = session.clone();
        s.name_after_file(&format!(
            "2026-{:02}-{:02}-team-{i}",
            i % 12 + 1,
            i % 28 + 1
        ));
        let retitle = ambassador::domain::Change::SetTitle(format!("Team {i}"));
        s.apply(retitle, &common::clock()).unwrap();
        common::save_into(data.path(), s);
    }
    let paths = Harness::paths(data.path());
    let paths = ambassador::store::Paths {
        data_dir: data.path().to_path_buf(),
        ..paths
    };
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    c.bench_function("start to first frame, 1,000 sessions (index warm)", |b| {
        b.iter(|| {
            let app = App::new(
                Start::Home {
                    paths: paths.clone(),
                },
                Box::new(common::clock()),
            );
            draw(&app, &mut terminal);
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = board_300, keystroke_500, keystroke_500_with_encoder, start_1000
}
criterion_main!(benches);
