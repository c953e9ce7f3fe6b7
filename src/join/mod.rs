//! Participants join from their own phones and laptops, over the local network. Off until
//! the facilitator turns it on for the open session; then a small web app is served on one
//! address: the join page (a short random code, a name to pick), the page of the current step
//! (ideas, pulse scores, a role), and its API. Requests that need the session go to the event
//! loop, which applies them through the transaction API and saves before it answers.
//!
//! The server is our own, over `std::net`, with `httparse` reading request heads (`listen.rs`):
//! an accept loop and a thread per connection up to a cap, no async runtime, which is plenty
//! for a room of at most 50 devices and holds against people on the network who are not in
//! it. Every read has a deadline and a size cap (request line 8 KB, head 16 KB, body 32 KB);
//! the body is read only once the cheap checks passed (route, `Host`, `Origin`, token or code
//! limits, length); at the cap of connections the oldest unfinished request of someone
//! without a device token is dropped. It answers only requests for the address it serves,
//! and state changes only from its own pages. Before the code it shows nothing of the
//! session. It stops (and the port closes) when joining is turned off or the session is
//! closed: dropping `Joining` stops it, waiting on no client. Devices are stamped with the
//! app's clock, so the facilitator's panel and the server agree on "lately".

pub mod ask;
pub mod guard;
pub mod http;
mod listen;
pub mod page;
pub mod qr;
mod server;

pub use ask::{Answer, Ask, DotGroup, Page, Part, Refusal, Request, Roster};
pub use listen::Limits;
pub use server::Deliver;

use crate::domain::{Clock, Language};
use listen::Conns;
use server::Shared;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// The port tried first when none is given; another is picked when it is taken.
pub const DEFAULT_PORT: u16 = 8737;

/// Counts a join server's open connections.
#[derive(Clone)]
pub struct Gauge(Arc<Conns>);

impl Gauge {
    pub fn connections(&self) -> usize {
        self.0.count()
    }
}

/// A running join server.
pub struct Joining {
    shared: Arc<Shared>,
    conns: Arc<Conns>,
    accept: Option<JoinHandle<()>>,
    addr: SocketAddr,
    /// The link participants open (the address shown, with the code).
    link: String,
}

#[derive(Debug, thiserror::Error)]
pub enum JoinError {
    #[error(
        "\"{0}\" is not an address to listen on (write it as 192.168.1.20 or 192.168.1.20:8080)"
    )]
    BadAddress(String),
    #[error("cannot listen on {0}: {1}")]
    Listen(SocketAddr, String),
}

/// Where to listen: `--bind ADDR[:PORT]`, else this machine's address on the local network.
pub fn bind_address(bind: Option<&str>) -> Result<SocketAddr, JoinError> {
    let Some(bind) = bind else {
        return Ok(SocketAddr::new(lan_address(), DEFAULT_PORT));
    };
    if let Ok(addr) = bind.parse::<SocketAddr>() {
        return Ok(addr);
    }
    bind.parse::<IpAddr>()
        .map(|ip| SocketAddr::new(ip, DEFAULT_PORT))
        .map_err(|_| JoinError::BadAddress(bind.to_string()))
}

/// Connections the system holds for the accept loop: more than the usual 128, so a device's
/// connection still finds room while strangers connect and reconnect in a flood.
const BACKLOG: i32 = 1024;

/// A listening socket on `addr` with a longer queue of connections waiting to be accepted.
fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    crate::platform::net::listen(addr, BACKLOG)
}

/// The `Host` values a server on `addr` answers to: its address and port (and without the
/// port for port 80); listening everywhere, those of every address of this machine; on
/// loopback, `localhost` too.
fn served_hosts(addr: SocketAddr) -> Vec<String> {
    let ips: Vec<IpAddr> = if addr.ip().is_unspecified() {
        let mut ips: Vec<IpAddr> = if_addrs::get_if_addrs()
            .unwrap_or_default()
            .into_iter()
            .map(|i| i.ip())
            .collect();
        ips.push(lan_address());
        ips
    } else {
        vec![addr.ip()]
    };
    let mut hosts = Vec::new();
    for ip in ips {
        let with_port = SocketAddr::new(ip, addr.port()).to_string();
        if addr.port() == 80 {
            hosts.push(with_port.trim_end_matches(":80").to_string());
        }
        hosts.push(with_port);
        if ip.is_loopback() {
            hosts.push(format!("localhost:{}", addr.port()));
        }
    }
    hosts.dedup();
    hosts
}

/// The first private IPv4 address of an interface that is up, else any non-loopback IPv4
/// one, else loopback (then only this machine can join, and the screen shows that address).
fn lan_address() -> IpAddr {
    let addrs: Vec<Ipv4Addr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.is_loopback() && !i.is_link_local())
        .filter_map(|i| match i.ip() {
            IpAddr::V4(v4) => Some(v4),
            IpAddr::V6(_) => None,
        })
        .collect();
    addrs
        .iter()
        .find(|a| a.is_private())
        .or(addrs.first())
        .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |a| IpAddr::V4(*a))
}

impl Joining {
    /// Starts serving on `addr` (a taken default port falls back to one the system picks).
    /// `step` and `lang` are the session's now; `deliver` takes requests to the event loop;
    /// `clock` is the app's, for when devices were seen; `limits` are the deadlines and caps.
    pub fn start(
        addr: SocketAddr,
        lang: Language,
        step: usize,
        deliver: Deliver,
        clock: Arc<dyn Clock + Send + Sync>,
        limits: Limits,
    ) -> Result<Joining, JoinError> {
        let listener = listen(addr)
            .or_else(|e| {
                if addr.port() == DEFAULT_PORT {
                    listen(SocketAddr::new(addr.ip(), 0))
                } else {
                    Err(e)
                }
            })
            .map_err(|e| JoinError::Listen(addr, e.to_string()))?;
        let addr = listener
            .local_addr()
            .map_err(|e| JoinError::Listen(addr, e.to_string()))?;
        let host = match addr.ip() {
            // Listening everywhere: show the address the room can reach.
            ip if ip.is_unspecified() => SocketAddr::new(lan_address(), addr.port()),
            _ => addr,
        };
        let mut hosts = served_hosts(addr);
        // The address shown comes first: refusals name it.
        hosts.retain(|h| *h != host.to_string());
        hosts.insert(0, host.to_string());
        let code = guard::new_code();
        let shared = Arc::new(Shared {
            guard: Mutex::new(guard::Guard::new(code.clone())),
            step: AtomicUsize::new(step),
            lang: Mutex::new(lang),
            deliver,
            stop: AtomicBool::new(false),
            hosts,
            clock,
        });
        let conns = Arc::new(Conns::default());
        let accept = listen::start(listener, shared.clone(), conns.clone(), limits)
            .map_err(|e| JoinError::Listen(addr, e.to_string()))?;
        let link = format!("http://{host}/?c={code}");
        Ok(Joining {
            shared,
            conns,
            accept: Some(accept),
            addr,
            link,
        })
    }

    /// How many connections are open now.
    pub fn connections(&self) -> usize {
        self.conns.count()
    }

    /// A handle that counts this server's open connections from anywhere (figures, tests).
    pub fn gauge(&self) -> Gauge {
        Gauge(self.conns.clone())
    }

    /// Where the server listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The link participants open, with the join code.
    pub fn link(&self) -> &str {
        &self.link
    }

    pub fn code(&self) -> String {
        self.shared.guard().code().to_string()
    }

    /// Tells waiting pages which step is current, and in which language.
    pub fn publish(&self, step: usize, lang: Language) {
        self.shared.step.store(step, Ordering::Relaxed);
        *self
            .shared
            .lang
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = lang;
    }

    /// Names of the participants whose devices are connected at `now` (the app's monotonic
    /// clock; "anonymous" in `lang`).
    pub fn connected(&self, lang: Language, now: std::time::Instant) -> Vec<String> {
        let anonymous = crate::i18n::tr(lang, "idea.anonymous");
        self.shared.guard().connected(now, anonymous)
    }

    /// Joined devices (token, device), longest joined first.
    pub fn devices(&self) -> Vec<(String, guard::Device)> {
        self.shared.guard().devices()
    }

    /// Sends a device away ("kick"): its token stops working at once.
    pub fn revoke(&self, token: &str) -> bool {
        self.shared.guard().revoke(token)
    }

    /// Lets a device that typed a new name in, as `participant`.
    pub fn admit(&self, token: &str, participant: crate::domain::ParticipantId) -> bool {
        self.shared.guard().admit(token, participant)
    }

    /// Refuses a device that typed a new name.
    pub fn refuse(&self, token: &str) -> bool {
        self.shared.guard().refuse(token)
    }

    /// Whether devices may join without a name.
    pub fn anonymous(&self) -> bool {
        self.shared.guard().anonymous()
    }

    pub fn set_anonymous(&self, allowed: bool) {
        self.shared.guard().set_anonymous(allowed);
    }
}

impl Drop for Joining {
    /// Stops at once: the accept loop ends within a few milliseconds (and the port closes
    /// with it), every connection is shut down, and threads waiting for the loop give up;
    /// no client is waited for.
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
        self.conns.close_all();
    }
}
