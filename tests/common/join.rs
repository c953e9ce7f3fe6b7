//! A session with joining on, for tests: the real app and its event loop on a thread of
//! their own, the join server on 127.0.0.1 (a port the system picks), and a plain HTTP/1.1
//! client. Only loopback is ever contacted.

use ambassador::app::{App, AppEvent, Start};
use ambassador::domain::{Language, NewSession, Session};
use ambassador::join::Limits;
use ambassador::store::{Paths, SessionFile, resolve_template};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Looks at the app after each round of the loop (figures for the load test).
pub type Probe = Box<dyn FnMut(&App) + Send>;

pub struct Room {
    pub addr: SocketAddr,
    pub code: String,
    pub path: PathBuf,
    pub events: Sender<AppEvent>,
    pub dir: tempfile::TempDir,
    thread: Option<JoinHandle<()>>,
    /// The join server running now (after each round of the loop): where, and its gauge.
    live: Live,
}

type Live = std::sync::Arc<std::sync::Mutex<Option<(SocketAddr, ambassador::join::Gauge)>>>;

/// A probe that keeps the facilitator's screen (drawn at 120×40) after each round.
pub fn screen_probe() -> (Probe, std::sync::Arc<std::sync::Mutex<String>>) {
    let screen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let seen = screen.clone();
    let probe: Probe = Box::new(move |app: &App| {
        *seen.lock().unwrap() = super::drive::screen_text(app, 120, 40);
    });
    (probe, screen)
}

/// One HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `name=value` of the cookie called `name` that the answer set, if it set one.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("Set-Cookie"))
            .filter_map(|(_, v)| v.split(';').next())
            .find(|pair| pair.trim().starts_with(&format!("{name}=")))
            .map(|pair| pair.trim().to_string())
    }

    /// The device token the answer set, if it set one.
    pub fn token(&self) -> Option<String> {
        let cookie = self.header("Set-Cookie")?;
        let (pair, _) = cookie.split_once(';')?;
        Some(pair.trim().to_string())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

impl Room {
    /// A fresh session of the built-in workshop with these participants, joining on.
    pub fn start(lang: Language, participants: &[&str]) -> Room {
        Room::start_with(lang, participants, Box::new(|_| {}))
    }

    /// Like `start`; `probe` sees the app after each round of the loop and its frame.
    pub fn start_with(lang: Language, participants: &[&str], probe: Probe) -> Room {
        Room::start_as(lang, participants, false, probe)
    }

    /// Like `start_with`; `anonymous`: devices may join without a name (`--anonymous`).
    pub fn start_as(lang: Language, participants: &[&str], anonymous: bool, probe: Probe) -> Room {
        Room::start_limited(lang, participants, anonymous, probe, Limits::default())
    }

    /// Like `start`, with the pulse scored aloud, by name.
    pub fn start_open(lang: Language, participants: &[&str]) -> Room {
        let open = ambassador::domain::PulseMode::Open;
        Room::start_in(
            lang,
            participants,
            false,
            Box::new(|_| {}),
            Limits::default(),
            open,
        )
    }

    /// Like `start_as`, with the join server's deadlines and caps set (short, in tests).
    pub fn start_limited(
        lang: Language,
        participants: &[&str],
        anonymous: bool,
        probe: Probe,
        limits: Limits,
    ) -> Room {
        let private = ambassador::domain::PulseMode::Private;
        Room::start_in(lang, participants, anonymous, probe, limits, private)
    }

    fn start_in(
        lang: Language,
        participants: &[&str],
        anonymous: bool,
        probe: Probe,
        limits: Limits,
        pulse_mode: ambassador::domain::PulseMode,
    ) -> Room {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths {
            data_dir: dir.path().join("data"),
            config_dir: dir.path().join("config"),
        };
        let template =
            resolve_template(&paths.templates_dir(), "ambassadorship", Some(lang)).unwrap();
        let sessions = paths.ensure_sessions_dir().unwrap();
        let details = NewSession {
            title: "Team Noord".into(),
            participants: participants.iter().map(|p| p.to_string()).collect(),
            pulse_mode,
            heard: None,
            ..Default::default()
        };
        let clock = super::clock();
        let file = SessionFile::create(&sessions, template, details, &clock).unwrap();
        let path = file.path.clone();
        // Closed here (its lock goes too) and opened again by the app's thread.
        drop(file);
        Room::open(dir, paths, path, anonymous, probe, limits)
    }

    fn open(
        dir: tempfile::TempDir,
        paths: Paths,
        path: PathBuf,
        anonymous: bool,
        mut probe: Probe,
        limits: Limits,
    ) -> Room {
        let (events, inbox) = channel();
        let (ready, started) = channel();
        let to_app = events.clone();
        let opened = path.clone();
        let live: Live = Default::default();
        let seen = live.clone();
        let thread = std::thread::spawn(move || {
            let file = SessionFile::open(&opened).unwrap();
            let start = Start::Joining {
                paths,
                file: Box::new(file),
                bind: Some("127.0.0.1:0".into()),
                anonymous,
            };
            let mut app = App::new(start, Box::new(ambassador::domain::SystemClock));
            app.set_join_limits(limits);
            app.connect(to_app);
            let joined = app
                .joined()
                .unwrap_or_else(|| panic!("joining did not start: {:?}", app.message));
            *seen.lock().unwrap() = Some((joined.server.addr(), joined.server.gauge()));
            ready
                .send((joined.server.addr(), joined.server.code()))
                .unwrap();
            // The real loop's rounds, each drawn at 80×24 as the terminal would be.
            let backend = ratatui::backend::TestBackend::new(80, 24);
            let mut terminal = ratatui::Terminal::new(backend).unwrap();
            let mut program = ambassador::terminal::Facilitator::new(&mut app);
            while let Ok(flow) = ambassador::event_loop::round(&mut program, &inbox) {
                if matches!(flow, ambassador::event_loop::Flow::Leave(_)) {
                    break;
                }
                terminal
                    .draw(|frame| ambassador::app::draw(program.app, frame))
                    .unwrap();
                *seen.lock().unwrap() = program
                    .app
                    .joined()
                    .map(|j| (j.server.addr(), j.server.gauge()));
                probe(program.app);
            }
        });
        let (addr, code) = started.recv_timeout(Duration::from_secs(20)).unwrap();
        assert!(addr.ip().is_loopback(), "tests listen on loopback only");
        // Joining opened its panel; the facilitator closes it.
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        events.send(AppEvent::Input(Event::Key(esc))).unwrap();
        Room {
            addr,
            code,
            path,
            events,
            dir,
            thread: Some(thread),
            live,
        }
    }

    /// Connections the join server holds open now (0 when joining is off).
    pub fn connections(&self) -> usize {
        let live = self.live.lock().unwrap();
        live.as_ref().map_or(0, |(_, gauge)| gauge.connections())
    }

    /// Where the join server listens now (joining turned off and on again moves it).
    pub fn current_addr(&self) -> SocketAddr {
        let live = self.live.lock().unwrap();
        live.as_ref().map(|(addr, _)| *addr).expect("joining is on")
    }

    /// The ideas on disk now on the workshop's step `step`.
    pub fn ideas_on(&self, step: usize) -> Vec<ambassador::domain::Idea> {
        let session = self.on_disk();
        let id = &session.template().steps[step].id;
        session
            .results(id)
            .map(|r| r.ideas.clone())
            .unwrap_or_default()
    }

    /// The session as it is on disk now.
    pub fn on_disk(&self) -> Session {
        ambassador::store::read_session(&self.path).unwrap().session
    }

    pub fn key(&self, code: KeyCode) {
        self.key_with(code, KeyModifiers::NONE);
    }

    pub fn key_with(&self, code: KeyCode, modifiers: KeyModifiers) {
        let key = KeyEvent::new(code, modifiers);
        self.events.send(AppEvent::Input(Event::Key(key))).unwrap();
    }

    /// Moves the facilitator `n` steps on and waits until the page sees it.
    pub fn next_steps(&self, n: usize, token: &str) {
        let before = self.step(token);
        for _ in 0..n {
            self.key(KeyCode::PageDown);
        }
        self.wait_for(|| self.step(token) == before + n);
    }

    /// The step the devices' pages are told is current.
    pub fn step(&self, token: &str) -> usize {
        let reply = self.get("/state", Some(token));
        reply.json()["step"].as_u64().unwrap_or(u64::MAX) as usize
    }

    pub fn wait_for(&self, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !done() {
            assert!(Instant::now() < deadline, "gave up waiting");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The join page as the link (or the QR code) opens it: with the code.
    pub fn join_page(&self) -> Reply {
        self.get(&format!("/?c={}", self.code), None)
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Reply {
        try_request(self.addr, "GET", path, token, None, true).expect("the server answers")
    }

    /// A form post as the page's script makes it (asking for JSON).
    pub fn post(&self, path: &str, token: Option<&str>, form: &[(&str, &str)]) -> Reply {
        try_request(self.addr, "POST", path, token, Some(&encode(form)), true)
            .expect("the server answers")
    }

    /// Joins as `name` with the right code; returns the device's cookie (`name=token`).
    pub fn join(&self, name: &str) -> String {
        let session = self.on_disk();
        let id = session
            .participants()
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.id.0.to_string())
            .unwrap();
        let reply = self.post("/join", None, &[("code", &self.code), ("participant", &id)]);
        assert_eq!(reply.status, 200, "{reply:?}");
        reply.token().expect("a device token")
    }

    /// The facilitator goes to the first question (step 4), `token`'s device sends these
    /// ideas there, and the facilitator moves on to the common ground (step 8), which
    /// groups them.
    pub fn ideas_to_common_ground(&self, token: &str, ideas: &[&str]) {
        self.next_steps(3, token);
        for (n, text) in ideas.iter().enumerate() {
            let key = format!("cg-{n}");
            let sent = self.post_patiently("/idea", token, &[("key", &key), ("text", text)]);
            assert_eq!(sent.status, 200, "{sent:?}");
        }
        self.next_steps(4, token);
    }

    /// Posts until the device's allowance lets it through (429 means: wait a moment).
    pub fn post_patiently(&self, path: &str, token: &str, form: &[(&str, &str)]) -> Reply {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let reply = self.post(path, Some(token), form);
            if reply.status != 429 && reply.status != 503 || Instant::now() > deadline {
                return reply;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        let quit = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let _ = self.events.send(AppEvent::Input(Event::Key(quit)));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A connection to `to` (loopback) from the loopback address `from`: someone else on the
/// network, as far as the server can tell (the whole of 127.0.0.0/8 is this machine).
pub fn connect_from(from: std::net::Ipv4Addr, to: SocketAddr) -> TcpStream {
    assert!(from.is_loopback() && to.ip().is_loopback(), "loopback only");
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket.bind(&SocketAddr::from((from, 0)).into()).unwrap();
    socket.connect(&to.into()).unwrap();
    socket.into()
}

/// Sends `request` (all of it, as written) from `from` and reads the answer, waiting at
/// most `wait` for it; status 0 when the connection closed without one.
pub fn raw_request(
    from: std::net::Ipv4Addr,
    to: SocketAddr,
    request: &[u8],
    wait: Duration,
) -> Reply {
    let mut stream = connect_from(from, to);
    stream.set_read_timeout(Some(wait)).unwrap();
    let _ = stream.write_all(request);
    read_reply(&mut stream)
}

pub fn encode(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| format!("{}={}", percent(k), percent(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One HTTP/1.1 request to `addr` (loopback), read to the end; `None` when nothing
/// listens there (the program is gone).
pub fn try_request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<&str>,
    json: bool,
) -> Option<Reply> {
    assert!(addr.ip().is_loopback(), "tests talk to loopback only");
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if json {
        head.push_str("Accept: application/json\r\n");
    }
    if let Some(cookie) = cookie {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if let Some(body) = body {
        head.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).ok()?;
    if let Some(body) = body {
        // A server that refuses early may close before it has read it all.
        let _ = stream.write_all(body.as_bytes());
    }
    Some(read_reply(&mut stream))
}

/// Reads one answer: the head, then as many bytes as Content-Length says (or to the end).
pub fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    let (head_len, length) = loop {
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|n| n.trim().parse::<usize>().ok());
            break (end + 4, length);
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break (bytes.len(), Some(0)),
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
        }
    };
    while length.is_none_or(|n| bytes.len() < head_len + n) {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
        }
    }
    let head = String::from_utf8_lossy(&bytes[..head_len.min(bytes.len())]).into_owned();
    let body = String::from_utf8_lossy(&bytes[head_len.min(bytes.len())..]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body,
    }
}
