//! Session file speed: a durable save of a 500-idea session, and listing 1,000 sessions.

#[path = "../tests/common/mod.rs"]
mod common;

use ambassador::store::{SessionFile, list_sessions};
use criterion::{Criterion, criterion_group, criterion_main};

fn save_500_ideas(c: &mut Criterion) {
    let data = tempfile::tempdir().unwrap();
    // 4 questions × 125 ideas.
    let path = common::save_into(data.path(), common::filled_session(125));
    let file = SessionFile::open(&path).unwrap();
    assert_eq!(file.session().idea_count(), 500);
    c.bench_function("save a 500-idea session (durable)", |b| {
        b.iter(|| file.save().unwrap())
    });
}

fn list_1000_sessions(c: &mut Criterion) {
    let data = tempfile::tempdir().unwrap();
    let mut session = common::filled_session(10);
    for i in 0..1000 {
        session.name_after_file(&format!("2026-11-{:02}-team-{i}", i % 28 + 1));
        let retitle = ambassador::domain::Change::SetTitle(format!("Team {i}"));
        session.apply(retitle, &common::clock()).unwrap();
        common::save_into(data.path(), session.clone());
    }
    let dir = data.path().join("sessions");
    c.bench_function("list 1,000 sessions", |b| {
        b.iter(|| assert_eq!(list_sessions(&dir).unwrap().len(), 1000))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = save_500_ideas, list_1000_sessions
}
criterion_main!(benches);
