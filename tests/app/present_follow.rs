//! The room view follows the facilitator's window through file notifications: each save
//! reaches it on a notification (not on the slow look), a closed session says so and keeps
//! its last state, a reopened one picks up again, and the facilitator's window leaves no room
//! sidecar behind. Every wait has a generous deadline; nothing asserts on how long it took.

use crate::common;

use ambassador::app::{App, Start};
use ambassador::domain::Language;
use ambassador::present::PresentState;
use ambassador::present::watch::Watcher;
use ambassador::store::SessionFile;
use ambassador::store::room_sidecar as sidecar;
use common::drive::Harness;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(10);

fn watch(path: &std::path::Path) -> (Watcher, Receiver<()>) {
    let (tx, rx) = channel();
    let watcher = Watcher::start(path, move || {
        let _ = tx.send(());
    });
    assert!(
        watcher.notifies(),
        "file notifications work on this machine"
    );
    (watcher, rx)
}

/// Refreshes the view on each notification until `done` holds; false if the notifications
/// stopped coming before it did.
fn on_notifications(
    room: &mut PresentState,
    rx: &Receiver<()>,
    done: impl Fn(&PresentState) -> bool,
) -> bool {
    let until = Instant::now() + DEADLINE;
    while !done(room) {
        let left = until.saturating_duration_since(Instant::now());
        if rx.recv_timeout(left).is_err() {
            return false;
        }
        room.refresh(&common::RoomClock);
    }
    true
}

fn has_idea(room: &PresentState, text: &str) -> bool {
    room.session.all_ideas().any(|(_, i)| i.text == text)
}

#[test]
fn each_save_of_the_facilitator_reaches_the_room_view_on_a_notification() {
    let mut h = Harness::session("present-follow-saves", Language::En, &["Ann", "Bob"]);
    h.page_down(3);
    let path = h.run().file().path.clone();
    let mut room = PresentState::open(&path, false, &common::RoomClock).unwrap();
    assert!(!room.closed, "the facilitator's window holds the session");
    let (_watcher, rx) = watch(&path);
    for (n, text) in [
        "Telling friends about our projects",
        "Wearing the company shirt at events",
        "Answering questions at the school fair",
    ]
    .into_iter()
    .enumerate()
    {
        h.idea(text);
        assert!(
            on_notifications(&mut room, &rx, |r| has_idea(r, text)),
            "save {n} did not reach the room view through a notification"
        );
    }
    // The board's selection and the step's clock come the same way.
    h.page_down(4);
    assert!(
        on_notifications(&mut room, &rx, |r| r.selected.is_some()
            && r.timer.is_some()),
        "the board's selection and clock"
    );
}

#[test]
fn a_closed_session_keeps_its_last_state_leaves_no_sidecar_and_picks_up_when_reopened() {
    let mut h = Harness::session("present-follow-close", Language::En, &["Ann"]);
    h.page_down(3).idea("Proud of what we build");
    let path = h.run().file().path.clone();
    assert!(
        sidecar::path_of(&path).exists(),
        "the run screen tells the room"
    );
    let mut room = PresentState::open(&path, false, &common::RoomClock).unwrap();
    assert!(room.timer.is_some(), "the clock of the step");
    let (_watcher, rx) = watch(&path);

    // A read-only second window neither tells the room anything nor takes its sidecar away.
    let second = App::new(
        Start::Session {
            paths: Harness::paths(h.dir.path()),
            file: Box::new(SessionFile::open_read_only(&path).unwrap()),
        },
        Box::new(common::clock()),
    );
    drop(second);
    assert!(sidecar::path_of(&path).exists());

    // The facilitator goes home: the session closes.
    h.app = App::new(
        Start::Home {
            paths: Harness::paths(h.dir.path()),
        },
        Box::new(common::clock()),
    );
    assert!(!sidecar::path_of(&path).exists(), "the sidecar left behind");
    // The window took its sidecar, heartbeat and all, with it: the next look says closed.
    room.refresh(&common::RoomClock);
    assert!(room.closed, "the room view says the session closed");
    assert!(
        has_idea(&room, "Proud of what we build"),
        "the last state stays"
    );
    assert_eq!((room.timer, room.selected), (None, None), "nobody counts");

    let file = SessionFile::open(&path).unwrap();
    assert!(file.read_only().is_none());
    let _again = App::new(
        Start::Session {
            paths: Harness::paths(h.dir.path()),
            file: Box::new(file),
        },
        Box::new(common::clock()),
    );
    assert!(
        on_notifications(&mut room, &rx, |r| !r.closed && r.timer.is_some()),
        "the room view picks up the reopened session"
    );
}

#[test]
fn present_without_a_session_shows_the_one_open_for_writing_else_offers_a_choice() {
    use ambassador::app::Action;
    use ambassador::present::chooser::{Chosen, open_or_list};
    use ambassador::store::list_sessions;
    use ambassador::store::room_sidecar::Room;
    let now: jiff::Timestamp = "2026-11-27T09:00:00Z".parse().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut paths = Vec::new();
    for (n, title) in ["Team Noord", "Team Zuid", "Team Oost"]
        .into_iter()
        .enumerate()
    {
        let mut s = common::filled_session(0);
        s.name_after_file(&format!("session-{n}"));
        // Retitled at a day of its own: that is when it was last updated.
        let day = jiff::Timestamp::from_second(1_790_000_000 + n as i64 * 86_400).unwrap();
        let at = ambassador::domain::FixedClock::at(day);
        s.apply(ambassador::domain::Change::SetTitle(title.into()), &at)
            .unwrap();
        paths.push(common::save_into(&data, s));
    }
    let sessions = data.join("sessions");

    // Nobody has one open: a list, newest first.
    let mut chooser =
        open_or_list(list_sessions(&sessions).unwrap(), None, now).expect_err("a chooser");
    assert_eq!(chooser.sessions.len(), 3);
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|f| ambassador::present::draw::chooser::draw(&chooser, &jiff::tz::TimeZone::UTC, f))
        .unwrap();
    let screen = format!("{}", terminal.backend());
    let order: Vec<usize> = ["Team Oost", "Team Zuid", "Team Noord"]
        .iter()
        .map(|t| screen.find(t).expect(t))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{screen}");
    assert!(
        screen.contains("Enter show") && screen.contains("Esc quit"),
        "{screen}"
    );

    assert_eq!(chooser.update(Action::Up), Chosen::Stay);
    assert_eq!(chooser.update(Action::Down), Chosen::Stay);
    assert_eq!(chooser.update(Action::Down), Chosen::Stay);
    assert_eq!(
        chooser.update(Action::Down),
        Chosen::Stay,
        "stays on the last"
    );
    assert_eq!(
        chooser.update(Action::Commit),
        Chosen::Show(paths[0].clone())
    );
    assert_eq!(chooser.update(Action::Quit), Chosen::Quit);

    // A facilitator's window holds the middle one: that is the one shown.
    let beat = Room {
        beat: Some(now),
        ..Room::default()
    };
    sidecar::publish(&paths[1], &beat);
    assert_eq!(
        open_or_list(list_sessions(&sessions).unwrap(), None, now).unwrap(),
        paths[1]
    );
    // Two windows are open: the data folder's pointer names the one opened last.
    sidecar::publish(&paths[2], &beat);
    assert_eq!(
        open_or_list(
            list_sessions(&sessions).unwrap(),
            Some(paths[2].clone()),
            now
        )
        .unwrap(),
        paths[2]
    );
    // A pointer to a file outside the sessions folder is not followed, heartbeat or not.
    let elsewhere = dir.path().join("elsewhere.ron");
    std::fs::copy(&paths[0], &elsewhere).unwrap();
    sidecar::publish(&elsewhere, &beat);
    assert_eq!(
        open_or_list(list_sessions(&sessions).unwrap(), Some(elsewhere), now).unwrap(),
        paths[2],
        "the newest session whose window is there instead"
    );
    // A heartbeat gone stale is a window that was killed: a list again, pointer or not.
    let later = now + ambassador::store::room_sidecar::STALE;
    let again = open_or_list(
        list_sessions(&sessions).unwrap(),
        Some(paths[2].clone()),
        later,
    );
    assert!(again.is_err());
}

#[test]
fn the_run_screen_points_the_data_folder_at_the_session_it_has_open_until_it_closes_it() {
    use ambassador::store::open_now;
    let mut h = Harness::session("present-follow-pointer", Language::En, &["Ann"]);
    let path = h.run().file().path.clone();
    let data = Harness::paths(h.dir.path()).data_dir;
    assert_eq!(open_now::read(&data), Some(path.clone()));
    // Opened again read-only: the writer's window closed it, and a read-only one points nowhere.
    h.reopen_read_only();
    assert_eq!(open_now::read(&data), None);
    h.reopen();
    assert_eq!(open_now::read(&data), Some(path.clone()));
    h.app = App::new(
        Start::Home {
            paths: Harness::paths(h.dir.path()),
        },
        Box::new(common::clock()),
    );
    assert_eq!(open_now::read(&data), None);
}

#[test]
fn a_killed_window_leaves_a_heartbeat_that_goes_stale_and_the_room_view_says_closed() {
    let mut h = Harness::session("present-follow-killed", Language::En, &["Ann"]);
    h.page_down(3).idea("Proud of what we build");
    let path = h.run().file().path.clone();
    let room = PresentState::open(&path, false, &common::RoomClock).unwrap();
    assert!(!room.closed, "a fresh heartbeat: the window is there");
    // The window is gone without a word (its sidecar stays): a few seconds on, the heartbeat
    // is stale.
    std::mem::forget(h.app);
    let start: jiff::Timestamp = "2026-11-27T09:00:00Z".parse().unwrap();
    let later = ambassador::domain::FixedClock::at(start + jiff::SignedDuration::from_mins(10));
    let room = PresentState::open(&path, false, &later).unwrap();
    assert!(room.closed, "the room view says the session closed");
    assert_eq!((room.timer, room.selected), (None, None), "nobody counts");
}

#[test]
fn the_run_screen_beats_on_every_event_of_the_loop_and_a_read_only_window_does_not() {
    let mut h = Harness::session("present-follow-beat", Language::En, &["Ann"]);
    let path = h.run().file().path.clone();
    let first = sidecar::read(&path)
        .beat
        .expect("a window that may write beats");
    // The test clock moves on a second each time it is read: a few ticks of the loop later
    // the heartbeat has moved on with it.
    for _ in 0..3 {
        h.app.handle(ambassador::app::AppEvent::Tick);
    }
    let later = sidecar::read(&path).beat.unwrap();
    assert!(later > first, "{first} then {later}");

    // A read-only second window says nothing: the heartbeat stays the writer's.
    let mut second = App::new(
        Start::Session {
            paths: Harness::paths(h.dir.path()),
            file: Box::new(SessionFile::open_read_only(&path).unwrap()),
        },
        Box::new(ambassador::domain::FixedClock::at(
            "2030-01-01T00:00:00Z".parse().unwrap(),
        )),
    );
    second.handle(ambassador::app::AppEvent::Tick);
    second.handle(ambassador::app::AppEvent::Tick);
    assert_eq!(sidecar::read(&path).beat, Some(later));
}

/// The room view's loop, driven by hand with a clock that stands still until moved: what it
/// does on each wake is decided by the clock it is given, not the system's.
#[test]
fn the_room_views_loop_follows_its_own_clock_and_wakes() {
    use ambassador::event_loop::{Flow, Program};
    use ambassador::present::{Following, Wake};
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    let mut h = Harness::session("present-follow-loop", Language::En, &["Ann"]);
    let path = h.run().file().path.clone();
    let clock = common::clock();
    let keys = ambassador::interact::Keymap::with_user(Vec::new());
    let period = Duration::from_secs(2);
    let state = PresentState::open(&path, false, &clock).unwrap();
    let mut view = Following::new(state, &keys, &clock, period);

    assert!(view.wait() <= period, "it never sleeps past the slow look");
    assert_eq!(view.take(Vec::new()), Flow::Quiet, "nothing changed");
    clock.advance(period);
    assert_eq!(view.wait(), Duration::ZERO, "the slow look is due");

    h.page_down(3).idea("Proud of what we build");
    assert_eq!(
        view.take(vec![Wake::File]),
        Flow::Redraw,
        "a save was noticed"
    );
    assert!(has_idea(view.state(), "Proud of what we build"));
    assert_eq!(
        view.take(vec![Wake::Input(Event::Resize(100, 30))]),
        Flow::Redraw
    );
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(view.take(vec![Wake::Input(Event::Key(q))]), Flow::Leave(()));
    assert_eq!(view.take(vec![Wake::End]), Flow::Leave(()));
}

/// The facilitator closes one session and opens another in the same data folder: the room
/// view, which said "session closed", shows the new one on its next look, without a restart,
/// and watches its file from then on. Driven with a clock that moves only when told.
#[test]
fn the_room_view_follows_the_facilitator_to_the_session_they_open_next() {
    use ambassador::event_loop::{Flow, Program};
    use ambassador::present::{Following, Wake};
    use std::cell::RefCell;
    use std::rc::Rc;

    let mut h = Harness::session("present-follow-next", Language::En, &["Ann"]);
    let first = h.run().file().path.clone();
    let paths = Harness::paths(h.dir.path());
    let mut other = common::filled_session(0);
    other.name_after_file("second-session");
    let second = common::save_into(&paths.data_dir, other);

    let clock = StillWall(common::clock());
    let keys = ambassador::interact::Keymap::with_user(Vec::new());
    let period = Duration::from_secs(2);
    let watched = Rc::new(RefCell::new(Vec::new()));
    let seen = watched.clone();
    let state = PresentState::open(&first, false, &clock).unwrap();
    let mut view = Following::new(state, &keys, &clock, period)
        .following(paths.clone(), move |p| {
            seen.borrow_mut().push(p.to_path_buf())
        });

    // The facilitator goes home: the room view says closed and stays on the first session.
    h.app = App::new(
        Start::Home {
            paths: paths.clone(),
        },
        Box::new(common::clock()),
    );
    assert_eq!(view.take(vec![Wake::File]), Flow::Redraw);
    assert!(view.state().closed);
    assert_eq!(view.state().path, first, "nobody has another open yet");

    // ... and opens the second session: the slow look finds it.
    h.app = App::new(
        Start::Session {
            paths: paths.clone(),
            file: Box::new(SessionFile::open(&second).unwrap()),
        },
        Box::new(common::clock()),
    );
    clock.0.advance(period);
    assert_eq!(view.take(Vec::new()), Flow::Redraw);
    assert_eq!(view.state().path, second, "the room view follows");
    assert!(!view.state().closed, "the facilitator's window holds it");
    assert_eq!(
        *watched.borrow(),
        vec![second.clone()],
        "its file is watched"
    );

    // While it is open, nothing sends the room view elsewhere.
    clock.0.advance(period);
    view.take(Vec::new());
    assert_eq!(view.state().path, second);
}

/// The test clock's monotonic time (moved by hand), with the time of day standing at the
/// start: every heartbeat the facilitator's test clock writes counts as fresh against it.
struct StillWall(ambassador::domain::FixedClock);

impl ambassador::domain::Clock for StillWall {
    fn now(&self) -> jiff::Timestamp {
        common::RoomClock.now()
    }

    fn monotonic(&self) -> Instant {
        self.0.monotonic()
    }

    fn time_zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::UTC
    }
}
