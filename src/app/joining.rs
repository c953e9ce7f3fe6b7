//! Joining from the facilitator's side: turning it on and off (F6, `open --join`), the join
//! panel (link, code, QR code, who has joined, sending a device away), and taking the
//! devices' requests from the event loop to the open session.

use super::join_answer;
use super::{App, AppEvent, Message, Overlay, Screen};
use crate::domain::{Applied, Change, ParticipantId};
use crate::i18n::{tr, trf};
use crate::join::{Answer, Joining, Refusal, Request};
use crate::workspace::device_save;
use std::sync::Arc;
use std::sync::mpsc::Sender;

impl App {
    /// Gives the app the event loop's channel, so a join server can reach it; starts joining
    /// if the command line asked for it.
    pub fn connect(&mut self, events: Sender<AppEvent>) {
        self.events = Some(events);
        if let Some(bind) = self.join.at_start.take() {
            self.message = self.start_joining(bind.as_deref());
        }
    }

    /// The join server's deadlines and caps from the next time joining starts (tests make
    /// them short, so nothing waits on wall time).
    pub fn set_join_limits(&mut self, limits: crate::join::Limits) {
        self.join.limits = limits;
    }

    /// Turns joining on for the open session, listening on `bind` (else the LAN address).
    pub fn start_joining(&mut self, bind: Option<&str>) -> Option<Message> {
        let events = self.events.clone()?;
        let Screen::Run(run) = &mut self.screen else {
            return None;
        };
        let lang = run.lang();
        if let Some(reason) = run.ws.read_only_text() {
            return Message::error(trf(lang, "msg.read_only_nothing_changed", &[&reason]));
        }
        if run.join.is_some() {
            return None;
        }
        let addr = match crate::join::bind_address(bind) {
            Ok(addr) => addr,
            Err(e) => return Message::error(e.to_string()),
        };
        if self.join.saver.is_none() {
            // the thread that renders devices' batches, from the first time joining is on
            self.join.saver =
                crate::workspace::device_save::Saver::start(AppEvent::saver_outlet(events.clone()));
        }
        let deliver: crate::join::Deliver =
            Arc::new(move |request| events.send(AppEvent::Join(request)).is_ok());
        let session = run.session();
        let step = session.current_step_index();
        let (clock, limits) = (self.clock.clone(), self.join.limits);
        match Joining::start(addr, lang, step, deliver, clock, limits) {
            Ok(server) => {
                server.set_anonymous(self.join.anonymous);
                let link = server.link().to_string();
                run.join = Some(crate::screens::run::Joined::new(server, step));
                run.join_link_changed(Some(link.clone()));
                self.join.bind = bind.map(str::to_string);
                self.overlay = Some(Overlay::Join { selected: 0 });
                Message::info(trf(lang, "msg.joining_on", &[&link]))
            }
            Err(e) => Message::error(trf(lang, "msg.joining_failed", &[&e])),
        }
    }

    /// Turns joining off: the server stops and the port closes.
    pub fn stop_joining(&mut self) -> Option<Message> {
        let Screen::Run(run) = &mut self.screen else {
            return None;
        };
        run.join.take()?;
        run.join_link_changed(None);
        Message::info(tr(run.lang(), "msg.joining_off"))
    }

    /// F6 on the run screen: joining on (and its panel shown), or the panel again.
    pub(super) fn joining_key(&mut self) -> Option<Message> {
        match &self.screen {
            Screen::Run(run) if run.join.is_some() => {
                self.overlay = Some(Overlay::Join { selected: 0 });
                None
            }
            Screen::Run(_) => {
                let bind = self.join.bind.clone();
                self.start_joining(bind.as_deref())
            }
            _ => None,
        }
    }

    /// A key in the join panel: move through the devices, send one away, turn joining off.
    pub(super) fn update_join_panel(&mut self, selected: usize, action: super::Action) {
        use super::Action;
        let devices = self
            .joined()
            .map(|j| j.view.devices.clone())
            .unwrap_or_default();
        let last = devices.len().saturating_sub(1);
        self.overlay = match action {
            Action::Cancel => None,
            Action::Up => Some(Overlay::Join {
                selected: selected.saturating_sub(1),
            }),
            Action::Down => Some(Overlay::Join {
                selected: (selected + 1).min(last),
            }),
            Action::Commit => {
                if let Some((token, device)) = devices.get(selected)
                    && device.is_waiting()
                {
                    self.message = self.admit(token, &device.name);
                }
                Some(Overlay::Join { selected })
            }
            Action::Delete => {
                if let (Some((token, device)), Some(joined)) =
                    (devices.get(selected), self.joined())
                {
                    let (done, key) = if device.is_waiting() {
                        (joined.server.refuse(token), "msg.device_refused")
                    } else {
                        (joined.server.revoke(token), "msg.device_revoked")
                    };
                    let anonymous = tr(self.language(), "idea.anonymous");
                    let name = crate::sanitize::line(device.shown_name(anonymous)).into_owned();
                    if done {
                        self.message = Message::info(trf(self.language(), key, &[&name]));
                    }
                }
                Some(Overlay::Join {
                    selected: selected.min(last.saturating_sub(1)),
                })
            }
            Action::Anonymous => {
                self.message = self.toggle_anonymous();
                Some(Overlay::Join { selected })
            }
            Action::Joining => {
                self.message = self.stop_joining();
                None
            }
            _ => Some(Overlay::Join { selected }),
        };
    }

    /// The facilitator lets a device with a new name in: the name becomes a participant of
    /// the session (one undoable change), unless someone of that name is there already.
    fn admit(&mut self, token: &str, name: &str) -> Option<Message> {
        let clock = self.clock.as_ref();
        let Screen::Run(run) = &mut self.screen else {
            return None;
        };
        let lang = run.lang();
        let known = run.session().participants_named(name).next().map(|p| p.id);
        let id = match known {
            Some(id) => id,
            None => {
                let mut added = None;
                let problem = run.ws.transact(clock, |tx| {
                    if let Applied::Created(id) = tx.apply(Change::AddParticipant(name.into()))? {
                        added = u32::try_from(id).ok().map(ParticipantId);
                    }
                    Ok(())
                });
                match added {
                    Some(id) if problem.is_none() => id,
                    _ => return problem,
                }
            }
        };
        run.join.as_ref()?.server.admit(token, id);
        Message::info(trf(
            lang,
            "msg.device_admitted",
            &[&crate::sanitize::line(name)],
        ))
    }

    /// `a` in the join panel: devices may join without a name, or no longer (those joined
    /// anonymously stay until sent away).
    fn toggle_anonymous(&mut self) -> Option<Message> {
        let lang = self.language();
        let allowed = {
            let joined = self.joined()?;
            let allowed = !joined.server.anonymous();
            joined.server.set_anonymous(allowed);
            allowed
        };
        self.join.anonymous = allowed;
        let key = if allowed {
            "msg.anonymous_on"
        } else {
            "msg.anonymous_off"
        };
        Message::info(tr(lang, key))
    }

    /// The running join server of the open session, if joining is on.
    pub fn joined(&self) -> Option<&crate::screens::run::Joined> {
        match &self.screen {
            Screen::Run(run) => run.join.as_ref(),
            _ => None,
        }
    }

    /// Answers device requests from the open session; new ideas are saved together.
    pub(super) fn take_join(&mut self, requests: Vec<Request>) {
        let clock = self.clock.as_ref();
        let Screen::Run(run) = &mut self.screen else {
            for request in requests {
                request.answer(Answer::Refused(Refusal::NotSaved));
            }
            return;
        };
        let ideas: Vec<Request> = requests
            .into_iter()
            .filter_map(|r| join_answer::answer(&mut run.ws, clock, r))
            .collect();
        // A question the room has reached takes ideas even while the facilitator looks back.
        let reached = run.join.as_ref().map_or(0, |j| j.furthest);
        let taken = join_answer::take_ideas(&mut run.ws, clock, ideas, reached);
        if let Some(step) = taken.elsewhere {
            let title = crate::sanitize::line(&step).into_owned();
            self.message = Message::info(trf(run.lang(), "msg.idea_other_step", &[&title]));
        }
        let Some(batch) = taken.batch else {
            return;
        };
        let unsent = match &self.join.saver {
            Some(saver) => saver.send(batch, run.ws.session()),
            None => Some(batch),
        };
        if let Some(batch) = unsent {
            self.message = device_save::finish(&mut run.ws, batch).or(self.message.take());
        }
    }

    /// A batch of devices' ideas came back from the saver thread: written, then answered.
    /// True when that has something to tell the facilitator (a failed save, say).
    pub fn device_saved(&mut self, batch: device_save::DeviceSave) -> bool {
        match &mut self.screen {
            Screen::Run(run) => {
                let told = device_save::finish(&mut run.ws, batch);
                let something = told.is_some();
                if told.is_some() {
                    self.message = told;
                }
                something
            }
            _ => {
                batch.abandon();
                false
            }
        }
    }

    /// Requests still waiting when the program leaves: nothing of theirs was saved.
    pub(super) fn refuse_join(&mut self) {
        for request in self.join.queue.drain(..) {
            request.answer(Answer::Refused(Refusal::NotSaved));
        }
    }

    /// The join panel's look at the server, taken again after an event.
    pub(super) fn refresh_join(&mut self) {
        if let Screen::Run(run) = &mut self.screen
            && let Some(joined) = &mut run.join
        {
            joined.refresh();
        }
    }

    /// Tells the devices' pages which step is current (and remembers the furthest one).
    pub(super) fn publish_join(&mut self) {
        if let Screen::Run(run) = &mut self.screen {
            let (step, lang) = (run.session().current_step_index(), run.lang());
            if let Some(joined) = &mut run.join {
                joined.furthest = joined.furthest.max(step);
                joined.server.publish(step, lang);
            }
        }
    }
}
