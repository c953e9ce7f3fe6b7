//! The join server under people on the network who are not in the room, on loopback only:
//! strangers connect from 127.0.0.2 and up, devices from 127.0.0.1. Deadlines are set short
//! (or long, where a test shows that something is answered without waiting for them), so no
//! test waits on wall time it does not need; every loop stops by itself.

use crate::common;

use ambassador::domain::Language;
use ambassador::join::Limits;
use common::join::{Room, connect_from, encode, raw_request, read_reply};
use crossterm::event::KeyCode;
use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, TcpStream};
use std::time::Duration;

const DEVICE: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 1);
const STRANGER: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);
/// How long a test waits for an answer that should come at once (or by a short deadline).
const WAIT: Duration = Duration::from_secs(10);

fn limits(head_ms: u64, body_ms: u64, connections: usize) -> Limits {
    Limits {
        head: Duration::from_millis(head_ms),
        body: Duration::from_millis(body_ms),
        write: Duration::from_secs(5),
        connections,
    }
}

fn room_with(limits: Limits) -> Room {
    Room::start_limited(Language::En, &["Ann"], false, Box::new(|_| {}), limits)
}

/// Whether the server closed `stream` (within `WAIT`), rather than keeping it open.
fn closed(stream: &mut TcpStream) -> bool {
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            // An answer (408, say) before the close: read on.
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false;
            }
            Err(_) => return true,
        }
    }
}

/// A stranger's connection that sent half a request line and stops there.
fn stalled_head(room: &Room) -> TcpStream {
    let mut stream = connect_from(STRANGER, room.addr);
    stream.write_all(b"GET / HTTP/1.1\r\nHost: ").unwrap();
    stream
}

/// A stranger's join whose head is complete and whose body never comes.
fn stalled_body(room: &Room) -> TcpStream {
    let mut stream = connect_from(STRANGER, room.addr);
    let head = format!(
        "POST /join HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: 100\r\n\r\ncode=",
        room.addr
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream
}

#[test]
fn a_head_or_a_body_that_does_not_arrive_by_its_deadline_gets_408() {
    let room = room_with(limits(150, 150, 64));
    let reply = raw_request(STRANGER, room.addr, b"GET / HTTP/1.1\r\nHost: ", WAIT);
    assert_eq!(reply.status, 408, "{reply:?}");
    // Slowloris: a byte at a time, never finishing, is held to the same deadline.
    let mut slow = connect_from(STRANGER, room.addr);
    slow.set_read_timeout(Some(WAIT)).unwrap();
    let writer = {
        let mut slow = slow.try_clone().unwrap();
        std::thread::spawn(move || {
            for byte in b"GET / HTTP/1.1\r\nX-A: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".iter()
            {
                if slow.write_all(&[*byte]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    assert_eq!(read_reply(&mut slow).status, 408);
    writer.join().unwrap();
    // A body that stops halfway.
    let mut body = stalled_body(&room);
    body.set_read_timeout(Some(WAIT)).unwrap();
    assert_eq!(read_reply(&mut body).status, 408);
}

#[test]
fn the_body_is_read_only_after_the_cheap_checks() {
    // Deadlines far beyond the test's wait: each answer below comes without the body.
    let room = room_with(limits(60_000, 60_000, 64));
    let post = |path: &str, extra: &str, length: usize| {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n{extra}\
             Content-Length: {length}\r\n\r\n",
            room.addr
        );
        raw_request(STRANGER, room.addr, request.as_bytes(), WAIT).status
    };
    assert_eq!(post("/idea", "", 500), 401, "no device token");
    assert_eq!(
        post("/dot", "Cookie: ambassador_device=forged\r\n", 500),
        401
    );
    assert_eq!(post("/join", "", 40 * 1024), 413, "declared too large");
    assert_eq!(post("/join", "Origin: http://evil.example\r\n", 50), 403);
    assert_eq!(post("/nowhere", "", 50), 404);
    let chunked = format!(
        "POST /join HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\n\r\n",
        room.addr
    );
    let reply = raw_request(STRANGER, room.addr, chunked.as_bytes(), WAIT);
    assert_eq!(reply.status, 411);
    // An address that guessed too many codes is refused before its body.
    for _ in 0..10 {
        let wrong = encode(&[("code", "WRONG1"), ("participant", "1")]);
        let request = format!(
            "POST /join HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n\r\n{wrong}",
            room.addr,
            wrong.len()
        );
        let reply = raw_request(STRANGER, room.addr, request.as_bytes(), WAIT);
        assert_eq!(reply.status, 403);
    }
    assert_eq!(post("/join", "", 50), 429);
}

#[test]
fn a_request_line_over_8_kb_gets_414_and_a_head_over_16_kb_431_without_waiting_for_the_end() {
    let room = room_with(limits(60_000, 60_000, 64));
    let mut line = b"GET /".to_vec();
    line.extend(std::iter::repeat_n(b'a', 9 * 1024));
    assert_eq!(raw_request(STRANGER, room.addr, &line, WAIT).status, 414);
    let mut head = format!("GET / HTTP/1.1\r\nHost: {}\r\nX-Big: ", room.addr).into_bytes();
    head.extend(std::iter::repeat_n(b'b', 17 * 1024));
    assert_eq!(raw_request(STRANGER, room.addr, &head, WAIT).status, 431);
    let many: String = (0..100).map(|n| format!("X-{n}: 1\r\n")).collect();
    let head = format!("GET / HTTP/1.1\r\nHost: {}\r\n{many}\r\n", room.addr);
    assert_eq!(
        raw_request(STRANGER, room.addr, head.as_bytes(), WAIT).status,
        431
    );
    // Just under the limits is a request like any other.
    let mut fine = b"GET /?pad=".to_vec();
    fine.extend(std::iter::repeat_n(b'p', 7 * 1024));
    fine.extend(format!(" HTTP/1.1\r\nHost: {}\r\n\r\n", room.addr).into_bytes());
    assert_eq!(raw_request(STRANGER, room.addr, &fine, WAIT).status, 200);
}

#[test]
fn at_the_cap_the_oldest_strangers_unfinished_request_goes_never_a_devices() {
    let room = room_with(limits(60_000, 60_000, 8));
    let ann = room.join("Ann");
    room.next_steps(3, &ann);
    // The device starts an idea and is slow with its body.
    let form = encode(&[("key", "slow-1"), ("text", "Proud of our work")]);
    let mut device = connect_from(DEVICE, room.addr);
    let head = format!(
        "POST /idea HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\nCookie: {ann}\r\n\
         Content-Length: {}\r\n\r\n",
        room.addr,
        form.len()
    );
    device.write_all(head.as_bytes()).unwrap();
    device.write_all(&form.as_bytes()[..5]).unwrap();
    room.wait_for(|| room.connections() >= 1);
    // Strangers fill every place, and more come.
    let mut first = stalled_head(&room);
    room.wait_for(|| room.connections() >= 2);
    let mut strangers: Vec<TcpStream> = (0..20)
        .map(|n| {
            if n % 2 == 0 {
                stalled_head(&room)
            } else {
                stalled_body(&room)
            }
        })
        .collect();
    // The oldest stranger was dropped to make room...
    assert!(closed(&mut first), "the oldest stranger is still held");
    // ...and a device's request still gets through at once,
    let state = room.get("/state", Some(&ann));
    assert_eq!(state.status, 200);
    // while the slow device's own post was never dropped.
    device.write_all(&form.as_bytes()[5..]).unwrap();
    device.set_read_timeout(Some(WAIT)).unwrap();
    let reply = read_reply(&mut device);
    assert_eq!(reply.status, 200, "{reply:?}");
    assert!(room.connections() <= 8);
    strangers.clear();
}

#[test]
fn turning_joining_off_and_quitting_never_wait_on_stalled_clients() {
    let (probe, screen) = common::join::screen_probe();
    let room = Room::start_limited(
        Language::En,
        &["Ann"],
        false,
        probe,
        limits(60_000, 60_000, 128),
    );
    let mut held: Vec<TcpStream> = (0..40)
        .flat_map(|_| [stalled_head(&room), stalled_body(&room)])
        .collect();
    room.wait_for(|| room.connections() >= 80);
    // F6 shows the panel; F6 there turns joining off: the port closes, the screen says so.
    room.key(KeyCode::F(6));
    room.key(KeyCode::F(6));
    room.wait_for(|| TcpStream::connect(room.addr).is_err());
    room.wait_for(|| screen.lock().unwrap().contains("Joining is off"));
    // Every stalled client was let go, not waited for.
    for stream in &mut held {
        assert!(closed(stream));
    }
    // Joining on again, stalled again, and Ctrl-C: the program quits (and saves) at once.
    room.key(KeyCode::F(6));
    room.wait_for(|| screen.lock().unwrap().contains("Joining is on"));
    let addr = room.current_addr();
    let _held: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = connect_from(STRANGER, addr);
            s.write_all(b"POST /join HTTP/1.1\r\n").unwrap();
            s
        })
        .collect();
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        drop(room);
        let _ = done.send(());
    });
    finished
        .recv_timeout(Duration::from_secs(20))
        .expect("Ctrl-C did not finish while clients stalled");
}
