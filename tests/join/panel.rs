//! The facilitator's side of joining: the join panel and "who has joined" line read the app's
//! clock, so a test can move time on (a device that has not called in for a while is no
//! longer "connected"; the app runs on this thread, one device joins over 127.0.0.1); and a
//! join link left by a killed program is gone once the session is opened for writing again.

use crate::common;

use ambassador::app::{App, AppEvent, Start};
use ambassador::domain::{Clock, FixedClock, Language};
use common::drive::{Harness, screen_text};
use common::join::{encode, try_request};
use std::sync::Arc;
use std::sync::mpsc::channel;
use std::time::Duration;

/// A session with Ann and Bob, joining on (127.0.0.1) in an app on `clock` that runs on this
/// thread; Ann's device joins from a thread of its own while this one is the event loop.
fn ann_joins_on(name: &str, clock: Arc<FixedClock>) -> App {
    let h = Harness::session(name, Language::En, &["Ann", "Bob"]);
    let path = h.run().file().path.clone();
    let ann = h.run().session().participants()[0].id.0.to_string();
    let paths = Harness::paths(h.dir.path());
    drop(h.app);
    let file = ambassador::store::SessionFile::open(&path).unwrap();
    let mut app = App::new(
        Start::Joining {
            paths,
            file: Box::new(file),
            bind: Some("127.0.0.1:0".into()),
            anonymous: false,
        },
        Box::new(clock),
    );
    let (events, inbox) = channel();
    app.connect(events);
    let joined = app.joined().expect("joining is on");
    let (addr, code) = (joined.server.addr(), joined.server.code());
    assert!(addr.ip().is_loopback());
    let device = std::thread::spawn(move || {
        let form = encode(&[("code", &code), ("participant", &ann)]);
        try_request(addr, "POST", "/join", None, Some(&form), true).unwrap()
    });
    while !device.is_finished() {
        if let Ok(event) = inbox.recv_timeout(Duration::from_millis(20)) {
            app.handle_all([event]);
        }
    }
    assert_eq!(device.join().unwrap().status, 200);
    let esc = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Esc);
    app.handle(AppEvent::Input(crossterm::event::Event::Key(esc)));
    app
}

#[test]
fn who_is_connected_follows_the_apps_clock() {
    let clock = Arc::new(common::clock());
    let app = ann_joins_on("join-panel-clock", clock.clone());
    let screen = screen_text(&app, 120, 30);
    assert!(screen.contains("Joined (1): Ann"), "{screen}");
    // Half a minute later on the app's clock, nobody has called in.
    clock.advance(Duration::from_secs(30));
    let screen = screen_text(&app, 120, 30);
    assert!(screen.contains("Joined (0): nobody yet"), "{screen}");
}

#[test]
fn the_device_del_would_send_away_is_marked_with_an_arrow() {
    let clock = Arc::new(common::clock());
    let mut app = ann_joins_on("join-panel-mark", clock);
    let f6 = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::F(6));
    app.handle(AppEvent::Input(crossterm::event::Event::Key(f6)));
    let screen = screen_text(&app, 120, 30);
    let row = screen
        .lines()
        .find(|l| l.contains("Ann  ("))
        .unwrap_or_else(|| panic!("Ann's device listed:\n{screen}"));
    assert!(row.contains("▶ Ann  ("), "{row}");
}

#[test]
fn devices_are_stamped_with_the_apps_clock_not_the_machines() {
    let clock = Arc::new(common::clock());
    // The app's clock is an hour ahead of the machine's before anyone joins.
    clock.advance(Duration::from_secs(60 * 60));
    let app = ann_joins_on("join-panel-stamp", clock.clone());
    let devices = app.joined().unwrap().server.devices();
    assert_eq!(
        devices[0].1.joined,
        clock.monotonic(),
        "stamped on the app's clock"
    );
    let screen = screen_text(&app, 120, 30);
    assert!(screen.contains("Joined (1): Ann"), "{screen}");
}

#[test]
fn a_join_link_left_by_a_killed_program_is_not_shown_and_goes_when_the_session_is_opened_for_writing()
 {
    use ambassador::present::PresentState;
    use ambassador::store::room_sidecar::{self, Room};
    let mut h = Harness::session("join-stale-link", Language::En, &["Ann"]);
    let path = h.run().file().path.clone();
    // A window that was killed while joining was on: its link and an old heartbeat stay.
    h.reopen_read_only();
    let link = "http://127.0.0.1:9/?c=ABC234";
    let stale = Room {
        join_link: Some(link.into()),
        beat: Some("2026-11-27T08:00:00Z".parse().unwrap()),
        ..Room::default()
    };
    room_sidecar::publish(&path, &stale);
    // The room view shows no QR code for a server nobody runs.
    let room = PresentState::open(&path, false, &common::RoomClock).unwrap();
    assert!(room.closed);
    assert_eq!(room.join_link, None);
    // A second window that only looks leaves it alone: it is not its to judge.
    h.reopen_read_only();
    assert_eq!(room_sidecar::read(&path).join_link.as_deref(), Some(link));
    // The facilitator's program, opening it to write, says joining is off.
    h.reopen();
    assert_eq!(room_sidecar::read(&path).join_link, None);
    let room = PresentState::open(&path, false, &common::RoomClock).unwrap();
    assert!(!room.closed);
    assert_eq!(room.join_link, None);
}

#[test]
fn the_room_sidecar_carries_the_join_link_while_joining_is_on_and_not_after() {
    use ambassador::store::room_sidecar;
    let room = common::join::Room::start(Language::En, &["Ann"]);
    let link = format!("http://{}/?c={}", room.addr, room.code);
    room.wait_for(|| room_sidecar::read(&room.path).join_link.as_deref() == Some(link.as_str()));
    // F6 opens the panel again, F6 there turns joining off.
    room.key(crossterm::event::KeyCode::F(6));
    room.key(crossterm::event::KeyCode::F(6));
    room.wait_for(|| room_sidecar::read(&room.path).join_link.is_none());
    assert!(
        room_sidecar::read(&room.path).beat.is_some(),
        "the window is still there"
    );
}
