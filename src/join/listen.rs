//! The join server's connections: one accept loop over `std::net`, a thread per connection
//! up to a cap, and deadlines on every read. A request's head must arrive within
//! `Limits::head` and be at most 16 KB; only when the cheap checks pass (route, Host, Origin,
//! token or the address's wrong codes, Content-Length) is the body read, within
//! `Limits::body`. At the cap the oldest connection still sending a request from someone
//! without a device token is dropped to make room. Stopping shuts every connection down
//! and waits only for the accept loop, never for a client.

use super::http::{self, Head, Reply};
use super::server::{self, Checked, Shared};
use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Time and room the server gives its clients; tests set short deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// From connecting until the request line and headers are in.
    pub head: Duration,
    /// From the head until the whole body is in.
    pub body: Duration,
    /// For writing an answer out.
    pub write: Duration,
    /// Connections held at once.
    pub connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            head: Duration::from_secs(10),
            body: Duration::from_secs(10),
            write: Duration::from_secs(10),
            connections: 128,
        }
    }
}

/// How long the accept loop rests when nobody is connecting (and so how long stopping takes
/// at most).
const ACCEPT_NAP: Duration = Duration::from_millis(10);
/// After refusing a request whose body was not read: how long, and how much, is still read
/// and thrown away, so the client sees the answer rather than a reset connection.
const LINGER: Duration = Duration::from_millis(500);
const LINGER_BYTES: usize = 64 * 1024;
/// Each connection's thread does little: HTML and JSON, never the session.
const STACK: usize = 512 * 1024;

/// Where a connection is: not read from yet, still sending its request, being answered, or
/// closing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Fresh,
    Head,
    Body,
    Answering,
    Closing,
}

struct Conn {
    id: u64,
    /// A handle to shut the connection down from another thread.
    stream: TcpStream,
    opened: Instant,
    phase: Phase,
    /// The request carries a joined device's token: never dropped for strangers.
    trusted: bool,
}

/// Every open connection, shared by the accept loop and the connections' threads.
#[derive(Default)]
pub struct Conns {
    open: Mutex<(u64, Vec<Conn>)>,
}

impl Conns {
    fn lock(&self) -> std::sync::MutexGuard<'_, (u64, Vec<Conn>)> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes a new connection in, dropping the oldest stranger's unfinished request at the
    /// cap; `None` when every place is taken by requests being answered or by devices. A
    /// connection that has sent part of a request and stopped goes before one whose thread
    /// has not read from it yet: under a flood of new connections, a device's request (sent
    /// whole at once) is not dropped before it could be read.
    fn admit(&self, stream: &TcpStream, cap: usize) -> Option<u64> {
        let handle = stream.try_clone().ok()?;
        let mut open = self.lock();
        if open.1.len() >= cap {
            let victim = open
                .1
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.trusted && c.phase != Phase::Answering)
                .min_by_key(|(_, c)| (c.phase == Phase::Fresh, c.opened))
                .map(|(n, _)| n)?;
            let gone = open.1.swap_remove(victim);
            let _ = gone.stream.shutdown(Shutdown::Both);
        }
        open.0 += 1;
        let id = open.0;
        open.1.push(Conn {
            id,
            stream: handle,
            opened: Instant::now(),
            phase: Phase::Fresh,
            trusted: false,
        });
        Some(id)
    }

    fn set(&self, id: u64, phase: Phase, trusted: bool) {
        if let Some(c) = self.lock().1.iter_mut().find(|c| c.id == id) {
            c.phase = phase;
            c.trusted |= trusted;
        }
    }

    fn remove(&self, id: u64) {
        self.lock().1.retain(|c| c.id != id);
    }

    /// Shuts every connection down: reads and writes fail at once.
    pub fn close_all(&self) {
        for c in self.lock().1.drain(..) {
            let _ = c.stream.shutdown(Shutdown::Both);
        }
    }

    /// How many connections are open.
    pub fn count(&self) -> usize {
        self.lock().1.len()
    }
}

/// Starts the accept loop on `listener`.
pub fn start(
    listener: TcpListener,
    shared: Arc<Shared>,
    conns: Arc<Conns>,
    limits: Limits,
) -> std::io::Result<JoinHandle<()>> {
    listener.set_nonblocking(true)?;
    std::thread::Builder::new()
        .name("join-accept".into())
        .spawn(move || {
            while !shared.stop.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, peer)) => take(stream, peer, &shared, &conns, limits),
                    // Nobody waiting (or out of file handles for a moment): rest a little.
                    Err(_) => std::thread::sleep(ACCEPT_NAP),
                }
            }
            // The listener goes with this thread: the port is closed.
        })
}

/// One new connection: a place for it, and a thread that serves it.
fn take(
    stream: TcpStream,
    peer: SocketAddr,
    shared: &Arc<Shared>,
    conns: &Arc<Conns>,
    limits: Limits,
) {
    // Accepted sockets may inherit the listener's non-blocking mode on some systems.
    if stream.set_nonblocking(false).is_err() {
        return;
    }
    let Some(id) = conns.admit(&stream, limits.connections) else {
        return;
    };
    let (shared, worker_conns) = (shared.clone(), conns.clone());
    let spawned = std::thread::Builder::new()
        .name("join-conn".into())
        .stack_size(STACK)
        .spawn(move || {
            serve(&shared, &worker_conns, id, stream, peer.ip(), limits);
            worker_conns.remove(id);
        });
    if spawned.is_err() {
        conns.remove(id);
    }
}

/// Connections' threads give way to the facilitator's screen when the processor is busy (a
/// flood of strangers connecting): on Linux, where niceness is per thread, they run at
/// nice 10. Elsewhere it would slow the whole program, so they do not.
fn give_way_to_the_screen() {
    crate::platform::net::lower_this_threads_priority();
}

/// Reads one request within its deadlines, answers it and closes.
fn serve(
    shared: &Shared,
    conns: &Conns,
    id: u64,
    mut stream: TcpStream,
    from: IpAddr,
    limits: Limits,
) {
    give_way_to_the_screen();
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(limits.write));
    let started = Instant::now();
    let mut bytes = Vec::with_capacity(1024);
    let mut seen = HeadSeen::default();
    let (head, head_len) = loop {
        // Parsed only when it can be whole or too long: a client sending a byte at a time
        // costs a look at each new byte, not a parse of everything so far.
        if seen.worth_parsing(&bytes) {
            match http::parse_head(&bytes) {
                Ok(Some(done)) => break done,
                Ok(None) => {}
                Err(e) => return refuse(&mut stream, conns, id, &e.reply()),
            }
        }
        match read_some(
            &mut stream,
            &mut bytes,
            started + limits.head,
            http::MAX_HEAD,
        ) {
            Read_::More if seen.looked == 0 => conns.set(id, Phase::Head, false),
            Read_::More => {}
            Read_::TimedOut => return refuse(&mut stream, conns, id, &timed_out()),
            Read_::Closed => return,
        }
    };
    let length = match server::check(shared, &head, from) {
        Checked::Answer(reply) => return refuse(&mut stream, conns, id, &reply),
        Checked::Read { body, trusted } => {
            conns.set(id, Phase::Body, trusted);
            body
        }
    };
    if length > bytes.len() - head_len && expects_continue(&head) {
        let _ = stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    let deadline = Instant::now() + limits.body;
    let mut body = bytes.split_off(head_len);
    while body.len() < length {
        match read_some(&mut stream, &mut body, deadline, length) {
            Read_::More => {}
            Read_::TimedOut => return refuse(&mut stream, conns, id, &timed_out()),
            Read_::Closed => return,
        }
    }
    body.truncate(length);
    conns.set(id, Phase::Answering, false);
    let reply = server::handle(shared, &head, from, &body);
    let _ = reply.write_to(&mut stream);
    let _ = stream.shutdown(Shutdown::Write);
}

/// How far the bytes of a head were looked at: whether the request line and the head have
/// ended.
#[derive(Default)]
struct HeadSeen {
    looked: usize,
    line_ended: bool,
    head_ended: bool,
}

impl HeadSeen {
    /// Looks at the bytes that came since the last call (and the three before them, where
    /// an end may have started); true when a parse can decide: the head has ended, or the
    /// request line or the head is over its limit.
    fn worth_parsing(&mut self, bytes: &[u8]) -> bool {
        let new = &bytes[self.looked.saturating_sub(3)..];
        self.line_ended |= new.windows(2).any(|w| w == b"\r\n");
        self.head_ended |= new.windows(4).any(|w| w == b"\r\n\r\n");
        self.looked = bytes.len();
        self.head_ended
            || bytes.len() >= http::MAX_HEAD
            || (!self.line_ended && bytes.len() > http::MAX_REQUEST_LINE)
    }
}

fn expects_continue(head: &Head) -> bool {
    head.header("Expect")
        .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
}

fn timed_out() -> Reply {
    http::respond(408, "text/plain", "request timeout")
}

enum Read_ {
    More,
    TimedOut,
    Closed,
}

/// Reads what has arrived into `into` (never past `cap` bytes in all), waiting at most until
/// `deadline`.
fn read_some(stream: &mut TcpStream, into: &mut Vec<u8>, deadline: Instant, cap: usize) -> Read_ {
    let Some(left) = deadline
        .checked_duration_since(Instant::now())
        .filter(|d| !d.is_zero())
    else {
        return Read_::TimedOut;
    };
    if stream.set_read_timeout(Some(left)).is_err() {
        return Read_::Closed;
    }
    let mut chunk = [0u8; 4096];
    let room = cap.saturating_sub(into.len()).clamp(1, chunk.len());
    match stream.read(&mut chunk[..room]) {
        Ok(0) => Read_::Closed,
        Ok(n) => {
            into.extend_from_slice(&chunk[..n]);
            Read_::More
        }
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
            Read_::TimedOut
        }
        Err(e) if e.kind() == ErrorKind::Interrupted => Read_::More,
        Err(_) => Read_::Closed,
    }
}

/// Answers a request whose body (or the rest of whose head) was not read, then reads a
/// little of what the client still sends, so it sees the answer and not a reset.
fn refuse(stream: &mut TcpStream, conns: &Conns, id: u64, reply: &Reply) {
    conns.set(id, Phase::Closing, false);
    if reply.write_to(stream).is_err() {
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + LINGER;
    let (mut thrown, mut chunk) = (0, Vec::new());
    while thrown < LINGER_BYTES {
        chunk.clear();
        match read_some(stream, &mut chunk, deadline, 4096) {
            Read_::More => thrown += chunk.len(),
            Read_::TimedOut | Read_::Closed => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_is_looked_at_once_per_byte_and_parsed_when_it_can_decide() {
        let mut seen = HeadSeen::default();
        let mut bytes = Vec::new();
        let head = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        let mut parses = 0;
        for b in head {
            bytes.push(*b);
            if seen.worth_parsing(&bytes) {
                parses += 1;
            }
        }
        assert_eq!(parses, 1, "only once the blank line came");
        let mut seen = HeadSeen::default();
        let long = vec![b'a'; http::MAX_REQUEST_LINE + 1];
        assert!(seen.worth_parsing(&long), "a request line over its limit");
    }

    fn pair(listener: &TcpListener) -> TcpStream {
        let near = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let _far = listener.accept().unwrap();
        near
    }

    #[test]
    fn at_the_cap_the_oldest_strangers_unfinished_request_goes_first() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let conns = Conns::default();
        let streams: Vec<TcpStream> = (0..4).map(|_| pair(&listener)).collect();
        let ids: Vec<u64> = streams[..3]
            .iter()
            .map(|s| conns.admit(s, 3).unwrap())
            .collect();
        // The oldest is a device's, the second is being answered: the third goes.
        conns.set(ids[0], Phase::Body, true);
        conns.set(ids[1], Phase::Answering, false);
        conns.set(ids[2], Phase::Head, false);
        let fourth = conns.admit(&streams[3], 3).unwrap();
        let mut open: Vec<u64> = conns.lock().1.iter().map(|c| c.id).collect();
        open.sort_unstable();
        assert_eq!(open, [ids[0], ids[1], fourth]);
        // One not read from yet stays while one that sent part of a request and stopped goes.
        let sixth = pair(&listener);
        conns.set(ids[1], Phase::Fresh, false);
        conns.set(fourth, Phase::Head, false);
        let newest = conns.admit(&sixth, 3).unwrap();
        let mut open: Vec<u64> = conns.lock().1.iter().map(|c| c.id).collect();
        open.sort_unstable();
        assert_eq!(open, [ids[0], ids[1], newest]);
        // With no stranger's unfinished request left to drop, a newcomer finds no place.
        conns.set(ids[1], Phase::Answering, false);
        conns.set(newest, Phase::Answering, false);
        let fifth = pair(&listener);
        assert_eq!(conns.admit(&fifth, 3), None);
        assert_eq!(conns.count(), 3);
    }
}
