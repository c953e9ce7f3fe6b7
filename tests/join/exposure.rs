//! What someone on the network reaches without being in the room, on loopback only: before
//! the code the join page says nothing of the session; wrong codes count against their own
//! address; a request for another host (DNS rebinding) and a state change from another
//! site's page are refused.

use crate::common;

use ambassador::domain::Language;
use common::join::{Room, encode, raw_request, try_request};
use std::net::Ipv4Addr;
use std::time::Duration;

const DEVICE: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 1);
const STRANGER: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 3);
const WAIT: Duration = Duration::from_secs(10);

fn shows_the_session(body: &str) -> bool {
    ["Team Noord", "Ann", "Bob"]
        .iter()
        .any(|secret| body.contains(secret))
}

/// A request with these extra header lines, sent from `from` (127.0.0.x).
fn send(
    room: &Room,
    from: Ipv4Addr,
    method: &str,
    path: &str,
    headers: &str,
    body: &str,
) -> common::join::Reply {
    let request = format!(
        "{method} {path} HTTP/1.1\r\n{headers}Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    raw_request(from, room.addr, request.as_bytes(), WAIT)
}

#[test]
fn without_the_code_the_join_page_shows_nothing_of_the_session() {
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    for path in ["/", "/?m=left", "/?c=WRONG1", "/?c="] {
        let page = room.get(path, None);
        assert!(!shows_the_session(&page.body), "{path}: {}", page.body);
        assert!(
            page.body.contains("name=\"c\""),
            "asks for the code: {path}"
        );
    }
    assert_eq!(room.get("/?c=WRONG1", None).status, 403);
    // A wrong code on the plain join form shows nothing either.
    let form = encode(&[("code", "WRONG1"), ("participant", "1")]);
    let plain = try_request(room.addr, "POST", "/join", None, Some(&form), false).unwrap();
    assert_eq!(plain.status, 403);
    assert!(!shows_the_session(&plain.body), "{}", plain.body);
    // The link and the QR code carry the code: there the names are (in any case).
    let page = room.join_page();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Team Noord") && page.body.contains("Bob"));
    let lower = room.get(&format!("/?c={}", room.code.to_lowercase()), None);
    assert!(lower.body.contains("Ann"));
}

#[test]
fn wrong_codes_in_the_link_count_against_their_own_address_only() {
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    let host = format!("Host: {}\r\n", room.addr);
    for _ in 0..10 {
        let page = send(&room, STRANGER, "GET", "/?c=WRONG1", &host, "");
        assert_eq!(page.status, 403);
        assert!(!shows_the_session(&page.body));
    }
    // That address is held off, even with the right code...
    let right = format!("/?c={}", room.code);
    let held = send(&room, STRANGER, "GET", &right, &host, "");
    assert_eq!(held.status, 429);
    assert!(!shows_the_session(&held.body));
    // ...and nobody else is: the right code from another address shows the names and joins.
    let page = send(&room, DEVICE, "GET", &right, &host, "");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Ann"));
    let ann = room.join("Ann");
    assert_eq!(room.get("/state", Some(&ann)).status, 200);
}

#[test]
fn a_link_followed_from_another_sites_page_spends_no_guesses_and_shows_nothing() {
    let room = Room::start(Language::En, &["Ann", "Bob"]);
    let host = format!("Host: {}\r\nSec-Fetch-Site: cross-site\r\n", room.addr);
    // Another site's page loads the link with wrong codes, over and over...
    for _ in 0..20 {
        let page = send(&room, STRANGER, "GET", "/?c=WRONG1", &host, "");
        assert_eq!(page.status, 200);
        assert!(!shows_the_session(&page.body));
    }
    // ...and with the right one: the code waits in the form, the session stays hidden.
    let right = format!("/?c={}", room.code);
    let page = send(&room, STRANGER, "GET", &right, &host, "");
    assert!(!shows_the_session(&page.body), "{}", page.body);
    assert!(page.body.contains(&format!("value=\"{}\"", room.code)));
    // That address has no wrong codes counted: one tap on our own page and it is in.
    let own = format!("Host: {}\r\nSec-Fetch-Site: same-origin\r\n", room.addr);
    let page = send(&room, STRANGER, "GET", &right, &own, "");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Ann"));
}

#[test]
fn a_request_for_another_host_is_refused_with_421() {
    let room = Room::start(Language::En, &["Ann"]);
    let port = room.addr.port();
    let ours = room.addr.to_string();
    let hosts = [
        "Host: evil.example\r\n".to_string(),
        format!("Host: evil.example:{port}\r\n"),
        format!("Host: 127.0.0.1:{}\r\n", port.wrapping_add(1)),
        format!("Host: {ours}.evil.example\r\n"),
        String::new(),
        format!("Host: {ours}\r\nHost: evil.example\r\n"),
    ];
    for host in &hosts {
        let page = send(
            &room,
            DEVICE,
            "GET",
            &format!("/?c={}", room.code),
            host,
            "",
        );
        assert_eq!(page.status, 421, "{host:?}");
        assert!(!shows_the_session(&page.body));
        assert!(
            page.body.contains(&ours),
            "says where it answers: {}",
            page.body
        );
        let form = encode(&[("code", &room.code), ("participant", "1")]);
        let join = send(&room, DEVICE, "POST", "/join", host, &form);
        assert_eq!(join.status, 421, "{host:?}");
        assert!(join.token().is_none());
    }
    for host in [
        format!("Host: {ours}\r\n"),
        format!("Host: localhost:{port}\r\n"),
    ] {
        let page = send(
            &room,
            DEVICE,
            "GET",
            &format!("/?c={}", room.code),
            &host,
            "",
        );
        assert_eq!(page.status, 200, "{host:?}");
    }
}

#[test]
fn a_state_change_from_another_sites_page_is_refused() {
    let room = Room::start(Language::En, &["Ann"]);
    let ours = format!("http://{}", room.addr);
    let host = format!("Host: {}\r\nAccept: application/json\r\n", room.addr);
    let form = encode(&[("code", &room.code), ("participant", "1")]);
    let refused = [
        "Origin: http://evil.example\r\n".to_string(),
        "Origin: null\r\n".to_string(),
        format!("Origin: {ours}.evil.example\r\n"),
        "Referer: http://evil.example/join\r\n".to_string(),
        format!("Referer: {ours}.evil.example/\r\n"),
    ];
    // From our own page (or from no page at all) it is taken.
    let taken = [
        format!("Origin: {ours}\r\n"),
        format!("Referer: {ours}/?c={}\r\n", room.code),
        String::new(),
    ];
    let cases = refused
        .iter()
        .map(|f| (f, 403))
        .chain(taken.iter().map(|f| (f, 200)));
    for (from, status) in cases {
        let headers = format!("{host}{from}");
        let join = send(&room, DEVICE, "POST", "/join", &headers, &form);
        assert_eq!(join.status, status, "{from:?}");
        assert_eq!(join.token().is_some(), status == 200);
    }
    // A joined device's cookie does not make another site's post count.
    let ann = room.join("Ann");
    room.next_steps(3, &ann);
    let idea = encode(&[("key", "x-site"), ("text", "posted by another site")]);
    let headers = format!("{host}Cookie: {ann}\r\nOrigin: http://evil.example\r\n");
    let posted = send(&room, DEVICE, "POST", "/idea", &headers, &idea);
    assert_eq!(posted.status, 403);
    let session = room.on_disk();
    assert_eq!(session.idea_count(), 0);
}
