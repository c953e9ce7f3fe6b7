//! From a save by the facilitator's window to the room view's redraw: the save, the file
//! notification, the re-read and a frame drawn at 100×30. Prints the median and p95 over
//! 200 saves, then lets criterion measure the same round trip.

#[path = "../tests/common/mod.rs"]
mod common;

use ambassador::present::PresentState;
use ambassador::present::draw::render_to_string;
use ambassador::present::watch::Watcher;
use ambassador::store::SessionFile;
use criterion::Criterion;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Rig {
    _dir: tempfile::TempDir,
    file: SessionFile,
    room: PresentState,
    rx: Receiver<()>,
    _watcher: Watcher,
    n: usize,
}

impl Rig {
    fn new() -> Rig {
        let dir = tempfile::tempdir().unwrap();
        let mut session = common::filled_session(10);
        let to_q1 = ambassador::domain::Change::GoToStep(3);
        session.apply(to_q1, &common::clock()).unwrap();
        let path = common::save_into(dir.path(), session);
        let file = SessionFile::open(&path).unwrap();
        let room = PresentState::open(&path, false, &ambassador::domain::SystemClock).unwrap();
        let (tx, rx) = channel();
        let watcher = Watcher::start(&path, move || {
            let _ = tx.send(());
        });
        assert!(watcher.notifies(), "file notifications");
        Rig {
            _dir: dir,
            file,
            room,
            rx,
            _watcher: watcher,
            n: 0,
        }
    }

    /// One save, until the room view has drawn it.
    fn round_trip(&mut self) -> Duration {
        while self.rx.try_recv().is_ok() {}
        self.n += 1;
        let goal = ambassador::domain::Change::SetGoal(format!("goal number {}", self.n));
        self.file.apply(goal, &common::clock()).unwrap();
        let start = Instant::now();
        self.file.save().unwrap();
        while self.room.session.goal() != self.file.session().goal() {
            self.rx
                .recv_timeout(Duration::from_secs(10))
                .expect("a notification within 10 s");
            self.room.refresh(&ambassador::domain::SystemClock);
        }
        render_to_string(&self.room, 100, 30, Instant::now());
        start.elapsed()
    }
}

fn main() {
    let mut rig = Rig::new();
    let mut times: Vec<Duration> = (0..200).map(|_| rig.round_trip()).collect();
    times.sort();
    println!(
        "save → room view redraw over 200 saves: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times[100].as_secs_f64() * 1e3,
        times[189].as_secs_f64() * 1e3,
        times[199].as_secs_f64() * 1e3
    );
    let mut c = Criterion::default().configure_from_args();
    c.bench_function("save to room view redraw (100x30)", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| rig.round_trip()).sum())
    });
    c.final_summary();
}
