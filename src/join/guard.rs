//! Who may come in: the join code (checked in constant time, wrong guesses rate-limited per
//! address), one random token per device (revocable), at most `MAX_DEVICES` devices, and a
//! few posts per second per device. A device speaks for a participant, for nobody (anonymous,
//! when the facilitator allows it), or waits with a new name until the facilitator lets it
//! in or refuses it. Shared by the server threads and the facilitator's screen; runtime state
//! only, never saved in the session. Every table here is bounded: devices by `MAX_DEVICES`,
//! addresses with wrong codes by `MAX_ADDRESSES` (the quietest is forgotten first), refused
//! tokens by `REFUSED_KEPT`.

use crate::domain::ParticipantId;
use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// The most devices that can be joined at once.
pub const MAX_DEVICES: usize = 50;
/// Wrong join codes an address may try within `GUESS_WINDOW` before it is refused outright.
pub const MAX_WRONG_CODES: usize = 10;
pub const GUESS_WINDOW: Duration = Duration::from_secs(60);
/// Addresses whose wrong codes are remembered; past this the one that tried longest ago is
/// forgotten, so a flood of addresses cannot grow the table.
pub const MAX_ADDRESSES: usize = 1024;
/// Posts a device may make in a burst, refilled at `POSTS_PER_SECOND`.
pub const POST_BURST: f64 = 8.0;
pub const POSTS_PER_SECOND: f64 = 4.0;
/// A device counts as connected while its page has called in this recently.
pub const CONNECTED_FOR: Duration = Duration::from_secs(20);

/// Letters and digits that cannot be mistaken for each other when read off a screen.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LEN: usize = 6;

/// `n` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // The OS random source does not fail on the systems this runs on; if it ever did, no
    // predictable code or token must be handed out, so stop here.
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    bytes
}

/// A short random join code, to type or scan.
pub fn new_code() -> String {
    // 32 letters: a byte modulo 32 is uniform.
    random_bytes::<CODE_LEN>()
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()]))
        .collect()
}

/// A device's token: 32 random bytes as hex.
pub fn new_token() -> String {
    random_bytes::<32>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares two secrets in time that depends only on their lengths, not on where they differ.
pub fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    if given.len() != expected.len() {
        return false;
    }
    given
        .iter()
        .zip(expected)
        .fold(0u8, |diff, (a, b)| diff | (a ^ b))
        == 0
}

/// The longest name a device may type, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// Refused tokens remembered, so their pages can say so (the oldest are forgotten).
const REFUSED_KEPT: usize = 200;

/// One joined device.
#[derive(Debug, Clone)]
pub struct Device {
    /// A short random id of its own: the idempotency keys of its posts are its alone.
    pub id: String,
    /// Whom the device speaks for: a participant, `ParticipantId::ANONYMOUS`, or nobody yet
    /// (a new name waiting for the facilitator).
    pub participant: Option<ParticipantId>,
    /// The participant's name when the device joined (the typed one, while waiting), for the
    /// "who has joined" line; empty for an anonymous device.
    pub name: String,
    pub joined: Instant,
    pub seen: Instant,
    /// Posts left in the bucket, and when it was last filled.
    tokens: f64,
    filled: Instant,
}

impl Device {
    /// A new name waiting for the facilitator's OK.
    pub fn is_waiting(&self) -> bool {
        self.participant.is_none()
    }

    pub fn is_anonymous(&self) -> bool {
        self.participant == Some(ParticipantId::ANONYMOUS)
    }

    /// Whether it called in lately (and is let in). `now` may be a test's clock, behind the
    /// device's own: that counts as just seen.
    pub fn is_connected(&self, now: Instant) -> bool {
        !self.is_waiting() && now.saturating_duration_since(self.seen) < CONNECTED_FOR
    }

    /// The name to show: `anonymous` (in the screen's language) for an anonymous device.
    pub fn shown_name<'a>(&'a self, anonymous: &'a str) -> &'a str {
        if self.is_anonymous() {
            anonymous
        } else {
            &self.name
        }
    }
}

/// Why a join was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinRefusal {
    /// Too many wrong codes from this address lately.
    TooManyGuesses,
    WrongCode,
    Full,
    /// Anonymous joining is not allowed (now).
    NoAnonymous,
}

/// Why a device's request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceRefusal {
    /// No such token, or the facilitator revoked it.
    Unknown,
    /// More posts than the device may make per second.
    TooFast,
    /// A new name the facilitator has not let in yet.
    Waiting,
}

#[derive(Debug)]
pub struct Guard {
    code: String,
    devices: HashMap<String, Device>,
    /// Wrong codes per address, with when they were tried.
    wrong: HashMap<IpAddr, Vec<Instant>>,
    /// Whether a device may join without a name.
    anonymous: bool,
    /// Tokens of new names the facilitator refused, newest last.
    refused: Vec<String>,
}

impl Guard {
    pub fn new(code: String) -> Guard {
        Guard {
            code,
            devices: HashMap::new(),
            wrong: HashMap::new(),
            anonymous: false,
            refused: Vec::new(),
        }
    }

    pub fn anonymous(&self) -> bool {
        self.anonymous
    }

    pub fn set_anonymous(&mut self, allowed: bool) {
        self.anonymous = allowed;
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    /// Checks a join code from `from`; wrong ones are counted against that address.
    pub fn check_code(
        &mut self,
        from: IpAddr,
        code: &str,
        now: Instant,
    ) -> Result<(), JoinRefusal> {
        if self.blocked(from, now) {
            return Err(JoinRefusal::TooManyGuesses);
        }
        let code = code.trim().to_ascii_uppercase();
        if same_secret(code.as_bytes(), self.code.as_bytes()) {
            return Ok(());
        }
        if !self.wrong.contains_key(&from) && self.wrong.len() >= MAX_ADDRESSES {
            self.forget_quietest(now);
        }
        self.wrong.entry(from).or_default().push(now);
        Err(JoinRefusal::WrongCode)
    }

    /// Whether `from` tried too many wrong codes lately (a correct one is refused then too,
    /// from that address only). Forgets its old tries.
    pub fn blocked(&mut self, from: IpAddr, now: Instant) -> bool {
        let Some(tries) = self.wrong.get_mut(&from) else {
            return false;
        };
        tries.retain(|t| now.saturating_duration_since(*t) < GUESS_WINDOW);
        if tries.is_empty() {
            self.wrong.remove(&from);
            return false;
        }
        tries.len() >= MAX_WRONG_CODES
    }

    /// Makes room in the table of wrong codes: addresses whose tries are all old go, else
    /// the one whose last try is the oldest.
    fn forget_quietest(&mut self, now: Instant) {
        self.wrong.retain(|_, tries| {
            tries
                .iter()
                .any(|t| now.saturating_duration_since(*t) < GUESS_WINDOW)
        });
        if self.wrong.len() < MAX_ADDRESSES {
            return;
        }
        let quietest = self
            .wrong
            .iter()
            .min_by_key(|(_, tries)| tries.iter().max().copied())
            .map(|(from, _)| *from);
        if let Some(from) = quietest {
            self.wrong.remove(&from);
        }
    }

    /// How many addresses have wrong codes remembered.
    pub fn addresses_remembered(&self) -> usize {
        self.wrong.len()
    }

    /// Whether `token` is a joined device's (waiting ones included), without marking it seen.
    pub fn is_joined(&mut self, token: &str) -> bool {
        self.find(token).is_some()
    }

    /// Checks the code; on success the device gets a new token for `participant` (none: a
    /// new name that waits for the facilitator).
    pub fn join(
        &mut self,
        from: IpAddr,
        code: &str,
        participant: Option<ParticipantId>,
        name: &str,
        now: Instant,
    ) -> Result<String, JoinRefusal> {
        self.check_code(from, code, now)?;
        if participant == Some(ParticipantId::ANONYMOUS) && !self.anonymous {
            return Err(JoinRefusal::NoAnonymous);
        }
        if self.devices.len() >= MAX_DEVICES {
            return Err(JoinRefusal::Full);
        }
        let token = new_token();
        self.devices.insert(
            token.clone(),
            Device {
                id: random_bytes::<6>()
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect(),
                participant,
                name: name.to_string(),
                joined: now,
                seen: now,
                tokens: POST_BURST,
                filled: now,
            },
        );
        Ok(token)
    }

    /// The device a token belongs to (marking it seen), if it was not revoked.
    pub fn device(&mut self, token: &str, now: Instant) -> Result<&Device, DeviceRefusal> {
        let device = self.find(token).ok_or(DeviceRefusal::Unknown)?;
        device.seen = now;
        Ok(device)
    }

    /// Like `device`, and takes one post from the device's allowance: whom it speaks for,
    /// and the device's own id.
    pub fn post(
        &mut self,
        token: &str,
        now: Instant,
    ) -> Result<(ParticipantId, String), DeviceRefusal> {
        let device = self.find(token).ok_or(DeviceRefusal::Unknown)?;
        device.seen = now;
        let elapsed = now.saturating_duration_since(device.filled).as_secs_f64();
        device.tokens = (device.tokens + elapsed * POSTS_PER_SECOND).min(POST_BURST);
        device.filled = now;
        if device.tokens < 1.0 {
            return Err(DeviceRefusal::TooFast);
        }
        let participant = device.participant.ok_or(DeviceRefusal::Waiting)?;
        device.tokens -= 1.0;
        Ok((participant, device.id.clone()))
    }

    /// Finds a token in constant time per stored token, so timing says nothing about it.
    fn find(&mut self, token: &str) -> Option<&mut Device> {
        self.devices
            .iter_mut()
            .find(|(t, _)| same_secret(token.as_bytes(), t.as_bytes()))
            .map(|(_, d)| d)
    }

    /// The facilitator sends a device away: its token no longer works.
    pub fn revoke(&mut self, token: &str) -> bool {
        self.devices.remove(token).is_some()
    }

    /// The facilitator lets a waiting device in as `participant`.
    pub fn admit(&mut self, token: &str, participant: ParticipantId) -> bool {
        match self.devices.get_mut(token) {
            Some(device) if device.is_waiting() => {
                device.participant = Some(participant);
                true
            }
            _ => false,
        }
    }

    /// The facilitator refuses a waiting device: it goes, and its page says so.
    pub fn refuse(&mut self, token: &str) -> bool {
        if !self.devices.get(token).is_some_and(Device::is_waiting) {
            return false;
        }
        self.devices.remove(token);
        if self.refused.len() >= REFUSED_KEPT {
            self.refused.remove(0);
        }
        self.refused.push(token.to_string());
        true
    }

    /// Whether the facilitator refused this token's new name.
    pub fn was_refused(&self, token: &str) -> bool {
        self.refused
            .iter()
            .any(|t| same_secret(token.as_bytes(), t.as_bytes()))
    }

    /// Joined devices, longest joined first, with their tokens (to revoke one).
    pub fn devices(&self) -> Vec<(String, Device)> {
        let mut all: Vec<_> = self
            .devices
            .iter()
            .map(|(t, d)| (t.clone(), d.clone()))
            .collect();
        all.sort_by_key(|(_, d)| d.joined);
        all
    }

    /// Names of the participants whose devices called in lately, each once, in join order;
    /// anonymous devices as `anonymous`, waiting ones not at all.
    pub fn connected(&self, now: Instant, anonymous: &str) -> Vec<String> {
        connected(&self.devices(), now, anonymous)
    }
}

/// The names of the devices that called in lately, each once, longest joined first.
pub fn connected(devices: &[(String, Device)], now: Instant, anonymous: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (_, d) in devices {
        let name = d.shown_name(anonymous);
        if d.is_connected(now) && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    #[test]
    fn codes_use_the_plain_alphabet_and_tokens_are_long_and_different() {
        for _ in 0..50 {
            let code = new_code();
            assert_eq!(code.len(), CODE_LEN);
            assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
        }
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }

    #[test]
    fn same_secret_needs_every_byte() {
        assert!(same_secret(b"ABC234", b"ABC234"));
        assert!(!same_secret(b"ABC235", b"ABC234"));
        assert!(!same_secret(b"ABC23", b"ABC234"));
    }

    #[test]
    fn wrong_codes_are_limited_per_address_and_forgotten_after_the_window() {
        let mut guard = Guard::new("ABCDEF".into());
        let t0 = Instant::now();
        for _ in 0..MAX_WRONG_CODES {
            assert_eq!(
                guard.join(HOME, "ZZZZZZ", Some(ParticipantId(1)), "A", t0),
                Err(JoinRefusal::WrongCode)
            );
        }
        // Now even the right code is refused from that address, for a while.
        assert_eq!(
            guard.join(HOME, "ABCDEF", Some(ParticipantId(1)), "A", t0),
            Err(JoinRefusal::TooManyGuesses)
        );
        let later = t0 + GUESS_WINDOW + Duration::from_secs(1);
        assert!(
            guard
                .join(HOME, "abcdef", Some(ParticipantId(1)), "A", later)
                .is_ok()
        );
    }

    #[test]
    fn the_table_of_wrong_codes_stays_bounded_and_forgets_the_quietest_address() {
        let mut guard = Guard::new("ABCDEF".into());
        let t0 = Instant::now();
        let loud = IpAddr::from([127, 0, 0, 2]);
        for _ in 0..MAX_WRONG_CODES {
            let _ = guard.check_code(loud, "ZZZZZZ", t0 + Duration::from_secs(5));
        }
        for n in 0..(MAX_ADDRESSES as u32 * 3) {
            let from = IpAddr::from(std::net::Ipv4Addr::from(0x7f10_0000 + n));
            let at = t0 + Duration::from_millis(u64::from(n) % 1000);
            assert_eq!(
                guard.check_code(from, "ZZZZZZ", at),
                Err(JoinRefusal::WrongCode)
            );
            assert!(guard.addresses_remembered() <= MAX_ADDRESSES);
        }
        assert_eq!(guard.addresses_remembered(), MAX_ADDRESSES);
        // The address that tried most recently is still held to its limit.
        assert!(guard.blocked(loud, t0 + Duration::from_secs(6)));
    }

    #[test]
    fn each_device_has_an_id_of_its_own() {
        let mut guard = Guard::new("ABCDEF".into());
        let t0 = Instant::now();
        let a = guard
            .join(HOME, "ABCDEF", Some(ParticipantId(1)), "A", t0)
            .unwrap();
        let b = guard
            .join(HOME, "ABCDEF", Some(ParticipantId(1)), "A", t0)
            .unwrap();
        let (pa, ida) = guard.post(&a, t0).unwrap();
        let (pb, idb) = guard.post(&b, t0).unwrap();
        assert_eq!(pa, pb);
        assert_ne!(ida, idb);
        assert_eq!(ida.len(), 12);
    }

    #[test]
    fn a_device_posts_a_burst_then_waits_for_its_allowance() {
        let mut guard = Guard::new("ABCDEF".into());
        let t0 = Instant::now();
        let token = guard
            .join(HOME, "ABCDEF", Some(ParticipantId(7)), "A", t0)
            .unwrap();
        for _ in 0..POST_BURST as usize {
            assert_eq!(guard.post(&token, t0).map(|p| p.0), Ok(ParticipantId(7)));
        }
        assert_eq!(guard.post(&token, t0), Err(DeviceRefusal::TooFast));
        assert!(guard.post(&token, t0 + Duration::from_secs(1)).is_ok());
        assert!(guard.revoke(&token));
        assert_eq!(
            guard.post(&token, t0 + Duration::from_secs(9)),
            Err(DeviceRefusal::Unknown)
        );
    }

    #[test]
    fn no_more_than_the_most_devices_join() {
        let mut guard = Guard::new("ABCDEF".into());
        let t0 = Instant::now();
        for n in 0..MAX_DEVICES {
            let name = format!("P{n}");
            assert!(
                guard
                    .join(HOME, "ABCDEF", Some(ParticipantId(1)), &name, t0)
                    .is_ok()
            );
        }
        assert_eq!(
            guard.join(HOME, "ABCDEF", Some(ParticipantId(1)), "late", t0),
            Err(JoinRefusal::Full)
        );
        assert_eq!(guard.connected(t0, "anonymous").len(), MAX_DEVICES);
    }

    #[test]
    fn a_new_name_waits_until_let_in_and_anonymous_needs_permission() {
        let mut guard = Guard::new("ABCDEF".into());
        let t0 = Instant::now();
        let anon = Some(ParticipantId::ANONYMOUS);
        assert_eq!(
            guard.join(HOME, "ABCDEF", anon, "", t0),
            Err(JoinRefusal::NoAnonymous)
        );
        guard.set_anonymous(true);
        let quiet = guard.join(HOME, "ABCDEF", anon, "", t0).unwrap();
        assert_eq!(
            guard.post(&quiet, t0).map(|p| p.0),
            Ok(ParticipantId::ANONYMOUS)
        );
        let new = guard.join(HOME, "ABCDEF", None, "Dee", t0).unwrap();
        assert_eq!(guard.post(&new, t0), Err(DeviceRefusal::Waiting));
        assert_eq!(guard.connected(t0, "anonymous"), vec!["anonymous"]);
        assert!(guard.admit(&new, ParticipantId(9)));
        assert!(!guard.admit(&new, ParticipantId(10)), "only once");
        assert_eq!(guard.post(&new, t0).map(|p| p.0), Ok(ParticipantId(9)));
        let other = guard.join(HOME, "ABCDEF", None, "Eve", t0).unwrap();
        assert!(!guard.refuse(&new), "only a waiting device is refused");
        assert!(guard.refuse(&other));
        assert!(guard.was_refused(&other));
        assert_eq!(guard.post(&other, t0), Err(DeviceRefusal::Unknown));
    }

    #[test]
    fn each_device_is_connected_on_its_own_even_when_two_share_a_name() {
        let mut guard = Guard::new("ABCDEF".into());
        guard.set_anonymous(true);
        let t0 = Instant::now();
        let anon = Some(ParticipantId::ANONYMOUS);
        let early = guard.join(HOME, "ABCDEF", anon, "", t0).unwrap();
        let later = t0 + CONNECTED_FOR;
        let recent = guard.join(HOME, "ABCDEF", anon, "", later).unwrap();
        let devices: std::collections::HashMap<String, Device> =
            guard.devices().into_iter().collect();
        let now = later + Duration::from_secs(1);
        assert!(
            !devices[&early].is_connected(now),
            "not heard from since it joined"
        );
        assert!(devices[&recent].is_connected(now));
        assert_eq!(devices[&early].shown_name("anoniem"), "anoniem");
        assert_eq!(guard.connected(now, "anoniem"), vec!["anoniem"]);
    }
}
