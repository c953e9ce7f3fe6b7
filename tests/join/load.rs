//! Load on loopback: simulated devices send ideas at once, as fast as the server lets them
//! (a "too fast" answer is waited out and the same post sent again), and every fifth post is
//! sent a second time as a lost-answer retry would be; meanwhile the facilitator types on
//! the same question. Every idea must be on disk exactly once.
//!
//! It prints the figures: ideas per second, and how long the facilitator's keys took from
//! being sent to the frame that shows them (the real loop, drawn at 80×24). By hand, the
//! full room: `AMBASSADOR_LOAD_DEVICES=50 AMBASSADOR_LOAD_IDEAS=20 cargo test --release
//! --test join load:: -- --nocapture` (defaults: 10 devices × 5 ideas).

use crate::common;

use ambassador::app::{App, Screen};
use ambassador::domain::Language;
use common::join::Room;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const Q1: usize = 3;
/// Each of the facilitator's ideas: this many letters, then Enter.
const WORD: usize = 10;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Keys the facilitator's ideas and draft account for: how many keys were handled.
fn handled_keys(app: &App) -> usize {
    let Screen::Run(run) = &app.screen else {
        return 0;
    };
    let session = run.session();
    let step = &session.template().steps[Q1].id;
    let typed = session
        .results(step)
        .map_or(0, |r| r.ideas.iter().filter(|i| !i.from_device()).count());
    let draft = run.draft().map_or(0, |d| d.text().chars().count());
    typed * (WORD + 1) + draft
}

#[test]
fn devices_send_at_once_while_the_facilitator_types_and_nothing_is_lost_or_doubled() {
    let devices = env("AMBASSADOR_LOAD_DEVICES", 10).min(50);
    let per_device = env("AMBASSADOR_LOAD_IDEAS", 5);
    let names: Vec<String> = (1..=devices).map(|n| format!("P{n:02}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    // When each key was sent, and how long until a frame showed it.
    let sent: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let latencies: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let (probe_sent, probe_lat) = (sent.clone(), latencies.clone());
    let mut measured = 0;
    let probe = Box::new(move |app: &App| {
        let handled = handled_keys(app);
        let now = Instant::now();
        let sent = probe_sent.lock().unwrap();
        let mut lat = probe_lat.lock().unwrap();
        while measured < handled.min(sent.len()) {
            lat.push(now - sent[measured]);
            measured += 1;
        }
    });
    let room = Room::start_with(Language::En, &names, probe);
    let tokens: Vec<String> = names.iter().map(|n| room.join(n)).collect();
    room.next_steps(Q1, &tokens[0]);
    let started = Instant::now();
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    // The facilitator types at a brisk pace the whole time the devices send.
    let typist = {
        let (events, sent, done) = (room.events.clone(), sent.clone(), done.clone());
        std::thread::spawn(move || {
            let mut n = 0usize;
            while !done.load(std::sync::atomic::Ordering::Relaxed) || !n.is_multiple_of(WORD + 1) {
                let code = if n % (WORD + 1) == WORD {
                    KeyCode::Enter
                } else {
                    KeyCode::Char(char::from(b'a' + (n % 26) as u8))
                };
                sent.lock().unwrap().push(Instant::now());
                let key = KeyEvent::new(code, KeyModifiers::NONE);
                if events
                    .send(ambassador::app::AppEvent::Input(Event::Key(key)))
                    .is_err()
                {
                    break;
                }
                n += 1;
                std::thread::sleep(Duration::from_millis(25));
            }
            n
        })
    };
    let room = Arc::new(room);
    let senders: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(d, token)| {
            let room = room.clone();
            std::thread::spawn(move || {
                let mut retried = 0;
                for i in 0..per_device {
                    let key = format!("d{d}-i{i}");
                    let text = format!("Device {d} idea {i}: we talk about our work at parties");
                    let form = [("key", key.as_str()), ("text", text.as_str())];
                    let reply = room.post_patiently("/idea", &token, &form);
                    assert_eq!(reply.status, 200, "{reply:?}");
                    if i % 5 == 0 {
                        // As if the answer had been lost: the page sends it again.
                        let again = room.post_patiently("/idea", &token, &form);
                        assert_eq!(again.json()["id"], reply.json()["id"]);
                        retried += 1;
                    }
                }
                retried
            })
        })
        .collect();
    let retried: usize = senders.into_iter().map(|s| s.join().unwrap()).sum();
    let sending = started.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let keys = typist.join().unwrap();
    room.wait_for(|| latencies.lock().unwrap().len() >= keys);

    let session = room.on_disk();
    let ideas = &session
        .results(&session.template().steps[Q1].id)
        .unwrap()
        .ideas;
    let from_devices: Vec<_> = ideas.iter().filter(|i| i.from_device()).collect();
    let keys_seen: HashSet<_> = from_devices.iter().map(|i| i.post_key.clone()).collect();
    let texts: HashSet<_> = from_devices.iter().map(|i| i.text.clone()).collect();
    assert_eq!(from_devices.len(), devices * per_device, "every idea, once");
    assert_eq!(keys_seen.len(), from_devices.len(), "no key twice");
    assert_eq!(texts.len(), from_devices.len(), "no text twice");
    let typed = ideas.len() - from_devices.len();
    assert_eq!(
        typed,
        keys / (WORD + 1),
        "the facilitator's ideas are all there too"
    );

    let mut lat = latencies.lock().unwrap().clone();
    lat.sort();
    let pick = |q: f64| lat[((lat.len() - 1) as f64 * q) as usize];
    println!(
        "join load: {devices} devices × {per_device} ideas ({retried} sent twice) in {:.2} s \
         = {:.0} ideas/s; all {} on disk once; the facilitator typed {keys} keys ({typed} ideas); \
         key to frame: median {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        sending.as_secs_f64(),
        (devices * per_device) as f64 / sending.as_secs_f64(),
        from_devices.len(),
        pick(0.5).as_secs_f64() * 1e3,
        pick(0.95).as_secs_f64() * 1e3,
        pick(0.99).as_secs_f64() * 1e3,
        pick(1.0).as_secs_f64() * 1e3,
    );
}
