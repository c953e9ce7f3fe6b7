//! A real browser on the join page: headless Chromium, driven through chromedriver with a
//! few plain WebDriver calls, all on 127.0.0.1. It picks a name, sends two ideas with Enter
//! (the page's script sends them) and gives a pulse score once the page has followed the
//! facilitator to the pulse step; the session file must hold all three. On the common ground
//! it puts a dot on a group with the plain form (POST and redirect).
//!
//! Needs `chromium` and `chromedriver` (Debian: `chromium`, `chromium-driver`; `scripts/test`
//! installs them); without them both tests fail and say so. With `AMBASSADOR_PHONE_SHOT=FILE` the phone page (390×844) is saved there,
//! with `AMBASSADOR_DOTS_SHOT=FILE` the dot page.

use crate::common;

use ambassador::domain::{Language, StepKind};
use common::join::{Reply, Room, read_reply};
use crossterm::event::KeyCode;
use serde_json::{Value, json};
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const Q1: usize = 3;
/// The key of an element reference in WebDriver answers.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
const DEADLINE: Duration = Duration::from_secs(30);

struct Driver {
    addr: SocketAddr,
    child: Child,
    session: String,
    _profile: tempfile::TempDir,
}

impl Driver {
    fn start() -> Driver {
        let chromium = installed("chromium");
        installed("chromedriver");
        // A free port on loopback for chromedriver.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let profile = tempfile::tempdir().unwrap();
        let mut driver = Driver {
            addr,
            child,
            session: String::new(),
            _profile: profile,
        };
        driver.wait(|d| d.call("GET", "/status", None).status == 200);
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ];
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        args.push(format!(
            "--user-data-dir={}",
            driver._profile.path().display()
        ));
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
                "mobileEmulation": { "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 1.0 } }
            }
        }}});
        let reply = driver.call("POST", "/session", Some(&caps));
        assert_eq!(reply.status, 200, "{}", reply.body);
        driver.session = reply.json()["value"]["sessionId"]
            .as_str()
            .unwrap()
            .to_string();
        driver
    }

    /// One WebDriver call to chromedriver on loopback.
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Reply {
        let Ok(mut stream) = TcpStream::connect(self.addr) else {
            return Reply {
                status: 0,
                headers: Vec::new(),
                body: String::new(),
            };
        };
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        let body = body.map(Value::to_string).unwrap_or_default();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.addr,
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        read_reply(&mut stream)
    }

    fn in_session(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let reply = self.call(method, &path, body.as_ref());
        reply.json()["value"].clone()
    }

    fn go(&self, url: &str) {
        self.in_session("POST", "/url", Some(json!({ "url": url })));
    }

    /// The element a CSS selector finds, if there is one now.
    fn find(&self, css: &str) -> Option<String> {
        let found = self.in_session(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        // The W3C element reference; an error ("no such element") has none.
        found[ELEMENT].as_str().map(str::to_string)
    }

    fn wait_for(&self, css: &str) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(element) = self.find(css) {
                return element;
            }
            assert!(Instant::now() < deadline, "no {css} on the page");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the page and its script have loaded, as a person would before typing.
    fn loaded(&self) {
        let deadline = Instant::now() + DEADLINE;
        let script = json!({ "script": "return document.readyState", "args": [] });
        while self.in_session("POST", "/execute/sync", Some(script.clone())) != "complete" {
            assert!(Instant::now() < deadline, "the page did not load");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs `script` in the page and returns what it returns.
    fn script(&self, script: &str) -> Value {
        let call = json!({ "script": script, "args": [] });
        self.in_session("POST", "/execute/sync", Some(call))
    }

    fn click(&self, element: &str) {
        self.in_session(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    fn type_text(&self, element: &str, text: &str) {
        self.in_session(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn screenshot(&self) -> Vec<u8> {
        let data = self.in_session("GET", "/screenshot", None);
        decode_base64(data.as_str().unwrap_or_default())
    }

    fn wait(&mut self, done: impl Fn(&Driver) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        while !done(self) {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            self.call("DELETE", &path, None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where `tool` is on PATH; without it the test fails saying what to install.
fn installed(tool: &str) -> String {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    found.unwrap_or_else(|| {
        panic!(
            "{tool} is not installed: the browser test of the join page needs chromium and \
             chromedriver (Debian/Ubuntu: apt-get install chromium chromium-driver; \
             scripts/test installs them)"
        )
    })
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for v in text.bytes().filter_map(value) {
        acc = acc << 6 | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + DEADLINE;
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The facilitator goes to the first question; Chromium opens the link and picks "Ann".
fn ann_on_the_first_question(room: &Room) -> Driver {
    for _ in 0..Q1 {
        room.key(KeyCode::PageDown);
    }
    wait_until("the first question", || {
        room.on_disk().current_step_index() == Q1
    });
    let driver = Driver::start();
    driver.go(&format!("http://{}/?c={}", room.addr, room.code));
    let ann = driver.wait_for("button.name[value='1']");
    driver.click(&ann);
    driver.wait_for("#idea-text");
    driver.loaded();
    driver
}

#[test]
fn chromium_joins_sends_two_ideas_with_enter_and_scores_the_pulse() {
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    let driver = ann_on_the_first_question(&room);
    let input = driver.wait_for("#idea-text");
    let q1 = room.on_disk().template().steps[Q1].id.clone();
    let ideas = || {
        room.on_disk()
            .results(&q1)
            .map(|r| r.ideas.iter().map(|i| i.text.clone()).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    // Enter sends each one (U+E007 is WebDriver's Enter key).
    driver.type_text(&input, "We tell friends about our work\u{E007}");
    wait_until("the first idea on disk", || ideas().len() == 1);
    let input = driver.wait_for("#idea-text");
    driver.type_text(&input, "Proud to wear the badge\u{E007}");
    wait_until("the second idea on disk", || ideas().len() == 2);
    assert_eq!(
        ideas(),
        ["We tell friends about our work", "Proud to wear the badge"]
    );
    let session = room.on_disk();
    let stored = &session.results(&q1).unwrap().ideas;
    assert!(stored.iter().all(|i| i.from_device()));
    assert!(
        stored
            .iter()
            .all(|i| session.participant_name(i.participant) == "Ann")
    );
    // Both are listed on the page as sent.
    wait_until("the page to list both", || {
        driver.find("#ideas li:nth-child(2)").is_some()
    });
    if let Ok(shot) = std::env::var("AMBASSADOR_PHONE_SHOT") {
        std::fs::write(&shot, driver.screenshot()).unwrap();
    }
    // The facilitator goes back to the pulse; the page follows by itself.
    for _ in 0..2 {
        room.key(KeyCode::PageUp);
    }
    let four = driver.wait_for("form.pulse button[value='4']");

    driver.click(&four);
    let session = room.on_disk();
    let pulse = session.template().steps[1].clone();
    let StepKind::Pulse { items, .. } = &pulse.kind else {
        panic!("step 2 is the pulse")
    };
    // A private pulse: the score is on a ballot of its own, with no name.
    wait_until("the score on disk", || {
        room.on_disk().results(&pulse.id).is_some_and(|r| {
            r.pulse.is_empty()
                && r.ballots.len() == 1
                && r.ballots
                    .values()
                    .all(|b| b.scores.get(&items[0].id) == Some(&4))
        })
    });
    // Changed on the same ballot (the browser keeps its ballot cookie).
    let two = driver.wait_for("form.pulse button[value='2']");
    driver.click(&two);
    wait_until("the changed score on disk", || {
        room.on_disk().results(&pulse.id).is_some_and(|r| {
            r.ballots.len() == 1
                && r.ballots
                    .values()
                    .all(|b| b.scores.get(&items[0].id) == Some(&2))
        })
    });
}

#[test]
fn chromium_puts_a_dot_on_the_common_ground_with_the_plain_form() {
    const COMMON_GROUND: usize = 7;
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    let bob = room.join("Bob");
    room.ideas_to_common_ground(
        &bob,
        &[
            "We tell friends about our work",
            "Networking drinks with clients",
            "Posting on LinkedIn about projects",
        ],
    );
    let driver = Driver::start();
    driver.go(&format!("http://{}/?c={}", room.addr, room.code));
    let ann = driver.wait_for("button.name[value='1']");
    driver.click(&ann);
    let add = driver.wait_for("form.dot button");
    driver.loaded();
    driver.click(&add);
    // The form posts, the page comes back with the dot and a way to take it back.
    driver.wait_for("form.dot button.take");
    let session = room.on_disk();
    let step = &session.template().steps[COMMON_GROUND].id;
    let ann_id = session.participants()[0].id;
    let votes = session
        .results(step)
        .and_then(|r| r.votes.get(&ann_id))
        .cloned();
    assert_eq!(votes.map(|v| v.values().sum::<u8>()), Some(1));
    if let Ok(shot) = std::env::var("AMBASSADOR_DOTS_SHOT") {
        std::fs::write(&shot, driver.screenshot()).unwrap();
    }
}

/// Ann has the dot page open with a group unfolded; Bob votes from his phone: her counts
/// change without a reload, and the group she opened stays open.
#[test]
fn chromium_refreshes_the_dot_counts_while_others_vote_and_keeps_a_group_open() {
    const COMMON_GROUND: usize = 7;
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    let bob = room.join("Bob");
    room.ideas_to_common_ground(
        &bob,
        &[
            "We tell friends about our work",
            "Networking drinks with clients",
        ],
    );
    let driver = Driver::start();
    driver.go(&format!("http://{}/?c={}", room.addr, room.code));
    let ann = driver.wait_for("button.name[value='1']");
    driver.click(&ann);
    let summary = driver.wait_for("#dots > li > details > summary");
    driver.loaded();
    driver.click(&summary);
    // A mark on this very page: a reload would take it away.
    driver.script("window.stayed = true; return null");
    let first = driver.script(
        "var d = document.querySelector('#dots > li'); \
         return [d.id, d.querySelector('details').open, d.querySelector('.counts').textContent]",
    );
    assert_eq!(first[1], true, "{first}");
    assert!(first[2].as_str().unwrap().ends_with("dots: 0"), "{first}");
    let group = first[0]
        .as_str()
        .unwrap()
        .trim_start_matches('g')
        .to_string();

    let at = COMMON_GROUND.to_string();
    let voted = room.post_patiently(
        "/dot",
        &bob,
        &[("step", &at), ("group", &group), ("mine", "1")],
    );
    assert_eq!(voted.status, 200, "{voted:?}");
    let read = format!(
        "var d = document.getElementById('g{group}'); \
         return [window.stayed === true, d.querySelector('details').open, \
         d.querySelector('.counts').textContent]"
    );
    wait_until("Ann's counts follow Bob's dot", || {
        driver.script(&read)[2]
            .as_str()
            .is_some_and(|c| c.ends_with("dots: 1"))
    });
    let after = driver.script(&read);
    assert_eq!(after[0], true, "the page was not reloaded");
    assert_eq!(after[1], true, "the group Ann opened stays open");
}

#[test]
fn chromium_shows_a_refusal_keeps_the_text_in_the_box_and_sends_the_ideas_after_it() {
    let room = Room::start(Language::En, &["Ann"]);
    let driver = ann_on_the_first_question(&room);
    // Left unsent by an earlier page: an idea for a step the room never reached (refused
    // for good) ahead of one for this question. The page sends them when it loads.
    driver.script(
        "localStorage.setItem('ambassador.outbox', JSON.stringify([\
         {key: 'k-refused', text: 'Typed for a later step', step: '9'},\
         {key: 'k-kept', text: 'Typed for this question', step: '3'}]));\
         location.reload();",
    );
    let q1 = room.on_disk().template().steps[Q1].id.clone();
    wait_until("the idea after the refused one on disk", || {
        room.on_disk()
            .results(&q1)
            .is_some_and(|r| r.ideas.iter().any(|i| i.text == "Typed for this question"))
    });
    let value = || {
        driver
            .script("return document.getElementById('idea-text').value")
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    wait_until("the refused text back in the box", || {
        value() == "Typed for a later step"
    });
    let said = driver.script("return document.getElementById('outbox').textContent");
    let said = said.as_str().unwrap_or_default();
    assert!(said.contains("moved on"), "the reason is shown: {said:?}");
    assert!(said.contains("Your text is still in the box"), "{said:?}");
    // Refused is final: not waiting to be sent again.
    let unsent = driver.script("return localStorage.getItem('ambassador.outbox')");
    assert_eq!(unsent.as_str(), Some("[]"));
    let session = room.on_disk();
    assert_eq!(session.idea_count(), 1);
}
