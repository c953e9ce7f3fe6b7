//! SIGKILL while devices are sending: the real binary in tmux with joining on
//! (`open ID --join --bind 127.0.0.1:0`, the port read from the room view's sidecar), five
//! simulated devices posting ideas on loopback, the program killed at a seeded moment, then
//! opened again. Every idea a device was told "received" must be in the file, once; the file
//! always parses; the lock left by the kill never blocks the next open.
//!
//! `AMBASSADOR_JOIN_KILLS=20 cargo test --test reliability join_crash:: -- --nocapture` kills
//! more often.

use crate::common;
use crate::support;

use common::join::{encode, try_request};
use common::tmux::Tmux;
use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{Rng, args_for, as_strs, env_count, new_session, program, signal, wait_gone};

const DEVICES: usize = 5;
const Q1: usize = 3;

fn wait(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The address and code from the link the program published for the room view.
fn link(session: &std::path::Path) -> Option<(SocketAddr, String)> {
    let link = ambassador::store::room_sidecar::read(session).join_link?;
    let rest = link.strip_prefix("http://")?;
    let (host, query) = rest.split_once("/?c=")?;
    Some((host.parse().ok()?, query.to_string()))
}

fn join(addr: SocketAddr, code: &str, participant: u32) -> Option<String> {
    let id = participant.to_string();
    let body = encode(&[("code", code), ("participant", &id)]);
    let reply = try_request(addr, "POST", "/join", None, Some(&body), true)?;
    (reply.status == 200).then(|| reply.token()).flatten()
}

#[test]
fn every_idea_a_device_heard_received_survives_a_sigkill() {
    let kills = env_count("AMBASSADOR_JOIN_KILLS", 3).max(1);
    let mut rng = Rng::new(20261202);
    let data = tempfile::tempdir().unwrap();
    let (id, path) = new_session(data.path(), "Kill while joined");
    let session = ambassador::store::read_session(&path).unwrap().session;
    let people: Vec<u32> = session.participants().iter().map(|p| p.id.0).collect();
    let received: Arc<Mutex<HashMap<String, String>>> = Arc::default();
    let mut sent_total = 0;
    for round in 0..kills {
        let args = args_for(
            data.path(),
            &["open", &id, "--join", "--bind", "127.0.0.1:0"],
        );
        // A killed program leaves its sidecar; the new one removes it on opening and
        // publishes its own (a new port and code), which is the one to wait for.
        let stale = link(&path);
        let tmux = Tmux::start(program(), &as_strs(&args), 100, 30);
        wait("the join link", Duration::from_secs(20), || {
            link(&path).is_some_and(|l| Some(&l) != stale.as_ref())
        });
        let (addr, code) = link(&path).unwrap();
        assert!(addr.ip().is_loopback());
        tmux.keys(&["Escape"]);
        // An Esc byte followed at once by PageDown's escape sequence can read as one key:
        // wait for the panel to close first.
        tmux.wait_until(|s| !s.contains("Everyone types"), "the join panel to close");
        if round == 0 {
            for _ in 0..Q1 {
                tmux.keys(&["PageDown"]);
            }
            wait("the first question", Duration::from_secs(20), || {
                ambassador::store::read_session(&path)
                    .is_ok_and(|p| p.session.current_step_index() == Q1)
            });
        }
        let stop = Arc::new(AtomicBool::new(false));
        let senders: Vec<_> = (0..DEVICES)
            .map(|d| {
                let (received, stop, code) = (received.clone(), stop.clone(), code.clone());
                let participant = people[d % people.len()];
                std::thread::spawn(move || {
                    let Some(token) = join(addr, &code, participant) else {
                        return 0;
                    };
                    let mut sent = 0;
                    while !stop.load(Ordering::Relaxed) {
                        let key = format!("r{round}-d{d}-{sent}");
                        let text = format!("Round {round} device {d} idea {sent}");
                        let step = Q1.to_string();
                        let body = encode(&[("key", &key), ("text", &text), ("step", &step)]);
                        let Some(reply) =
                            try_request(addr, "POST", "/idea", Some(&token), Some(&body), true)
                        else {
                            break; // the program is gone
                        };
                        match reply.status {
                            200 => {
                                received.lock().unwrap().insert(key, text);
                                sent += 1;
                            }
                            429 | 503 => std::thread::sleep(Duration::from_millis(50)),
                            0 => break,
                            other => panic!("unexpected {other}: {reply:?}"),
                        }
                    }
                    sent
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(150 + rng.below(600) as u64));
        let pid = tmux.pane_pid();
        signal(pid, "KILL");
        wait_gone(pid, Duration::from_secs(5)).expect("the program died");
        stop.store(true, Ordering::Relaxed);
        sent_total += senders
            .into_iter()
            .map(|s| s.join().unwrap_or(0))
            .sum::<usize>();
        // After the kill: the file parses and holds every received idea, once.
        let session = ambassador::store::read_session(&path)
            .unwrap_or_else(|e| panic!("round {round}: the file does not parse: {e}"))
            .session;
        let q1 = &session.template().steps[Q1].id;
        let ideas = session
            .results(q1)
            .map(|r| r.ideas.clone())
            .unwrap_or_default();
        // A stored key is the device's id, a dot, and the key the device sent.
        let sent_key = |k: &str| k.split_once('.').map_or(k, |(_, key)| key).to_string();
        let on_disk: HashMap<String, String> = ideas
            .iter()
            .filter_map(|i| i.post_key.as_deref().map(|k| (sent_key(k), i.text.clone())))
            .collect();
        let keys: HashSet<_> = ideas.iter().filter_map(|i| i.post_key.clone()).collect();
        assert_eq!(keys.len(), on_disk.len(), "no key twice");
        let received = received.lock().unwrap();
        let lost: Vec<_> = received
            .iter()
            .filter(|(k, t)| on_disk.get(*k) != Some(*t))
            .collect();
        assert!(
            lost.is_empty(),
            "round {round}: received but not on disk: {lost:?}"
        );
        tmux.kill_window();
    }
    let received = received.lock().unwrap().len();
    println!(
        "join crash: {kills} kills while {DEVICES} devices sent; {received} ideas heard \
         \"received\" ({sent_total} counted by the devices), all on disk, none twice"
    );
    assert!(received > 0, "the devices got ideas in before the kills");
}
