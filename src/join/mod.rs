//! Participants join from their own phones and laptops, over the local network. Off until
//! the facilitator turns it on for the open session; then a small web app is served on one
//! address: the join page (a short random code, a name to pick), the page of the current step
//! (ideas, pulse scores, a role), and its API. Requests that need the session go to the event
//! loop, which applies them through the transaction API and saves before it answers.
//!
//! The server is `tiny_http`: a plain threaded server, no async runtime, which is plenty for a
//! room of at most 50 devices. It stops (and the port closes) when joining is turned off or
//! the session is closed: dropping `Joining` stops it.

pub mod ask;
pub mod guard;
pub mod http;
pub mod page;
pub mod qr;
mod server;

pub use ask::{Answer, Ask, DotGroup, Page, Part, Refusal, Request, Roster};
pub use server::Deliver;

use crate::domain::Language;
use server::Shared;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// The port tried first when none is given; another is picked when it is taken.
pub const DEFAULT_PORT: u16 = 8737;
/// Threads taking requests: each waits for the loop's answer, so several posts can be in
/// flight (and saved together) at once.
const WORKERS: usize = 16;

/// A running join server.
pub struct Joining {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
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
    /// `step` and `lang` are the session's now; `deliver` takes requests to the event loop.
    pub fn start(
        addr: SocketAddr,
        lang: Language,
        step: usize,
        deliver: Deliver,
    ) -> Result<Joining, JoinError> {
        let server = tiny_http::Server::http(addr)
            .or_else(|e| {
                if addr.port() == DEFAULT_PORT {
                    tiny_http::Server::http(SocketAddr::new(addr.ip(), 0))
                } else {
                    Err(e)
                }
            })
            .map_err(|e| JoinError::Listen(addr, e.to_string()))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| JoinError::Listen(addr, "not an IP address".into()))?;
        let server = Arc::new(server);
        let code = guard::new_code();
        let shared = Arc::new(Shared {
            guard: Mutex::new(guard::Guard::new(code.clone())),
            step: AtomicUsize::new(step),
            lang: Mutex::new(lang),
            deliver,
            stop: AtomicBool::new(false),
        });
        let mut workers = Vec::with_capacity(WORKERS);
        for n in 0..WORKERS {
            let (server, shared) = (server.clone(), shared.clone());
            let worker = std::thread::Builder::new()
                .name(format!("join-{n}"))
                .spawn(move || {
                    while !shared.stop.load(Ordering::Relaxed) {
                        if let Ok(Some(rq)) = server.recv_timeout(server::STOP_CHECK) {
                            server::handle(&shared, rq);
                        }
                    }
                })
                .map_err(|e| JoinError::Listen(addr, e.to_string()))?;
            workers.push(worker);
        }
        let host = match addr.ip() {
            // Listening everywhere: show the address the room can reach.
            ip if ip.is_unspecified() => SocketAddr::new(lan_address(), addr.port()),
            _ => addr,
        };
        let link = format!("http://{host}/?c={code}");
        Ok(Joining {
            shared,
            workers,
            addr,
            link,
        })
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
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
        // The last reference to the server goes with the workers: the port is closed.
    }
}
