//! The join server's routes: who is asking, what they may see, and what goes to the event
//! loop (see `ask.rs`), whose answer they wait for. `check` looks at a request's head before
//! its body is read (`listen.rs`); `handle` answers the whole request. Only the routes below
//! exist; nothing is ever read from the file system.

use super::ask::{ANSWER_WITHIN, Answer, Ask, Refusal, Request, Roster};
use super::guard::{DeviceRefusal, Guard, JoinRefusal, MAX_NAME_CHARS, new_token};
use super::http::{self, Head, MAX_BODY, Reply, field, form};
use super::page::{self, MAX_IDEA_CHARS};
use crate::domain::{Clock, GroupId, IdeaId, Language, MAX_POST_KEY, ParticipantId};
use serde_json::json;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How often a thread waiting for the loop looks whether joining was turned off.
pub const STOP_CHECK: Duration = Duration::from_millis(100);
/// The longest idempotency key a page may send: the device's id goes in front of it.
pub const MAX_PAGE_KEY: usize = MAX_POST_KEY - 16;

const STYLE: &str = include_str!("../../assets/join/app.css");
const SCRIPT: &str = include_str!("../../assets/join/app.js");

/// How requests reach the event loop; false when it is gone.
pub type Deliver = Arc<dyn Fn(Request) -> bool + Send + Sync>;

/// What the server threads share with the facilitator's side.
pub struct Shared {
    pub guard: Mutex<Guard>,
    /// The session's current step, published by the loop, for pages that follow it.
    pub step: AtomicUsize,
    /// The session's language, for the few pages made without asking the loop.
    pub lang: Mutex<Language>,
    pub deliver: Deliver,
    /// Set when joining is turned off: waiting threads give up at once.
    pub stop: AtomicBool,
    /// The `Host` values this server answers to (lower case): the address it serves.
    pub hosts: Vec<String>,
    /// The app's clock: devices are stamped with the time the facilitator's screen reads.
    pub clock: Arc<dyn Clock + Send + Sync>,
}

impl Shared {
    pub fn guard(&self) -> std::sync::MutexGuard<'_, Guard> {
        self.guard.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn lang(&self) -> Language {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn now(&self) -> Instant {
        self.clock.monotonic()
    }

    /// Asks the loop and waits for its answer; `None` if it did not answer in time.
    fn ask(&self, ask: Ask) -> Option<Answer> {
        let (request, answer) = Request::new(ask);
        if !(self.deliver)(request) {
            return None;
        }
        let deadline = Instant::now() + ANSWER_WITHIN;
        while !self.stop.load(Ordering::Relaxed) && Instant::now() < deadline {
            match answer.recv_timeout(STOP_CHECK) {
                Ok(answer) => return Some(answer),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        None
    }

    /// Whether the request names this server in its one `Host` header (DNS rebinding: a
    /// page of another site that resolves its name to this address names that site).
    fn serves(&self, head: &Head) -> bool {
        head.count("Host") == 1
            && head
                .header("Host")
                .is_some_and(|h| self.hosts.contains(&h.to_ascii_lowercase()))
    }
}

/// A state change must come from this server's own pages: `Origin`, else `Referer`, when
/// sent, names this origin.
fn same_origin(head: &Head) -> bool {
    let origin = format!("http://{}", head.header("Host").unwrap_or_default()).to_ascii_lowercase();
    match (head.header("Origin"), head.header("Referer")) {
        (Some(o), _) => o.to_ascii_lowercase() == origin,
        (None, Some(r)) => {
            let r = r.to_ascii_lowercase();
            r == origin || r.starts_with(&format!("{origin}/"))
        }
        (None, None) => true,
    }
}

/// What to do with a request once its head is in.
#[derive(Debug)]
pub enum Checked {
    /// Answer this without reading a body.
    Answer(Reply),
    /// Read a body of this many bytes, then `handle` it. `trusted`: a joined device asks.
    Read { body: usize, trusted: bool },
}

/// The cheap checks, before any body is read: the route, `Host`, `Origin`, the token (or
/// the address's wrong codes, for joining) and the body's declared length.
pub fn check(shared: &Shared, head: &Head, from: IpAddr) -> Checked {
    use Checked::Answer;
    if !shared.serves(head) {
        let text = format!(
            "This join server answers only at the address on the facilitator's screen ({}).",
            shared.hosts.first().map_or("", String::as_str)
        );
        return Answer(http::respond(421, "text/plain; charset=utf-8", text));
    }
    let post = head.method == "POST";
    let path = head.path();
    match (head.method.as_str(), path) {
        ("GET", "/" | "/app.css" | "/app.js" | "/state") => {}
        ("POST", "/join" | "/idea" | "/edit" | "/pulse" | "/role" | "/dot") => {}
        (_, "/" | "/state" | "/join" | "/idea" | "/edit" | "/pulse" | "/role" | "/dot") => {
            return Answer(http::respond(405, "text/plain", "method not allowed"));
        }
        _ => return Answer(http::respond(404, "text/plain", "not found")),
    }
    let trusted = head.token().is_some_and(|t| shared.guard().is_joined(&t));
    if !post {
        return Checked::Read { body: 0, trusted };
    }
    if !same_origin(head) {
        return Answer(http::respond(
            403,
            "text/plain; charset=utf-8",
            "Refused: this request came from a page of another site.",
        ));
    }
    let lengths: Vec<&str> = head
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, v)| v.as_str())
        .collect();
    if head.header("Transfer-Encoding").is_some() || lengths.is_empty() {
        return Answer(http::respond(411, "text/plain", "length required"));
    }
    let Some(length) = lengths[0]
        .parse::<usize>()
        .ok()
        .filter(|_| lengths.iter().all(|l| *l == lengths[0]))
    else {
        return Answer(http::respond(400, "text/plain", "bad request"));
    };
    if length > MAX_BODY {
        return Answer(done(head, shared.lang(), 413, "too_long", None));
    }
    if path == "/join" {
        if !trusted && shared.guard().blocked(from, shared.now()) {
            let lang = shared.lang();
            return Answer(http::retry_after(
                code_refused(head, lang, 429, "too_many"),
                60,
            ));
        }
    } else if !trusted {
        return Answer(done(head, shared.lang(), 401, "left", None));
    }
    Checked::Read {
        body: length,
        trusted,
    }
}

/// One request, as the routes see it.
struct Incoming<'a> {
    head: &'a Head,
    path: &'a str,
    query: Vec<(String, String)>,
    from: IpAddr,
    token: Option<String>,
    body: String,
}

/// Answers one request whose head passed `check` and whose body is in.
pub fn handle(shared: &Shared, head: &Head, from: IpAddr, body: &[u8]) -> Reply {
    let incoming = Incoming {
        head,
        path: head.path(),
        query: form(head.query()),
        from,
        token: head.token(),
        body: String::from_utf8_lossy(body).into_owned(),
    };
    route(shared, &incoming)
}

fn route(shared: &Shared, rq: &Incoming) -> Reply {
    match (rq.head.method.as_str(), rq.path) {
        ("GET", "/app.css") => http::respond(200, "text/css; charset=utf-8", STYLE),
        ("GET", "/app.js") => http::respond(200, "text/javascript; charset=utf-8", SCRIPT),
        ("GET", "/") => home(shared, rq),
        ("GET", "/state") => state(shared, rq),
        ("POST", "/join") => join(shared, rq),
        ("POST", _) => post(shared, rq),
        _ => http::respond(404, "text/plain", "not found"),
    }
}

fn busy() -> Reply {
    http::retry_after(http::respond(503, "text/plain", "busy, try again"), 1)
}

/// The step's page for a device that has joined (or the waiting page, for a new name the
/// facilitator has not let in yet); else the join page, which shows the session's names
/// only with the right code (the link carries it), and asks for the code without it.
fn home(shared: &Shared, rq: &Incoming) -> Reply {
    let now = shared.now();
    let (device, refused) = match rq.token.as_deref() {
        Some(t) => {
            let mut guard = shared.guard();
            let device = guard.device(t, now).ok().cloned();
            (device, guard.was_refused(t))
        }
        None => (None, false),
    };
    let lang = shared.lang();
    let notice = field(&rq.query, "m").and_then(|m| page::notice(lang, m));
    let Some(device) = device else {
        if refused {
            return http::html(200, page::code(lang, "", Some(tr_notice(lang, "refused"))));
        }
        let code = field(&rq.query, "c").unwrap_or("").trim();
        if code.is_empty() {
            return http::html(200, page::code(lang, "", notice));
        }
        // A link followed from another site's page is not checked (so such a page cannot
        // spend this address's guesses): the code waits in the form for one tap.
        if rq.head.header("Sec-Fetch-Site") == Some("cross-site") {
            return http::html(200, page::code(lang, code, notice));
        }
        let checked = shared.guard().check_code(rq.from, code, now);
        return match checked {
            Ok(()) => join_page(shared, 200, code, notice),
            Err(why) => {
                let (status, notice) = join_refusal(why);
                let reply = http::html(status, page::code(lang, "", Some(tr_notice(lang, notice))));
                if status == 429 {
                    http::retry_after(reply, 60)
                } else {
                    reply
                }
            }
        };
    };
    let Some(participant) = device.participant else {
        return match roster(shared) {
            Some(roster) => http::html(200, page::waiting(&roster, &device.name)),
            None => busy(),
        };
    };
    let ballot = Ballot::of(rq.head);
    let reply = match shared.ask(Ask::Page {
        participant,
        ballot: ballot.id.clone(),
    }) {
        Some(Answer::Page(page)) => http::html(200, page::step(&page, &new_token(), notice)),
        Some(_) => http::html(200, page::code(lang, "", Some(tr_notice(lang, "left")))),
        None => busy(),
    };
    ballot.given_with(reply)
}

/// The device's ballot id for a private pulse: the one its cookie holds, or a new one that
/// the answer gives it.
struct Ballot {
    id: String,
    fresh: bool,
}

impl Ballot {
    fn of(head: &Head) -> Ballot {
        match head.ballot() {
            Some(id) => Ballot { id, fresh: false },
            None => Ballot {
                id: crate::domain::new_ballot_id(),
                fresh: true,
            },
        }
    }

    fn given_with(&self, reply: Reply) -> Reply {
        if self.fresh {
            http::with_ballot(reply, &self.id)
        } else {
            reply
        }
    }
}

fn tr_notice(lang: Language, code: &str) -> &'static str {
    page::notice(lang, code).unwrap_or_default()
}

fn join_page(shared: &Shared, status: u16, code: &str, notice: Option<&str>) -> Reply {
    match roster(shared) {
        Some(roster) => http::html(status, page::join(&roster, code, notice)),
        None => busy(),
    }
}

/// A join refused before the code was found right: JSON for the script, else the page that
/// asks for the code (never the names).
fn code_refused(head: &Head, lang: Language, status: u16, notice: &str) -> Reply {
    if head.wants_json() {
        http::json(status, &json!({ "error": notice }))
    } else {
        http::html(status, page::code(lang, "", Some(tr_notice(lang, notice))))
    }
}

/// Who can be picked, and whether joining without a name is allowed now.
fn roster(shared: &Shared) -> Option<Roster> {
    match shared.ask(Ask::Roster)? {
        Answer::Roster(mut r) => {
            r.anonymous = shared.guard().anonymous();
            Some(r)
        }
        _ => None,
    }
}

/// The step now, for the script to notice when the facilitator moves on.
fn state(shared: &Shared, rq: &Incoming) -> Reply {
    let waiting = rq.token.as_deref().and_then(|t| {
        let mut guard = shared.guard();
        guard.device(t, shared.now()).ok().map(|d| d.is_waiting())
    });
    match waiting {
        None => http::json(401, &json!({ "joined": false })),
        // The waiting page stays until the facilitator answers.
        Some(true) => http::json(200, &json!({ "joined": false, "step": "waiting" })),
        Some(false) => {
            let step = shared.step.load(Ordering::Relaxed);
            http::json(200, &json!({ "joined": true, "step": step }))
        }
    }
}

fn join(shared: &Shared, rq: &Incoming) -> Reply {
    let body = form(&rq.body);
    let code = field(&body, "code").unwrap_or_default();
    let lang = shared.lang();
    let now = shared.now();
    // The code first: without it nothing of the session is looked at, let alone shown.
    let checked = shared.guard().check_code(rq.from, code, now);
    if let Err(why) = checked {
        let (status, notice) = join_refusal(why);
        let reply = code_refused(rq.head, lang, status, notice);
        return if status == 429 {
            http::retry_after(reply, 60)
        } else {
            reply
        };
    }
    let Some(roster) = roster(shared) else {
        return busy();
    };
    let result = who(&roster, &body)
        .map_err(|why| (400, why))
        .and_then(|(participant, name)| {
            shared
                .guard()
                .join(rq.from, code, participant, &name, now)
                .map_err(join_refusal)
        });
    match result {
        Ok(token) => {
            let reply = if rq.head.wants_json() {
                http::json(200, &json!({ "joined": true }))
            } else {
                http::see_other("/")
            };
            http::with_token(reply, &token)
        }
        Err((status, notice)) if rq.head.wants_json() => {
            http::json(status, &json!({ "error": notice }))
        }
        Err((status, notice)) => http::html(
            status,
            page::join(&roster, code, Some(tr_notice(lang, notice))),
        ),
    }
}

/// The status and notice of a refused join.
fn join_refusal(why: JoinRefusal) -> (u16, &'static str) {
    match why {
        JoinRefusal::WrongCode => (403, "wrong_code"),
        JoinRefusal::TooManyGuesses => (429, "too_many"),
        JoinRefusal::Full => (503, "full"),
        JoinRefusal::NoAnonymous => (403, "no_anonymous"),
    }
}

/// Whom a join form asks for: a name from the list, anonymous, or a new name typed (which
/// waits for the facilitator, unless it is on the list after all).
fn who(
    roster: &Roster,
    body: &[(String, String)],
) -> Result<(Option<ParticipantId>, String), &'static str> {
    let listed = |id: ParticipantId| roster.participants.iter().find(|(p, _)| *p == id);
    match field(body, "participant").unwrap_or_default() {
        "anonymous" => Ok((Some(ParticipantId::ANONYMOUS), String::new())),
        "new" => {
            let typed = crate::sanitize::line(field(body, "name").unwrap_or_default());
            let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
            match name.chars().count() {
                0 => Err("bad_name"),
                n if n > MAX_NAME_CHARS => Err("bad_name"),
                _ => Ok(roster
                    .participants
                    .iter()
                    .find(|(_, p)| p.to_lowercase() == name.to_lowercase())
                    .map_or((None, name), |(id, p)| (Some(*id), p.clone()))),
            }
        }
        id => id
            .parse()
            .ok()
            .map(ParticipantId)
            .and_then(listed)
            .map(|(id, name)| (Some(*id), name.clone()))
            .ok_or("invalid"),
    }
}

/// An idea, an edit, a score, a role or a dot from a joined device.
fn post(shared: &Shared, rq: &Incoming) -> Reply {
    let lang = shared.lang();
    let poster = match rq.token.as_deref() {
        Some(token) => shared.guard().post(token, shared.now()),
        None => Err(DeviceRefusal::Unknown),
    };
    let (participant, device) = match poster {
        Ok(p) => p,
        Err(DeviceRefusal::Unknown) => return done(rq.head, lang, 401, "left", None),
        Err(DeviceRefusal::TooFast) => {
            return http::retry_after(done(rq.head, lang, 429, "too_fast", None), 1);
        }
        Err(DeviceRefusal::Waiting) => return done(rq.head, lang, 409, "waiting", None),
    };
    let body = form(&rq.body);
    let ballot = Ballot::of(rq.head);
    let ask = match parse(rq.path, &body, participant, &device, &ballot.id) {
        Ok(ask) => ask,
        Err(notice) => return done(rq.head, lang, 400, notice, None),
    };
    let reply = answer_post(shared, rq, lang, ask);
    if rq.path == "/pulse" {
        ballot.given_with(reply)
    } else {
        reply
    }
}

/// The loop's answer to a device's post, as the device is told it.
fn answer_post(shared: &Shared, rq: &Incoming, lang: Language, ask: Ask) -> Reply {
    match shared.ask(ask) {
        Some(Answer::Received(id)) => done(rq.head, lang, 200, "received", id),
        Some(Answer::Refused(why)) => {
            let (status, notice) = match why {
                Refusal::UnknownParticipant => (401, "left"),
                Refusal::StepMoved => (409, "step_moved"),
                Refusal::NotYours => (403, "not_yours"),
                Refusal::Invalid => (400, "invalid"),
                Refusal::NotSaved => (503, "not_saved"),
                Refusal::NoDotsLeft => (409, "no_dots_left"),
                Refusal::NoDotHere => (409, "no_dot_here"),
                Refusal::Stale => (409, "stale"),
                Refusal::NamedOnly => (403, "named_only"),
            };
            done(rq.head, lang, status, notice, None)
        }
        Some(_) | None => http::retry_after(done(rq.head, lang, 503, "not_saved", None), 1),
    }
}

/// What a device's post asks, checked before it goes to the loop.
fn parse(
    path: &str,
    body: &[(String, String)],
    participant: ParticipantId,
    device: &str,
    ballot: &str,
) -> Result<Ask, &'static str> {
    let text = || {
        // Line breaks and tabs become spaces (an idea is one line); any other control
        // character or escape sequence is shown visibly, so none reaches a terminal.
        let raw: String = field(body, "text")
            .unwrap_or_default()
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let text = crate::sanitize::line(&raw).trim().to_string();
        match text.chars().count() {
            0 => Err("invalid"),
            n if n > MAX_IDEA_CHARS => Err("too_long"),
            _ => Ok(text),
        }
    };
    Ok(match path {
        "/idea" => {
            let key = field(body, "key").unwrap_or_default();
            let good_key = !key.is_empty()
                && key.len() <= MAX_PAGE_KEY
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !good_key {
                return Err("invalid");
            }
            Ask::Idea {
                participant,
                text: text()?,
                // The key is the device's own: another device sending it makes its own idea.
                key: format!("{device}.{key}"),
                step: field(body, "step").and_then(|s| s.parse().ok()),
            }
        }
        "/edit" => Ask::Edit {
            participant,
            idea: field(body, "idea")
                .and_then(|i| i.parse().ok())
                .map(IdeaId)
                .ok_or("invalid")?,
            text: text()?,
        },
        "/pulse" => Ask::Pulse {
            participant,
            ballot: ballot.to_string(),
            item: field(body, "item").unwrap_or_default().to_string(),
            score: field(body, "score")
                .and_then(|s| s.parse().ok())
                .ok_or("invalid")?,
        },
        "/dot" => Ask::Dot {
            participant,
            step: number(body, "step")?,
            group: GroupId(number(body, "group")?),
            mine: number(body, "mine")?,
        },
        _ => Ask::Role {
            participant,
            role: field(body, "role").unwrap_or_default().to_string(),
        },
    })
}

/// A number field of a form.
fn number<T: std::str::FromStr>(body: &[(String, String)], name: &str) -> Result<T, &'static str> {
    field(body, name)
        .and_then(|v| v.parse().ok())
        .ok_or("invalid")
}

/// The answer to a post: JSON for the script, back to the page (with a notice) for a form.
fn done(head: &Head, lang: Language, status: u16, notice: &str, id: Option<IdeaId>) -> Reply {
    if head.wants_json() {
        let body = json!({
            "ok": status == 200,
            "notice": notice,
            "message": tr_notice(lang, notice),
            "id": id.map(|i| i.0),
        });
        http::json(status, &body)
    } else if status == 413 || status == 400 && notice == "too_long" {
        http::respond(status, "text/plain", notice.to_string())
    } else {
        http::see_other(&format!("/?m={notice}"))
    }
}
