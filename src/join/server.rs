//! The HTTP side: a few threads take requests from `tiny_http`, check who is asking, and
//! pass what needs the session to the event loop (see `ask.rs`), waiting for its answer.
//! Only the routes below exist; nothing is ever read from the file system.

use super::ask::{ANSWER_WITHIN, Answer, Ask, Refusal, Request, Roster};
use super::guard::{DeviceRefusal, Guard, JoinRefusal, MAX_NAME_CHARS, new_token};
use super::http::{self, Reply, field, form};
use super::page::{self, MAX_IDEA_CHARS};
use crate::domain::{GroupId, IdeaId, Language, MAX_POST_KEY, ParticipantId};
use serde_json::json;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How often a thread waiting for the loop looks whether joining was turned off.
pub const STOP_CHECK: Duration = Duration::from_millis(100);
use tiny_http::Method;

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
}

impl Shared {
    pub fn guard(&self) -> std::sync::MutexGuard<'_, Guard> {
        self.guard.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn lang(&self) -> Language {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner)
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
}

/// One request, as the routes see it.
struct Incoming {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    from: IpAddr,
    token: Option<String>,
    /// The script asked (JSON answers); a plain form gets pages and redirects.
    wants_json: bool,
    body: Option<String>,
}

/// Answers one request.
pub fn handle(shared: &Shared, mut rq: tiny_http::Request) {
    let url = rq.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let headers = rq.headers();
    let wants_json = http::header(headers, "Accept").is_some_and(|a| a.contains("json"));
    let token = http::token(headers);
    let from = rq
        .remote_addr()
        .map_or(IpAddr::from([0, 0, 0, 0]), |a| a.ip());
    let method = rq.method().clone();
    let body = if method == Method::Post {
        let declared = rq.body_length();
        match http::body(rq.as_reader(), declared) {
            Some(body) => Some(body),
            None => {
                let _ = rq.respond(http::respond(413, "text/plain", "too large"));
                return;
            }
        }
    } else {
        None
    };
    let incoming = Incoming {
        method,
        path: path.to_string(),
        query: form(query),
        from,
        token,
        wants_json,
        body,
    };
    let _ = rq.respond(route(shared, &incoming));
}

fn route(shared: &Shared, rq: &Incoming) -> Reply {
    match (&rq.method, rq.path.as_str()) {
        (Method::Get, "/app.css") => http::respond(200, "text/css; charset=utf-8", STYLE),
        (Method::Get, "/app.js") => http::respond(200, "text/javascript; charset=utf-8", SCRIPT),
        (Method::Get, "/") => home(shared, rq),
        (Method::Get, "/state") => state(shared, rq),
        (Method::Post, "/join") => join(shared, rq),
        (Method::Post, "/idea" | "/edit" | "/pulse" | "/role" | "/dot") => post(shared, rq),
        (_, "/" | "/state" | "/join" | "/idea" | "/edit" | "/pulse" | "/role" | "/dot") => {
            http::respond(405, "text/plain", "method not allowed")
        }
        _ => http::respond(404, "text/plain", "not found"),
    }
}

fn busy() -> Reply {
    http::retry_after(http::respond(503, "text/plain", "busy, try again"), 1)
}

/// The join page, or the step's page for a device that has joined (or the waiting page,
/// for a new name the facilitator has not let in yet).
fn home(shared: &Shared, rq: &Incoming) -> Reply {
    let (device, refused) = match rq.token.as_deref() {
        Some(t) => {
            let mut guard = shared.guard();
            let device = guard.device(t, Instant::now()).ok().cloned();
            (device, guard.was_refused(t))
        }
        None => (None, false),
    };
    let lang = shared.lang();
    let notice = field(&rq.query, "m").and_then(|m| page::notice(lang, m));
    let Some(device) = device else {
        let notice = if refused {
            Some(tr_notice(lang, "refused"))
        } else {
            notice
        };
        return join_page(shared, 200, field(&rq.query, "c").unwrap_or(""), notice);
    };
    let Some(participant) = device.participant else {
        return match roster(shared) {
            Some(roster) => http::html(200, page::waiting(&roster, &device.name)),
            None => busy(),
        };
    };
    match shared.ask(Ask::Page { participant }) {
        Some(Answer::Page(page)) => http::html(200, page::step(&page, &new_token(), notice)),
        Some(_) => join_page(shared, 200, "", Some(tr_notice(lang, "left"))),
        None => busy(),
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
        guard.device(t, Instant::now()).ok().map(|d| d.is_waiting())
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
    let body = form(rq.body.as_deref().unwrap_or_default());
    let code = field(&body, "code").unwrap_or_default();
    let lang = shared.lang();
    let Some(roster) = roster(shared) else {
        return busy();
    };
    let now = Instant::now();
    let result = match who(&roster, &body) {
        Ok((participant, name)) => shared
            .guard()
            .join(rq.from, code, participant, &name, now)
            .map_err(join_refusal),
        // No such name: the code is still checked (and counted) first.
        Err(why) => match shared.guard().check_code(rq.from, code, now) {
            Ok(()) => Err((400, why)),
            Err(e) => Err(join_refusal(e)),
        },
    };
    let refused = |status, notice| {
        let reply = if rq.wants_json {
            http::json(status, &json!({ "error": notice }))
        } else {
            http::html(
                status,
                page::join(&roster, code, Some(tr_notice(lang, notice))),
            )
        };
        if status == 429 {
            http::retry_after(reply, 60)
        } else {
            reply
        }
    };
    match result {
        Ok(token) => {
            let reply = if rq.wants_json {
                http::json(200, &json!({ "joined": true }))
            } else {
                http::see_other("/")
            };
            http::with_token(reply, &token)
        }
        Err((status, notice)) => refused(status, notice),
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
    let participant = match rq.token.as_deref() {
        Some(token) => shared.guard().post(token, Instant::now()),
        None => Err(DeviceRefusal::Unknown),
    };
    let participant = match participant {
        Ok(p) => p,
        Err(DeviceRefusal::Unknown) => return done(rq, 401, "left", None),
        Err(DeviceRefusal::TooFast) => {
            return http::retry_after(done(rq, 429, "too_fast", None), 1);
        }
        Err(DeviceRefusal::Waiting) => return done(rq, 409, "waiting", None),
    };
    let body = form(rq.body.as_deref().unwrap_or_default());
    let ask = match parse(rq.path.as_str(), &body, participant) {
        Ok(ask) => ask,
        Err(notice) => return done(rq, 400, notice, None),
    };
    match shared.ask(ask) {
        Some(Answer::Received(id)) => done(rq, 200, "received", id),
        Some(Answer::Refused(why)) => {
            let (status, notice) = match why {
                Refusal::UnknownParticipant => (401, "left"),
                Refusal::StepMoved | Refusal::NotYours => (409, "step_moved"),
                Refusal::Invalid => (400, "invalid"),
                Refusal::NotSaved => (503, "not_saved"),
                Refusal::NoDotsLeft => (409, "no_dots_left"),
                Refusal::NoDotHere => (409, "no_dot_here"),
                Refusal::Stale => (409, "stale"),
                Refusal::NamedOnly => (403, "named_only"),
            };
            done(rq, status, notice, None)
        }
        Some(_) | None => http::retry_after(done(rq, 503, "not_saved", None), 1),
    }
}

/// What a device's post asks, checked before it goes to the loop.
fn parse(
    path: &str,
    body: &[(String, String)],
    participant: ParticipantId,
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
                && key.len() <= MAX_POST_KEY
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !good_key {
                return Err("invalid");
            }
            Ask::Idea {
                participant,
                text: text()?,
                key: key.to_string(),
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
fn done(rq: &Incoming, status: u16, notice: &str, id: Option<IdeaId>) -> Reply {
    if rq.wants_json {
        let body = json!({
            "ok": status == 200,
            "notice": notice,
            "id": id.map(|i| i.0),
        });
        http::json(status, &body)
    } else if status == 413 || status == 400 && notice == "too_long" {
        http::respond(status, "text/plain", notice.to_string())
    } else {
        http::see_other(&format!("/?m={notice}"))
    }
}
