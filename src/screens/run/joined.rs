//! Joining as the run screen holds it: the running server, its QR code made once, and the look
//! at it that the join panel draws from.

use crate::i18n::tr;
use crate::join::Joining;

/// A running join server; it stops when joining is turned off or the session is closed (the
/// room view learns the link through the run screen's room sidecar).
pub struct Joined {
    pub server: Joining,
    /// The link's QR code, made once: the link does not change while the server runs.
    pub qr: Vec<String>,
    /// The server as last looked at, in update: drawing never waits on its lock.
    pub view: JoinView,
    /// The furthest step the devices' pages were shown since joining went on: a question up
    /// to there takes ideas even while the facilitator looks back.
    pub furthest: usize,
}

/// What the join panel and the "who has joined" line show of the server.
#[derive(Debug, Clone, Default)]
pub struct JoinView {
    pub code: String,
    /// Joined devices (token, device), longest joined first.
    pub devices: Vec<(String, crate::join::guard::Device)>,
    /// Whether devices may join without a name.
    pub anonymous: bool,
}

impl Joined {
    pub fn new(server: Joining, step: usize) -> Joined {
        let qr = crate::join::qr::lines(server.link()).unwrap_or_default();
        let mut joined = Joined {
            server,
            qr,
            view: JoinView::default(),
            furthest: step,
        };
        joined.refresh();
        joined
    }

    /// Takes a fresh look at the server (after every event the loop hands the app).
    pub fn refresh(&mut self) {
        self.view = JoinView {
            code: self.server.code(),
            devices: self.server.devices(),
            anonymous: self.server.anonymous(),
        };
    }

    /// The names typed on devices that wait for the facilitator to let them in.
    pub fn waiting(&self) -> Vec<String> {
        self.view
            .devices
            .iter()
            .filter(|(_, d)| d.is_waiting())
            .map(|(_, d)| crate::sanitize::line(&d.name).into_owned())
            .collect()
    }

    /// The names of the devices that called in lately, each once.
    pub fn connected(&self, lang: crate::domain::Language, now: std::time::Instant) -> Vec<String> {
        let anonymous = tr(lang, "idea.anonymous");
        crate::join::guard::connected(&self.view.devices, now, anonymous)
    }
}
